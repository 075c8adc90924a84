#!/usr/bin/env bash
# Service identification: Watchpost's ServiceIdentifier versus nmap -sV on real Debian daemons.
#
# Starts, on 127.0.0.21 only, with its own config files in a temp dir:
#   sshd (OpenSSH)   on 22 and 2222      nginx        on 80 and 9999 (plain), 443 and 9443 (TLS)
#   redis-server     on 6379 and 7000    memcached    on 11211 and 11311
#   vsftpd           on 21 and 2121
# The second port of each pair is one where a port-number guess would be wrong or impossible.
# Runs IdentifyMain and `nmap -sV -Pn -n` on the same ports RUNS times (default 3), prints the
# products/versions from both and the median wall times. Stops only the PIDs it started.
#
# Usage: bench/service-bench.sh            (from the worktree root; builds target/classes if needed)
#        RUNS=5 bench/service-bench.sh
# Needs: openssh-server, nginx, redis-server, memcached, nmap, openssl, python3, a JDK, Maven.
set -euo pipefail

ADDR=127.0.0.21
RUNS=${RUNS:-3}
PORTS=(21 2121 22 2222 80 9999 443 9443 6379 7000 11211 11311)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/watchpost-svc-bench.XXXXXX)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

for tool in /usr/sbin/sshd /usr/sbin/vsftpd nginx redis-server memcached nmap openssl python3 java; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
for p in "${PORTS[@]}"; do
    if (exec 3<>"/dev/tcp/$ADDR/$p") 2>/dev/null; then
        echo "port $ADDR:$p is already in use; not starting anything" >&2
        exit 1
    fi
done

if [[ ! -d "$ROOT/target/classes/org/watchpost/engine/service" ]]; then
    (cd "$ROOT" && mvn -q -B -o compile)
fi

# ---------------------------------------------------------------- daemons
mkdir -p /run/sshd   # privilege separation directory sshd insists on
ssh-keygen -q -t ed25519 -N '' -f "$WORK/ssh_host_ed25519_key"
cat >"$WORK/sshd_config" <<EOF
ListenAddress $ADDR:22
ListenAddress $ADDR:2222
HostKey $WORK/ssh_host_ed25519_key
PidFile $WORK/sshd.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
EOF
/usr/sbin/sshd -D -e -f "$WORK/sshd_config" 2>"$WORK/sshd.log" &
PIDS+=($!)

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=bench.watchpost.invalid" -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    server {
        listen $ADDR:80;
        listen $ADDR:9999;
        listen $ADDR:443 ssl;
        listen $ADDR:9443 ssl;
        ssl_certificate $WORK/tls.crt;
        ssl_certificate_key $WORK/tls.key;
        location / { default_type text/html; return 200 "<html><head><title>bench</title></head><body>ok</body></html>\n"; }
    }
}
EOF
nginx -e "$WORK/nginx/logs/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)

for port in 6379 7000; do
    redis-server --bind "$ADDR" --port "$port" --save '' --appendonly no --daemonize no \
        --dir "$WORK" --logfile "$WORK/redis-$port.log" &
    PIDS+=($!)
done
for port in 11211 11311; do
    memcached -l "$ADDR" -p "$port" -U 0 -u nobody -m 16 &
    PIDS+=($!)
done

mkdir -p /var/run/vsftpd/empty "$WORK/ftproot"   # vsftpd's secure_chroot_dir, anonymous root
chmod 555 "$WORK/ftproot"
for port in 21 2121; do
    cat >"$WORK/vsftpd-$port.conf" <<EOF
listen=YES
listen_ipv6=NO
listen_address=$ADDR
listen_port=$port
background=NO
anonymous_enable=YES
anon_root=$WORK/ftproot
ftp_username=nobody
no_anon_password=YES
local_enable=NO
xferlog_enable=NO
vsftpd_log_file=$WORK/vsftpd-$port.log
secure_chroot_dir=/var/run/vsftpd/empty
EOF
    /usr/sbin/vsftpd "$WORK/vsftpd-$port.conf" &
    PIDS+=($!)
done

