#!/usr/bin/env bash
# The bounded fuzzing stage of CI: builds the fuzz targets with clang into build-fuzz/ and runs
# each for TONGXING_FUZZ_SECONDS (default 20) through ctest. Skipped (with a message) when
# clang or libFuzzer is missing; set TONGXING_FUZZ=0 to skip on purpose.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${TONGXING_FUZZ:-1}" == "0" ]]; then
  echo "fuzz: skipped (TONGXING_FUZZ=0)"
  exit 0
fi
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz: skipped: clang or libclang-rt-dev (libFuzzer) is not installed (deploy/install-deps.sh installs both)"
  exit 0
fi
# Configured every time, so a changed TONGXING_FUZZ_SECONDS takes effect (it is a cache entry);
# the compilers are set only on the first run (CMake refuses to change them later).
if [[ ! -f build-fuzz/CMakeCache.txt ]]; then
  export CC=clang CXX=clang++
fi
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTONGXING_FUZZ=ON \
  -DTONGXING_BUILD_KIOSK=OFF -DTONGXING_BUILD_TESTS=OFF -DTONGXING_BUILD_BENCH=OFF \
  -DTONGXING_FUZZ_SECONDS="${TONGXING_FUZZ_SECONDS:-20}" >/dev/null
# Only the targets: the instrumented services' own binaries are not needed here.
cmake --build build-fuzz -j "$(nproc)" --target fuzz_identity fuzz_json_request fuzz_sync_batch
cd build-fuzz
ctest -L fuzz --output-on-failure -j "$(nproc)"
