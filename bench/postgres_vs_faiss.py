"""The PostgreSQL store against the FAISS files on the same questions, in one run.

    .venv/bin/python bench/postgres_vs_faiss.py [--http]

Starts a throw-away PostgreSQL with pgvector (as the tests do), indexes squad-dev into it and into
index/squad, scores both with `qa eval`'s code and prints quality and in-process latency side by side.
With --http it also runs bench/latency.sh (gunicorn + wrk) against each store.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.config import Settings  # noqa: E402
from qa.embedders import make_embedder  # noqa: E402
from qa.engine import Engine  # noqa: E402
from qa.evaluate import evaluate, read_questions  # noqa: E402
from qa.indexer import build_index  # noqa: E402
from tests.pg_server import PostgresServer, postgres_bin  # noqa: E402

EVAL = Path(os.environ.get("EVAL", ROOT.parent / "shared" / "eval")) / "squad-dev"
FIGURES = ("answer_accuracy", "recall@1", "recall@5", "recall@20", "mrr@10", "wrong_abstentions")


def main() -> None:
    bindir = postgres_bin()
    if bindir is None:
        sys.exit("PostgreSQL with pgvector is needed: make postgres")
    files = Settings.from_env(index=str(ROOT / "index" / "squad"), store="")
    embedder = make_embedder(files)
    questions = read_questions(EVAL / "questions.jsonl")
    with PostgresServer(bindir) as server:
        database = files.with_(store=server.url)
        built = {}
        for name, settings in (("faiss", files), ("postgresql", database)):
            built[name] = build_index([EVAL / "articles"], settings.index, settings, lambda: embedder)
        reports = {name: evaluate(Engine(settings, embedder).ask, questions)
                   for name, settings in (("faiss", files), ("postgresql", database))}
        print(f"squad-dev: {len(questions)} questions, {built['faiss'].chunks} chunks; "
              f"PostgreSQL index built in {built['postgresql'].seconds:.1f} s")
        print(f"{'':>20} {'faiss':>10} {'postgresql':>11} {'difference':>11}")
        for figure in FIGURES:
            a, b = reports["faiss"][figure], reports["postgresql"][figure]
            print(f"{figure:>20} {a:>10} {b:>11} {b - a:>+11.4g}")
        for stat in ("p50", "p95"):
            a, b = reports["faiss"]["latency_ms"][stat], reports["postgresql"]["latency_ms"][stat]
            print(f"{'in-process ' + stat + ' ms':>20} {a:>10} {b:>11} {b / a:>10.2f}x")
        if "--http" in sys.argv:
            for name, store in (("faiss", ""), ("postgresql", server.url)):
                print(f"== bench/latency.sh, {name}", flush=True)
                subprocess.run(["bash", str(ROOT / "bench" / "latency.sh"), files.index], check=True,
                               env={**os.environ, "QA_STORE": store})


if __name__ == "__main__":
    main()