for p in "${PORTS[@]}"; do
    ok=0
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/$ADDR/$p") 2>/dev/null; then ok=1; break; fi
        sleep 0.1
    done
    [[ $ok == 1 ]] || { echo "daemon on $ADDR:$p did not come up" >&2; cat "$WORK"/*.log >&2 || true; exit 1; }
done

# ---------------------------------------------------------------- runs
CP="$ROOT/target/classes"
ms() { date +%s%3N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# bench NAME PORT...: RUNS alternating runs of both tools on the given ports, then the comparison
bench() {
    local name=$1; shift
    local ports=("$@") targets=() ours_times=() nmap_times=() t0 t1 run
    for p in "${ports[@]}"; do targets+=("$ADDR:$p"); done
    local portlist; portlist=$(IFS=,; echo "${ports[*]}")
    echo "== $name: ${ports[*]}"
    for run in $(seq 1 "$RUNS"); do
        t0=$(ms)
        java -cp "$CP" org.watchpost.engine.service.IdentifyMain "${targets[@]}" >"$WORK/ours-$name.tsv" 2>"$WORK/ours-$name.err"
        t1=$(ms)
        ours_times+=($((t1 - t0)))
        t0=$(ms)
        nmap -sV -Pn -n -p "$portlist" -oX "$WORK/nmap-$name.xml" "$ADDR" >/dev/null
        t1=$(ms)
        nmap_times+=($((t1 - t0)))
        echo "run $run: watchpost ${ours_times[-1]} ms, nmap -sV ${nmap_times[-1]} ms"
    done
    python3 - "$WORK/ours-$name.tsv" "$WORK/nmap-$name.xml" "${ports[@]}" <<'PY'
import sys, xml.etree.ElementTree as ET
ours_file, nmap_file, ports = sys.argv[1], sys.argv[2], [int(p) for p in sys.argv[3:]]
ours = {}
for line in open(ours_file):
    f = line.rstrip("\n").split("\t")
    ours[int(f[0].rsplit(":", 1)[1])] = f
nm = {}
for p in ET.parse(nmap_file).getroot().iter("port"):
    s = p.find("service")
    if s is None:
        continue
    name = ("ssl/" if s.get("tunnel") == "ssl" else "") + s.get("name", "")
    nm[int(p.get("portid"))] = (name, s.get("product", "-"), s.get("version", "-"))
def first(v):
    return (v or "-").split(" ")[0]
print(f"{'port':>6}  {'watchpost service / product / version':<44} {'nmap -sV service / product / version':<52} verdict")
same = 0
for port in ports:
    o = ours.get(port)
    osvc = (("tls/" if o and o[4] == "tls" else "") + o[1]) if o else "?"
    oprod, over = (o[2], o[3]) if o else ("?", "?")
    n = nm.get(port, ("?", "?", "?"))
    prod_ok = oprod != "-" and n[1] != "-" and (oprod.split()[0].lower() in n[1].lower() or n[1].split()[0].lower() in oprod.lower())
    # nmap appends the distribution to the version ("9.2p1 Debian 2+deb12u10"); watchpost keeps that in extra
    if prod_ok and first(over) == first(n[2]):
        verdict = "same"
    elif prod_ok and n[2] == "-" and over != "-":
        verdict = "same product, watchpost also has the version"
    else:
        verdict = "DIFFERENT"
    same += verdict.startswith("same")
    print(f"{port:>6}  {osvc + ' / ' + oprod + ' / ' + over:<44} {n[0] + ' / ' + n[1] + ' / ' + n[2]:<52} {verdict}")
print(f"same product (and version where nmap has one) on {same}/{len(ports)} ports")
PY
    local om nmm
    om=$(median "${ours_times[@]}")
    nmm=$(median "${nmap_times[@]}")
    echo "watchpost wall times (ms): ${ours_times[*]}  median $om   (includes JVM start-up)"
    echo "nmap -sV   wall times (ms): ${nmap_times[*]}  median $nmm"
    awk -v a="$om" -v b="$nmm" 'BEGIN { printf "watchpost / nmap = %.2f\n\n", a / b }'
}

bench standard-ports 21 22 80 443 6379 11211
bench unusual-ports 2121 2222 9999 9443 7000 11311
bench all "${PORTS[@]}"
for p in "${PORTS[@]}"; do
    awk -F'\t' -v p="$ADDR:$p" '$1 == p && $6 != "-" { printf "  %s  %s  (%s)\n", $1, $6, $7 }' "$WORK/ours-all.tsv"
done
