#!/usr/bin/python3
"""COUNT TCP listeners on 127.0.0.1 (ports FIRST..FIRST+COUNT-1) in one process, the targets of the jitter
benchmark's TCP_CHECKs: every connection is accepted and closed at once. Prints "listening COUNT" when ready, then
"accepted N" (cumulative) about once a second, so the benchmark can tell the check rate."""
import argparse
import resource
import selectors
import socket
import time

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--first-port", type=int, default=20000)
parser.add_argument("--count", type=int, default=5000)
args = parser.parse_args()

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
selector = selectors.DefaultSelector()
for port in range(args.first_port, args.first_port + args.count):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(128)
    s.setblocking(False)
    selector.register(s, selectors.EVENT_READ)
print("listening", args.count, flush=True)

accepted = 0
last = time.monotonic()
while True:
    for key, _ in selector.select(timeout=1):
        while True:
            try:
                conn, _ = key.fileobj.accept()
            except (BlockingIOError, InterruptedError):
                break
            conn.close()
            accepted += 1
    now = time.monotonic()
    if now - last >= 1:
        print("accepted", accepted, flush=True)
        last = now
