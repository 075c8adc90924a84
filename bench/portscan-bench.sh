#!/usr/bin/env bash
# Port-scan benchmark: Watchpost's connect scanner vs nmap -sT in a private network namespace.
#
#   sudo bench/portscan-bench.sh            # 3 runs per case, medians
#   RUNS=5 NMAP_CAP=60 bench/portscan-bench.sh
#
# Builds a lab inside its own namespace (127.0.0.0/8 on that namespace's lo only):
#   case 1: 20 hosts 127.0.0.11-30, 3-15 listeners each among nmap's top-1000, a few DROPped ports
#   case 2: all 65,535 ports of 127.0.0.50 (15 listeners, ~25 DROPped ports)
#   case 3: 127.0.0.60 behind a default-drop firewall (22, 80, 443 open, 8443 closed), all ports
# and prints each whole-process wall time (JVM start included), its user+sys CPU seconds, the ratios,
# and Watchpost's accuracy against the ground truth (every port: open/closed/filtered; for nmap only
# its open ports are judged, its unlisted ports being summarised). Nothing leaves the namespace;
# the listeners (by PID) and the namespace are removed on exit.
#
# Reading the figures: both tools are CPU-bound on loopback (the kernel's connect/close path is ~70%
# of Watchpost's CPU). Wall time therefore depends on how much CPU the box gives each process;
# on a shared, loaded box compare the cpu column too, and note the load printed before/after.
#
# Knobs: JFLAGS (JVM flags; default C1-only + serial GC for a short-lived process), WP_ARGS (extra
# PortScanMain options, e.g. "--max-in-flight 8000 --threads 2"), RUNS, NMAP_CAP, SEED, NS.
#
# Helpers: portscan-lab.sh (lab up/down, also usable on its own), lab_truth.py (listeners, DROP
# rules, ground truth), lab_listeners.py (the listening sockets), lab_check.py (accuracy checker).
set -euo pipefail

RUNS=${RUNS:-3}
NMAP_CAP=${NMAP_CAP:-60}           # seconds nmap may spend on case 3 before we stop it
JAVA=${JAVA:-java}
JFLAGS=${JFLAGS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k}
WP_ARGS=${WP_ARGS:-}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=portscan-lab.sh
source "$HERE/portscan-lab.sh"
WORK=$(mktemp -d /tmp/wp-portscan-bench.XXXXXX)

cleanup() {
    lab_down "$WORK"
    echo "(work files kept in $WORK)"
}
trap cleanup EXIT

[[ $(id -u) -eq 0 ]] || { echo "portscan-bench: needs root (ip netns, nft)" >&2; exit 2; }
for t in ip nft "$PY" "$JAVA" mvn; do command -v "$t" >/dev/null || { echo "portscan-bench: missing $t" >&2; exit 2; }; done

echo "== build"
(cd "$ROOT" && mvn -q -B -DskipTests compile && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
CP="$ROOT/target/classes:$(cat "$WORK/cp.txt")"

echo "== lab"
lab_up "$WORK"
inns() { ip netns exec "$NS" "$@"; }

CASE1=$(cat "$WORK/case1.hosts"); CASE2=$(cat "$WORK/case2.host"); CASE3=$(cat "$WORK/case3.host")
now_ns() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (b-a)/1e9}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# Each run prints "WALL CPU" (seconds): whole-process wall time, and user+sys CPU time of the process
# tree (a load-independent efficiency figure: other work on a shared box stretches wall time only).
timed() {    # outfile-prefix cmd... ; runs cmd, prints "wall cpu"
    local pre=$1; shift
    local t0 t1
    t0=$(now_ns)
    /usr/bin/time -f "%U %S" -o "$pre.time" "$@" > "$pre.out" 2> "$pre.err" || true
    t1=$(now_ns)
    echo "$(secs "$t0" "$t1") $(awk '{printf "%.2f", $1+$2}' "$pre.time" 2>/dev/null || echo "?")"
}
run_wp() {   # targets ports outfile
    # shellcheck disable=SC2086
    timed "$3" ip netns exec "$NS" timeout 120 "$JAVA" $JFLAGS -cp "$CP" org.watchpost.engine.portscan.PortScanMain \
        --targets "$1" --ports "$2" $WP_ARGS
}
run_nmap() { # targets portargs outxml [cap]
    local cap=${4:-300}
    tr ',' '\n' <<<"$1" > "$3.targets"
    # shellcheck disable=SC2086
    timed "$3" ip netns exec "$NS" timeout "$cap" nmap -sT -Pn -n -T4 $2 -oX "$3" --stats-every 5s -iL "$3.targets"
}
check_wp() { "$PY" "$HERE/lab_check.py" "$WORK/truth.txt" wp "$1.out" "$2" "$3"; }
check_nmap() { [[ -s "$1" ]] && grep -q '</nmaprun>' "$1" && "$PY" "$HERE/lab_check.py" "$WORK/truth.txt" nmapxml "$1" "$2" "$3" || echo "incomplete"; }
summary() { grep '^# hosts' "$1.out" | sed 's/^# //; s/hosts=[^ ]* ports=[^ ]* //; s/ threads=.*//'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }

