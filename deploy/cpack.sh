#!/usr/bin/env bash
# Packs the .deb packages from the binaries already in the build tree (no rebuild: cpack only
# installs, strips and packs) into OUT_DIR, which it empties first. Used by deploy/package.sh
# and, as a ctest fixture, by tests/deploy/package_test.cpp.
#   deploy/cpack.sh BUILD_DIR OUT_DIR
set -euo pipefail
build=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
cd "$build"
SECONDS=0
cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; exit 1; }
rm -rf "$out/_CPack_Packages"
ls -l "$out"/*.deb
echo "packages built in ${SECONDS} s"
