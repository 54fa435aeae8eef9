#!/usr/bin/env bash
# The demo started by ./run.sh: a station service with synthetic data (and, once built, the
# central server it syncs to), and the kiosk in front of it.
#   deploy/demo.sh [--windowed | --no-kiosk]
#   (--no-kiosk: only the services, until Ctrl-C; tests/console/demo_test.sh uses it with
#   TONGXING_BIN, TONGXING_DEMO_DIR and the port variables below)
# Data lives in demo-data/ (kept between runs; delete the folder for a fresh demo).
# With no display the kiosk runs on SDL's offscreen driver and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${TONGXING_BIN:-build/bin}
DEMO=${TONGXING_DEMO_DIR:-demo-data}
STATION_PORT=${TONGXING_STATION_PORT:-8480}
mkdir -p "$DEMO"

kiosk_args=()
kiosk=1
for a in "$@"; do
  case "$a" in
    --windowed) kiosk_args+=(--windowed) ;;
    --no-kiosk) kiosk=0 ;;
    *) echo "demo: unknown option $a (use --windowed or --no-kiosk)" >&2; exit 2 ;;
  esac
done

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

wait_health() {  # wait_health URL NAME: up to 10 s for the service to answer
  for _ in $(seq 1 100); do
    if curl -fsS "$1/api/v1/health" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "demo: $2 did not start; see its log in $DEMO/" >&2
  exit 1
}

CENTRAL_PORT=${TONGXING_CENTRAL_PORT:-8490}
CENTRAL="http://127.0.0.1:$CENTRAL_PORT"
"$BIN/tongxing-centrald" --db "$DEMO/central.db" --listen "127.0.0.1:$CENTRAL_PORT" \
  2>>"$DEMO/centrald.log" &
pids+=($!)
wait_health "$CENTRAL" "central server"
echo "central server:  $CENTRAL (log: $DEMO/centrald.log)"
print_console() {
  echo "admin console:   $CENTRAL/admin/  (user demo, password $(sed -n 's/^password: //p' "$DEMO/console-admin.txt"); kept in $DEMO/console-admin.txt)"
}

# Enrol the demo station once; the id is kept beside its secret.
if [[ ! -f "$DEMO/station.secret" ]]; then
  "$BIN/tongxing-ctl" station add --url "$CENTRAL" --token-file "$DEMO/central.db.admin-token" \
    --name "示例社区残疾人服务站" --secret-file "$DEMO/station.secret" >"$DEMO/station-enrolment.txt"
fi
STATION_ID=$(sed -n 's/^station_id: //p' "$DEMO/station-enrolment.txt")

# The administrators' web console: a demo administrator, and history so the plots are not empty.
if [[ ! -f "$DEMO/console-admin.txt" ]]; then
  password="demo-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  echo "$password" | "$BIN/tongxing-ctl" central admin add --db "$DEMO/central.db" --username demo --password-stdin >/dev/null
  "$BIN/tongxing-ctl" central demo-history --db "$DEMO/central.db" --backfill "$STATION_ID" >/dev/null
  printf 'user: demo\npassword: %s\n' "$password" >"$DEMO/console-admin.txt"
  chmod 600 "$DEMO/console-admin.txt"
fi

if [[ ! -f "$DEMO/station.db" ]]; then
  "$BIN/tongxing-ctl" demo-data --db "$DEMO/station.db"
fi

STATION="http://127.0.0.1:$STATION_PORT"
"$BIN/tongxing-stationd" --db "$DEMO/station.db" --listen "127.0.0.1:$STATION_PORT" \
  --central "$CENTRAL" --station-id "$STATION_ID" --station-secret-file "$DEMO/station.secret" \
  --sync-interval-s 30 2>>"$DEMO/stationd.log" &
pids+=($!)
wait_health "$STATION" "station service"
echo "station service: $STATION, syncing to central as $STATION_ID every 30 s (log: $DEMO/stationd.log)"
echo "residents to sign in with (synthetic): $DEMO/station.db.demo-residents.jsonl"
echo "watch sync:  build/bin/tongxing-ctl stations --url $CENTRAL --token-file $DEMO/central.db.admin-token"
print_console

if [[ $kiosk == 1 && -x "$BIN/tongxing-kiosk" ]]; then
  if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${SDL_VIDEODRIVER:-}" ]]; then
    echo "No display found: running the kiosk on SDL's offscreen driver (nothing will be shown)."
    export SDL_VIDEODRIVER=offscreen
    export SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}
  fi
  "$BIN/tongxing-kiosk" --service "$STATION" "${kiosk_args[@]}"
else
  [[ $kiosk == 1 ]] && echo "kiosk not built yet; the station service runs until you press Ctrl-C."
  wait
fi
