#!/usr/bin/env bash
# Screenshots of every kiosk screen in every theme and text size, for a person to look at.
#   kiosk/tools/screenshots.sh [OUT_DIR] [THEMES] [SIZES] [EXTRA_DEFAULTS] [PANELS]
#   (defaults: /tmp/tongxing-shots "0 1 2" "0 1 2" "" 1920x1080; EXTRA_DEFAULTS e.g.
#   'language = "en"' or 'low_reach = true', added to [kiosk.defaults]; PANELS e.g.
#   "1366x768 1080x1920 3840x2160", each at its default pitch, or WxH@MM for a given pitch)
# Then one contact sheet per panel, OUT_DIR/sheet_<panel>.png (ImageMagick montage), every
# screen side by side with its name under it.
# Starts a station service with demo data on a free port; SDL offscreen video, dummy audio.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-/tmp/tongxing-shots}
THEMES=${2:-"0 1 2"}
SIZES=${3:-"0 1 2"}
EXTRA=${4:-}
PANELS=${5:-1920x1080}
BIN=build/bin
WORK=$(mktemp -d)
trap 'kill $SD 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
FAILED=0  # kiosk runs that failed (a missing widget, a screenshot not written)
"$BIN/tongxing-ctl" demo-data --db "$WORK/station.db" >/dev/null
# Staff screens: an account (its PIN changed below, as its owner would), sessions every day so
# that an appointment today can be shown, checked in and printed.
printf '246813\n' | "$BIN/tongxing-ctl" staff add --db "$WORK/station.db" --username zhang --name 张伟 \
  --role staff --pin-stdin >/dev/null
TODAY=$(TZ=Asia/Shanghai date +%F)
TOMORROW=$(TZ=Asia/Shanghai date -d tomorrow +%F)
cat >"$WORK/station.toml" <<EOS
[calendar]
extra_workdays = ["$TODAY", "$TOMORROW"]
[[calendar.session]]
kinds = ["first_assessment", "renewal", "reassessment", "replacement"]
weekdays = [1, 2, 3, 4, 5, 6, 7]
place = "服务站一楼评定室"
institution = "区残疾评定定点医院"
capacity = { first_assessment = 20, renewal = 15, reassessment = 8, replacement = 10 }
[[calendar.session]]
kinds = ["home_assessment"]
weekdays = [1, 2, 3, 4, 5, 6, 7]
start = "14:00"
end = "17:00"
place = "上门评定（申请人家中）"
capacity = { home_assessment = 4 }
EOS
"$BIN/tongxing-stationd" --db "$WORK/station.db" --config "$WORK/station.toml" --listen 127.0.0.1:0 \
  --port-file "$WORK/port" 2>"$WORK/sd.log" &
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
# panel_toml WxH[@MM]: the [kiosk] lines for a panel size (and pitch).
panel_toml() {
  local size=${1%@*} pitch=
  [[ "$1" == *@* ]] && pitch="panel_mm_per_px = ${1#*@}"
  printf 'size = "%s"\n%s\n' "$size" "$pitch"
}
pi=0
for panel in $PANELS; do
pi=$((pi + 1))
for t in $THEMES; do
  for x in $SIZES; do
    n="${panel}_t${t}s${x}"
    printf '[kiosk]\nprinter = "%s/printer"\n%s\n[kiosk.defaults]\ntheme = %s\ntext_step = %s\n%s\n' "$WORK" "$(panel_toml "$panel")" "$t" "$x" "$EXTRA" >"$WORK/$n.toml"
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
{"screenshot":"${n}_04b_returning.png"}
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
      --screenshot-dir "$OUT" || { echo "run $n failed" >&2; FAILED=$((FAILED + 1)); }
  done
done
done

