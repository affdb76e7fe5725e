#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Sends N keep-alive GET requests over C connections (one outstanding request per connection), like wrk but
# counted, for instruction counts per request under callgrind.
import selectors, socket, sys
port, n, c, token = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), open(sys.argv[4]).read().strip()
path = sys.argv[5] if len(sys.argv) > 5 else "/api/private"
req = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\r\n").encode()
sel = selectors.DefaultSelector()
sent = done = 0
bufs = {}
for _ in range(c):
    s = socket.create_connection(("127.0.0.1", port)); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    bufs[s] = b""; sel.register(s, selectors.EVENT_READ)
    if sent < n: s.sendall(req); sent += 1
while done < n:
    for key, _ in sel.select():
        s = key.fileobj
        data = s.recv(65536)
        if not data: raise SystemExit("closed")
        bufs[s] += data
        while True:
            b = bufs[s]; h = b.find(b"\r\n\r\n")
            if h < 0: break
            head = b[:h].decode()
            if not head.startswith("HTTP/1.1 200"): raise SystemExit(head)
            cl = int([l.split(":")[1] for l in head.split("\r\n") if l.lower().startswith("content-length")][0])
            if len(b) < h + 4 + cl: break
            bufs[s] = b[h + 4 + cl:]; done += 1
            if sent < n: s.sendall(req); sent += 1
print(done)
