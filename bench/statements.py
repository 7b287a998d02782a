"""Precision and recall of `answer.statements` against hand-labelled "what did X say about Y" questions.

    .venv/bin/python bench/statements.py INDEX [bench/statements-bbc.jsonl] [--part dev|dev2|...|dev43|held-out]
        [--articles ../shared/eval/bbc-news/articles]

INDEX is an index of ../shared/eval/bbc-news/articles (`qa index ../shared/eval/bbc-news/articles --index
INDEX`). The labels give each statement as a character range of its article (the archive's text stays out
of this repository), read from --articles. A listed statement is right when it, or an article carrying the
same statement, is a labelled one (the same article, and either text holds the other); precision counts
listed entries, recall counts labelled sentences found among the entries and their corroboration, with the
list uncapped (--cap).
Prints one line per question and the totals per part: the dev parts were looked at while building, the
held-out part was not.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import qa.answer  # noqa: E402
from qa.answer.statements import asked_topic  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.engine import Engine  # noqa: E402


@functools.cache
def _article(folder: str, path: str) -> str:
    """An article's text as the index reads it: UTF-8, else Windows-1252."""
    raw = (Path(folder) / path).read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _same(listed: dict, label: dict) -> bool:
    a, b = " ".join(listed["text"].split()), " ".join(label["text"].split())
    return listed["path"] == label["path"] and (a in b or b in a)


def score(reply: dict, labels: list[dict]) -> tuple[int, int, int, int]:
    """(right entries, entries, labelled sentences found, labelled sentences)."""
    entries = (reply.get("answer") or {}).get("statements", [])
    carried = [[{"path": e["source"]["path"], "text": e["text"]},
                *({"path": c["path"], "text": c["text"]} for c in e["corroboration"])] for e in entries]
    right = sum(any(_same(s, label) for s in group for label in labels) for group in carried)
    found = sum(any(_same(s, label) for group in carried for s in group) for label in labels)
    return right, len(entries), found, len(labels)


def _ms(call, repeats: int = 5) -> float:
    """The median time of `call()`."""
    took = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        took.append((time.perf_counter() - started) * 1000)
    return statistics.median(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index")
    parser.add_argument("labels", nargs="?", default=str(Path(__file__).with_name("statements-bbc.jsonl")))
    parser.add_argument("--part", help="only the questions of this part (dev, dev2 ... dev43, held-out)")
    parser.add_argument("--articles", default=str(ROOT.parent / "shared/eval/bbc-news/articles"))
    parser.add_argument("--cap", type=int, default=1000,
                        help="statements listed per reply (the service lists 10 and counts the rest)")
    args = parser.parse_args()
    qa.answer.MAX_STATEMENTS = args.cap
    listing: list[float] = []  # ms spent gathering the statements, per question
    gather = qa.answer.statements

    def timed(*a, **k):
        started = time.perf_counter()
        try:
            return gather(*a, **k)
        finally:
            listing.append((time.perf_counter() - started) * 1000)

    qa.answer.statements = timed
    engine = Engine(Settings(index=args.index, top_k=5))
    with open(args.labels, encoding="utf-8") as lines:
        questions = [json.loads(line) for line in lines if line.strip()]
    for q in questions:
        q["statements"] = [{"path": s["path"], "text": _article(args.articles, s["path"])[s["start"]:s["end"]]}
                           for s in q["statements"]]
    totals: dict[str, list[int]] = {}
    took: list[float] = []
    topic_embedding: list[float] = []  # ms the topic adds to embedding the question (pooled from its pass)
    for q in questions:
        if args.part and q["part"] != args.part:
            continue
        reply = engine.ask(q["question"])
        search = reply.get("understood_as", q["question"])
        topic = asked_topic(search)
        if topic and topic.phrase:
            topic_embedding.append(_ms(functools.partial(engine.embed_question, search))
                                   - _ms(functools.partial(engine.embedder.encode, [search])))
        took.append(reply["took_ms"])
        right, listed, found, labelled = score(reply, q["statements"])
        part = totals.setdefault(q["part"], [0, 0, 0, 0])
        for n, value in enumerate((right, listed, found, labelled)):
            part[n] += value
        more = (reply.get("answer") or {}).get("statements_more", 0)
        print(f"{q['id']} {q['part']:8} listed {listed:2} (+{more}) right {right:2}  found {found:2}/{labelled:2}  "
              f"{q['question']}")
    for part, (right, listed, found, labelled) in sorted(totals.items()):
        print(f"{part}: precision {right / max(1, listed):.3f} ({right}/{listed}), "
              f"recall {found / max(1, labelled):.3f} ({found}/{labelled})")
    print(f"/ask p50 {statistics.median(took):.1f} ms over {len(took)} questions; gathering the statements: "
          f"p50 {statistics.median(listing or [0]):.1f} ms, max {max(listing or [0]):.1f} ms; embedding the topic "
          f"with the question: p50 {statistics.median(topic_embedding or [0]):.1f} ms")


if __name__ == "__main__":
    main()
