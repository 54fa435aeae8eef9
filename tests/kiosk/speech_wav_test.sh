#!/usr/bin/env bash
# tongxing-say --wav writes what the kiosk would play: for a few sentences per voice, sox must see
# 22050 Hz mono audio of a plausible length for the sentence, not silent and not clipped.
set -euo pipefail
say=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
check() {  # LANG TEXT MIN_S MAX_S
  local f="$dir/$1.wav"
  "$say" --wav "$f" "$1" "$2"
  local rate chans dur peak
  rate=$(sox --i -r "$f"); chans=$(sox --i -c "$f"); dur=$(sox --i -D "$f")
  peak=$(sox "$f" -n stat 2>&1 | awk '/Maximum amplitude/ {max=$3} /Minimum amplitude/ {min=-$3} END {print (max>min?max:min)}')
  echo "$1: ${dur}s, peak $peak, $rate Hz, $chans channel(s): $2"
  awk -v d="$dur" -v lo="$3" -v hi="$4" -v p="$peak" -v r="$rate" -v c="$chans" 'BEGIN {
    if (r != 22050 || c != 1) { print "  wrong format"; exit 1 }
    if (d < lo || d > hi) { print "  duration out of range " lo "-" hi " s"; exit 1 }
    if (p < 0.05) { print "  (nearly) silent"; exit 1 }
    if (p >= 0.999) { print "  clipped"; exit 1 } }' || fail=1
}
check cmn "您的预约是2026-12-15 9:30，预约号A023。" 3 15
check yue "您的预约是2026-12-15 9:30，预约号A023。" 3 15
check cmn "每月金额：217.50元，手机号 138****8000。" 3 15
check yue "每月金额：217.50元，手机号 138****8000。" 3 15
check en "Your appointment is on 2026-12-15 at 9:30, ticket A023." 2 12
exit $fail
