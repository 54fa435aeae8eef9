#!/usr/bin/env bash
# Builds the Debian packages tongxing-station and tongxing-central into dist/:
#   deploy/package.sh            (installs build dependencies, builds, then runs cpack)
# Install on a station:  sudo apt install ./dist/tongxing-station_*.deb   (docs/install-station.md)
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh
deploy/build.sh
deploy/cpack.sh "$PWD/build" "$PWD/dist"
