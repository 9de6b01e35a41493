# Shared by the data scripts: installs the pinned npm packages (scripts/package.json and
# scripts/package-lock.json) into scripts/node_modules when they are missing, and finds
# tessera-cli. Source it; do not run it.

ensure_npm_deps() {
    local dir
    dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    command -v node >/dev/null || { echo "error: node (>= 18) is needed: apt-get install nodejs npm" >&2; return 1; }
    if [ ! -f "$dir/node_modules/.package-lock.json" ] \
        || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        echo "Installing the data packages into scripts/node_modules (npm ci)"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

find_tessera_cli() {
    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    if [ -n "${TESSERA_CLI:-}" ]; then
        echo "$TESSERA_CLI"
        return
    fi
    local cli="$root/build/release/app/tessera-cli"
    if [ ! -x "$cli" ]; then
        echo "Building tessera-cli (Release)" >&2
        (cd "$root" && cmake --preset release >&2 && cmake --build --preset release --target tessera-cli >&2)
    fi
    echo "$cli"
}
