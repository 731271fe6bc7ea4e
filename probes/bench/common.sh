# Sourced by the bench scripts that serve a database to wrk: the project root, wrk, and a server started and awaited.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v wrk >/dev/null || { echo "wrk is not installed (./probelab setup installs it)" >&2; exit 1; }
mkdir -p "$ROOT/var/log"

# start_server DB PORT LOG [JAVA_TOOL_OPTIONS]: serves DB in the background, sets SERVER_PID, returns once it answers
start_server() {
  JAVA_TOOL_OPTIONS="${4:-}" "$ROOT/probelab" serve --db "$1" --port "$2" >"$3" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$2/api/info" && return 0; sleep 0.5; done
  echo "the server did not start: see $3" >&2
  return 1
}