echo "== load before: $(uptime)"
echo "   JVM flags: $JFLAGS   extra watchpost args: ${WP_ARGS:-none}"
echo "   figures: wall = whole-process wall time (JVM start included); cpu = user+sys seconds"

declare -a W1 N1 W2 N2 W3 CW1 CN1 CW2 CN2 CW3
bench_case() {   # case-no targets wp-ports nmap-portargs checker-ports
    local c=$1 t=$2 wp=$3 np=$4 cp=$5 r ww wc nw nc
    for r in $(seq 1 "$RUNS"); do
        read -r ww wc <<<"$(run_wp "$t" "$wp" "$WORK/c$c.wp.$r")"
        read -r nw nc <<<"$(run_nmap "$t" "$np" "$WORK/c$c.nmap.$r.xml")"
        eval "W$c+=($ww); CW$c+=($wc); N$c+=($nw); CN$c+=($nc)"
        echo "  run $r: watchpost ${ww}s wall ${wc}s cpu [$(check_wp "$WORK/c$c.wp.$r" "$t" "$cp")]  $(summary "$WORK/c$c.wp.$r")"
        echo "         nmap      ${nw}s wall ${nc}s cpu [$(check_nmap "$WORK/c$c.nmap.$r.xml" "$t" "$cp")]"
    done
}

echo
echo "== case 1: 20 hosts x nmap top-1000 ports"
bench_case 1 "$CASE1" "@$WORK/top1000.txt" "--top-ports 1000" "$WORK/top1000.txt"
echo
echo "== case 2: all 65,535 ports of $CASE2 (some filtered)"
bench_case 2 "$CASE2" all "-p-" all

echo
echo "== case 3: all ports of $CASE3 behind a default-drop firewall (goal <= 10 s)"
for r in $(seq 1 "$RUNS"); do
    read -r ww wc <<<"$(run_wp "$CASE3" all "$WORK/c3.wp.$r")"
    W3+=("$ww"); CW3+=("$wc")
    fd=$(cat "$WORK/c3.wp.$r.err" "$WORK/c3.wp.$r.out" | grep -ci 'too many open files' || true)
    echo "  run $r: watchpost ${ww}s wall ${wc}s cpu [$(check_wp "$WORK/c3.wp.$r" "$CASE3" all)] 'too many open files': $fd  $(summary "$WORK/c3.wp.$r")"
done
read -r n3 _ <<<"$(run_nmap "$CASE3" "-p-" "$WORK/c3.nmap.xml" "$NMAP_CAP")"
pct=$(grep -o 'About [0-9.]*% done' "$WORK/c3.nmap.xml.out" | tail -1 | grep -o '[0-9.]*' || true)
if grep -q '</nmaprun>' "$WORK/c3.nmap.xml" 2>/dev/null; then
    N3="${n3} s"
elif [[ -n "$pct" ]] && awk -v p="$pct" 'BEGIN{exit !(p>0)}'; then
    N3="> ${NMAP_CAP} s (stopped at ${pct}% done; extrapolated ~$(awk -v p="$pct" -v c="$n3" 'BEGIN{printf "%.0f", c*100/p}') s)"
else
    N3="> ${NMAP_CAP} s (stopped; no progress figure)"
fi
echo "         nmap: $N3"

echo
echo "== medians over $RUNS runs"
m1w=$(median "${W1[@]}"); m1n=$(median "${N1[@]}"); c1w=$(median "${CW1[@]}"); c1n=$(median "${CN1[@]}")
m2w=$(median "${W2[@]}"); m2n=$(median "${N2[@]}"); c2w=$(median "${CW2[@]}"); c2n=$(median "${CN2[@]}")
m3w=$(median "${W3[@]}"); c3w=$(median "${CW3[@]}")
printf "  case 1  watchpost %5.2f s (cpu %5.2f)   nmap %5.2f s (cpu %5.2f)   wall ratio %s (goal <= 0.50), cpu ratio %s\n" \
    "$m1w" "$c1w" "$m1n" "$c1n" "$(ratio "$m1w" "$m1n")" "$(ratio "$c1w" "$c1n")"
printf "  case 2  watchpost %5.2f s (cpu %5.2f)   nmap %5.2f s (cpu %5.2f)   wall ratio %s (goal <= 0.50), cpu ratio %s\n" \
    "$m2w" "$c2w" "$m2n" "$c2n" "$(ratio "$m2w" "$m2n")" "$(ratio "$c2w" "$c2n")"
printf "  case 3  watchpost %5.2f s (cpu %5.2f)   nmap %s (goal <= 10 s)\n" "$m3w" "$c3w" "$N3"
echo "== load after: $(uptime)"
