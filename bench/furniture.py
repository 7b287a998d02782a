"""Page furniture among shown passages on news-dev: a fixed sample of articles and questions, the shown
passages of an index built from it, and the share that hand labels call furniture.

    .venv/bin/python bench/furniture.py sample OUT            # OUT/articles/sample.jsonl, OUT/questions.jsonl
    .venv/bin/qa index OUT/articles --index OUT/index         # once with furniture detection, once without
    .venv/bin/python bench/furniture.py shown OUT/index NAME  # asks the questions; bench/furniture-NAME.jsonl
    .venv/bin/python bench/furniture.py show NAME             # the drawn passages' text, to label them
    .venv/bin/python bench/furniture.py shares [OUT]          # the labelled shares, per build; with OUT, also
                                                              # the shown passages holding a line furniture.py marks

The sample: 100 questions drawn with seed 14, the articles they cite, and random other articles up to 300.
`shown` writes every shown passage (question id, rank, article path, character span) and marks 100 of them,
drawn with seed 14, for labelling; labels live in bench/furniture-labels.jsonl as {"build", "question",
"rank", "path", "span", "furniture", "has_furniture"} (no article text is stored: the span points into
news-dev). `furniture`: most of the passage is page furniture (teaser links, sign-up and newsletter boxes,
player messages, "follow me"/contact blurbs, share-your-thoughts forms); `has_furniture`: it holds at least
one such line, or a photo caption with its credit. Datelines ("CNN —") and bylines are not counted.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWS_DEV = HERE.parents[1] / "shared" / "eval" / "news-dev"
SEED = 14
QUESTIONS = 100
ARTICLES = 300
SHOWN = 100


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sample(out: Path) -> None:
    rows = read_jsonl(NEWS_DEV / "articles" / "news.jsonl")
    questions = read_jsonl(NEWS_DEV / "questions.jsonl")
    draw = random.Random(SEED)
    asked = draw.sample(questions, QUESTIONS)
    wanted = {path for question in asked for path in question["sources"]}
    others = [row["path"] for row in rows if row["path"] not in wanted]
    wanted |= set(draw.sample(others, max(0, ARTICLES - len(wanted))))
    (out / "articles").mkdir(parents=True, exist_ok=True)
    with open(out / "articles" / "sample.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            if row["path"] in wanted:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(out / "questions.jsonl", "w", encoding="utf-8") as handle:
        for question in asked:
            handle.write(json.dumps(question, ensure_ascii=False) + "\n")
    print(f"{len(wanted)} articles, {len(asked)} questions under {out}")


def shown(index: Path, name: str) -> None:
    from qa.config import Settings
    from qa.engine import Engine

    questions = read_jsonl(index.parent / "questions.jsonl")
    engine = Engine(Settings.from_env(index=str(index), ask_timeout=0))
    rows = []
    for question in questions:
        reply = engine.ask(question["question"], top_k=5)
        for passage in reply["passages"]:
            rows.append({"build": name, "question": question["id"], "rank": passage["rank"],
                         "path": passage["source"]["path"], "span": passage["span"]})
    for row in random.Random(SEED).sample(rows, min(SHOWN, len(rows))):
        row["drawn"] = True
    with open(HERE / f"furniture-{name}.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    print(f"{len(rows)} passages shown for {len(questions)} questions; {SHOWN} drawn for labelling")


def show(name: str) -> None:
    texts = {row["path"]: row["text"].strip() for row in read_jsonl(NEWS_DEV / "articles" / "news.jsonl")}
    for number, row in enumerate(r for r in read_jsonl(HERE / f"furniture-{name}.jsonl") if r.get("drawn")):
        start, end = row["span"]
        print(f"[{number}] {row['question']} #{row['rank']} {row['path']} {start}-{end}")
        print("    " + " | ".join(line for line in texts[row["path"]][start:end].split("\n") if line.strip()))


def shares(sample_dir: Path | None = None) -> None:
    labels = read_jsonl(HERE / "furniture-labels.jsonl")
    for build in sorted({label["build"] for label in labels}):
        mine = [label for label in labels if label["build"] == build]
        furniture = sum(label["furniture"] for label in mine)
        holding = sum(label["has_furniture"] for label in mine)
        print(f"{build}: {furniture} of {len(mine)} shown passages are mostly furniture ({furniture / len(mine):.0%}), "
              f"{holding} hold a furniture line ({holding / len(mine):.0%})")
    if sample_dir is None:
        return
    from qa.corpus import load_articles
    from qa.furniture import furniture_spans

    articles = load_articles([sample_dir / "articles"])
    marked = {article.path: spans for article, spans in zip(articles, furniture_spans(articles))}
    for build in sorted({label["build"] for label in labels}):
        rows = read_jsonl(HERE / f"furniture-{build}.jsonl")
        holding = sum(any(a < row["span"][1] and b > row["span"][0] for a, b in marked[row["path"]]) for row in rows)
        print(f"{build}: {holding} of {len(rows)} shown passages hold a line that furniture.py marks")


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["shares"]
    if command == "sample":
        sample(Path(args[0]))
    elif command == "shown":
        shown(Path(args[0]), args[1])
    elif command == "show":
        show(args[0])
    else:
        shares(Path(args[0]) if args else None)
