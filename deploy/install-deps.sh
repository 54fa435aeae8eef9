#!/usr/bin/env bash
# Installs every Debian package Tongxing needs to build, test and run the demo.
# Idempotent: packages already present are not touched, so a second run costs ~1 s.
# Usage: deploy/install-deps.sh [--bench]   (--bench adds what the benchmarks compare against)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config git ca-certificates curl
  # kiosk
  libsdl2-dev libimgui-dev libstb-dev libespeak-ng-dev espeak-ng fonts-noto-cjk
  libgl1-mesa-dri libegl-mesa0 libfreetype-dev libqrencode-dev libicu-dev
  # services
  libsqlite3-dev sqlite3 libcpp-httplib-dev nlohmann-json3-dev libsodium-dev libzstd-dev
  libtomlplusplus-dev libssl-dev libpq-dev postgresql openssl libmicrohttpd-dev
  # tests
  libgtest-dev libgmock-dev clang libclang-rt-14-dev
  # speech checks (tools/speech/check.py, tests/kiosk/speech_wav_test.sh): word-level reading
  # references, Simplified→Traditional, word segmentation, WAV inspection
  rime-data-terra-pinyin rime-data-jyut6ping3 opencc libopencc-data python3-jieba sox
  # packaging and unit checks: cpack's dpkg-shlibdeps, systemd-analyze verify (the kiosk unit
  # runs /usr/bin/cage and /usr/bin/setterm, which must exist for verify to pass)
  systemd dpkg-dev file procps cage util-linux
  # the web console's browser tests: Debian's chromium, driven by playwright-core from npm
  chromium
  # kiosk/tools/screenshots.sh: a contact sheet per panel size (montage)
  imagemagick
  # central: the console's statistics as .xlsx (services/central/xlsx.h)
  libxlsxwriter-dev
  # tests/console/demo_test.sh reads the console's JSON answers
  jq
)
# The web console's build step (npm ci, web/console/CMakeLists.txt) needs node and npm:
# Debian's, unless a node with its npm is installed already (e.g. from NodeSource, whose nodejs
# package conflicts with Debian's npm).
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(libbenchmark-dev)
fi

# ImGui's SDL_Renderer backend (the kiosk's `--renderer software`) is shipped by libimgui-dev only
# as source under /usr/share/doc; an image that excludes /usr/share/doc from dpkg (slim Docker
# images) lacks it, so it is taken from the package itself.
IMGUI_SDLR=/usr/share/doc/libimgui-dev/examples/backends/imgui_impl_sdlrenderer.cpp
ensure_imgui_backend() {
  [[ -f "$IMGUI_SDLR" ]] && return 0
  local d; d=$(mktemp -d)
  (cd "$d" && chmod 777 . && apt-get download libimgui-dev >/dev/null && dpkg-deb -x libimgui-dev_*.deb x) || { rm -rf "$d"; return 1; }
  $SUDO mkdir -p "$(dirname "$IMGUI_SDLR")"
  $SUDO cp "$d/x$IMGUI_SDLR" "$IMGUI_SDLR"  # (its header is in /usr/include/imgui/backends)
  rm -rf "$d"
  echo "install-deps: restored $IMGUI_SDLR from the libimgui-dev package" >&2
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
if (( ${#missing[@]} == 0 )); then
  ensure_imgui_backend
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# The package index may be stale or absent on a fresh machine; refresh once, retrying a flaky mirror.
for attempt in 1 2 3; do
  if $SUDO apt-get update -q; then break; fi
  echo "install-deps: apt-get update failed (attempt $attempt), retrying" >&2
  sleep $((attempt * 5))
done
# Debian's postgresql package creates and starts a "main" cluster; the tests start their own
# servers, so a cluster this script brought in is stopped and set to start only by hand.
quiet_new_postgres() {
  [[ " ${missing[*]} " == *" postgresql "* ]] || return 0
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters -h 2>/dev/null | while read -r version cluster _; do
    $SUDO pg_ctlcluster "$version" "$cluster" stop 2>/dev/null || true
    echo manual | $SUDO tee "/etc/postgresql/$version/$cluster/start.conf" >/dev/null
  done
}
for attempt in 1 2 3; do
  if $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; then quiet_new_postgres; ensure_imgui_backend; exit 0; fi
  echo "install-deps: apt-get install failed (attempt $attempt), retrying" >&2
  sleep $((attempt * 5))
done
echo "install-deps: could not install: ${missing[*]}" >&2
exit 1
