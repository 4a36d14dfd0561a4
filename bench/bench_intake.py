"""Benchmark demand intake: the API through a real HTTP client against the app as it is
deployed, and the spreadsheet import of 5,000 rows, each against raw inserts of the same
demands in the same run.

The ratio is the raw inserts' time over the path's time (1.0: as fast as raw inserts); goal
≥ 0.5 for the API served by gunicorn in a process of its own, the server and worker class the
README deploys (`gunicorn -w 4 wsgi:app`: sync workers). A sync worker answers one request per
connection, so the client connects for each, as a reverse proxy does to its upstream by default.
Each ratio is given twice: over wall time, and over CPU time (the worker's, read from /proc
(Linux), plus the client's; the worker's alone is given too), which a machine busy with other
work disturbs less. The paths take turns, in ROUNDS rounds of an equal share of the requests,
so that each sees the same store sizes and much the same load.

For information, two more paths: werkzeug's development server in this process, its client
keeping one HTTP/1.1 connection open (CPU: client and server threads together, sharing one
interpreter), and the app called in process through Flask's test client, without HTTP.

    .venv/bin/python bench/bench_intake.py                 # 500 API requests, 5,000 import rows
    .venv/bin/python bench/bench_intake.py --requests 2000 --rounds 20
"""

import argparse
import contextlib
import copy
import csv
import http.client
import io
import json
import os
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bson import ObjectId  # noqa: E402
from measure import children, cpu_seconds, make_app, timed  # noqa: E402

API_GOAL = 0.5
ROUNDS = 10
PATHS = {
    "http": "API over HTTP, werkzeug in process (CPU: client and server)",
    "wsgi": "API in process (test client)",
    "raw": "raw model insert",
    "gunicorn": "API over HTTP to gunicorn (CPU: worker and client)",
    "worker": "API over HTTP to gunicorn (CPU: worker alone)",
}
IMPORT_ROWS = 5000


def world():
    from tests import factories

    street = factories.street()
    community = factories.community(street)
    item = factories.item(street_doc=street, code="SV01")
    _token, secret = factories.api_token(street, "demands:create")
    return community, item, secret


def body(community, n):
    return {
        "item": "SV01", "community": community.code, "resident_name": "孙丽",
        "resident_phone": f"1380013{n % 10000:04d}", "description": "需要上门",
    }  # fmt: skip


def serve(app):
    """The app on a real socket, in a thread; returns (port, server).

    The server speaks HTTP/1.1, so the client's connection is kept alive between requests as
    a production server (gunicorn, waitress, a proxy in front) keeps it; werkzeug's default,
    HTTP/1.0, would open a connection and a thread for every request."""
    import logging

    from werkzeug.serving import WSGIRequestHandler, make_server

    class KeepAlive(WSGIRequestHandler):
        protocol_version = "HTTP/1.1"

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=KeepAlive)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_port, server


class Client:
    """An integration's client: one HTTP/1.1 connection, kept open while the server keeps it
    (werkzeug's here) and opened again when the server closes it after an answer (a gunicorn
    sync worker, like a reverse proxy's connections to it)."""

    def __init__(self, port, secret, community):
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
        self.community = community

    def take_in(self, numbers):
        for n in numbers:
            payload = json.dumps(body(self.community, n))
            self.conn.request("POST", "/api/v1/demands", payload, self.headers)
            answer = self.conn.getresponse()
            answer.read()
            assert answer.status == 201, answer.status

    def close(self):
        self.conn.close()


@contextlib.contextmanager
def gunicorn_app():
    """The app served by gunicorn in a process of its own, one sync worker (the README's
    production server and worker class), on a store of its own: yields (port, secret,
    community, worker pid)."""
    import socket
    import subprocess
    import tempfile
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ready = Path(tempfile.mkdtemp()) / "ready.json"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-k", "sync", "-w", "1", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "intake_server:app"],
        cwd=Path(__file__).resolve().parent, env={**os.environ, "BENCH_INTAKE_FILE": str(ready)},
    )  # fmt: skip
    try:
        for _ in range(600):
            if ready.exists() and ready.read_text():
                break
            time.sleep(0.1)
        given = json.loads(ready.read_text())
        (worker,) = children(server.pid)
        yield port, given["secret"], SimpleNamespace(code=given["community"]), worker
    finally:
        server.terminate()
        server.wait(timeout=30)


def through_wsgi(client, secret, community, numbers):
    """The same intakes handed to the app in process: the app's own share of the time."""
    headers = {"Authorization": f"Bearer {secret}"}
    for n in numbers:
        answer = client.post("/api/v1/demands", json=body(community, n), headers=headers)
        assert answer.status_code == 201, answer.status_code


def stored_model():
    """A stored demand as the store holds it, to copy."""
    from models import Demand

    return Demand._get_collection().find_one()


def raw_inserts(model, numbers, prefix="1370013"):
    """The floor: copies of a stored demand saved through the model (validated, audited), one
    by one, with none of intake's rules (ticket, deadline, duplicates) or HTTP.

    Each copy carries a phone of its own (`prefix` and the number), as the demands the API
    takes in do: the model's phone check then parses it, as it parses theirs. One phone for
    every copy would be parsed once and remembered, a saving no real intake has."""
    from models import Demand

    for n in numbers:
        doc = copy.deepcopy(model)
        doc.update(_id=ObjectId(), ticket_no=f"RAW-{n}-{ObjectId()}",
                   resident_phone=f"{prefix}{n % 10000:04d}")  # fmt: skip
        Demand._from_son(doc, created=True).save(force_insert=True)


