#!/usr/bin/env python3
"""Lab listeners for the port-scan bench. Binds every (address, port) given in a file of
'address port' lines, accepts and closes connections, and exits after --max-seconds (bounded).
Run it ONLY inside the bench's own network namespace."""
import argparse, selectors, socket, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("spec")
ap.add_argument("--max-seconds", type=float, default=1800)
ap.add_argument("--ready", required=True, help="file written once every socket listens")
a = ap.parse_args()

sel = selectors.DefaultSelector()
socks = []
with open(a.spec) as f:
    for line in f:
        parts = line.split()
        if len(parts) != 2:
            continue
        addr, port = parts[0], int(parts[1])
        s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((addr, port))
        except OSError as e:
            print(f"lab_listeners: cannot bind {addr}:{port}: {e}", file=sys.stderr)
            sys.exit(3)
        s.listen(512)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        socks.append(s)
with open(a.ready, "w") as f:
    f.write(f"{len(socks)}\n")
deadline = time.monotonic() + a.max_seconds
while time.monotonic() < deadline:
    for key, _ in sel.select(timeout=1.0):
        for _ in range(64):  # bounded per wake-up
            try:
                c, _ = key.fileobj.accept()
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                break
            c.close()
