#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time:
#   fuzz/run.sh TARGET SECONDS [BINARY]      (BINARY defaults to build-fuzz/bin/fuzz_TARGET)
# New inputs go to a scratch corpus under build-fuzz/fuzz-work/TARGET (the seeds in
# fuzz/corpus/TARGET and the saved regressions in fuzz/regressions/TARGET are read, never
# written). A crash leaves its input in build-fuzz/fuzz-work/TARGET-artifacts/: fix the bug, then
# copy that file into fuzz/regressions/TARGET/ so every build replays it from then on.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$1"
seconds="${2:-60}"
binary="${3:-$here/../build-fuzz/bin/fuzz_$target}"
work="$(dirname "$binary")/../fuzz-work/$target"
mkdir -p "$work/corpus" "$work-artifacts"
exec "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=128 \
  -print_final_stats=1 -artifact_prefix="$work-artifacts/" \
  "$work/corpus" "$here/corpus/$target" "$here/regressions/$target"
