#!/usr/bin/env bash
# /ask latency under gunicorn, measured with wrk, against the time the model takes to embed one question.
#
#   bench/latency.sh [INDEX_DIR]     (default index/squad; build it with `make eval-squad` first)
#   QUESTIONS_JSONL=../shared/eval/news-dev/questions.jsonl bench/latency.sh index/news
#   QA_STORE=postgresql://... bench/latency.sh    (the same against an index in PostgreSQL)
#
# Prints the embedding floor, wrk's latency distribution at concurrency 1 and throughput at concurrency 8.
set -euo pipefail
cd "$(dirname "$0")/.."
INDEX=${1:-index/squad}
PORT=${PORT:-8799}
BIN=.venv/bin
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
[ -n "${QA_STORE:-}" ] || [ -f "$INDEX/manifest.json" ] || { echo "no index at $INDEX: run make eval-squad first" >&2; exit 2; }
# Every 25th question (of SQuAD unless QUESTIONS_JSONL says), as a varied load.
export QUESTIONS=$(mktemp)
$BIN/python -c "import json,sys; [print(json.loads(l)['question'].replace(chr(10), ' ')) for l in list(open(sys.argv[1]))[::25]]" \
  "${QUESTIONS_JSONL:-${EVAL:-../shared/eval}/squad-dev/questions.jsonl}" > "$QUESTIONS"

echo "== the floor: embedding one question in-process, with the model's threads as served (1) and default"
$BIN/python - <<'PY'
import statistics, time
import torch
from qa.embedder import SentenceTransformerEmbedder
e = SentenceTransformerEmbedder()
import os
qs = [l.strip() for l in open(os.environ["QUESTIONS"]) if l.strip()]
for threads in (1, torch.get_num_threads()):
    torch.set_num_threads(threads)
    for q in qs[:20]: e.encode([q])
    times = []
    for q in qs * 3:
        t = time.perf_counter(); e.encode([q]); times.append((time.perf_counter() - t) * 1000)
    print(f"embed one question, {threads} thread(s): p50 {statistics.median(times):.1f} ms")
PY

# As the Procfile serves: one worker per core, each model single-threaded.
OMP_NUM_THREADS=1 QA_INDEX=$INDEX QA_RATE_LIMIT="" $BIN/gunicorn --preload --workers 2 --threads 2 --bind 127.0.0.1:$PORT \
  'qa.app:create_app()' >/tmp/qa-bench-gunicorn.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -f "$QUESTIONS"' EXIT
for _ in $(seq 60); do curl -sf "127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
for _ in $(seq 20); do curl -s "127.0.0.1:$PORT/ask?q=warm+up" >/dev/null; done

echo "== wrk, concurrency 1, 20 s"
wrk -t1 -c1 -d20s --latency -s bench/ask.lua "http://127.0.0.1:$PORT" | sed -n '/Latency Distribution/,/Requests\/sec/p'
echo "== wrk, concurrency 8, 20 s"
wrk -t2 -c8 -d20s --latency -s bench/ask.lua "http://127.0.0.1:$PORT" | grep -E "Latency|requests in|Requests/sec|Non-2xx|Socket errors|99%"