def sheet(community, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["社区编码", "居民姓名", "居民电话", "居民地址", "受理渠道", "诉求描述"])
    for n in range(rows):
        writer.writerow(
            [community.code, "孙丽", f"1390013{n % 10000:04d}", "", "window", "需要上门"]
        )
    return out.getvalue().encode("utf-8")


class Tally:
    """Wall and CPU seconds summed over the rounds."""

    def __init__(self):
        self.wall = self.cpu = 0.0

    def add(self, wall, cpu):
        self.wall += wall
        self.cpu += cpu


def bench(requests, rounds=ROUNDS, per_intake=None):
    """The paths measured in turns, `rounds` times `requests // rounds` intakes each: every
    path sees the same store sizes and, on a shared machine, much the same load. Fills
    `per_intake` (a dict), when given, with each path's milliseconds per intake (wall, CPU)."""
    from weimin.demands.importer import import_demands
    from weimin.store.db import database

    app = make_app()
    paths = {name: Tally() for name in ("http", "wsgi", "raw", "gunicorn", "worker")}
    per_round = max(1, requests // rounds)
    requests = per_round * rounds
    with app.app_context(), gunicorn_app() as (g_port, g_secret, g_community, worker):
        try:
            community, item, secret = world()
            port, server = serve(app)
            http_client, wsgi_client = Client(port, secret, community), app.test_client()
            served = Client(g_port, g_secret, g_community)
            # The first requests of each path: imports, caches, the store's indexes.
            http_client.take_in(range(-20, 0))
            served.take_in(range(-20, 0))
            through_wsgi(wsgi_client, secret, community, range(-40, -20))
            model = stored_model()
            for r in range(rounds):
                numbers = range(r * per_round, (r + 1) * per_round)
                paths["http"].add(*timed(lambda n=numbers: http_client.take_in(n))[:2])
                others = range(requests + numbers.start, requests + numbers.stop)  # no duplicates
                paths["wsgi"].add(
                    *timed(lambda n=others: through_wsgi(wsgi_client, secret, community, n))[:2]
                )
                paths["raw"].add(*timed(lambda n=numbers: raw_inserts(model, n))[:2])
                before = cpu_seconds(worker)
                wall, client_cpu, _ = timed(lambda n=numbers: served.take_in(n))
                worker_cpu = cpu_seconds(worker) - before
                paths["gunicorn"].add(wall, worker_cpu + client_cpu)
                paths["worker"].add(wall, worker_cpu)
            http_client.close()
            served.close()
            data = sheet(community, IMPORT_ROWS)
            communities = {community.code: community}
            imported = timed(lambda: import_demands(item, "bench.csv", data, communities, "bench"))
            assert imported[2].ok, imported[2].errors[:3]
            raw_rows = timed(lambda: raw_inserts(model, range(IMPORT_ROWS), prefix="1360013"))
            server.shutdown()
        finally:
            database().client.drop_database(database().name)
    if per_intake is not None:
        for name, tally in paths.items():
            per_intake[name] = (tally.wall / requests * 1e3, tally.cpu / requests * 1e3)
    raw, goal = paths["raw"], f"≥ {API_GOAL:g}"
    http, wsgi, gun = paths["http"], paths["wsgi"], paths["gunicorn"]
    return [
        (f"intake: API on gunicorn, {requests} requests: raw / API (wall)", raw.wall / gun.wall,
         goal),
        (f"intake: API on gunicorn, {requests} requests: raw / API (CPU)", raw.cpu / gun.cpu,
         goal),
        (f"intake: API on gunicorn, {requests}: raw / server alone (CPU)",
         raw.cpu / paths["worker"].cpu, "—"),
        (f"intake: API, werkzeug in process, {requests}: raw / API (wall)",
         raw.wall / http.wall, "—"),
        (f"intake: API, werkzeug in process, {requests}: raw / API (CPU)", raw.cpu / http.cpu,
         "—"),
        (f"intake: API in process (no HTTP), {requests}: raw / API (wall)", raw.wall / wsgi.wall,
         "—"),
        (f"intake: API in process (no HTTP), {requests}: raw / API (CPU)", raw.cpu / wsgi.cpu,
         "—"),
        (f"intake: import of {IMPORT_ROWS:,} rows: raw inserts / import (wall)",
         raw_rows[0] / imported[0], "—"),
        (f"intake: import of {IMPORT_ROWS:,} rows: raw inserts / import (CPU)",
         raw_rows[1] / imported[1], "—"),
    ]  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    per_intake = {}
    for what, ratio, goal in bench(args.requests, args.rounds, per_intake):
        print(f"{what:<66} {ratio:6.2f}  (goal {goal})")
    print("ms per intake (wall / CPU):")
    for name, (wall, cpu) in per_intake.items():
        print(f"  {PATHS[name]:<64} {wall:6.2f} / {cpu:.2f}")


if __name__ == "__main__":
    main()
