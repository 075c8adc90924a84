#!/usr/bin/env bash
# Builds Watchpost for distribution. One command per artifact (run from anywhere):
#
#   packaging/jpackage.sh jar        target/watchpost-<version>-all.jar   runnable jar (needs Java 17+ installed)
#   packaging/jpackage.sh app-image  target/dist/Watchpost/               folder with its own trimmed Java runtime (default)
#   packaging/jpackage.sh deb        target/dist/watchpost_<version>_amd64.deb   Linux; needs fakeroot and binutils
#   packaging/jpackage.sh msi        target/dist/Watchpost-<version>.msi  on Windows; needs WiX Toolset 3 on PATH
#   packaging/jpackage.sh dmg        target/dist/Watchpost-<version>.dmg  on macOS (Xcode command line tools)
#   packaging/jpackage.sh modules    prints the Java modules the bundled runtime holds
#
# SKIP_BUILD=1 reuses an existing target/watchpost-<version>-all.jar. Nothing is downloaded
# at install or run time: the runtime, JavaFX natives and vulnerability data are inside.
# On Windows run it from Git Bash (or WSL-less MSYS2) with a JDK 17+ on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
version="$(sed -n "s|^  <version>\(.*\)</version>|\1|p" pom.xml | head -1)"
app_version="${version%%-*}"
jar="watchpost-${version}-all.jar"

# The runtime is trimmed with jlink to these modules. The first line is what
# `jdeps --print-module-deps --ignore-missing-deps --multi-release 17` reports for the fat jar;
# the second adds what is only loaded by name at run time:
#   jdk.crypto.ec   elliptic-curve TLS (ECDHE, ECDSA) for the TLS checks and HTTPS probes
#   jdk.localedata  date and number formats beyond English
#   jdk.charsets    legacy character sets in banners and CSV imports
#   jdk.zipfs       reading .gz/.zip feeds through the zip file system
#   java.naming     (JNDI, needed by java.sql.rowset and logback's configuration)
MODULES="java.base,java.scripting,java.sql.rowset,jdk.jfr,jdk.management,jdk.unsupported,jdk.unsupported.desktop"
MODULES="$MODULES,jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.zipfs,java.naming,java.desktop,java.sql,java.management,java.logging,java.xml"

if [ "$type" = modules ]; then
  echo "$MODULES" | tr ',' '\n'
  exit 0
fi

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "target/$jar" ]; then
  mvn -B -q -DskipTests package
fi
if [ "$type" = jar ]; then
  ls -la "target/$jar"
  echo "run it with: java -jar target/$jar"
  exit 0
fi

rm -rf target/jpackage-input
mkdir -p target/jpackage-input target/dist
cp "target/$jar" target/jpackage-input/
cp LICENSE packaging/THIRD-PARTY.md target/jpackage-input/

args=(--name Watchpost --app-version "$app_version" --vendor "Watchpost"
      --copyright "Copyright 2026 the Watchpost authors. Apache License 2.0."
      --description "Network perimeter risk scanner"
      --input target/jpackage-input --main-jar "$jar" --main-class org.watchpost.app.Main
      --add-modules "$MODULES"
      --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands --compress=2"
      --dest target/dist
      --java-options "-Xmx2g" --java-options "-Dfile.encoding=UTF-8"
      # the quick JIT tier, as ./watchpost runs the window and the commands: C2 competed with the FX
      # thread for the 2 cores during start (docs/performance.md); the largest report takes 25 % longer
      --java-options "-XX:TieredStopAtLevel=1")

case "$type" in
  app-image)
    rm -rf target/dist/Watchpost
    args+=(--type app-image --icon icons/watchpost-256.png)
    ;;
  deb)
    rm -f target/dist/watchpost_*.deb
    args+=(--type deb --icon icons/watchpost-256.png --resource-dir packaging/linux
           --linux-package-name watchpost --linux-deb-maintainer watchpost@example.org
           --linux-package-deps "libgtk-3-0, libgl1, libxxf86vm1"
           --linux-menu-group "Network;Security;" --linux-app-category net --linux-shortcut
           --linux-app-release 1 --license-file LICENSE --install-dir /opt)
    ;;
  msi)
    # a stable upgrade code: a newer .msi replaces the installed version instead of installing beside it
    args+=(--type msi --icon packaging/windows/watchpost.ico --license-file LICENSE
           --win-menu --win-menu-group Watchpost --win-shortcut --win-dir-chooser --win-shortcut-prompt
           --win-upgrade-uuid 6c0f5a0e-3b7d-4c47-9a0e-2f6f2b9c1d55
           --add-launcher "watchpost-cli=packaging/windows/watchpost-cli.properties")
    ;;
  dmg)
    # macOS refuses versions whose first number is 0: 0.x.y ships as 1.x.y (override with MAC_APP_VERSION)
    mac_version="${MAC_APP_VERSION:-$app_version}"
    [ "${mac_version%%.*}" = 0 ] && mac_version="1.${mac_version#0.}"
    for i in "${!args[@]}"; do [ "${args[$i]}" = "$app_version" ] && args[$i]="$mac_version"; done
    args+=(--type dmg --icon packaging/macos/watchpost.icns --license-file LICENSE
           --mac-package-name Watchpost --mac-package-identifier org.watchpost.app
           --resource-dir packaging/macos)
    ;;
  *)
    echo "unknown type '$type': use jar, app-image, deb, msi, dmg or modules" >&2
    exit 2
    ;;
esac

start=$(date +%s)
jpackage "${args[@]}" ${JPACKAGE_VERBOSE:+--verbose}
echo "jpackage $type took $(( $(date +%s) - start )) s"
ls -la target/dist
