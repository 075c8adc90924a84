#!/usr/bin/env bash
# Port-scan and service-identification benchmark: the real `watchpost scan` command vs nmap, in a
# private network namespace.
#
#   sudo bench/portscan-bench.sh            # 3 runs per case, medians
#   sudo nice -n -15 bench/portscan-bench.sh   # on a box shared with other work: both tools get priority
#   RUNS=5 NMAP_CAP=60 bench/portscan-bench.sh
#   CASES="1 4" bench/portscan-bench.sh     # only some cases
#
# Builds a lab inside its own namespace (127.0.0.0/8 on that namespace's lo only):
#   case 1: 20 hosts 127.0.0.11-30, 3-15 listeners each among nmap's top-1000, a few DROPped ports
#   case 2: all 65,535 ports of 127.0.0.50 (15 listeners, ~25 DROPped ports)
#   case 3: 127.0.0.60 behind a default-drop firewall (22, 80, 443 open, 8443 closed), all ports
#   case 4: service identification of real daemons started inside the namespace on 127.0.0.70:
#           sshd on 22/2222, nginx on 80/9999 (plain) and 443/9443 (TLS), redis-server on 6379/7000
#           (the second port of each pair is one where a guess from the port number fails)
#
# Cases 1-3 time  ./watchpost --data-dir D scan TARGETS --ports P --no-discovery --no-services
#   --no-checks -q   (the launcher users run: the JVM flags it picks for a CLI command and its class
#   data sharing archive, which an untimed warm-up scan records first, as a user's first scan would)
# against  nmap -sT -Pn -n -T4, both run inside the namespace. Case 4 times the same command with
# services on (only --no-checks) against  nmap -sV -Pn -n -p PORTS. Each run gets a fresh data
# directory whose database is created before the timed run (a first-ever scan would also pay that).
#
# Printed per run: whole-process wall time (JVM start included), user+sys CPU seconds, and accuracy
# against the ground truth read from `watchpost show SCAN --json`: open ports one by one (missed or
# false open), closed and filtered ports by their per-host counts (the JSON lists open ports only).
# For nmap only its open ports are judged (its unlisted ports are summarised). One extra run per case
# of the engine-only entry point PortScanMain judges every single port's state (its time is printed
# but not compared). Case 4 prints the products/versions both tools name. Nothing leaves the
# namespace; the listeners and daemons (by PID) and the namespace are removed on exit.
#
# Reading the figures: both tools are CPU-bound on loopback (the kernel's connect/close path is ~70%
# of Watchpost's scanning CPU). Wall time therefore depends on how much CPU the box gives each process;
# on a shared, loaded box compare the cpu column too, and note the load printed before/after.
#
# Knobs: JFLAGS (JVM flags of the engine-only runs and the untimed helper commands), WP_ARGS (extra
# `watchpost scan` options, e.g. "--concurrency 8000"), RUNS, NMAP_CAP, CASES, SEED, NS.
#
# Helpers: portscan-lab.sh (lab up/down, also usable on its own), lab_truth.py (listeners, DROP
# rules, ground truth), lab_listeners.py (the listening sockets), lab_check.py (accuracy checker).
# Case 4 needs openssh-server, nginx, redis-server and openssl (the set-up of bench/service-bench.sh).
set -euo pipefail

