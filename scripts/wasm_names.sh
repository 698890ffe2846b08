#!/usr/bin/env bash
# Links a copy of the page's wasm with function names (--profiling-funcs; same objects, same
# flags, so the same code) into build/web-names/, then prints where its bytes go
# (bench/wasm_sizes.py). Needs a built web tree (cmake --build --preset web).
#   scripts/wasm_names.sh [--top N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/build/web"
out="$root/build/web-names"
mkdir -p "$out"
# The page's own link line from ninja, writing elsewhere and keeping the names.
link=$(ninja -t commands dist/headroom.js | tail -1)
link=${link/-o dist\/headroom.js/-o $out\/headroom.js --profiling-funcs}
bash -c "$link"
/usr/bin/python3 "$root/bench/wasm_sizes.py" "$out/headroom.wasm" "$@"
