#!/usr/bin/env python3
"""Seconds from starting `pactum serve` to its first 200 from /readyz (the read model loaded, the
server listening): what a restart costs. Used by bench/restart.sh; not a test.

  restart_time.py PACTUM DATA_DIR [SERVE ARGS...]

Prints the seconds, then stops the server (SIGTERM) and waits for it.
Standard library only (Debian's /usr/bin/python3).
"""
import http.client
import signal
import socket
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ready(port):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        c.request("GET", "/readyz")
        return c.getresponse().status == 200
    except OSError:
        return False


def main():
    binary, data, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    port = free_port()
    argv = [binary, "serve", "--data", data, "--listen", f"127.0.0.1:{port}", "--log-level",
            "warn"] + extra
    started = time.monotonic()
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while not ready(port):
            if server.poll() is not None:
                sys.exit(f"pactum serve ended: {server.stderr.read().decode(errors='replace')}")
            if time.monotonic() - started > 600:
                sys.exit("pactum serve was not ready within 600 s")
            time.sleep(0.005)
        print(f"{time.monotonic() - started:.2f}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)


if __name__ == "__main__":
    main()
