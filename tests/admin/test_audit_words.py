"""The audit trail in words: filters offer labels, actors by name, job runs and migrations in
Chinese, every field of every audited collection labelled."""

import re

import pytest

from admin.audit_views import field_labels
from models import AuditEntry, JobRun
from tests.volunteers.pages import filter_arg
from weimin.store import audit
from weimin.store.audit_labels import COLLECTION_CHOICES, document_of


@pytest.fixture
def client(make, login):
    admin = make.user("district_admin", username="wang", name="王区管")
    other = make.user("district_admin", username="li", name="李科长")
    login(other).get("/logout")
    return login(admin)


def _filter_options(page):
    data = re.search(r'id="filter-groups-data"[^>]*>(.*?)</div>', page, re.S).group(1)
    return data.encode().decode("unicode_escape")


def test_filters_offer_words_and_filter_by_label_or_code(app, client):
    page = client.get("/admin/audit/").text
    options = _filter_options(page)
    assert "登录" in options and "工作人员" in options and "志愿者星级" in options
    for code in ("login_failed", "anonymous", "volunteer_stars", '"create"'):
        assert code not in options
    flt = filter_arg(app, "audit", "action")
    for value in ("登录", "login"):  # the option a page offers, or a link's code
        shown = client.get(f"/admin/audit/?{flt}={value}").text
        assert shown.count('class="col-action"') and "退出" not in shown.split("</thead>")[1]


def test_the_actor_is_named_and_filtered_by_name_or_username(app, client):
    for username in ("wang", "li"):
        with audit.acting_as("user", username):
            audit.record("export", "exports")
    page = client.get("/admin/audit/").text
    rows = page.split("</thead>")[1]
    assert '<span class="audit-actor" data-actor="wang">王区管</span>' in rows
    flt = next(f"flt0_{i}" for i, f in enumerate(_view(app)._filters) if f.column == "actor")
    for value in ("王区", "wang"):
        rows = client.get(f"/admin/audit/?{flt}={value}").text.split("</thead>")[1]
        assert 'data-actor="wang"' in rows and 'data-actor="li"' not in rows


def test_job_runs_and_migrations_read_in_chinese(app, client):
    run = JobRun(kind="ratings", period="2026", status="done", total=3, done=3).save()
    with audit.acting_as("job", "ratings"):
        audit.record("job", "job_runs", run.pk, {"done": {"before": 0, "after": 3}})
    with audit.acting_as("system", "migration 0001"):
        summary = "migration 0001 half-open deadlines: scanned 12, moved 2"
        audit.record("bulk", "migrations", 1, summary=summary)
    rows = client.get("/admin/audit/").text.split("</thead>")[1]
    rows = re.sub(r'data-actor="[^"]*"', "", rows)  # the account or job code, for filtering
    assert "星级评定 2026" in rows and "ratings" not in rows
    assert "已处理" in rows  # the changed field by its label
    assert "数据迁移 0001：已检查 12，已调整 2" in rows and "migration" not in rows
    entry = AuditEntry.objects(collection="migrations").first()
    page = client.get(f"/admin/audit/details/?id={entry.pk}").text
    assert "数据迁移 0001" in page and "half-open" not in page


def test_a_user_record_is_named_without_its_username(client, make):
    user = make.user("district_admin", username="zhao", name="赵街道")
    audit.record("update", "users", user.pk, {"name": {"before": "赵", "after": "赵街道"}})
    rows = client.get("/admin/audit/").text.split("</thead>")[1]
    assert ">赵街道</a>" in rows and "赵街道 (zhao)" not in rows


def test_every_field_of_every_audited_collection_has_a_label(app):
    with app.test_request_context():
        for collection, _text in COLLECTION_CHOICES:
            document, labels = document_of(collection), field_labels(collection)
            fields = {f.db_field for f in document._fields.values()}
            if collection != "migrations":  # a migration's _id is its number; others an id
                fields.discard("_id")
            unnamed = fields - set(labels)
            assert not unnamed, (collection, unnamed)


def _view(app):
    return next(v for v in app.extensions["weimin_admin"]._views if v.endpoint == "audit")