RUNS=${RUNS:-3}
NMAP_CAP=${NMAP_CAP:-60}           # seconds nmap may spend on case 3 before we stop it
JAVA=${JAVA:-java}
JFLAGS=${JFLAGS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
WP_ARGS=${WP_ARGS:-}
WP="$(cd "$(dirname "$0")/.." && pwd)/watchpost"
CASES=${CASES:-1 2 3 4}
SVC_ADDR=127.0.0.70
SVC_PORTS=(22 2222 80 9999 443 9443 6379 7000)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=portscan-lab.sh
source "$HERE/portscan-lab.sh"
WORK=$(mktemp -d /tmp/wp-portscan-bench.XXXXXX)
SVC_PIDS=()

cleanup() {
    local pid
    set +e
    for pid in "${SVC_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${SVC_PIDS[@]}"; do
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
    done
    lab_down "$WORK"
    echo "(work files kept in $WORK)"
}
trap cleanup EXIT

has_case() { [[ " $CASES " == *" $1 "* ]]; }
[[ $(id -u) -eq 0 ]] || { echo "portscan-bench: needs root (ip netns, nft)" >&2; exit 2; }
for t in ip nft "$PY" "$JAVA" mvn; do command -v "$t" >/dev/null || { echo "portscan-bench: missing $t" >&2; exit 2; }; done
if has_case 4; then
    for t in /usr/sbin/sshd nginx redis-server openssl ssh-keygen; do
        command -v "$t" >/dev/null || { echo "portscan-bench: case 4 needs $t (or run CASES=\"1 2 3\")" >&2; exit 2; }
    done
fi

echo "== build"
(cd "$ROOT" && mvn -q -B -DskipTests package)
JAR="$ROOT/target/watchpost-0.1.0-all.jar"
[[ -s "$JAR" ]] || { echo "portscan-bench: $JAR was not built" >&2; exit 2; }

echo "== lab"
lab_up "$WORK"
# the launcher's class data sharing archives live here, made fresh for this build
export XDG_CACHE_HOME="$WORK/cache"
mkdir -p "$WORK/warmup"
ip netns exec "$NS" "$WP" --data-dir "$WORK/warmup" scan 127.0.0.1 --ports 1-100 --no-discovery -q >/dev/null 2>&1 || true
ls "$XDG_CACHE_HOME"/watchpost/cds/cli-scan-*.jsa >/dev/null 2>&1 || echo "   (no class data sharing archive was recorded: runs start without one)"

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
# `watchpost scan` in a fresh data directory; leaves $pre.out (scan ID, summary) and $pre.json (show --json)
run_wp() {   # targets ports outfile-prefix [scan options, default --no-services --no-checks]
    local t=$1 p=$2 pre=$3 id
    shift 3
    local opts=(--no-services --no-checks)
    [[ $# -eq 0 ]] || opts=("$@")
    rm -rf "$pre.data"; mkdir -p "$pre.data"
    # shellcheck disable=SC2086
    "$JAVA" $JFLAGS -jar "$JAR" --data-dir "$pre.data" scans --json >/dev/null   # creates the database, untimed
    # shellcheck disable=SC2086
    timed "$pre" ip netns exec "$NS" timeout 300 "$WP" --data-dir "$pre.data" \
        scan "$t" --ports "$p" --no-discovery "${opts[@]}" -q $WP_ARGS
    id=$(head -1 "$pre.out")
    if [[ $id =~ ^SCAN-[0-9]+$ ]]; then
        # shellcheck disable=SC2086
        "$JAVA" $JFLAGS -jar "$JAR" --data-dir "$pre.data" show "$id" --json > "$pre.json" 2>>"$pre.err" || true
    else
        : > "$pre.json"
    fi
}
run_engine() {   # targets ports outfile   (engine-only PortScanMain: prints every port's state)
    # shellcheck disable=SC2086
    timed "$3" ip netns exec "$NS" timeout 300 "$JAVA" $JFLAGS -cp "$JAR" org.watchpost.engine.portscan.PortScanMain \
        --targets "$1" --ports "$2"
}
run_nmap() { # targets portargs outxml [cap]
    local cap=${4:-300}
    tr ',' '\n' <<<"$1" > "$3.targets"
    # shellcheck disable=SC2086
    timed "$3" ip netns exec "$NS" timeout "$cap" nmap -sT -Pn -n -T4 $2 -oX "$3" --stats-every 5s -iL "$3.targets"
}
check_wp() {
    if [[ -s "$1.json" ]]; then "$PY" "$HERE/lab_check.py" "$WORK/truth.txt" wpjson "$1.json" "$2" "$3"
    else echo "NO RESULT: $(head -c 300 "$1.err" | tr '\n' ' ')"; fi
}
check_engine() { "$PY" "$HERE/lab_check.py" "$WORK/truth.txt" wp "$1.out" "$2" "$3"; }
check_nmap() { [[ -s "$1" ]] && grep -q '</nmaprun>' "$1" && "$PY" "$HERE/lab_check.py" "$WORK/truth.txt" nmapxml "$1" "$2" "$3" || echo "incomplete"; }
summary() { sed -n '2p' "$1.out" | sed 's/^SCAN-[0-9]* //; s/, 0 finding(s).*//'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
engine_line() {   # case-no targets engine-ports checker-ports
    local ew ec
    read -r ew ec <<<"$(run_engine "$2" "$3" "$WORK/c$1.engine")"
    echo "  engine-only PortScanMain, 1 run: ${ew}s wall ${ec}s cpu [every port: $(check_engine "$WORK/c$1.engine" "$2" "$4")]"
}

echo "== load before: $(uptime)"
echo "   cases: $CASES   JVM flags: $JFLAGS   extra watchpost scan args: ${WP_ARGS:-none}"
echo "   watchpost = ./watchpost --data-dir D scan TARGETS --ports P --no-discovery [--no-services] --no-checks -q"
echo "   figures: wall = whole-process wall time (JVM start included); cpu = user+sys seconds"

declare -a W1=() N1=() W2=() N2=() W3=() CW1=() CN1=() CW2=() CN2=() CW3=() W4=() N4=() CW4=() CN4=()
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

if has_case 1; then
    echo
    echo "== case 1: 20 hosts x nmap top-1000 ports"
    bench_case 1 "$CASE1" "$(cat "$WORK/top1000.txt")" "--top-ports 1000" "$WORK/top1000.txt"
    engine_line 1 "$CASE1" "@$WORK/top1000.txt" "$WORK/top1000.txt"
fi
if has_case 2; then
    echo
    echo "== case 2: all 65,535 ports of $CASE2 (some filtered)"
    bench_case 2 "$CASE2" all "-p-" all
    engine_line 2 "$CASE2" all all
fi
if has_case 3; then
    echo
    echo "== case 3: all ports of $CASE3 behind a default-drop firewall (goal <= 10 s)"
    for r in $(seq 1 "$RUNS"); do
        read -r ww wc <<<"$(run_wp "$CASE3" all "$WORK/c3.wp.$r")"
        W3+=("$ww"); CW3+=("$wc")
        fd=$(cat "$WORK/c3.wp.$r.err" "$WORK/c3.wp.$r.out" | grep -ci 'too many open files' || true)
        echo "  run $r: watchpost ${ww}s wall ${wc}s cpu [$(check_wp "$WORK/c3.wp.$r" "$CASE3" all)] 'too many open files': $fd  $(summary "$WORK/c3.wp.$r")"
    done
    engine_line 3 "$CASE3" all all
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
fi

# ---------------------------------------------------------------- case 4: real daemons in the namespace
svc_up() {   # starts sshd, nginx and two redis-servers inside the namespace on $SVC_ADDR; PIDs in SVC_PIDS
    local d="$WORK/svc" p ok
    mkdir -p "$d/nginx/logs" "$d/nginx/tmp" /run/sshd   # /run/sshd: sshd's privilege separation directory
    ssh-keygen -q -t ed25519 -N '' -f "$d/ssh_host_ed25519_key"
    cat >"$d/sshd_config" <<SSHD
ListenAddress $SVC_ADDR:22
ListenAddress $SVC_ADDR:2222
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
SSHD
    # `ip netns exec` execs the daemon in place, so $! is the daemon's own PID
    ip netns exec "$NS" /usr/sbin/sshd -D -e -f "$d/sshd_config" 2>"$d/sshd.log" &
    SVC_PIDS+=($!)
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
        -subj "/CN=bench.watchpost.invalid" -keyout "$d/tls.key" -out "$d/tls.crt" 2>/dev/null
    cat >"$d/nginx/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $d/nginx/nginx.pid;
error_log $d/nginx/logs/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $d/nginx/tmp/body;
    proxy_temp_path $d/nginx/tmp/proxy;
    fastcgi_temp_path $d/nginx/tmp/fastcgi;
    uwsgi_temp_path $d/nginx/tmp/uwsgi;
    scgi_temp_path $d/nginx/tmp/scgi;
    server {
        listen $SVC_ADDR:80;
        listen $SVC_ADDR:9999;
        listen $SVC_ADDR:443 ssl;
        listen $SVC_ADDR:9443 ssl;
        ssl_certificate $d/tls.crt;
        ssl_certificate_key $d/tls.key;
        location / { default_type text/html; return 200 "<html><head><title>bench</title></head><body>ok</body></html>\n"; }
    }
}
NGINX
    ip netns exec "$NS" nginx -e "$d/nginx/logs/error.log" -p "$d/nginx" -c "$d/nginx/nginx.conf" &
    SVC_PIDS+=($!)
    for p in 6379 7000; do
        ip netns exec "$NS" redis-server --bind "$SVC_ADDR" --port "$p" --save '' --appendonly no \
            --daemonize no --dir "$d" --logfile "$d/redis-$p.log" &
        SVC_PIDS+=($!)
    done
    for p in "${SVC_PORTS[@]}"; do
        ok=0
        for _ in $(seq 1 100); do
            if ip netns exec "$NS" bash -c "exec 3<>/dev/tcp/$SVC_ADDR/$p" 2>/dev/null; then ok=1; break; fi
            sleep 0.1
        done
        if [[ $ok != 1 ]]; then
            echo "portscan-bench: daemon on $SVC_ADDR:$p (namespace $NS) did not come up" >&2
            cat "$d"/*.log "$d"/nginx/logs/*.log >&2 2>/dev/null || true
            exit 1
        fi
    done
    echo "  daemons up in namespace $NS on $SVC_ADDR (pids ${SVC_PIDS[*]}):" \
        "$( (/usr/sbin/sshd -V 2>&1 || true) | head -1) | $(nginx -v 2>&1 | head -1) | $(redis-server --version | head -1)"
}

svc_compare() {   # watchpost-json nmap-xml port…
    "$PY" - "$@" <<'PYEOF'
import json, sys, xml.etree.ElementTree as ET
wp_file, nmap_file, ports = sys.argv[1], sys.argv[2], [int(p) for p in sys.argv[3:]]
ours = {}
try:
    for h in json.load(open(wp_file)).get("hosts", []):
        for p in h.get("ports", []):
            ours[p["port"]] = p
except (OSError, ValueError) as e:
    print(f"  watchpost result unreadable: {e}")
nm = {}
try:
    for p in ET.parse(nmap_file).getroot().iter("port"):
        s = p.find("service")
        if s is not None:
            name = ("ssl/" if s.get("tunnel") == "ssl" else "") + s.get("name", "")
            nm[int(p.get("portid"))] = (name, s.get("product", "-"), s.get("version", "-"))
except (OSError, ET.ParseError) as e:
    print(f"  nmap result unreadable: {e}")
def first(v):
    return (v or "-").split(" ")[0]
print(f"  {'port':>5}  {'watchpost service / product / version':<42} {'nmap -sV service / product / version':<50} verdict")
same = 0
for port in ports:
    o = ours.get(port)
    if o:
        osvc = ("tls/" if o.get("tls") else "") + o.get("service", "-")
        oprod, over = o.get("product", "-"), o.get("version", "-")
    else:
        osvc, oprod, over = "?", "?", "?"
    n = nm.get(port, ("?", "?", "?"))
    prod_ok = oprod not in ("-", "?") and n[1] not in ("-", "?") and (
        oprod.split()[0].lower() in n[1].lower() or n[1].split()[0].lower() in oprod.lower())
    # nmap appends the distribution to the version ("9.2p1 Debian 2+deb12u10")
    if prod_ok and first(over) == first(n[2]):
        verdict = "same"
    elif prod_ok and n[2] == "-" and over != "-":
        verdict = "same product, only watchpost has the version"
    elif prod_ok and over == "-" and n[2] != "-":
        verdict = "same product, only nmap has the version"
    else:
        verdict = "DIFFERENT"
    same += verdict.startswith("same")
    print(f"  {port:>5}  {osvc + ' / ' + oprod + ' / ' + over:<42} {n[0] + ' / ' + n[1] + ' / ' + n[2]:<50} {verdict}")
print(f"  same product on {same}/{len(ports)} ports")
PYEOF
}

if has_case 4; then
    echo
    echo "== case 4: service identification, real daemons on $SVC_ADDR ports ${SVC_PORTS[*]}"
    svc_up
    SVC_LIST=$(IFS=,; echo "${SVC_PORTS[*]}")
    for r in $(seq 1 "$RUNS"); do
        read -r ww wc <<<"$(run_wp "$SVC_ADDR" "$SVC_LIST" "$WORK/c4.wp.$r" --no-checks)"
        read -r nw nc <<<"$(timed "$WORK/c4.nmap.$r.xml" ip netns exec "$NS" timeout 300 \
            nmap -sV -Pn -n -p "$SVC_LIST" -oX "$WORK/c4.nmap.$r.xml" "$SVC_ADDR")"
        W4+=("$ww"); CW4+=("$wc"); N4+=("$nw"); CN4+=("$nc")
        echo "  run $r: watchpost ${ww}s wall ${wc}s cpu  $(summary "$WORK/c4.wp.$r")"
        echo "         nmap -sV  ${nw}s wall ${nc}s cpu"
    done
    echo "  services named (run $RUNS):"
    svc_compare "$WORK/c4.wp.$RUNS.json" "$WORK/c4.nmap.$RUNS.xml" "${SVC_PORTS[@]}"
fi

echo
echo "== medians over $RUNS runs"
if has_case 1; then
    m1w=$(median "${W1[@]}"); m1n=$(median "${N1[@]}"); c1w=$(median "${CW1[@]}"); c1n=$(median "${CN1[@]}")
    printf "  case 1  watchpost scan %5.2f s (cpu %5.2f)   nmap -sT %5.2f s (cpu %5.2f)   wall ratio %s (goal <= 0.50), cpu ratio %s\n" \
        "$m1w" "$c1w" "$m1n" "$c1n" "$(ratio "$m1w" "$m1n")" "$(ratio "$c1w" "$c1n")"
fi
if has_case 2; then
    m2w=$(median "${W2[@]}"); m2n=$(median "${N2[@]}"); c2w=$(median "${CW2[@]}"); c2n=$(median "${CN2[@]}")
    printf "  case 2  watchpost scan %5.2f s (cpu %5.2f)   nmap -sT %5.2f s (cpu %5.2f)   wall ratio %s (goal <= 0.50), cpu ratio %s\n" \
        "$m2w" "$c2w" "$m2n" "$c2n" "$(ratio "$m2w" "$m2n")" "$(ratio "$c2w" "$c2n")"
fi
if has_case 3; then
    m3w=$(median "${W3[@]}"); c3w=$(median "${CW3[@]}")
    printf "  case 3  watchpost scan %5.2f s (cpu %5.2f)   nmap -sT %s (goal <= 10 s)\n" "$m3w" "$c3w" "$N3"
fi
if has_case 4; then
    m4w=$(median "${W4[@]}"); m4n=$(median "${N4[@]}"); c4w=$(median "${CW4[@]}"); c4n=$(median "${CN4[@]}")
    printf "  case 4  watchpost scan %5.2f s (cpu %5.2f)   nmap -sV %5.2f s (cpu %5.2f)   wall ratio %s, cpu ratio %s\n" \
        "$m4w" "$c4w" "$m4n" "$c4n" "$(ratio "$m4w" "$m4n")" "$(ratio "$c4w" "$c4n")"
fi
echo "== load after: $(uptime)"
