"""Benchmark the start of `make run`: time to the first page, and time until the demo is ready.

Starts `flask run` on the embedded demo store in a subprocess, asks for /login until it
answers, then polls /demo/status until the demo (data, twelve months of reports, ratings) is
ready. Prints both times, and the ready time against the 60 s goal.

    .venv/bin/python bench/bench_startup.py
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_PAGE_GOAL, READY_GOAL = 5.0, 60.0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def wait_for(test, timeout, pause):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if test():
                return True
        except OSError:
            pass
        time.sleep(pause)
    return False


def cpu_seconds(pid):
    """User + system CPU time of a process so far (Linux), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(timeout=600):
    """Seconds to the first page and to the demo ready (wall, and the server's CPU), and the
    percentages seen while loading. On a busy machine the CPU time is the steadier figure."""
    port = free_port()
    flask = Path(sys.executable).with_name("flask")
    env = {**os.environ, "DEMO_SEED": "true"}
    env.pop("MONGODB_URI", None)
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(flask), "--app", "wsgi", "run", "--port", str(port), "--no-reload", "--with-threads"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base, seen = f"http://127.0.0.1:{port}", []
    try:
        if not wait_for(lambda: get(base + "/login")[0] == 200, timeout, 0.05):
            raise SystemExit("the server never answered /login")
        first = time.perf_counter() - started, cpu_seconds(server.pid)

        def ready():
            status = json.loads(get(base + "/demo/status")[1])
            seen.append(status["percent"])
            if status.get("failed"):
                raise SystemExit("the demo loading failed: see the server log")
            return status["ready"]

        if not wait_for(ready, timeout, 0.5):
            raise SystemExit("the demo was not ready in time")
        return first, (time.perf_counter() - started, cpu_seconds(server.pid)), seen
    finally:
        server.terminate()
        server.wait(10)


def rows():
    """The benchmark's lines for bench/measure.py's table: (what, measured, goal)."""
    first, ready, _seen = measure()
    return [
        ("start: first page, s (wall / server CPU)", first, f"≤ {FIRST_PAGE_GOAL:g}"),
        ("start: demo ready, s (wall / server CPU)", ready, f"≤ {READY_GOAL:g}"),
    ]


def main():
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    first, ready, seen = measure()
    middle = [p for p in seen if 0 < p < 100]
    for label, (wall, cpu), goal in (
        ("first page", first, FIRST_PAGE_GOAL),
        ("demo ready", ready, READY_GOAL),
    ):
        print(f"{label:<13} {wall:6.1f} s wall, {cpu:6.1f} s server CPU   (goal ≤ {goal:g} s)")
    print(f"progress seen {middle[:1] + middle[-1:]} … 100 %")


if __name__ == "__main__":
    main()
