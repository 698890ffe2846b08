#!/usr/bin/env bash
# Runs every benchmark of issue 7 and prints one table: figure | measured | target.
#   scripts/bench.sh [--quick]     (--quick: fewer iterations, for CI; well under a minute once built)
# Builds the optimized native tree (build/release) and the web tree (build/web: the page and the
# wasm benchmark), then runs
#   - the core cases (bench/cases.h) under a plain timer, natively and as wasm in Node,
#   - Google Benchmark over the same cases (native, when libbenchmark-dev is installed),
#   - the page benchmark in headless Chromium (bench/page_bench.mjs).
# Raw results land in build/bench/. The table reports; it does not fail on a figure over target.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
quick=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=(--quick) ;;
    *) echo "usage: scripts/bench.sh [--quick]" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
cmake --preset web >/dev/null
cmake --build --preset web
# The size floor (bench/floor_page.cpp): ImGui, its backends, the fonts and the page's flags alone.
cmake --build --preset web --target headroom_floor_page

out=build/bench
mkdir -p "$out"
# Two passes each, alternating, so a machine that slows down for a while does not land on one
# side of the wasm/native ratio only; report.mjs takes each case's fastest pass.
: > "$out/native.jsonl"
: > "$out/wasm.jsonl"
for pass in 1 2; do
  echo "== core, native (plain timer), pass $pass"
  build/release/bench/headroom_bench_plain "${quick[@]}" | tee -a "$out/native.jsonl"
  echo "== core, wasm in Node (plain timer), pass $pass"
  NODE_PATH=/usr/share/nodejs node --no-experimental-fetch build/web/bench/headroom_bench_plain.js "${quick[@]}" \
    | tee -a "$out/wasm.jsonl"
done
if [ -x build/release/bench/headroom_bench ]; then
  echo "== core, native (Google Benchmark)"
  min_time=0.5; [ ${#quick[@]} -gt 0 ] && min_time=0.02
  build/release/bench/headroom_bench --benchmark_min_time="$min_time"
fi
echo "== page (headless Chromium)"
node bench/page_bench.mjs --dist build/web/dist --out "$out/page.json" "${quick[@]}"
echo
node bench/report.mjs --native "$out/native.jsonl" --wasm "$out/wasm.jsonl" --page "$out/page.json" \
  --floor build/web/bench/floor
