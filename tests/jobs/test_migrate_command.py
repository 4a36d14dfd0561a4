"""`flask migrate`, `--status`, and the runs at start-up and before seeding."""

import pytest

from models import MigrationLock, MigrationRecord
from models.base import utcnow
from tests.conftest import make_app
from weimin.config import ConfigError
from weimin.store.migration_lock import LOCK_ID

TITLES = ("0001 half-open deadlines", "0002 acceptance instants", "0003 catalogue response hours",
          "0004 overdue instants", "0005 recompute draft clearance months",
          "0006 phone tails", "0007 call milestones")  # fmt: skip


@pytest.fixture
def backfill(monkeypatch):
    """Stand in for 0004's body, so these tests are about the command."""
    calls = []

    def backfill_overdue_at(progress):
        calls.append(progress)

    target = "jobs.migrations.m0004_overdue_instants.backfill_overdue_at"
    monkeypatch.setattr(target, backfill_overdue_at)
    return calls


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=["migrate", *args])


def test_migrate_runs_the_pending_ones_and_prints_a_line_each(app, backfill):
    result = invoke(app)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines] == list(TITLES)
    assert all("done now" in line for line in lines)
    assert len(backfill) == 1
    assert {r.status for r in MigrationRecord.objects} == {"done"}

    again = invoke(app)
    assert again.exit_code == 0
    assert all("done before" in line for line in again.output.splitlines())
    assert len(backfill) == 1


def test_a_failed_migration_exits_1_and_the_later_ones_wait(app, monkeypatch):
    def broken(progress):
        raise KeyError("overdue")

    monkeypatch.setattr("jobs.migrations.m0004_overdue_instants.backfill_overdue_at", broken)
    result = invoke(app)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[3].startswith("0004 overdue instants: FAILED: KeyError: 'overdue'")
    assert lines[4] == "0005 recompute draft clearance months: waiting: an earlier migration failed"

    status = invoke(app, "--status")
    assert status.exit_code == 0
    rows = {line[:4]: line.split()[-1] for line in status.output.splitlines()}
    assert "failed" in status.output.splitlines()[3] and rows["0005"] == "pending"


def test_status_lists_every_migration_with_its_state(app, backfill):
    before = invoke(app, "--status")
    assert before.exit_code == 0
    assert [line.split()[-1] for line in before.output.splitlines()] == ["pending"] * len(TITLES)
    invoke(app)
    after = invoke(app, "--status").output.splitlines()
    assert [line[:4] for line in after] == ["0001", "0002", "0003", "0004", "0005", "0006", "0007"]
    assert all(" done " in line for line in after)


def test_status_of_one_migration_tells_what_it_does(app):
    result = invoke(app, "--status", "3")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("0003 catalogue response hours")
    assert "pending" in result.output.splitlines()[0]
    assert "An explicit 24 cannot be told from the old default" in result.output


@pytest.mark.parametrize("number", ["0009", "9", "latest", "00001", " "])
def test_status_of_an_unknown_migration_is_a_clear_error(app, number):
    result = invoke(app, "--status", number)
    assert result.exit_code == 2
    assert "no migration" in result.output
    assert "the migrations are 0001, 0002, 0003, 0004, 0005, 0006, 0007" in result.output


def test_migrate_while_another_process_migrates_says_so(app):
    now = utcnow()
    MigrationLock._get_collection().insert_one(
        {"_id": LOCK_ID, "owner": "web-1:77:cafe", "taken_at": now, "renewed_at": now}
    )
    result = invoke(app, "--wait", "0")
    assert result.exit_code == 1
    assert "another process is running the migrations (web-1:77:cafe" in result.output
    assert MigrationRecord.objects.count() == 0


def test_the_app_migrates_at_start_when_configured(backfill):
    make_app(MIGRATE_ON_START=True)
    assert MigrationRecord.objects(status="done").count() == len(TITLES)


def test_tests_start_without_migrating_unless_they_ask(app):
    assert app.config["MIGRATE_ON_START"] is False
    assert MigrationRecord.objects.count() == 0


def test_a_bad_migrate_on_start_value_is_named(monkeypatch):
    monkeypatch.setenv("MIGRATE_ON_START", "sometimes")
    with pytest.raises(ConfigError, match="MIGRATE_ON_START"):
        make_app()


def test_seeding_migrates_first(app, backfill):
    from seeds import seed_all

    with app.app_context():  # as `flask seed` and the demo loader run it
        seed_all()
    assert MigrationRecord.objects(status="done").count() == len(TITLES)
