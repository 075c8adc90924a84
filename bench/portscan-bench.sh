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
# and prints each whole-process wall time (JVM start included), the ratio and Watchpost's accuracy
# against the ground truth. Nothing leaves the namespace; listeners and the namespace are removed on exit.
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

run_wp() {   # targets ports outfile -> prints seconds
    local t0 t1
    t0=$(now_ns)
    # shellcheck disable=SC2086
    inns timeout 120 "$JAVA" $JFLAGS -cp "$CP" org.watchpost.engine.portscan.PortScanMain \
        --targets "$1" --ports "$2" $WP_ARGS > "$3" 2> "$3.err" || echo "  (watchpost exit $?)" >&2
    t1=$(now_ns)
    secs "$t0" "$t1"
}
run_nmap() { # targets portargs outxml [cap] -> prints seconds
    local t0 t1 cap=${4:-300}
    t0=$(now_ns)
    # shellcheck disable=SC2086
    tr ',' '\n' <<<"$1" > "$3.targets"
    inns timeout "$cap" nmap -sT -Pn -n -T4 $2 -oX "$3" --stats-every 5s -iL "$3.targets" > "$3.log" 2>&1 || true
    t1=$(now_ns)
    secs "$t0" "$t1"
}
check_wp() { "$PY" "$HERE/lab_check.py" "$WORK/truth.txt" wp "$1" "$2" "$3"; }
check_nmap() { [[ -s "$1" ]] && grep -q '</nmaprun>' "$1" && "$PY" "$HERE/lab_check.py" "$WORK/truth.txt" nmapxml "$1" "$2" "$3" || echo "incomplete"; }

echo "== load before: $(uptime)"
echo "   JVM flags: $JFLAGS   extra watchpost args: ${WP_ARGS:-none}"

declare -a W1 N1 W2 N2 W3
echo
echo "== case 1: 20 hosts x nmap top-1000 ports"
for r in $(seq 1 "$RUNS"); do
    w=$(run_wp "$CASE1" "@$WORK/top1000.txt" "$WORK/c1.wp.$r")
    n=$(run_nmap "$CASE1" "--top-ports 1000" "$WORK/c1.nmap.$r.xml")
    W1+=("$w"); N1+=("$n")
    echo "  run $r: watchpost ${w}s [$(check_wp "$WORK/c1.wp.$r" "$CASE1" "$WORK/top1000.txt")]  $(grep '^# hosts' "$WORK/c1.wp.$r" | sed 's/^# //; s/hosts=[^ ]* ports=[^ ]* //')"
    echo "         nmap      ${n}s [$(check_nmap "$WORK/c1.nmap.$r.xml" "$CASE1" "$WORK/top1000.txt")]"
done

echo
echo "== case 2: all 65,535 ports of $CASE2 (some filtered)"
for r in $(seq 1 "$RUNS"); do
    w=$(run_wp "$CASE2" all "$WORK/c2.wp.$r")
    n=$(run_nmap "$CASE2" "-p-" "$WORK/c2.nmap.$r.xml")
    W2+=("$w"); N2+=("$n")
    echo "  run $r: watchpost ${w}s [$(check_wp "$WORK/c2.wp.$r" "$CASE2" all)]  $(grep '^# hosts' "$WORK/c2.wp.$r" | sed 's/^# //; s/hosts=[^ ]* ports=[^ ]* //')"
    echo "         nmap      ${n}s [$(check_nmap "$WORK/c2.nmap.$r.xml" "$CASE2" all)]"
done

echo
echo "== case 3: all ports of $CASE3 behind a default-drop firewall (goal <= 10 s)"
for r in $(seq 1 "$RUNS"); do
    w=$(run_wp "$CASE3" all "$WORK/c3.wp.$r")
    W3+=("$w")
    fd=$(grep -ci 'too many open files' "$WORK/c3.wp.$r.err" || true)
    echo "  run $r: watchpost ${w}s [$(check_wp "$WORK/c3.wp.$r" "$CASE3" all)] 'too many open files': $fd  $(grep '^# hosts' "$WORK/c3.wp.$r" | sed 's/^# //; s/hosts=[^ ]* ports=[^ ]* //')"
done
n3=$(run_nmap "$CASE3" "-p-" "$WORK/c3.nmap.xml" "$NMAP_CAP")
pct=$(grep -o 'About [0-9.]*% done' "$WORK/c3.nmap.xml.log" | tail -1 | grep -o '[0-9.]*' || true)
if grep -q '</nmaprun>' "$WORK/c3.nmap.xml" 2>/dev/null; then
    N3="${n3}s"
elif [[ -n "$pct" ]] && awk -v p="$pct" 'BEGIN{exit !(p>0)}'; then
    N3="> ${NMAP_CAP} s (stopped at ${pct}% done; extrapolated ~$(awk -v p="$pct" -v c="$n3" 'BEGIN{printf "%.0f", c*100/p}') s)"
else
    N3="> ${NMAP_CAP} s (stopped; no progress figure)"
fi
echo "         nmap: $N3"

echo
echo "== medians over $RUNS runs (whole-process wall time)"
m1w=$(median "${W1[@]}"); m1n=$(median "${N1[@]}")
m2w=$(median "${W2[@]}"); m2n=$(median "${N2[@]}")
m3w=$(median "${W3[@]}")
printf "  case 1  watchpost %6.2f s   nmap %6.2f s   ratio %.2f (goal <= 0.50)\n" "$m1w" "$m1n" "$(awk -v a="$m1w" -v b="$m1n" 'BEGIN{print a/b}')"
printf "  case 2  watchpost %6.2f s   nmap %6.2f s   ratio %.2f (goal <= 0.50)\n" "$m2w" "$m2n" "$(awk -v a="$m2w" -v b="$m2n" 'BEGIN{print a/b}')"
printf "  case 3  watchpost %6.2f s   nmap %s (goal <= 10 s)\n" "$m3w" "$N3"
echo "== load after: $(uptime)"
