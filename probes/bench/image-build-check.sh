#!/usr/bin/env bash
# Checks probelab's image_build_ms against an independent timer, in N interleaved rounds: each round one probelab job
# of image builds (tiny, --repeat 1: cold, warm, incremental, ...), then the same `<cli> build` of the same Dockerfile
# timed by bash ($EPOCHREALTIME, which forks nothing), cold (--no-cache) and warm (cache hits), so that the machine's
# drift touches both alike. Prints both medians and their ratio per phase.
# Usage: probes/bench/image-build-check.sh [runtime (docker|podman)] [N]
set -euo pipefail
rt=${1:-docker}
n=${2:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
./probelab probe --runtime "$rt" --metric image_build --size tiny --repeat 1 --db "$work/check.duckdb" >/dev/null
./probelab export --db "$work/check.duckdb" --format csv --out "$work/export" --metric image_build >/dev/null
base=$(python3 - "$work/export/samples.csv" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["metric"] == "image_build_ms" and r["status"] == "ok":
        print(r["detail"].split(", FROM ", 1)[1].split(": ", 1)[0]); break
PY
)
mkdir -p "$work/ctx"
cp -r "$(ls -d var/workloads/tiny-v* | sort -V | tail -n1)"/. "$work/ctx/"
chmod -R o+rX "$work"
cat > "$work/Dockerfile" <<DF
FROM $base AS build
LABEL "probelab.imagebuild"="image-build-check"
WORKDIR /out
WORKDIR /src
COPY . /src
RUN ["go", "build", "-o", "/out/", "./..."]
FROM scratch
LABEL "probelab.imagebuild"="image-build-check"
COPY --from=build /out/ /app/
DF
export DOCKER_BUILDKIT=0
tag=probelab/imagebuild:image-build-check
time_build() { # phase, then the build's extra arguments: appends one line "phase start end"
  local phase=$1; shift
  local cmd=("$rt" build "$@" -f "$work/Dockerfile" -t "$tag" "$work/ctx")
  local t0=$EPOCHREALTIME
  "${cmd[@]}" >/dev/null 2>&1
  local t1=$EPOCHREALTIME
  echo "$phase ${t0} ${t1}" >> "$work/bash.txt"
}
for round in $(seq "$n"); do
  if [ "$round" -gt 1 ]; then
    ./probelab probe --runtime "$rt" --metric image_build --size tiny --repeat 1 --db "$work/check.duckdb" >/dev/null
  fi
  time_build cold --no-cache
  time_build warm
done
rm -rf "$work/export"
./probelab export --db "$work/check.duckdb" --format csv --out "$work/export" --metric image_build >/dev/null
ids=$("$rt" images -a -q --filter label=probelab.imagebuild=image-build-check)
for _ in 1 2 3; do [ -n "$ids" ] && "$rt" image rm -f $ids >/dev/null 2>&1 || true; ids=$("$rt" images -a -q --filter label=probelab.imagebuild=image-build-check); done
python3 - "$work/export/samples.csv" "$work/bash.txt" "$rt" <<'PY'
import csv, statistics, sys
probe = {}
for r in csv.DictReader(open(sys.argv[1])):
    if r["metric"] == "image_build_ms" and r["status"] == "ok":
        probe.setdefault(r["variant"], []).append(float(r["value"]))
bash = {}
for line in open(sys.argv[2]):
    phase, t0, t1 = line.split()
    bash.setdefault(phase, []).append((float(t1) - float(t0)) * 1000)
for phase in ("warm", "cold"):
    p, b = statistics.median(probe[phase]), statistics.median(bash[phase])
    print(f"{sys.argv[3]} {phase:5s} probelab median {p:9.1f} ms (n={len(probe[phase])})  bash loop median {b:9.1f} ms "
          f"(n={len(bash[phase])})  ratio {p / b:.3f}")
PY
