"""Fixtures for the job tests: local times, a hand-built month, and a real Celery worker."""

import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from celery.contrib.testing import tasks as _ping  # noqa: F401 - registers celery.ping
from celery.contrib.testing.worker import start_worker
from celery.worker import state

TZ = ZoneInfo("Asia/Shanghai")
MONTH = "2026-03"


def local(month, day, hour=10, minute=0, year=2026):
    """An aware datetime in Asia/Shanghai (stored as UTC by the store)."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def evaluation(satisfaction, resolved):
    from models.demand import Evaluation

    return Evaluation(satisfaction=satisfaction, resolved=resolved)


def demand(make, community, item, received, response=timedelta(hours=2), **kw):
    """A demand received at `received`, first response after `response` (None: never)."""
    kw.setdefault("response_due_at", received + timedelta(hours=24))
    if response is not None:
        kw.setdefault("first_response_at", received + response)
    return make.demand(community, item, received_at=received, **kw)


@pytest.fixture
def seeded(app):
    """The default rule sets, version 1."""
    from seeds.reference import seed_rule_sets

    seed_rule_sets()


@pytest.fixture
def march(make, seeded):
    """March 2026 in one street of four communities, worked out by hand in test_clearance.py."""
    street = make.street(code="JD")
    a, b, c, d = (make.community(street, code=f"JDC0{n}", name=f"社区{n}") for n in range(1, 5))
    item = make.item()
    late = timedelta(hours=30)
    # Community A
    demand(make, a, item, local(2, 20), deadline_at=local(2, 25))  # C1: carried in, overdue
    demand(make, a, item, local(2, 25), deadline_at=local(3, 5), closed_at=local(3, 3),
           evaluation=evaluation("satisfied", True))  # C2  # fmt: skip
    demand(make, a, item, local(2, 26), deadline_at=local(3, 2), closed_at=local(3, 10),
           evaluation=evaluation("dissatisfied", False))  # C3: closed late  # fmt: skip
    demand(make, a, item, local(2, 10), closed_at=local(2, 20))  # X1: closed before March
    demand(make, a, item, local(2, 10), rejected_at=local(2, 12), status="rejected",
           reject_reason="重复")  # X2: rejected before March  # fmt: skip
    demand(make, a, item, local(3, 2), deadline_at=local(3, 5), closed_at=local(3, 4),
           evaluation=evaluation("basically", True))  # R1  # fmt: skip
    demand(make, a, item, local(3, 3), response=timedelta(days=2), deadline_at=local(3, 10),
           closed_at=local(3, 12), evaluation=evaluation("satisfied", True))  # R2  # fmt: skip
    demand(make, a, item, local(3, 5), rejected_at=local(3, 6), status="rejected",
           reject_reason="不属于受理范围")  # R3: rejected in March  # fmt: skip
    demand(make, a, item, local(3, 10), response=None, deadline_at=local(3, 31, 12))  # R4
    demand(make, a, item, local(3, 20), deadline_at=local(4, 10))  # R5
    demand(make, a, item, local(3, 28), deadline_at=local(4, 2), closed_at=local(4, 1, 9))  # R6
    demand(make, a, item, local(3, 15), deadline_at=local(3, 20), closed_at=local(3, 16))  # R7
    demand(make, a, item, local(3, 31, 23), response=timedelta(hours=9),
           deadline_at=local(4, 3))  # R8: answered next month, within 24 h  # fmt: skip
    demand(make, a, item, local(4, 2))  # A1: received after March
    demand(make, a, item, local(3, 6), deadline_at=local(3, 30), overdue=True, escalations=1,
           overdue_at=local(3, 10),
           closed_at=local(3, 25), evaluation=evaluation("basically", False))  # R9  # fmt: skip
    # Community B: no evaluations at all
    demand(make, b, item, local(3, 2), deadline_at=local(3, 6), closed_at=local(3, 3))  # B1
    demand(make, b, item, local(3, 4), response=late, deadline_at=local(4, 20))  # B2
    # Community C: nothing.  Community D: one demand, closed on time, satisfied.
    demand(make, d, item, local(3, 1, 9), deadline_at=local(3, 4), closed_at=local(3, 2),
           evaluation=evaluation("satisfied", True))  # D1  # fmt: skip
    return {"street": street, "a": a, "b": b, "c": c, "d": d, "item": item}


@contextmanager
def running_worker(celery):
    """A real Celery worker in a thread; stops within moments, not the 2 s poll twice over."""
    with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=30) as w:
        yield w
        state.should_terminate = 0
        for _ in range(2):  # the consumer drains once more after it sees the stop
            celery.send_task("celery.ping")


@pytest.fixture
def worker(app):
    """A worker for this test's app, consuming this test's own queue."""
    celery = app.extensions["celery"]
    celery.conf.task_default_queue = f"weimin-test-{uuid.uuid4().hex[:8]}"
    celery.conf.broker_transport_options = {"polling_interval": 0.05}
    with app.app_context(), running_worker(celery) as w:
        yield w


def wait_for(run_id, timeout=30, document=None):
    """The JobRun (or other document with a status, such as an ExportJob) once done or failed."""
    from models import JobRun

    document = document or JobRun
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = document.objects(pk=run_id).first()
        if run and run.status in ("done", "failed"):
            return run
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} did not finish in {timeout}s")
