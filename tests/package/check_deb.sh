#!/usr/bin/env bash
# Builds the .deb with CPack into a scratch folder and checks that it carries
# both programs, the desktop entry, the icon and the sample project, and that
# its dependencies were worked out from the binaries.
set -euo pipefail
build_dir=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$build_dir" && cpack -G DEB -B "$out" >/dev/null)
deb=$(ls "$out"/tessera_*.deb)
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/tessera ./usr/bin/tessera-cli ./usr/share/applications/tessera.desktop \
         ./usr/share/icons/hicolor/scalable/apps/tessera.svg ./usr/share/tessera/samples/southeast.tessera; do
  grep -qF " $f" <<<"$contents" || { echo "missing from $deb: $f"; exit 1; }
done
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6widgets6 libgdal libglpk libsqlite3; do
  grep -q "$lib" <<<"$depends" || { echo "Depends lacks $lib: $depends"; exit 1; }
done
dpkg-deb -x "$deb" "$out/root"
grep -q '^Exec=tessera' "$out/root/usr/share/applications/tessera.desktop"
echo "package ok: $(basename "$deb")"
