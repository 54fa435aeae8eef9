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
RENDERER=${RENDERER:-opengl}  # RENDERER=software kiosk/tools/screenshots.sh ...: the other renderer
BIN=build/bin
WORK=$(mktemp -d)
trap 'kill $SD 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$OUT/logs"
FAILED=0  # kiosk runs that failed (a missing widget, a screenshot not written)
"$BIN/tongxing-ctl" demo-data --db "$WORK/station.db" >/dev/null
# Staff screens: an account (its PIN changed below, as its owner would), sessions every day so
# that an appointment today can be shown, checked in and printed.
printf '246813\n' | "$BIN/tongxing-ctl" staff add --db "$WORK/station.db" --username zhang --name 张伟 \
  --role staff --pin-stdin >/dev/null
TODAY=$(TZ=Asia/Shanghai date +%F)
TOMORROW=$(TZ=Asia/Shanghai date -d tomorrow +%F)
# The Monday of tomorrow's week: more than a week of days is chosen by week first (week.<Monday>).
TOMORROW_WEEK=$(date -d "$TOMORROW -$(( $(date -d "$TOMORROW" +%u) - 1 )) days" +%F)
# (one demo resident books on every panel: the per-ID limit, 30 checks a minute, refused the
# third panel's phone step with "操作太频繁" — raised for this tool's station only)
cat >"$WORK/station.toml" <<EOS
[booking]
id_requests_per_minute = 1000
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
post() { curl -fsS -H 'Content-Type: application/json' -H "X-Tongxing-Terminal: ${3:-kiosk-2}" ${4:+-H "Authorization: Bearer $4"} -d "$2" "$URL$1"; }
# The first job listed (its button is "job.<id>").
JOB=$(curl -fsS -H 'X-Tongxing-Terminal: kiosk-1' "$URL/api/v1/jobs" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
# shoot NAME ARGS...: one kiosk run. The journeys go by widget ids (tap_find turns pages until the
# widget is there) and the key that activates what has the focus on arrival (the first item of a
# list) or submits a field, never by counting Tab presses: a layout change that moves or pages a
# control does not derail them, and a control that is gone stops the run (exit 4) instead of
# photographing the wrong screens. Two taps on one target within 0.5 s count once (M3), hence the
# waits between a field's two "下一步". Each run's a11y log is kept in $OUT/logs.
# A failed run also says where it stopped and what was last said there (the station's refusal:
# a wrong phone number, a locked ID after 5 failed checks, a rate limit, a full day…).
shoot() {
  local name=$1 log="$OUT/logs/$1.a11y.jsonl"
  shift
  SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$BIN/tongxing-kiosk" --service "$URL" "$@" \
    --a11y-log "$log" --screenshot-dir "$OUT" --renderer "$RENDERER" || {
    echo "run $name failed: some of its screens are missing" >&2
    echo "  last screen: $(grep -o '"screen":"[^"]*"' "$log" 2>/dev/null | tail -1)" >&2
    echo "  last spoken: $(grep -o '"speech":\[{[^]]*\]' "$log" 2>/dev/null | tail -1 | grep -o '"text":"[^"]*"' | head -3 | tr '\n' ' ')" >&2
    FAILED=$((FAILED + 1))
  }
}
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
{"tap_find":"home.appointment"}
{"screenshot":"${n}_02_kind.png"}
{"tap_find":"kind.first_assessment"}
{"screenshot":"${n}_03_weeks.png"}
{"tap_find":"week.$TOMORROW_WEEK"}
{"screenshot":"${n}_03b_day.png"}
{"tap_find":"day.$TOMORROW"}
{"type":"${ID:0:10}"}
{"screenshot":"${n}_04_id.png"}
{"type":"${ID:10}"}
{"tap_find":"keypad.ok"}
{"screenshot":"${n}_04b_returning.png"}
{"tap_find":"returning.yes"}
{"type":"${P4}"}
{"screenshot":"${n}_05_phone.png"}
{"tap_find":"keypad.ok"}
{"screenshot":"${n}_06_confirm.png"}
{"tap_find":"confirm.book"}
{"screenshot":"${n}_07_slip.png"}
EOS
    shoot "$n" --config "$WORK/$n.toml" --script "$WORK/$n.jsonl"
    # The appointment just booked (its cancel button is "appt.<id>.cancel"), from the station.
    APPT=$(post /api/v1/appointments/lookup "{\"id_number\":\"$ID\",\"phone_last4\":\"$P4\"}" kiosk-1 |
      tr '{' '\n' | grep '"status":"booked"' | grep -o '"id":[0-9]*' | tail -1 | cut -d: -f2 || true)
    cat >"$WORK/${n}_b.jsonl" <<EOS
{"tap_find":"home.my_appointments"}
{"type":"${ID}"}
{"tap_find":"keypad.ok"}
{"type":"${P4}"}
{"wait_ms":550}
{"tap_find":"keypad.ok"}
{"screenshot":"${n}_08_my.png"}
{"tap_find":"appt.$APPT.cancel"}
{"screenshot":"${n}_09_cancel.png"}
{"tap_find":"cancel.yes"}
{"tap_find":"nav.home"}
{"screenshot":"${n}_10a_home_verified.png"}
{"tap_find":"home.end_session"}
{"screenshot":"${n}_10b_home_ended.png"}
{"tap_find":"home.subsidy"}
{"type":"${SID}"}
{"tap_find":"keypad.ok"}
{"type":"${SP4}"}
{"wait_ms":550}
{"tap_find":"keypad.ok"}
{"screenshot":"${n}_10_consent.png"}
{"tap_find":"consent.yes"}
{"screenshot":"${n}_11_subsidy.png"}
{"tap_find":"subsidy.0"}
{"screenshot":"${n}_12_subsidy_detail.png"}
{"tap_find":"nav.home"}
{"tap_find":"home.jobs"}
{"screenshot":"${n}_13_jobs.png"}
{"tap_find":"jobs.filter"}
{"screenshot":"${n}_14_filter.png"}
{"tap_find":"filter.next"}
{"screenshot":"${n}_14b_filter_type.png"}
{"tap_find":"filter.next"}
{"screenshot":"${n}_14c_filter_category.png"}
{"tap_find":"filter.apply"}
{"tap_find":"job.$JOB"}
{"screenshot":"${n}_15_job.png"}
{"tap_find":"job.interest"}
{"screenshot":"${n}_16_interest.png"}
{"tap_find":"nav.call_staff"}
{"screenshot":"${n}_17_call.png"}
{"tap_find":"nav.home"}
{"tap_find":"home.language"}
{"screenshot":"${n}_18_language.png"}
{"tap_find":"nav.home"}
{"tap_find":"home.settings"}
{"screenshot":"${n}_19_settings.png"}
{"advance_s":200}
{"screenshot":"${n}_20_idle_warning.png"}
EOS
    shoot "${n}_b" --config "$WORK/$n.toml" --script "$WORK/${n}_b.jsonl"
  done
done
done

# Staff: the PIN chosen, an arrival booked for today, a call from a kiosk waiting.
TOKEN=$(post /api/v1/staff/login '{"username":"zhang","pin":"246813"}' | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
post /api/v1/staff/pin '{"old_pin":"246813","new_pin":"975318"}' pc "$TOKEN" >/dev/null
R2=$(grep '"persona":"renewal_due"' "$WORK/station.db.demo-residents.jsonl")
STAFF_APPT=$(post /api/v1/appointments "{\"kind\":\"renewal\",\"date\":\"$TODAY\",\"id_number\":\"$(field id_number "$R2")\",\"phone_last4\":\"$(field phone_last4 "$R2")\"}" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
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
{"tap_find":"home.appointment"}
{"tap_find":"kind.first_assessment"}
{"tap_find":"week.$TOMORROW_WEEK"}
{"tap_find":"day.$TOMORROW"}
{"type":"$FIRST_ID"}
{"tap_find":"keypad.ok"}
{"tap_find":"returning.no"}
{"type":"1380013"}
{"screenshot":"${n}_21_phone_full.png"}
{"type":"8000"}
{"tap_find":"keypad.ok"}
{"screenshot":"${n}_22_confirm_first_time.png"}
EOS
    shoot "first_$n" --config "$WORK/$n.toml" --script "$WORK/first_$n.jsonl"
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
{"tap_find":"staff.appt.$STAFF_APPT"}
{"screenshot":"${n}_34_staff_appt.png"}
{"tap_find":"staff.appt.print"}
{"screenshot":"${n}_35_staff_checked_in.png"}
{"tap_find":"nav.home"}
{"tap_find":"staff.upcoming"}
{"screenshot":"${n}_36_staff_upcoming.png"}
{"tap_find":"nav.home"}
{"tap_find":"staff.find"}
{"type":"$SID"}
{"screenshot":"${n}_37_staff_find.png"}
{"tap_find":"keypad.ok"}
{"screenshot":"${n}_38_staff_resident.png"}
{"tap_find":"staff.reveal"}
{"screenshot":"${n}_39_staff_reveal_reason.png"}
{"tap_find":"staff.reveal.reason.0"}
{"screenshot":"${n}_40_staff_revealed.png"}
{"tap_find":"staff.resident.apply"}
{"screenshot":"${n}_41_staff_apply_item.png"}
{"tap_find":"staff.item.nursing_subsidy"}
{"screenshot":"${n}_42_staff_applicant.png"}
{"tap_find":"staff.applicant.guardian"}
{"type":"李四"}
{"screenshot":"${n}_43_staff_agent_name.png"}
{"tap_find":"staff.name.next"}
{"type":"139000"}
{"screenshot":"${n}_44_staff_agent_phone.png"}
{"type":"02222"}
{"tap_find":"keypad.ok"}
{"screenshot":"${n}_45_staff_apply_confirm.png"}
{"key":"Home"}
{"tap_find":"staff.book"}
{"type":"$NEW_ID"}
{"tap_find":"keypad.ok"}
{"screenshot":"${n}_46_staff_not_registered.png"}
{"tap_find":"staff.register_book"}
{"screenshot":"${n}_47_staff_book_kind.png"}
{"tap_find":"staff.kind.home_assessment"}
{"screenshot":"${n}_48_staff_book_day.png"}
{"tap_find":"staff.day.$TODAY"}
{"type":"1370000"}
{"screenshot":"${n}_49_staff_book_phone.png"}
{"type":"1111"}
{"tap_find":"keypad.ok"}
{"type":"张三丰"}
{"screenshot":"${n}_50_staff_book_name.png"}
{"tap_find":"staff.name.next"}
{"screenshot":"${n}_51_staff_book_address.png"}
{"tap_find":"staff.address.registered"}
{"screenshot":"${n}_52_staff_book_reason.png"}
{"tap_find":"staff.reason.bedridden"}
{"screenshot":"${n}_53_staff_book_confirm.png"}
{"key":"Home"}
{"tap_find":"staff.worklists"}
{"screenshot":"${n}_54_staff_worklists.png"}
{"tap_find":"staff.worklist.renewals"}
{"screenshot":"${n}_55_staff_renewals.png"}
{"tap_find":"nav.back"}
{"tap_find":"staff.worklist.interests"}
{"screenshot":"${n}_56_staff_interests.png"}
{"tap_find":"nav.calls"}
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
    shoot "staff_$n" --mode staff --config "$WORK/$n.toml" --script "$WORK/staff_$n.jsonl"
  done
done
done
# Every screen of every journey: a picture for each screenshot action of every script.
MISSING=0
for script in "$WORK"/*.jsonl; do
  for shot in $(grep -o '"screenshot":"[^"]*"' "$script" | cut -d'"' -f4); do
    [[ -s "$OUT/$shot" ]] || { echo "missing: $shot" >&2; MISSING=$((MISSING + 1)); }
  done
done
echo "screenshots in $OUT ($MISSING missing)"
if command -v montage >/dev/null; then
  for panel in $PANELS; do
    shots=("$OUT/${panel}"_t*.png)
    [[ -e "${shots[0]}" ]] || continue
    # (each picture scaled down as it is read: ImageMagick's default cache policy cannot hold a
    # hundred full-size ones)
    montage -label '%t' -font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc -pointsize 14 \
      "${shots[@]/%/[480x480]}" -tile 6x -geometry 480x480+8+8 \
      -background '#808080' "$OUT/sheet_${panel}.png"
    echo "contact sheet: $OUT/sheet_${panel}.png"
  done
else
  echo "no contact sheets: montage (imagemagick) is not installed" >&2
fi
if [ "$FAILED" -gt 0 ] || [ "$MISSING" -gt 0 ]; then
  echo "$FAILED kiosk run(s) failed: some screens are missing" >&2
  exit 1
fi
