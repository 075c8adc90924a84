#!/usr/bin/env python3
"""Loopback-only demo lab: a few fake services on 127.0.0.x addresses, for demos and screenshots.
Runs for the number of seconds given (default 120), then exits by itself."""
import socket, sys, threading, time

LIFETIME = float(sys.argv[1]) if len(sys.argv) > 1 else 120.0
END = time.time() + LIFETIME

SERVICES = [
    ("127.0.0.5", 2222, b"SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n", None),
    ("127.0.0.5", 8080, None, b"HTTP/1.1 200 OK\r\nServer: Apache/2.4.49 (Unix)\r\nContent-Length: 2\r\n\r\nok"),
    ("127.0.0.6", 2121, b"220 (vsFTPd 3.0.3)\r\n", None),
    ("127.0.0.6", 2525, b"220 mail.example ESMTP Postfix (Debian/GNU)\r\n", None),
    ("127.0.0.7", 6380, None, b"-NOAUTH Authentication required.\r\n"),
    ("127.0.0.7", 8081, None, b"HTTP/1.1 200 OK\r\nServer: nginx/1.18.0\r\nContent-Length: 2\r\n\r\nok"),
]

def serve(addr, port, greeting, reply):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(64)
    s.settimeout(0.5)
    while time.time() < END:
        try:
            c, _ = s.accept()
        except socket.timeout:
            continue
        try:
            c.settimeout(1.0)
            if greeting:
                c.sendall(greeting)
            if reply:
                try:
                    c.recv(4096)
                except socket.timeout:
                    pass
                c.sendall(reply)
        except OSError:
            pass
        finally:
            c.close()
    s.close()

for spec in SERVICES:
    threading.Thread(target=serve, args=spec, daemon=True).start()
while time.time() < END:
    time.sleep(0.5)
