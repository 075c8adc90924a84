#!/usr/bin/env bash
# Renders the application icon PNGs (16–512 px) from icons/watchpost.svg and copies them
# into the application's resources. Needs rsvg-convert (Debian package librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for s in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" watchpost.svg -o "watchpost-$s.png"
done
mkdir -p ../src/main/resources/org/watchpost/icons
cp watchpost-*.png ../src/main/resources/org/watchpost/icons/
echo "rendered $(ls watchpost-*.png | wc -l) icons"
# platform icons for the installers: Windows .ico (ImageMagick), macOS .icns (icnsutils' png2icns)
if command -v convert >/dev/null && command -v png2icns >/dev/null; then
  convert watchpost-16.png watchpost-24.png watchpost-32.png watchpost-48.png watchpost-64.png watchpost-128.png \
    watchpost-256.png ../packaging/windows/watchpost.ico
  png2icns ../packaging/macos/watchpost.icns watchpost-16.png watchpost-32.png watchpost-48.png watchpost-128.png \
    watchpost-256.png watchpost-512.png >/dev/null
  echo "wrote packaging/windows/watchpost.ico and packaging/macos/watchpost.icns"
fi