# Staff: the PIN chosen, an arrival booked for today, a call from a kiosk waiting.
post() { curl -fsS -H 'Content-Type: application/json' -H "X-Tongxing-Terminal: ${3:-kiosk-2}" ${4:+-H "Authorization: Bearer $4"} -d "$2" "$URL$1"; }
TOKEN=$(post /api/v1/staff/login '{"username":"zhang","pin":"246813"}' | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
post /api/v1/staff/pin '{"old_pin":"246813","new_pin":"975318"}' pc "$TOKEN" >/dev/null
R2=$(grep '"persona":"renewal_due"' "$WORK/station.db.demo-residents.jsonl")
post /api/v1/appointments "{\"kind\":\"renewal\",\"date\":\"$TODAY\",\"id_number\":\"$(field id_number "$R2")\",\"phone_last4\":\"$(field phone_last4 "$R2")\"}" >/dev/null
post /api/v1/staff-calls '{"reason":"help"}' kiosk-2 >/dev/null
# A valid ID number (GB 11643 check character) for 17 digits.
id_with_check() {
  local w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) c=10X98765432 sum=0 i
  for i in $(seq 0 16); do sum=$((sum + ${1:$i:1} * ${w[$i]})); done
  echo "$1${c:$((sum % 11)):1}"
}
pi=0
for panel in $PANELS; do
pi=$((pi + 1))
for t in $THEMES; do
  for x in $SIZES; do
    n="${panel}_t${t}s${x}"
    NEW_ID=$(id_with_check "1101051977101${t}${x}$((pi % 10))5")
    FIRST_ID=$(id_with_check "1101051985061${t}${x}$((pi % 10))3")
    # A first-time applicant at the residents' kiosk: "first time here", the whole phone number.
    cat >"$WORK/first_$n.jsonl" <<EOS
{"key":"Return"}
{"key":"Return"}
{"key":"Return"}
{"type":"$FIRST_ID"}
{"key":"Return"}
{"key":"Tab"}
{"key":"Return"}
{"type":"1380013"}
{"screenshot":"${n}_21_phone_full.png"}
{"type":"8000"}
{"key":"Return"}
{"screenshot":"${n}_22_confirm_first_time.png"}
EOS
    SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$BIN/tongxing-kiosk" --service "$URL" \
      --config "$WORK/$n.toml" --script "$WORK/first_$n.jsonl" --screenshot-dir "$OUT" || { echo "run first_$n failed" >&2; FAILED=$((FAILED + 1)); }
    cat >"$WORK/staff_$n.jsonl" <<EOS
{"screenshot":"${n}_30_staff_sign_in.png"}
{"tap_find":"staff.name.zhang"}
{"type":"975"}
{"screenshot":"${n}_31_staff_pin.png"}
{"type":"318"}
{"tap_find":"keypad.ok"}
{"screenshot":"${n}_32_staff_home.png"}
{"tap_find":"staff.today"}
{"screenshot":"${n}_33_staff_today.png"}
{"key":"Return"}
{"screenshot":"${n}_34_staff_appt.png"}
{"key":"Return"}
{"screenshot":"${n}_35_staff_checked_in.png"}
{"tap_find":"nav.home"}
{"tap_find":"staff.upcoming"}
{"screenshot":"${n}_36_staff_upcoming.png"}
{"tap_find":"nav.home"}
{"tap_find":"staff.find"}
{"type":"$SID"}
{"screenshot":"${n}_37_staff_find.png"}
{"key":"Return"}
{"screenshot":"${n}_38_staff_resident.png"}
{"key":"Return"}
{"screenshot":"${n}_39_staff_reveal_reason.png"}
{"key":"Return"}
{"screenshot":"${n}_40_staff_revealed.png"}
{"key":"Return"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Tab"}
{"key":"Return"}
{"screenshot":"${n}_41_staff_apply_item.png"}
{"key":"Return"}
{"screenshot":"${n}_42_staff_applicant.png"}
{"key":"Tab"}
{"key":"Return"}
{"type":"李四"}
{"screenshot":"${n}_43_staff_agent_name.png"}
{"key":"Return"}
{"type":"139000"}
{"screenshot":"${n}_44_staff_agent_phone.png"}
{"type":"02222"}
{"key":"Return"}
{"screenshot":"${n}_45_staff_apply_confirm.png"}
{"key":"Home"}
{"tap_find":"staff.book"}
{"type":"$NEW_ID"}
{"key":"Return"}
{"screenshot":"${n}_46_staff_not_registered.png"}
{"key":"Return"}
{"screenshot":"${n}_47_staff_book_kind.png"}
{"key":"Tab"}
{"key":"Return"}
{"screenshot":"${n}_48_staff_book_day.png"}
{"key":"Return"}
{"type":"1370000"}
{"screenshot":"${n}_49_staff_book_phone.png"}
{"type":"1111"}
{"key":"Return"}
{"type":"张三丰"}
{"screenshot":"${n}_50_staff_book_name.png"}
{"key":"Return"}
{"screenshot":"${n}_51_staff_book_address.png"}
{"key":"Return"}
{"screenshot":"${n}_52_staff_book_reason.png"}
{"key":"Return"}
{"screenshot":"${n}_53_staff_book_confirm.png"}
{"key":"Home"}
{"tap_find":"staff.worklists"}
{"screenshot":"${n}_54_staff_worklists.png"}
{"key":"Return"}
{"screenshot":"${n}_55_staff_renewals.png"}
{"key":"Escape"}
{"key":"Tab"}
{"key":"Return"}
{"screenshot":"${n}_56_staff_interests.png"}
{"key":"F12"}
{"screenshot":"${n}_57_staff_calls.png"}
{"key":"Home"}
{"tap_find":"staff.sync"}
{"screenshot":"${n}_58_staff_sync.png"}
{"key":"Home"}
{"tap_find":"staff.change_pin"}
{"screenshot":"${n}_59_staff_pin_old.png"}
{"key":"Home"}
{"advance_s":501}
{"screenshot":"${n}_60_staff_idle_warning.png"}
EOS
    SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$BIN/tongxing-kiosk" --mode staff --service "$URL" \
      --config "$WORK/$n.toml" --script "$WORK/staff_$n.jsonl" --a11y-log "$WORK/staff_$n.a11y.jsonl" \
      --screenshot-dir "$OUT" || { echo "staff run $n failed" >&2; FAILED=$((FAILED + 1)); }
  done
done
done
echo "screenshots in $OUT"
if command -v montage >/dev/null; then
  for panel in $PANELS; do
    shots=("$OUT/${panel}"_t*.png)
    [[ -e "${shots[0]}" ]] || continue
    montage -label '%t' -pointsize 14 "${shots[@]}" -tile 6x -geometry 480x480+8+8 \
      -background '#808080' "$OUT/sheet_${panel}.png"
    echo "contact sheet: $OUT/sheet_${panel}.png"
  done
else
  echo "no contact sheets: montage (imagemagick) is not installed" >&2
fi
if [ "$FAILED" -gt 0 ]; then
  echo "$FAILED kiosk run(s) failed: some screens are missing" >&2
  exit 1
fi
