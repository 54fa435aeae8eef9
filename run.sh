#!/usr/bin/env bash
# Installs what is missing, builds, creates a demo station with synthetic data and starts
# central server + station service + kiosk. See README.md.
#   ./run.sh              full-screen kiosk
#   ./run.sh --windowed   kiosk in a window (development)
# With no display the kiosk runs on SDL's offscreen driver and says so.
set -euo pipefail
cd "$(dirname "$0")"
deploy/install-deps.sh
# Only what the demo runs (the tests and benchmarks are built by ./test.sh); the central
# server's target also builds the web console (npm ci).
deploy/build.sh --target tongxing-centrald tongxing-stationd tongxing-ctl tongxing-kiosk
exec deploy/demo.sh "$@"
