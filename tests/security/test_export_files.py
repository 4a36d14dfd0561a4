"""A background export's file reaches its owner only, through its download page, audited.

Flask-Admin's inherited GridFS reader (`/admin/<list>/api/file/?id=…&coll=exports`) served any
file of any bucket to anyone who could open a list, and export files were kept under
ObjectIds, which tell when they were made: a colleague could fetch another's spreadsheet.
"""

import re

import pytest
from bson import ObjectId

from models import AuditEntry
from tests.security.exports import background_export


@pytest.fixture
def two(app, make):
    """An export of the street admin's, and a colleague of the same street."""
    street = make.street(name="甲街道")
    community = make.community(street, name="甲一社区")
    make.volunteer(community, phone="13812345678")
    owner = make.user("street_admin", street_doc=street)
    colleague = make.user("street_admin", street_doc=street)
    return {"owner": owner, "colleague": colleague, "job": background_export(app, owner)}


def _downloads(job):
    return list(AuditEntry.objects(action="download", doc_id=str(job.pk)).order_by("at"))


def test_no_list_serves_a_stored_file_to_anyone(app, client, login, two):
    login(two["colleague"])
    file_id = two["job"].file_id
    for endpoint in ("volunteer", "demand", "star_rating", "audit"):
        for bucket in ("exports", "fs"):
            response = client.get(f"/admin/{endpoint}/api/file/?id={file_id}&coll={bucket}")
            assert response.status_code == 404, (endpoint, bucket)
            assert b"13812345678" not in response.data


def test_the_file_id_tells_nothing_to_guess_from(app, two, make):
    first = two["job"].file_id
    again = background_export(app, two["owner"]).file_id
    for file_id in (first, again):
        assert not ObjectId.is_valid(file_id)  # no timestamp, machine or counter in it
        assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", file_id)  # 256 random bits
    assert first != again


def test_the_owner_downloads_and_it_is_audited(login, two):
    job = two["job"]
    response = login(two["owner"]).get(f"/admin/exports/jobs/{job.pk}/download")
    assert response.status_code == 200 and "13812345678" in response.text
    (entry,) = _downloads(job)
    assert entry.actor == two["owner"].username and entry.changes["file"] == job.filename
    assert "refused" not in entry.changes and entry.street == two["owner"].street.id


def test_a_colleague_gets_not_found_and_the_attempt_is_audited(login, two):
    job = two["job"]
    client = login(two["colleague"])
    assert client.get(f"/admin/exports/jobs/{job.pk}").status_code == 404
    response = client.get(f"/admin/exports/jobs/{job.pk}/download")
    assert response.status_code == 404 and "13812345678" not in response.text
    (entry,) = _downloads(job)
    assert entry.actor == two["colleague"].username
    assert entry.changes["refused"] == "not the owner"


@pytest.mark.parametrize("job_id", ["notanid", "0123456789abcdef01234567", "x" * 300, "%00"])
def test_an_unknown_export_is_not_found(login, two, job_id):
    client = login(two["owner"])
    assert client.get(f"/admin/exports/jobs/{job_id}/download").status_code == 404
    assert client.get(f"/admin/exports/jobs/{job_id}").status_code == 404


def test_a_download_after_the_owner_changed_area_is_refused_and_audited(login, two, make):
    job = two["job"]
    owner = two["owner"]
    owner.update(set__street=make.street(name="乙街道"))
    response = login(owner).get(f"/admin/exports/jobs/{job.pk}/download")
    assert response.status_code == 403 and "13812345678" not in response.text
    (entry,) = _downloads(job)
    assert entry.changes["refused"] == "role or area changed"


def test_an_expired_link_is_gone_and_audited(login, two):
    from models.base import utcnow

    job = two["job"]
    job.update(set__expires_at=utcnow())
    response = login(two["owner"]).get(f"/admin/exports/jobs/{job.pk}/download")
    assert response.status_code == 410
    (entry,) = _downloads(job)
    assert entry.changes["refused"] == "expired"
