#!/usr/bin/env bash
# Tries the installed .deb as a person would: under Xvfb with a window manager, starts
# Watchpost through the installed menu entry's Exec line on a fresh data folder, takes the
# first-run scan of this computer (127.0.0.1 only), opens Help and the shortcuts sheet, and
# saves screenshots. Needs: the package installed (sudo dpkg -i target/dist/watchpost_*.deb),
# xvfb, openbox, xdotool, imagemagick. Usage: scripts/try-installed-deb.sh [OUT_DIR]
set -euo pipefail
out="$(realpath -m "${1:-target/installed-try}")"
mkdir -p "$out"
export OUT="$out"
exec timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  export WATCHPOST_HOME="$OUT/home"
  rm -rf "$WATCHPOST_HOME"
  openbox >/dev/null 2>&1 & WM=$!
  sleep 1
  EXEC=$(sed -n "s/^Exec=//p" /usr/share/applications/watchpost.desktop)
  $EXEC > "$OUT/app.log" 2>&1 & APP=$!
  for i in $(seq 1 30); do xdotool search --name "Welcome to Watchpost" >/dev/null 2>&1 && break; sleep 1; done
  sleep 2
  import -window root "$OUT/1-welcome.png"
  # the welcome opens centred on the 1200x760 main window: "Scan this computer" is bottom right
  W=$(xdotool search --name "Welcome to Watchpost" | head -1)
  eval "$(xdotool getwindowgeometry --shell "$W")"
  xdotool mousemove $((X + WIDTH - 97)) $((Y + HEIGHT - 47)) sleep 0.3 mousedown 1 sleep 0.2 mouseup 1
  sleep 12
  import -window root "$OUT/2-first-scan.png"
  xdotool mousemove 90 690 click 1; sleep 2            # Help in the sidebar
  import -window root "$OUT/3-help-menu.png"
  xdotool mousemove 300 697 click 1; sleep 3           # Keyboard shortcuts
  import -window root "$OUT/4-shortcuts.png"
  xprop -id "$(xdotool search --name "^Watchpost$" | tail -1)" WM_CLASS > "$OUT/wm-class.txt" 2>&1 || true
  kill "$APP"; sleep 2; kill -9 "$APP" 2>/dev/null || true; kill "$WM" 2>/dev/null || true
'
