#!/usr/bin/env bash
# Screenshots of every kiosk screen in every theme and text size, for a person to look at.
#   kiosk/tools/screenshots.sh [OUT_DIR] [THEMES] [SIZES] [EXTRA_DEFAULTS]
#   (defaults: /tmp/tongxing-shots "0 1 2" "0 1 2"; EXTRA_DEFAULTS e.g. 'language = "en"' or
#   'low_reach = true', added to [kiosk.defaults])
# Starts a station service with demo data on a free port; SDL offscreen video, dummy audio.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-/tmp/tongxing-shots}
THEMES=${2:-"0 1 2"}
SIZES=${3:-"0 1 2"}
EXTRA=${4:-}
BIN=build/bin
WORK=$(mktemp -d)
trap 'kill $SD 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
"$BIN/tongxing-ctl" demo-data --db "$WORK/station.db" >/dev/null
"$BIN/tongxing-stationd" --db "$WORK/station.db" --listen 127.0.0.1:0 --port-file "$WORK/port" 2>"$WORK/sd.log" &
SD=$!
for _ in $(seq 50); do [[ -s "$WORK/port" ]] && break; sleep 0.1; done
URL="http://127.0.0.1:$(cat "$WORK/port")"
# A resident with no certificate (first assessment) who also has subsidy records is rare in the
# demo data: book with "no_certificate", then look at subsidies of the "subsidies" persona in a
# second run below.
field() { sed "s/.*\"$1\":\"\([^\"]*\)\".*/\1/" <<<"$2"; }
R=$(grep '"persona":"no_certificate"' "$WORK/station.db.demo-residents.jsonl")
ID=$(field id_number "$R"); P4=$(field phone_last4 "$R")
RS=$(grep '"persona":"subsidies"' "$WORK/station.db.demo-residents.jsonl")
SID=$(field id_number "$RS"); SP4=$(field phone_last4 "$RS")
for t in $THEMES; do
  for x in $SIZES; do
    n="t${t}s${x}"
    printf '[kiosk]\nprinter = "%s/printer"\n[kiosk.defaults]\ntheme = %s\ntext_step = %s\n%s\n' "$WORK" "$t" "$x" "$EXTRA" >"$WORK/$n.toml"
    cat >"$WORK/$n.jsonl" <<EOS
{"screenshot":"${n}_01_home.png"}
{"key":"Return"}
{"screenshot":"${n}_02_kind.png"}
{"key":"Return"}
{"screenshot":"${n}_03_day.png"}
{"key":"Return"}
{"type":"${ID:0:10}"}
{"screenshot":"${n}_04_id.png"}
{"type":"${ID:10}"}
{"key":"Return"}
{"type":"${P4}"}
{"screenshot":"${n}_05_phone.png"}
{"key":"Return"}
{"screenshot":"${n}_06_confirm.png"}
{"key":"Return"}
{"screenshot":"${n}_07_slip.png"}
{"key":"Home"}
{"key":"Tab"}
{"key":"Return"}
{"screenshot":"${n}_08_my.png"}
{"key":"Return"}
{"screenshot":"${n}_09_cancel.png"}
{"key":"Left"}
{"key":"Return"}
{"key":"F2"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"screenshot":"${n}_10a_home_verified.png"}
{"key":"Return"}
{"screenshot":"${n}_10b_home_ended.png"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Return"}
{"type":"${SID}"}
{"key":"Return"}
{"type":"${SP4}"}
{"key":"Return"}
{"screenshot":"${n}_10_consent.png"}
{"key":"Return"}
{"screenshot":"${n}_11_subsidy.png"}
{"key":"PageDown"}
{"screenshot":"${n}_12_subsidy_p2.png"}
{"key":"Home"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Return"}
{"screenshot":"${n}_13_jobs.png"}
{"key":"Return"}
{"screenshot":"${n}_14_filter.png"}
{"key":"Escape"}
{"key":"Tab"}
{"key":"Return"}
{"screenshot":"${n}_15_job.png"}
{"key":"Return"}
{"screenshot":"${n}_16_interest.png"}
{"key":"F12"}
{"screenshot":"${n}_17_call.png"}
{"key":"Home"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Return"}
{"screenshot":"${n}_18_language.png"}
{"key":"Home"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Return"}
{"screenshot":"${n}_19_settings.png"}
{"advance_s":200}
{"screenshot":"${n}_20_idle_warning.png"}
EOS
    SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$BIN/tongxing-kiosk" --service "$URL" \
      --config "$WORK/$n.toml" --script "$WORK/$n.jsonl" --a11y-log "$WORK/$n.a11y.jsonl" \
      --screenshot-dir "$OUT" || echo "run $n failed" >&2
  done
done
echo "screenshots in $OUT"
