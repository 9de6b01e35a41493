#!/usr/bin/env bash
# Developer entry point used by the README quick start and by CI.
#   scripts/dev.sh run   install what is missing, build (Release), open the sample project
#                        (a copy in the user's data folder; `run --fresh-sample` replaces the copy)
#   scripts/dev.sh test  install what is missing, build, run every test through ctest:
#                        the Release tree, then the sanitize pass below
#   scripts/dev.sh build install what is missing and build
#   scripts/dev.sh sanitize  build the ASan + UBSan tree (preset asan, clang), run
#                        the engine and CLI tests in it and each libFuzzer target
#                        for TESSERA_FUZZ_SECONDS (default 30) on its seed corpus
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-svg-dev qt6-positioning-dev qt6-charts-dev libgl-dev
  libboost-dev libboost-graph-dev libboost-program-options-dev
  libglpk-dev glpk-utils libsqlite3-dev sqlite3 libgdal-dev gdal-bin
  nlohmann-json3-dev libbenchmark-dev fonts-dejavu-core xvfb xauth
  libxlsxwriter-dev libzip-dev libreoffice-impress poppler-utils python3-openpyxl)

# Only the sanitizer and fuzzing build needs these.
sanitize_packages=(clang libfuzzer-14-dev)

install_missing() {
  local missing=()
  local wanted=("${packages[@]}" "$@")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build() {
  cmake --preset release
  cmake --build --preset release --parallel "$(nproc)"
}

# The engine and CLI tests again under ASan + UBSan (preset asan, clang), then
# each libFuzzer target for TESSERA_FUZZ_SECONDS (default 30), all through ctest.
sanitize() {
  install_missing "${sanitize_packages[@]}"
  local start=$SECONDS
  cmake --preset asan -DTESSERA_FUZZ_SECONDS="${TESSERA_FUZZ_SECONDS:-30}"
  cmake --build --preset asan --parallel "$(nproc)"
  ctest --preset asan --parallel "$(nproc)"
  echo "sanitize: done in $((SECONDS - start)) s"
}

# The sample project the window opens: a copy in the user's data folder, made
# once (again with --fresh-sample), so editing and saving it, and SQLite's
# -wal/-shm files, never touch the committed resources/samples/southeast.tessera.
user_sample() {
  local folder="${XDG_DATA_HOME:-$HOME/.local/share}/tessera/samples"
  local copy="$folder/southeast.tessera"
  case "$1" in
    "") ;;
    --fresh-sample) rm -f "$copy" "$copy-wal" "$copy-shm" "$copy-lock" "$copy-recovery" ;;
    *) echo "usage: scripts/dev.sh run [--fresh-sample]" >&2; exit 2 ;;
  esac
  if [ ! -e "$copy" ]; then
    mkdir -p "$folder"
    cp resources/samples/southeast.tessera "$copy"
    chmod u+w "$copy"
    echo "Copied the sample project to $copy (scripts/dev.sh run --fresh-sample starts again from the original)" >&2
  fi
  echo "$copy"
}

case "${1:-}" in
  run)
    install_missing
    build
    sample=$(user_sample "${2:-}")
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "No display: starting Tessera under Xvfb. To see the map without a display, run"
      echo "  build/release/app/tessera --screenshot map.png $sample"
      exec xvfb-run -a build/release/app/tessera "$sample"
    fi
    exec build/release/app/tessera "$sample"
    ;;
  test)
    install_missing "${sanitize_packages[@]}"
    build
    ctest --preset release --parallel "$(nproc)"
    sanitize
    ;;
  build)
    install_missing
    build
    ;;
  sanitize)
    sanitize
    ;;
  *)
    echo "usage: scripts/dev.sh run|test|build|sanitize" >&2
    exit 2
    ;;
esac
