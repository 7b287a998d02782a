#!/usr/bin/env bash
# Soak: 60 s at concurrency 16 of mixed good and bad requests against gunicorn on loopback.
#
#   bench/soak.sh [INDEX_DIR] [SECONDS]     (default index/seeds, 60)
#
# Prints the request count, the 5xx count (must be 0, read from the server's access log) and the
# servers' memory before and after (growth must stay under 10%).
set -euo pipefail
cd "$(dirname "$0")/.."
INDEX=${1:-index/seeds}
SECONDS_TO_RUN=${2:-60}
PORT=${PORT:-8797}
LOG=$(mktemp)
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
OMP_NUM_THREADS=1 QA_INDEX=$INDEX QA_RATE_LIMIT="" .venv/bin/gunicorn --preload --workers 2 --threads 2 \
  --bind 127.0.0.1:$PORT --access-logfile "$LOG" --access-logformat '%(s)s' 'qa.app:create_app()' \
  2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 60); do curl -sf "127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
for _ in $(seq 20); do curl -s "127.0.0.1:$PORT/ask?q=warm+up" >/dev/null; done

rss() { ps -o rss= --ppid "$SERVER" | awk '{s += $1} END {print s}'; }
before=$(rss)
wrk -t4 -c16 -d"${SECONDS_TO_RUN}s" -s bench/soak.lua "http://127.0.0.1:$PORT" | grep -E "requests in|Requests/sec|non-2xx|errors"
after=$(rss)
echo "5xx responses: $(grep -c '^5' "$LOG" || true) of $(wc -l < "$LOG")"
echo "server memory (workers): ${before} kB before, ${after} kB after ($(awk -v a="$before" -v b="$after" 'BEGIN {printf "%+.1f%%", (b - a) * 100 / a}'))"
