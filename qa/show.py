"""An /ask reply as text for a terminal: what `qa ask` prints without --json."""

from __future__ import annotations

import textwrap

WIDTH = 100


def byline(source: dict) -> str:
    """Title · outlet · date, leaving out what the article does not give."""
    return " · ".join(part for part in (source.get("title"), source.get("outlet"), source.get("published")) if part)


def _indented(text: str, indent: str = "    ") -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent)


def _answer_lines(answer: dict, passages: list[dict]) -> list[str]:
    home = next((p for p in passages if p.get("highlight")), None)
    cite = f" [{home['rank']}]" if home else ""
    lines = [textwrap.fill(answer["text"] + cite, WIDTH)]
    if answer.get("speaker"):
        lines.append(f"  Speaker: {answer['speaker']}")
    lines.append(f"  Source: {byline(answer['source'])} ({answer['source']['path']})")
    others = answer.get("corroboration") or []
    if others:
        lines.append(f"  Also reported by: {'; '.join(c.get('outlet') or c['title'] for c in others)}")
    statements = answer.get("statements") or []
    if len(statements) > 1:
        lines.append(f"  Everything {answer.get('speaker') or 'they'} said on this, oldest first:")
        for n, statement in enumerate(statements, start=1):
            carried = statement["corroboration"]
            also = f"; also in {len(carried)} more" if carried else ""
            lines.append(_indented(f"{n}. \"{statement['text']}\" ({byline(statement['source'])}{also})", "    "))
        if answer.get("statements_more"):
            lines.append(f"    and {answer['statements_more']} more")
    figures = answer.get("figures") or []
    if figures:
        lines.append("  Figures, oldest first:")
        for found in figures:
            when = found.get("published") or "undated"
            lines.append(f"    {found.get('value') or '?'} ({when}) {byline({**found, 'published': None})}")
    return lines


def as_text(reply: dict) -> str:
    """The answer, its speaker, source, corroborating outlets, the speaker's other statements on the topic
    and figures, then the numbered passages."""
    lines = []
    if reply.get("understood_as"):
        lines.append(f"Understood as: {reply['understood_as']}")
    if reply.get("note"):
        lines.append(f"Note: {reply['note']}.")
    passages = reply.get("passages") or []
    if reply.get("answer"):
        lines += _answer_lines(reply["answer"], passages)
    else:
        lines.append("The articles don't say.")
    if passages:
        lines.append("\nPassages:")
        for passage in passages:
            source = passage["source"]
            lines.append(f"[{passage['rank']}] {byline(source)} ({source['path']}), score {passage['score']:.2f}")
            lines.append(_indented(passage["text"]))
    return "\n".join(lines)
