#!/usr/bin/env bash
# Configures (once) and builds everything into build/; binaries land in build/bin/.
# Usage: deploy/build.sh [cmake --build arguments, e.g. --target tongxing-kiosk]
# ccache, when installed, is used as the compiler launcher (a rebuild of an unchanged tree then
# takes seconds); nothing requires it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f build/CMakeCache.txt ]]; then
  launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}"
fi
cmake --build build -j "$(nproc)" "$@"
