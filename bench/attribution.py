"""Who says each sentence, against hand-labelled speakers of 100 random BBC sentences.

    .venv/bin/python bench/attribution.py INDEX [bench/attribution-bbc.jsonl]

INDEX is an index of ../shared/eval/bbc-news/articles (`qa index ../shared/eval/bbc-news/articles --index
INDEX`). The labels (`bench/attribution-bbc.md`) give each sentence as a character range of its article's
text as indexed, with the person or body whose words it reports (null for narration). A speaker found is
right when it names the labelled one (the same surname, or either name holds the other). Prints each
sentence that is not right, then the totals: precision over the sentences given a speaker, recall over
the sentences that have one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.attribution import surname  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.store import backend  # noqa: E402


def same_speaker(found: str, labelled: str) -> bool:
    found, labelled = found.lower(), labelled.lower()
    return surname(found) == surname(labelled) or found in labelled or labelled in found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index")
    parser.add_argument("labels", nargs="?", default=str(Path(__file__).with_name("attribution-bbc.jsonl")))
    args = parser.parse_args()
    corpus = backend(Settings(index=args.index)).open().corpus
    with open(args.labels, encoding="utf-8") as lines:
        labels = [json.loads(line) for line in lines if line.strip()]
    counts = {"right": 0, "wrong": 0, "missed": 0, "extra": 0, "narration": 0}
    for label in labels:
        article = corpus.articles.number(label["path"])
        first, last = int(corpus.sentence_offsets[article]), int(corpus.sentence_offsets[article + 1])
        sentence = next(s for s in range(first, last) if corpus.sentence(s).start == label["start"])
        found, labelled = corpus.speakers[sentence], label["speaker"]
        if found is None and labelled is None:
            counts["narration"] += 1
            continue
        outcome = ("extra" if labelled is None else "missed" if found is None
                   else "right" if same_speaker(found, labelled) else "wrong")
        counts[outcome] += 1
        if outcome != "right":
            print(f"{outcome:6} found {found!r:32} labelled {labelled!r:32} {label['path']} {label['start']}")
    given = counts["right"] + counts["wrong"] + counts["extra"]
    having = counts["right"] + counts["wrong"] + counts["missed"]
    print(f"{counts}\nprecision {counts['right'] / max(1, given):.3f} ({counts['right']}/{given}), "
          f"recall {counts['right'] / max(1, having):.3f} ({counts['right']}/{having})")


if __name__ == "__main__":
    main()
