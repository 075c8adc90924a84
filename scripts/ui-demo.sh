#!/usr/bin/env bash
# Drives the desktop app under Xvfb (with a small window manager) and takes screenshots:
# starts loopback-only lab listeners, opens the New scan dialog, starts a scan of
# 127.0.0.1-20 and captures the window while results stream in.
# Usage: scripts/ui-demo.sh OUTDIR   (needs xvfb, openbox, xdotool, imagemagick)
set -euo pipefail
out="${1:-/tmp/wp-shots}"; mkdir -p "$out"
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/target/watchpost-0.1.0-all.jar"
data="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$data"; }
trap cleanup EXIT
# lab: loopback only
python3 "$here/scripts/lab-listeners.py" 240 & pids+=($!)
sleep 1
export WP_JAR="$jar" WP_DATA="$data" WP_OUT="$out"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  shot() { sleep "$2"; import -window root "$WP_OUT/$1.png"; }
  openbox >/dev/null 2>&1 & wm=$!
  sleep 1
  java -jar "$WP_JAR" --data-dir "$WP_DATA" >"$WP_OUT/app.log" 2>&1 & app=$!
  for i in $(seq 1 40); do xdotool search --name "^Watchpost$" >/dev/null 2>&1 && break; sleep 0.5; done
  sleep 3
  win=$(xdotool search --name "^Watchpost$" | head -1)
  xdotool windowsize "$win" 1280 780; xdotool windowmove "$win" 0 0
  xdotool windowactivate --sync "$win" 2>/dev/null || true
  shot 01-empty 1.5
  xdotool mousemove 1205 52 click 1
  dlg=""
  for i in $(seq 1 60); do dlg=$(xdotool search --onlyvisible --name "New scan" 2>/dev/null | head -1); [ -n "$dlg" ] && break; sleep 0.25; done
  sleep 1.5
  eval "$(xdotool getwindowgeometry --shell "$dlg")"
  xdotool mousemove $((X + 300)) $((Y + 59)) click 1; xdotool type --delay 15 "Lab hosts"
  xdotool mousemove $((X + 300)) $((Y + 110)) click 1; xdotool type --delay 15 "127.0.0.1-20"
  xdotool mousemove $((X + 300)) $((Y + 205)) click 1; xdotool key ctrl+a; xdotool type --delay 15 "1-10000"
  shot 02-new-scan 2
  xdotool mousemove $((X + 558)) $((Y + 418)) click 1
  shot 03-running 1.0
  shot 04-running 1.2
  shot 05-done 14
  xdotool windowactivate --sync "$win" 2>/dev/null || true
  xdotool mousemove 400 175 click 1; sleep 0.3; xdotool key Return
  shot 06-details 3
  kill $app; kill $wm
'
echo "screenshots in $out"
