#!/usr/bin/env python3
"""Builds the lab's ground truth: listeners, DROP rules and expected states.
usage: lab_truth.py TOP1000_FILE OUTDIR SEED
writes OUTDIR/listeners.txt ('addr port'), OUTDIR/nft.rules, OUTDIR/truth.txt ('addr port open|filtered',
closed = every other scanned port), OUTDIR/case1.hosts, case2.host, case3.host"""
import random, sys, os

top_file, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rnd = random.Random(seed)
top = [int(x) for x in open(top_file).read().replace(",", " ").split()]
assert len(top) == 1000, f"expected 1000 top ports, got {len(top)}"

listeners, drops, truth = [], [], {}
case1 = [f"127.0.0.{i}" for i in range(11, 31)]
for h in case1:
    ports = rnd.sample(top, rnd.randint(3, 15))
    for p in ports:
        listeners.append((h, p)); truth[(h, p)] = "open"
    # 0-4 dropped ports per host; one of them on a listening port when possible
    dropped = rnd.sample(top, rnd.randint(0, 4))
    if ports and rnd.random() < 0.5:
        dropped.append(ports[0])
    for p in set(dropped):
        drops.append((h, p)); truth[(h, p)] = "filtered"

# case 2: all ports of one host, some listening across the whole range, some dropped
h2 = "127.0.0.50"
ports2 = set(rnd.sample(range(1, 65536), 12)) | {22, 80, 443}
for p in ports2:
    listeners.append((h2, p)); truth[(h2, p)] = "open"
for p in set(rnd.sample(range(1, 65536), 25)) | {rnd.choice(sorted(ports2))}:
    drops.append((h2, p)); truth[(h2, p)] = "filtered"

# case 3: default-drop firewall, only 22, 80, 443 (listening) and 8443 (closed) pass
h3 = "127.0.0.60"
allowed = [22, 80, 443, 8443]
for p in (22, 80, 443):
    listeners.append((h3, p)); truth[(h3, p)] = "open"

with open(os.path.join(out, "listeners.txt"), "w") as f:
    for h, p in listeners:
        f.write(f"{h} {p}\n")
with open(os.path.join(out, "truth.txt"), "w") as f:
    for (h, p), s in sorted(truth.items()):
        f.write(f"{h} {p} {s}\n")
    # case 3's default state, read by the checker
    f.write(f"{h3} default filtered\n")
    f.write(f"{h3} 8443 closed\n")
pairs = ", ".join(f"{h} . {p}" for h, p in drops)
with open(os.path.join(out, "nft.rules"), "w") as f:
    f.write("table inet wpbench {\n  chain input {\n    type filter hook input priority 0; policy accept;\n")
    f.write(f"    ip daddr {h3} tcp dport != {{ {', '.join(map(str, allowed))} }} drop\n")
    f.write(f"    ip daddr . tcp dport {{ {pairs} }} drop\n")
    f.write("  }\n}\n")
with open(os.path.join(out, "case1.hosts"), "w") as f:
    f.write(",".join(case1) + "\n")
with open(os.path.join(out, "case2.host"), "w") as f:
    f.write(h2 + "\n")
with open(os.path.join(out, "case3.host"), "w") as f:
    f.write(h3 + "\n")
print(f"lab: {len(listeners)} listeners, {len(drops)} dropped pairs, case1 {len(case1)} hosts")
