#!/bin/bash
# `kustos build` under an address-space limit (`ulimit -v`, as some CI runners and
# containers set) prints the same bytes as without one. The static binary maps
# ~65 MB and each thread reserves a 64 MiB heap; under a limit below 1 GiB all
# threads share one heap (HeapPages.swift). Usage: limit-check.sh BIN SHARED [KB]
set -euo pipefail
bin=$1 shared=$2 limit=${3:-200000}
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
python3 "$shared/bench/gen.py" --services 100 -q "$tree"
"$bin" build "$tree/overlays/production" >"$tree/free.yaml"
(ulimit -v "$limit"; exec "$bin" build "$tree/overlays/production") >"$tree/limited.yaml" || {
  echo "limit-check: kustos build failed under ulimit -v $limit (exit $?)" >&2; exit 1; }
cmp -s "$tree/free.yaml" "$tree/limited.yaml" || {
  echo "limit-check: output under ulimit -v $limit differs" >&2; exit 1; }
echo "limit-check: 100-service build identical under ulimit -v $limit"
