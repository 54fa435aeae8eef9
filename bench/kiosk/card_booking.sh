#!/usr/bin/env bash
# The keys-only booking before and after the ID-card reader (docs/kiosk.md "Card reader and
# scanners"): key presses, utterances and seconds of speech from the home screen to the slip.
# Runs the journey test that books twice through the real kiosk (typing the 18 characters; then
# with the card on a simulated reader), keeps both a11y logs, and synthesises every utterance
# started before the slip with espeak-ng at the kiosk's default rate (130 wpm) to time it — the
# speech a resident hears who lets every prompt finish.
# Usage: bench/kiosk/card_booking.sh   (after deploy/build.sh --target kiosk_card_journey_tests)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
TX_CARD_LOG_DIR=$out build/bin/kiosk_card_journey_tests \
  --gtest_filter='*KeysOnlyBookingByCardAndPhoneDigitsBeforeAndAfter*' | grep -E 'key presses|OK|FAILED'
/usr/bin/python3 - "$out" <<'PY'
import json, subprocess, sys, wave
out = sys.argv[1]
voices = {"cmn": "cmn-latn-pinyin", "yue": "yue", "en": "en"}
for name in ("card_before", "card_after"):
    seconds, n = 0.0, 0
    for line in open(f"{out}/{name}.a11y.jsonl", encoding="utf-8"):
        f = json.loads(line)
        if f["screen"] == "appointment.slip":
            break
        for u in f["speech"]:
            wav = f"{out}/u.wav"
            subprocess.run(["espeak-ng", "-v", voices[u["lang"]], "-s", "130", "-w", wav, u["text"]], check=True)
            with wave.open(wav) as w:
                seconds += w.getnframes() / w.getframerate()
            n += 1
    print(f"{name}: {n} utterances, {seconds:.1f} s of speech until the slip")
PY
