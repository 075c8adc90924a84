#!/usr/bin/env bash
# Port-scan lab in a private network namespace (127.0.0.0/8 on the namespace's own lo only).
#   bench/portscan-lab.sh up [WORKDIR]   builds it, prints WORKDIR (listeners.pid, truth.txt, top1000.txt …)
#   bench/portscan-lab.sh down WORKDIR   stops the listeners (by PID) and deletes the namespace
# Sourced by portscan-bench.sh for lab_up / lab_down.
set -euo pipefail

LAB_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NS=${NS:-wp-bench}
PY=${PY:-$(command -v /usr/bin/python3 || command -v python3)}

lab_up() {   # WORKDIR
    local work=$1
    mkdir -p "$work"
    [[ $(id -u) -eq 0 ]] || { echo "portscan-lab: needs root (ip netns, nft)" >&2; return 2; }
    command -v nmap >/dev/null || apt-get install -y nmap >/dev/null
    if ip netns list | grep -qw "^$NS"; then ip netns del "$NS"; fi   # stale lab of ours from an aborted run
    ip netns add "$NS"
    ip -n "$NS" link set lo up
    # the exact port list nmap uses for --top-ports 1000 here (a comparison input, not shipped data)
    ip netns exec "$NS" nmap -sT -Pn -n --top-ports 1000 -oX "$work/top.xml" 127.0.0.1 >/dev/null
    "$PY" - "$work/top.xml" > "$work/top1000.txt" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
s = ET.parse(sys.argv[1]).getroot().find("scaninfo").get("services")
out = []
for part in s.split(","):
    a, _, b = part.partition("-")
    out.extend(range(int(a), int(b or a) + 1))
print(",".join(map(str, out)))
PYEOF
    "$PY" "$LAB_HERE/lab_truth.py" "$work/top1000.txt" "$work" "${SEED:-20240611}"
    ip netns exec "$NS" nft -f "$work/nft.rules"
    rm -f "$work/ready"
    # started directly (not via a shell function) so $! is the listener's own PID
    ip netns exec "$NS" "$PY" "$LAB_HERE/lab_listeners.py" "$work/listeners.txt" --ready "$work/ready" \
        --max-seconds 1800 >"$work/listeners.log" 2>&1 &
    echo $! > "$work/listeners.pid"
    local i
    for i in $(seq 1 100); do [[ -s "$work/ready" ]] && break; sleep 0.1; done
    [[ -s "$work/ready" ]] || { echo "portscan-lab: listeners did not start: $(cat "$work/listeners.log")" >&2; return 1; }
    tr ',' ' ' < "$work/case1.hosts" | tr ' ' '\n' | sed '/^$/d' > "$work/case1.list"
    echo "lab up in namespace $NS: $(cat "$work/ready") listening sockets (pid $(cat "$work/listeners.pid")), files in $work"
}

lab_down() { # WORKDIR
    local work=$1 pid
    set +e
    if [[ -s "$work/listeners.pid" ]]; then
        pid=$(cat "$work/listeners.pid")
        kill "$pid" 2>/dev/null
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        rm -f "$work/listeners.pid"
    fi
    ip netns del "$NS" 2>/dev/null
    set -e
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    case "${1:-}" in
        up) lab_up "${2:-$(mktemp -d /tmp/wp-portscan-lab.XXXXXX)}" ;;
        down) [[ -n "${2:-}" ]] || { echo "usage: $0 down WORKDIR" >&2; exit 2; }; lab_down "$2" ;;
        *) echo "usage: $0 up [WORKDIR] | down WORKDIR" >&2; exit 2 ;;
    esac
fi
