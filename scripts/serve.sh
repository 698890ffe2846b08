#!/usr/bin/env bash
# Builds the WebAssembly page and serves it on 127.0.0.1 (prints the URL).
#   scripts/serve.sh [--port N]      default port 8080
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
cmake --preset web >/dev/null
cmake --build --preset web
port=8080
[ "${1:-}" = "--port" ] && port=${2:?--port needs a number}
exec node scripts/serve.mjs build/web/dist --port "$port"
