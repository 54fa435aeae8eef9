#!/usr/bin/env bash
# The demo's console (issue 15, "Demo and set-up"): deploy/demo.sh (what ./run.sh starts after
# building) prints the console's URL and a demo administrator's credentials, those credentials
# sign in, and the demo stations have history (so the plots and statistics are not empty).
#   tests/console/demo_test.sh BIN_DIR   (ctest: console_demo)
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$(cd "${1:?usage: demo_test.sh BIN_DIR}" && pwd)
work=$(mktemp -d)
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
demo_pid=
finish() {
  if [[ -n "$demo_pid" ]]; then kill -TERM "$demo_pid" 2>/dev/null || true; wait "$demo_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap finish EXIT
fail() { echo "demo_test: $*" >&2; echo "--- demo output" >&2; cat "$work/out" >&2; exit 1; }

: >"$work/out"
TONGXING_BIN="$BIN" TONGXING_DEMO_DIR="$work/demo" TONGXING_CENTRAL_PORT=$(free_port) \
  TONGXING_STATION_PORT=$(free_port) "$SRC/deploy/demo.sh" --no-kiosk >"$work/out" 2>&1 &
demo_pid=$!
for _ in $(seq 1 600); do  # up to 60 s (demo data, 8 stations' history, two services)
  grep -q '^admin console:' "$work/out" && break
  kill -0 "$demo_pid" 2>/dev/null || fail "demo.sh stopped"
  sleep 0.1
done
line=$(grep '^admin console:' "$work/out") || fail "no console line"
url=$(sed -n 's/^admin console: *\(http[^ ]*\/admin\/\) .*/\1/p' <<<"$line")
user=$(sed -n 's/.*(user \([^,]*\), password \([^;]*\);.*/\1/p' <<<"$line")
password=$(sed -n 's/.*(user \([^,]*\), password \([^;]*\);.*/\2/p' <<<"$line")
[[ -n "$url" && -n "$user" && -n "$password" ]] || fail "cannot read URL and credentials from: $line"
api=${url}api

# The printed URL serves the page, and the printed credentials sign in.
curl -fsS "$url" | grep -q '<html' || fail "$url serves no page"
jar="$work/cookies"
login=$(jq -cn --arg u "$user" --arg p "$password" '{username: $u, password: $p}')
curl -fsS -c "$jar" -H 'Content-Type: application/json' -d "$login" "$api/login" >"$work/me.json" ||
  fail "the printed credentials do not sign in"
[[ $(jq -r .role "$work/me.json") == admin ]] || fail "the demo account is not an admin: $(cat "$work/me.json")"

# History: the demo station and the extra demo stations have events in the last 7 days, and the
# statistics have bookings.
station=$(sed -n 's/^station_id: //p' "$work/demo/station-enrolment.txt")
curl -fsS -b "$jar" "$api/fleet" >"$work/fleet.json"
n=$(jq '.stations | length' "$work/fleet.json")
(( n >= 9 )) || fail "the fleet has $n stations (the demo's and 8 with history expected)"
for id in "$station" $(jq -r '.stations[].station_id' "$work/fleet.json" | head -3); do
  events=$(curl -fsS -b "$jar" "$api/stations/$id/history?days=7" | jq '[.hours[].events] | add // 0')
  (( events > 0 )) || fail "station $id has no events in its 7-day history"
done
booked=$(curl -fsS -b "$jar" "$api/statistics?by=district" | jq '[.rows[].values.booked // 0] | add // 0')
(( booked > 0 )) || fail "the statistics show no bookings"
echo "demo_test: ok ($url, user $user; $n stations; $booked bookings in the statistics)"
