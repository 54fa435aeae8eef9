#!/usr/bin/env bash
# The demo started by ./run.sh: a station service with synthetic data (and, once built, the
# central server it syncs to), and the kiosk in front of it.
#   deploy/demo.sh [--windowed]
# Data lives in demo-data/ (kept between runs; delete the folder for a fresh demo).
# With no display the kiosk runs on SDL's offscreen driver and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/bin
DEMO=${TONGXING_DEMO_DIR:-demo-data}
STATION_PORT=${TONGXING_STATION_PORT:-8480}
mkdir -p "$DEMO"

kiosk_args=()
for a in "$@"; do
  case "$a" in
    --windowed) kiosk_args+=(--windowed) ;;
    *) echo "demo: unknown option $a (use --windowed)" >&2; exit 2 ;;
  esac
done

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

if [[ ! -f "$DEMO/station.db" ]]; then
  "$BIN/tongxing-ctl" demo-data --db "$DEMO/station.db"
fi

"$BIN/tongxing-stationd" --db "$DEMO/station.db" --listen "127.0.0.1:$STATION_PORT" \
  2>>"$DEMO/stationd.log" &
pids+=($!)
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$STATION_PORT/api/v1/health" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
echo "station service: http://127.0.0.1:$STATION_PORT (log: $DEMO/stationd.log)"
echo "residents to sign in with (synthetic): $DEMO/station.db.demo-residents.jsonl"

if [[ -x "$BIN/tongxing-kiosk" ]]; then
  if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${SDL_VIDEODRIVER:-}" ]]; then
    echo "No display found: running the kiosk on SDL's offscreen driver (nothing will be shown)."
    export SDL_VIDEODRIVER=offscreen
    export SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}
  fi
  "$BIN/tongxing-kiosk" --service "http://127.0.0.1:$STATION_PORT" "${kiosk_args[@]}"
else
  echo "kiosk not built yet; the station service runs until you press Ctrl-C."
  wait
fi
