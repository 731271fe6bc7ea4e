#!/usr/bin/env bash
# Readers during a job (issue 24): N concurrent readers of the report, a cell fragment and a share link, measured by
# wrk (the independent client) on a seeded database, first with no job, then while a native job writes samples.
#   probes/bench/readers.sh                 50 readers, 30 s per phase, a 100,000-sample database
#   READERS=50 DURATION=60s SAMPLES=300000 probes/bench/readers.sh
# Prints, per phase: requests, errors (socket errors and non-2xx answers), p50, p99 and max; then the p99 ratio
# (during the job / without it). Pass: 0 errors and p99 under 1 s during the job.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
READERS="${READERS:-50}"
DURATION="${DURATION:-30s}"
SAMPLES="${SAMPLES:-100000}"
PORT="${PORT:-7098}"
URL="http://127.0.0.1:$PORT"
WORK="$ROOT/var/bench/readers"
DB="$WORK/readers-$SAMPLES.duckdb"
mkdir -p "$WORK"

if [ ! -f "$DB" ]; then
  "$ROOT/probelab" seed --db "$DB" --samples "$SAMPLES" --repeat 10 >/dev/null
fi

trap 'kill "${SERVER_PID:-}" 2>/dev/null; wait "${SERVER_PID:-}" 2>/dev/null || true' EXIT
start_server "$DB" "$PORT" "$ROOT/var/log/bench-readers.log"

SHARE=$(curl -sf -X POST -H 'Content-Type: application/json' --data '{"query": "job=all"}' "$URL/api/shares" \
  | sed -E 's/.*"url" *: *"([^"]+)".*/\1/')
case "$SHARE" in /r/*) ;; *) echo "could not create a share link: $SHARE" >&2; exit 1 ;; esac

# each connection cycles through the overview, a cell fragment (as htmx asks for it) and the share link
SCRIPT="$WORK/readers.lua"
cat >"$SCRIPT" <<EOF
local paths = { "/", "/cells/rtt", "$SHARE" }
local i = 0
request = function()
  i = i + 1
  local p = paths[(i % #paths) + 1]
  local headers = {}
  if p == "/cells/rtt" then headers["HX-Request"] = "true" end
  return wrk.format("GET", p, headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
EOF

# warm the server's caches and JIT as a reader's first visits would
for _ in 1 2 3; do curl -s -o /dev/null "$URL/"; curl -s -o /dev/null -H 'HX-Request: true' "$URL/cells/rtt"; curl -s -o /dev/null "$URL$SHARE"; done

phase() {  # phase LABEL: one wrk run of READERS connections; prints its RESULT line, sets P99
  local out; out=$(wrk -t2 -c"$READERS" -d"$DURATION" --timeout 10s -s "$SCRIPT" "$URL" | grep '^RESULT')
  printf '%-28s %s\n' "$1" "${out#RESULT }"
  P99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$out")
  ERRORS=$(sed -E 's/.*errors=([0-9]+) non2xx=([0-9]+).*/\1 \2/' <<<"$out" | awk '{print $1 + $2}')
}

echo "machine: $(nproc) cores; database $DB ($SAMPLES samples); $READERS readers, $DURATION per phase; share link $SHARE"
phase "no job"
IDLE_P99=$P99

JOB=$(curl -sf -X POST -H 'Content-Type: application/json' \
  --data '{"runtimes": ["native"], "metrics": ["rtt"], "repeat": 1000, "warmup": 0, "rttDurationMs": 200}' "$URL/api/jobs" \
  | sed -E 's/.*"id" *: *"([^"]+)".*/\1/')
# the job writes once it has prepared: wait for its first sample
for _ in $(seq 1 600); do
  curl -sf "$URL/api/jobs/$JOB" | grep -q '"okSamples" *: *[1-9]' && break
  sleep 0.5
done
phase "during job $JOB"
JOB_P99=$P99
JOB_ERRORS=$ERRORS
WRITTEN=$(curl -sf "$URL/api/jobs/$JOB" | sed -E 's/.*"okSamples" *: *([0-9]+).*/\1/')
curl -sf -o /dev/null -X POST "$URL/api/jobs/$JOB/cancel" || true
echo "the job stored $WRITTEN samples by the end of the phase"
awk -v a="$JOB_P99" -v b="$IDLE_P99" 'BEGIN { printf "p99 during the job / without: %.2f\n", (b > 0 ? a / b : 0) }'
if [ "$JOB_ERRORS" = 0 ] && awk -v p="$JOB_P99" 'BEGIN { exit !(p < 1000) }'; then
  echo "PASS: 0 errors and p99 ${JOB_P99} ms < 1000 ms while the job writes"
else
  echo "FAIL: $JOB_ERRORS errors, p99 ${JOB_P99} ms while the job writes (target: 0 errors, p99 < 1000 ms)"
  exit 1
fi
