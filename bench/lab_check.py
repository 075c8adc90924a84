#!/usr/bin/env python3
"""Compares a scan's output with the lab's ground truth.
usage: lab_check.py TRUTH FORMAT RESULT HOSTS PORTS
  FORMAT: 'wp' (PortScanMain lines 'addr port state', unlisted = closed; every port judged),
          'wpjson' (`watchpost show SCAN --json`: open ports judged one by one, closed and filtered
          ports by their per-host counts) or 'nmapxml' (nmap -oX; only open ports judged)
  HOSTS: comma list; PORTS: file of scanned ports or 'all'
prints one line: 'ok' or a list of mismatches with counts."""
import sys, xml.etree.ElementTree as ET

truth_file, fmt, result, hosts, ports_arg = sys.argv[1:6]
hosts = [h for h in hosts.split(",") if h]
if ports_arg == "all":
    ports = range(1, 65536)
else:
    ports = [int(x) for x in open(ports_arg).read().replace(",", " ").split()]
truth, default = {}, {}
for line in open(truth_file):
    h, p, s = line.split()
    if p == "default":
        default[h] = s
    else:
        truth[(h, int(p))] = s

def expected(h, p):
    return truth.get((h, p), default.get(h, "closed"))

if fmt == "wpjson":
    import json
    try:
        doc = json.load(open(result))
    except (OSError, ValueError) as e:
        print(f"BROKEN OUTPUT: {e}")
        sys.exit(1)
    status = doc.get("scan", {}).get("status")
    by_host = {h["address"]: h for h in doc.get("hosts", [])}
    out, exp_open_total, port_list = [], 0, list(ports)
    for h in hosts:
        exp_open = {p for p in port_list if expected(h, p) == "open"}
        exp_closed = sum(1 for p in port_list if expected(h, p) == "closed")
        exp_filtered = sum(1 for p in port_list if expected(h, p) == "filtered")
        exp_open_total += len(exp_open)
        hj = by_host.get(h)
        if hj is None:
            out.append(f"{h} missing")
            continue
        got_open = {p["port"] for p in hj.get("ports", []) if p.get("state") == "open"}
        missed, false_open = sorted(exp_open - got_open), sorted(got_open - exp_open)
        if missed:
            out.append(f"{h} missed-open={len(missed)} {missed[:5]}")
        if false_open:
            out.append(f"{h} false-open={len(false_open)} {false_open[:5]}")
        if hj.get("closedPorts") != exp_closed:
            out.append(f"{h} closed {hj.get('closedPorts')}!={exp_closed}")
        if hj.get("filteredPorts") != exp_filtered:
            out.append(f"{h} filtered {hj.get('filteredPorts')}!={exp_filtered}")
    if status != "COMPLETED":
        out.insert(0, f"status {status}")
    if out:
        print(f"MISMATCH ({len(out)}) " + "; ".join(out[:6]) + (" …" if len(out) > 6 else ""))
    else:
        print(f"ok ({len(hosts) * len(port_list)} ports, {exp_open_total} open exact, closed/filtered counts per host exact)")
    sys.exit(0)

got, problems = {}, []
if fmt == "wp":
    complete = False
    host_set = set(hosts)
    port_set = set(ports)
    for n, line in enumerate(open(result), 1):
        if line.startswith("# hosts="):
            complete = True
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split()
        if len(parts) != 3 or not parts[1].isdigit() or parts[2] not in ("open", "closed", "filtered"):
            problems.append(f"line {n} unparsable: {line.strip()!r}")
            continue
        key = (parts[0], int(parts[1]))
        if key in got:
            problems.append(f"{key[0]}:{key[1]} reported twice ({got[key]}, {parts[2]})")
        if key[0] not in host_set or key[1] not in port_set:
            problems.append(f"{key[0]}:{key[1]} was not scanned")
        got[key] = parts[2]
    if not complete:
        problems.append("no summary line: the scan did not finish")
    unlisted = "closed"
else:
    root = ET.parse(result).getroot()
    for host in root.iter("host"):
        addr = host.find("address").get("addr")
        for port in host.iter("port"):
            st = port.find("state").get("state")
            got[(addr, int(port.get("portid")))] = "open" if st == "open" else st
    unlisted = None

mism = {}
examples = []
scanned = 0
for h in hosts:
    for p in ports:
        scanned += 1
        exp = expected(h, p)
        g = got.get((h, p), unlisted)
        if fmt != "wp":
            # nmap: judge open ports only (its unlisted ports are summarised as 'extraports')
            exp = "open" if exp == "open" else "not-open"
            g = "open" if g == "open" else "not-open"
        if g != exp:
            key = f"{exp}->{g}"
            mism[key] = mism.get(key, 0) + 1
            if len(examples) < 5:
                examples.append(f"{h}:{p} {exp}->{g}")
exp_open = sum(1 for h in hosts for p in ports if expected(h, p) == "open")
if problems:
    print("BROKEN OUTPUT: " + "; ".join(problems[:5]) + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""))
    sys.exit(1)
if not mism:
    print(f"ok ({scanned} ports, {exp_open} open{'' if fmt == 'wp' else ', open ports judged only'})")
else:
    print("MISMATCH " + " ".join(f"{k}={v}" for k, v in sorted(mism.items())) + " e.g. " + ", ".join(examples))
