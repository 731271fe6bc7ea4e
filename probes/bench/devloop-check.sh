#!/usr/bin/env bash
# One edit to serving, timed by bash alone (the independent check of edit_to_serving_ms, run by `probelab bench
# devloop` alternately with probelab's own clock): reads what the dev server answers, rewrites the literal marked
# `// probelab:edit` in FILE to EDIT+1 in place (truncate and write, as probelab does), then asks again every 5 ms until
# the server answers 200 with something else. Prints the milliseconds from the write to that answer. Nothing in the
# loop forks: the clock is $EPOCHREALTIME, the requests go through bash's own /dev/tcp and the pause is a `read -t` on
# a pipe nobody writes, so the check takes no CPU from the rebuild it times (a curl per poll did, and slowed it ~8%).
# Where the loop has no watcher (ways restart and image), the developer's commands follow the edit inside the timed
# interval, as probelab runs them: each given after PORT as its argv, the commands separated by a `::` argument
# (e.g. `env -C DIR GOCACHE=... go build -o BIN . :: start-stop-daemon --stop ...`); run as they are, no shell.
# Usage: devloop-check.sh FILE EDIT PORT [ARGV... [:: ARGV...]...]
set -euo pipefail
trap "" PIPE  # a server killed mid-request must not kill the check: the write fails and the loop asks again
file=$1 edit=$2 port=$3
shift 3

# sets $reply to the whole answer of GET / (status line, headers, body), empty when nothing answers; no subshell
answer() {
  reply=""
  if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
    printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 2>/dev/null || true
    IFS= read -r -d '' -t 2 reply <&3 || true
    exec 3<&-
  fi
}

exec 9< <(sleep 3600)  # a pipe nobody writes: `read -t` on it is a fork-free pause
answer
before=$reply
[[ $before == "HTTP/1.1 200"* ]] || { echo "the dev server does not answer 200 before the edit" >&2; exit 1; }
content=$(<"$file")
pattern='(revision := )[0-9]+( // probelab:edit)'
[[ $content =~ $pattern ]] || { echo "no probelab:edit literal in $file" >&2; exit 2; }
edited=${content/"${BASH_REMATCH[0]}"/"${BASH_REMATCH[1]}$((edit + 1))${BASH_REMATCH[2]}"}
start=$EPOCHREALTIME
printf '%s\n' "$edited" > "$file"
command=()
for arg in "$@" "::"; do
  if [[ $arg == "::" ]]; then
    if ((${#command[@]})); then
      "${command[@]}" >/dev/null 2>&1 </dev/null || { echo "after the edit, ${command[*]} failed" >&2; exit 1; }
    fi
    command=()
  else
    command+=("$arg")
  fi
done
deadline=$((${start%.*} + 120))
while :; do
  answer
  if [[ $reply == "HTTP/1.1 200"* && $reply != "$before" ]]; then break; fi
  now=$EPOCHREALTIME
  [ "${now%.*}" -lt "$deadline" ] || { echo "no changed answer within 120 s" >&2; exit 1; }
  read -r -t 0.005 -u 9 _ || true
done
end=$EPOCHREALTIME
echo "$(( (${end/./} - ${start/./}) / 1000 ))"
