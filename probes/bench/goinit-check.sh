#!/usr/bin/env bash
# The cold start split's go_init (the echo server's own reading: the monotonic clock at main, which Go counts from the
# time package's initialisation) against Go's own trace of package init (GODEBUG=inittrace=1: each package's init start,
# "@X ms" since the runtime began, and its duration), in one run, natively, N starts:
#   probes/bench/goinit-check.sh [N] [GOROOT]
# Prints, per start, the server's go_init; the traced span it stands for (the time package's init start to the end of the
# last init); their ratio; and the whole trace (from the runtime's start, which go_init does not see). Tracing prints a
# line per package while it runs, so the traced spans are a little longer than an untraced start.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="${1:-20}"
GOROOT_DIR="${2:-$(ls -d /usr/lib/go-1.* | sort -V | tail -n1)}"
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$ROOT/probes" && CGO_ENABLED=0 GOFLAGS=-mod=mod GOCACHE="$work/cache" "$GOROOT_DIR/bin/go" build -o "$work/echo" ./echo)
port=$(( 20000 + RANDOM % 20000 ))
printf '%-4s %12s %22s %7s %18s\n' "run" "go_init ms" "inittrace from time ms" "ratio" "inittrace whole ms"
ours=(); theirs=(); wholes=()
for i in $(seq 1 "$N"); do
  GODEBUG=inittrace=1 "$work/echo" -addr "127.0.0.1:$port" 2>"$work/trace" &
  pid=$!
  for _ in $(seq 1 400); do curl -sf -o "$work/start.json" "http://127.0.0.1:$port/debug/start" && break; sleep 0.005; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  go_init=$(sed -E 's/.*"goInitNanos":([0-9]+).*/\1/' "$work/start.json" | awk '{printf "%.3f", $1 / 1e6}')
  # "init net/http @1.2 ms, 0.31 ms clock, ...": the last init ends at @ + clock; the time package's starts at its @
  read -r whole traced < <(awk '/^init / { at = $3; sub("@", "", at); end = at + $5; if (end > max) max = end;
      if ($2 == "time") t = at } END { printf "%.3f %.3f\n", max, max - t }' "$work/trace")
  ratio=$(awk -v a="$go_init" -v b="$traced" 'BEGIN { printf "%.3f", a / b }')
  printf '%-4s %12s %22s %7s %18s\n' "$i" "$go_init" "$traced" "$ratio" "$whole"
  ours+=("$go_init"); theirs+=("$traced"); wholes+=("$whole")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mo=$(median "${ours[@]}"); mt=$(median "${theirs[@]}")
echo "median go_init $mo ms, median traced span from the time package $mt ms (whole trace $(median "${wholes[@]}") ms), ratio $(awk -v a="$mo" -v b="$mt" 'BEGIN { printf "%.3f", a / b }') ($("$GOROOT_DIR/bin/go" version | cut -d' ' -f3))"
