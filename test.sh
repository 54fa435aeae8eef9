#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test. Non-zero exit on any failure.
set -euo pipefail
cd "$(dirname "$0")"
deploy/install-deps.sh
deploy/build.sh
(cd build && ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@")
# Bounded fuzzing (clang + libFuzzer, separate build-fuzz/; TONGXING_FUZZ=0 skips): docs/security.md.
fuzz/ci.sh
