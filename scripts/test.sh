#!/usr/bin/env bash
# Runs every test: set-up, the native build (Debug, ASan + UBSan), the WebAssembly build, then
# ctest over the unit, CLI, UI and browser tests. Test artifacts (screenshots) land in
# build/test-artifacts/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
cmake --preset web >/dev/null
cmake --build --preset web
cmake --preset native -DHEADROOM_WEB_DIST="$root/build/web/dist" >/dev/null
cmake --build --preset native
ctest --preset native -j2
