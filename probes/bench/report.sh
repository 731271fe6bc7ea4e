#!/usr/bin/env bash
# Report server benchmark (issue 4): a million synthetic samples written through the real store, then wrk against
# the real server, with the result cache on (what repeated page views get) and off (the computation itself).
#   probes/bench/report.sh              seed var/bench/probelab-1m.duckdb once, then measure
#   DURATION=60s probes/bench/report.sh longer runs
# Prints the median (and p90) server time of the full overview and of one cell fragment, and the compressed
# bytes of one page view (the page, css, js, htmx, plotly and the cells' .json twins it fetches).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB="${DB:-$ROOT/var/bench/probelab-1m.duckdb}"
PORT="${PORT:-7099}"
DURATION="${DURATION:-30s}"
URL="http://127.0.0.1:$PORT"

if [ ! -f "$DB" ]; then
  mkdir -p "$(dirname "$DB")"
  "$ROOT/probelab" seed --db "$DB" --samples 1000000 --repeat 10
fi

serve() {  # serve CACHE_ENTRIES: starts the server in the background, sets SERVER_PID
  start_server "$DB" "$PORT" "$ROOT/var/log/bench-serve.log" "-Dprobelab.reportCache=$1"
  # the server warms its caches in the background at start; let it finish, and JIT-compile the hot paths
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "$URL/"; curl -s -o /dev/null -H 'HX-Request: true' "$URL/cells/rtt"; done
}

stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; }

measure() {  # measure LABEL PATH [HEADER]
  local args=(-t1 -c1 -d"$DURATION" --latency)
  [ -n "${3:-}" ] && args+=(-H "$3")
  local out; out=$(wrk "${args[@]}" "$URL$2")
  printf '%-44s median %-10s p90 %-10s (%s)\n' "$1" "$(awk '$1=="50%"{print $2}' <<<"$out")" \
    "$(awk '$1=="90%"{print $2}' <<<"$out")" "$(grep -o '[0-9]* requests in [0-9.]*s' <<<"$out")"
}

page_view_bytes() {
  local html total=0 s
  html=$(curl -s --compressed "$URL/")
  for u in / $(grep -oE '(<link rel="stylesheet" href|<script src|data-src)="[^"]+"' <<<"$html" \
      | sed -E 's/.*="//; s/"$//; s/&amp;/\&/g' | sort -u); do
    s=$(curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{size_download}' "$URL$u")
    total=$((total + s))
  done
  echo "$total"
}

echo "database $DB: $(curl -s "$URL/api/info" 2>/dev/null || true)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for cache in 64 0; do
  serve "$cache"
  [ "$cache" = 0 ] && label="cache off" || label="cache on"
  echo "--- result cache $label ($(curl -s "$URL/api/info"))"
  measure "full overview GET / ($label)" /
  measure "cell fragment GET /cells/rtt, htmx ($label)" /cells/rtt 'HX-Request: true'
  measure "cell fragment GET /cells/build, htmx ($label)" /cells/build 'HX-Request: true'
  [ "$cache" = 64 ] && echo "one page view transfers $(page_view_bytes) bytes compressed"
  stop
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
