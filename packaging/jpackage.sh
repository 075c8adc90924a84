#!/usr/bin/env bash
# Builds a self-contained Watchpost with jpackage (bundled Java runtime).
#   packaging/jpackage.sh            -> target/dist/Watchpost (app image)
#   packaging/jpackage.sh deb        -> target/dist/watchpost_<version>_amd64.deb (needs binutils, fakeroot)
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
version="$(sed -n "s|^  <version>\(.*\)</version>|\1|p" pom.xml | head -1)"
mvn -B -q -DskipTests package
rm -rf target/jpackage-input target/dist/Watchpost
mkdir -p target/jpackage-input target/dist
cp "target/watchpost-${version}-all.jar" target/jpackage-input/
args=(--name Watchpost --app-version "${version%%-*}" --vendor "Watchpost" --input target/jpackage-input
      --main-jar "watchpost-${version}-all.jar" --main-class org.watchpost.app.Main
      --icon icons/watchpost-256.png --dest target/dist
      --description "Network perimeter risk scanner"
      --java-options "-Xmx2g" --java-options "-Dfile.encoding=UTF-8")
if [ "$type" = deb ]; then
  args+=(--type deb --linux-package-name watchpost --linux-menu-group "Network;Security" --linux-shortcut
         --linux-app-category net --license-file LICENSE --install-dir /opt)
else
  args+=(--type app-image)
fi
jpackage "${args[@]}"
ls -la target/dist
