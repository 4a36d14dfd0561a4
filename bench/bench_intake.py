"""Benchmark demand intake: the API through a real HTTP client against a live app, and the
spreadsheet import of 5,000 rows, each against raw inserts of the same demands in the same run.

The ratio is the raw inserts' time over the path's time (1.0: as fast as raw inserts);
goal ≥ 0.5 for the API.

    .venv/bin/python bench/bench_intake.py                 # 500 API requests, 5,000 import rows
    .venv/bin/python bench/bench_intake.py --requests 2000
"""

import argparse
import copy
import csv
import http.client
import io
import json
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bson import ObjectId  # noqa: E402
from measure import make_app, timed  # noqa: E402

API_GOAL = 0.5
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


def through_api(port, secret, community, count):
    """`count` intakes over one keep-alive HTTP connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    for n in range(count):
        conn.request("POST", "/api/v1/demands", json.dumps(body(community, n)), headers)
        answer = conn.getresponse()
        answer.read()
        assert answer.status == 201, answer.status
    conn.close()


def through_gunicorn(count):
    """`count` intakes over HTTP to the app served by gunicorn (one gthread worker), the server
    the README runs in production; seconds, measured from the first request."""
    import socket
    import subprocess
    import tempfile
    import time
    from types import SimpleNamespace

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ready = Path(tempfile.mkdtemp()) / "ready.json"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-k", "gthread", "--threads", "2", "-w", "1", "--keep-alive", "30",
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "intake_server:app"],
        cwd=Path(__file__).resolve().parent, env={**os.environ, "BENCH_INTAKE_FILE": str(ready)},
    )  # fmt: skip
    try:
        for _ in range(600):
            if ready.exists() and ready.read_text():
                break
            time.sleep(0.1)
        given = json.loads(ready.read_text())
        community = SimpleNamespace(code=given["community"])
        through_api(port, given["secret"], community, 20)  # the worker's first requests
        return timed(lambda: through_api(port, given["secret"], community, count))[0]
    finally:
        server.terminate()
        server.wait(timeout=30)


def through_wsgi(app, secret, community, count):
    """The same intakes handed to the app in process: the app's own share of the time."""
    client = app.test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    for n in range(count, 2 * count):  # phones of their own: no duplicates of the HTTP run
        answer = client.post("/api/v1/demands", json=body(community, n), headers=headers)
        assert answer.status_code == 201, answer.status_code


def raw_inserts(count):
    """The floor: copies of a stored demand saved through the model (validated, audited), one
    by one, with none of intake's rules (ticket, deadline, duplicates) or HTTP."""
    from models import Demand

    model = Demand._get_collection().find_one()
    for n in range(count):
        doc = copy.deepcopy(model)
        doc.update(_id=ObjectId(), ticket_no=f"RAW-{n}-{ObjectId()}")
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


def bench(requests):
    from weimin.demands.importer import import_demands
    from weimin.store.db import database

    app = make_app()
    with app.app_context():
        try:
            community, item, secret = world()
            port, server = serve(app)
            api = timed(lambda: through_api(port, secret, community, requests))[0]
            wsgi = timed(lambda: through_wsgi(app, secret, community, requests))[0]
            raw = timed(lambda: raw_inserts(requests))[0]
            served = through_gunicorn(requests)
            data = sheet(community, IMPORT_ROWS)
            communities = {community.code: community}
            imported = timed(lambda: import_demands(item, "bench.csv", data, communities, "bench"))
            assert imported[2].ok, imported[2].errors[:3]
            raw_rows = timed(lambda: raw_inserts(IMPORT_ROWS))[0]
            server.shutdown()
        finally:
            database().client.drop_database(database().name)
    return [
        (f"intake: API, {requests} HTTP requests: raw inserts / API", raw / api, f"≥ {API_GOAL:g}"),
        (f"intake: API in process (no HTTP), {requests}: raw inserts / API", raw / wsgi, "—"),
        (f"intake: API on gunicorn, {requests} HTTP requests: raw inserts / API", raw / served,
         "—"),
        (f"intake: import of {IMPORT_ROWS:,} rows: raw inserts / import", raw_rows / imported[0],
         "—"),
    ]  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    for what, ratio, goal in bench(args.requests):
        print(f"{what:<60} {ratio:6.2f}  (goal {goal})")


if __name__ == "__main__":
    main()
