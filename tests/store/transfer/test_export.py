"""`flask data export`: every collection as canonical Extended JSON, and back again."""

import io
import json
from datetime import datetime
from decimal import Decimal

from bson import Decimal128, ObjectId

from models import District, ExportJob
from tests.store.transfer.support import KEPT, drop_database, shape, snapshot
from weimin.store.db import database
from weimin.store.transfer import TRANSIENT, export_store, import_store


def test_round_trip_into_an_empty_database_keeps_every_value_and_type(store, tmp_path):
    before = snapshot()
    empty = [cls.__name__ for cls in KEPT if not before[cls._get_collection_name()]]
    assert not empty, f"add these models to the store fixture: {empty}"

    counts = export_store(tmp_path)
    assert counts == {name: len(docs) for name, docs in before.items()}
    drop_database()
    assert import_store(tmp_path) == counts

    after = snapshot()
    trail = after["audit_entries"]
    assert {(e["collection"], e["count"]) for e in trail if e["action"] == "import"} == set(
        counts.items()
    )
    after["audit_entries"] = [e for e in trail if e["action"] != "import"]
    assert after == before
    assert shape(after) == shape(before)
    demand = next(d for d in after["demands"] if d["_id"] == store["demand"].id)
    assert isinstance(demand["_id"], ObjectId)
    assert isinstance(demand["community"], ObjectId)
    assert isinstance(demand["received_at"], datetime)
    assert demand["received_at"].utcoffset().total_seconds() == 0
    assert isinstance(demand["evaluation"]["at"], datetime)
    assert isinstance(demand["timeline"][0]["at"], datetime)
    assert isinstance(demand["subsidy_amount"], Decimal128)
    assert demand["subsidy_amount"].to_decimal() == Decimal("12345.67")
    assert demand["values"] == {"楼栋": "3幢", "人数": 2, "标签": ["独居", "高龄"]}
    record = after["service_records"][0]
    assert isinstance(record["hours"], Decimal128) and str(record["hours"]) == "2.5"
    assert isinstance(record["activity_date"], datetime)
    assert isinstance(after["volunteers"][0]["approved_hours"], Decimal128)
    points = after["star_ratings"][0]["breakdown"][0]["points"]
    assert isinstance(points, Decimal128)
    line = after["certificates"][0]["lines"][0]
    assert isinstance(line["hours"], Decimal128) and str(line["hours"]) == "2.50"
    counters = {c["_id"]: c["seq"] for c in after["counters"]}
    assert (counters["ticket-a"], counters["ticket-b"]) == (2, 1)
    # The models' indexes are back, unique ones included.
    assert any(i.get("unique") for i in database().demands.index_information().values())


def test_export_writes_one_canonical_document_a_line_sorted_by_id(store, tmp_path):
    export_store(tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    kept = set(database().list_collection_names()) - TRANSIENT
    assert names == {f"{name}.json" for name in kept}

    line = (tmp_path / "volunteers.json").read_text("utf-8").splitlines()[0]
    doc = json.loads(line)
    assert doc["_id"] == {"$oid": str(store["volunteer"].id)}
    assert doc["approved_hours"] == {"$numberDecimal": "12.5"}
    assert list(doc["registered_at"]["$date"]) == ["$numberLong"]
    assert "张伟" in line  # Chinese is written as UTF-8, not \u escapes
    counters = (tmp_path / "counters.json").read_text("utf-8").splitlines()
    ids = [json.loads(c)["_id"] for c in counters]  # the intake's ticket counter is among them
    assert ids == sorted(ids) and ids[:2] == ["ticket-a", "ticket-b"]
    assert json.loads(counters[0])["seq"] == {"$numberInt": "2"}


def test_export_refuses_to_overwrite_without_force(app, make, tmp_path):
    make.district()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["data", "export", str(tmp_path)])
    assert first.exit_code == 0, first.output
    assert "districts: 1" in first.output

    District(code="D2", name="第二区").save()
    (tmp_path / "dropped.json").write_text("{}\n", "utf-8")
    refused = runner.invoke(args=["data", "export", str(tmp_path)])
    assert refused.exit_code == 1
    assert "--force" in refused.output
    assert len((tmp_path / "districts.json").read_text("utf-8").splitlines()) == 1

    forced = runner.invoke(args=["data", "export", str(tmp_path), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "districts: 2" in forced.output
    assert len((tmp_path / "districts.json").read_text("utf-8").splitlines()) == 2
    assert not (tmp_path / "dropped.json").exists()


def test_background_export_files_are_not_part_of_a_store_export(store, tmp_path, make):
    from jobs.exporting import bucket

    job = ExportJob(owner=make.user("supervisor"), source="exports.ratings", path="/x",
                    fmt="csv", filename="星级评定.csv").save()  # fmt: skip
    bucket().upload_from_stream_with_id(job.pk, job.filename, io.BytesIO(b"a,b\n"))
    counts = export_store(tmp_path)
    assert not set(counts) & TRANSIENT
    assert not any(p.name.startswith(("export_jobs", "exports.")) for p in tmp_path.iterdir())
