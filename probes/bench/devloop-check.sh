#!/usr/bin/env bash
# One edit to serving, timed by bash alone (the independent check of edit_to_serving_ms, run by `probelab bench
# devloop` alternately with probelab's own clock): reads what the dev server answers, rewrites the literal marked
# `// probelab:edit` in FILE to EDIT+1 in place (truncate and write, as probelab does), then asks with curl until the
# server answers 200 with something else. Prints the milliseconds from the write to that answer ($EPOCHREALTIME, which
# forks nothing). Usage: devloop-check.sh FILE EDIT PORT
set -euo pipefail
file=$1 edit=$2 port=$3
url="http://127.0.0.1:$port/"
before=$(curl -fsS --max-time 2 "$url")
content=$(<"$file")
pattern='(revision := )[0-9]+( // probelab:edit)'
[[ $content =~ $pattern ]] || { echo "no probelab:edit literal in $file" >&2; exit 2; }
edited=${content/"${BASH_REMATCH[0]}"/"${BASH_REMATCH[1]}$((edit + 1))${BASH_REMATCH[2]}"}
start=$EPOCHREALTIME
printf '%s\n' "$edited" > "$file"
deadline=$((${start%.*} + 120))
while :; do
  if body=$(curl -fsS --max-time 2 "$url" 2>/dev/null) && [ "$body" != "$before" ]; then break; fi
  now=$EPOCHREALTIME
  [ "${now%.*}" -lt "$deadline" ] || { echo "no changed answer within 120 s" >&2; exit 1; }
done
end=$EPOCHREALTIME
echo "$(( (${end/./} - ${start/./}) / 1000 ))"
