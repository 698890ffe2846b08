#!/usr/bin/env bash
# Runs the libFuzzer targets in tests/fuzz/ (GGUF reader, safetensors header, config.json
# importer, URL hash codec, scenario JSON through the estimate) for a set time each, with
# AddressSanitizer and UBSan.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 60 seconds each; gguf safetensors hf_config url_state scenario
#
# It configures a separate Clang build in build/fuzz (CC=clang-14, CXX=clang++-14; every source
# compiled with -fsanitize=fuzzer-no-link for coverage, plus ASan + UBSan), builds only the
# fuzz binaries, and runs each one over a working corpus in build/fuzz/corpus/<target>/, seeded
# from the checked-in tests/fuzz/corpus/<target>/ (which ctest replays in the normal build).
# Crash inputs land in build/fuzz/artifacts/<target>/; copy a fixed one into the checked-in
# corpus so the replay test keeps it fixed. Extra libFuzzer flags: FUZZ_FLAGS="-max_len=65536".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(gguf safetensors hf_config url_state scenario)

CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEADROOM_TESTS=ON -DHEADROOM_SANITIZE=ON \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link" -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" >/dev/null
cmake --build build/fuzz --target "${targets[@]/#/fuzz_}"

for t in "${targets[@]}"; do
  mkdir -p "build/fuzz/corpus/$t" "build/fuzz/artifacts/$t"
  echo "== fuzz_$t for ${seconds}s"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")  # the format's keywords, for mutations that parse
  "build/fuzz/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/artifacts/$t/" "${dict[@]}" ${FUZZ_FLAGS:-} "build/fuzz/corpus/$t" "tests/fuzz/corpus/$t"
done
