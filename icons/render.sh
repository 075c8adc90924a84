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
