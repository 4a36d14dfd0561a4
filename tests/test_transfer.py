"""Export and import of the store as canonical Extended JSON (weimin.transfer)."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from bson import Decimal128, ObjectId

from models import (
    ALL_DOCUMENTS,
    ApiToken,
    ClearanceMonth,
    ClearanceReport,
    ClearanceRevision,
    Counter,
    District,
    JobRun,
    RuleSet,
    ServiceRecord,
    StarRating,
    Street,
    VolunteerStar,
)
from models.base import utcnow
from models.certificate import Certificate, CertificateLine
from models.clearance_month import MonthEvent
from models.demand import Evaluation, Transition
from models.star_rating import CriterionScore
from seeds.rules import DEFAULT_RULE_SETS
from tests.factories import VALID_IDS
from weimin.db import database
from weimin.transfer import TRANSIENT, ImportRejected, export_store, import_store

KEPT = [cls for cls in ALL_DOCUMENTS if cls._get_collection_name() not in TRANSIENT]
BAD_ID = VALID_IDS[2][:-1] + "5"  # right shape, wrong GB 11643 check digit


@pytest.fixture(autouse=True)
def _context(app):
    with app.app_context():
        yield


@pytest.fixture
def store(make):
    """One document or more of every model, with Decimal128, embedded documents and dates."""
    street = make.street(name="镇海街道")
    community = make.community(street_doc=street, name="幸福社区")
    category = make.category(street_doc=street, name="助老")
    make.category(name="助残")  # a district-wide template: street is null
    item = make.item(kind="project", street_doc=street, category=category)
    org = make.organisation(street_doc=street, categories=[category])
    volunteer = make.volunteer(
        community_doc=community, approved_hours=Decimal("12.5"), skills=["理发"], teams=[org]
    )
    demand = make.demand(
        community_doc=community,
        item_doc=item,
        status="closed",
        closed_at=utcnow(),
        values={"楼栋": "3幢", "人数": 2, "标签": ["独居", "高龄"]},
        subsidy_amount=Decimal("12345.67"),
        assigned_org=org,
        assigned_volunteer=volunteer,
        evaluation=Evaluation(satisfaction="satisfied", resolved=True, comment="很满意"),
        timeline=[Transition(actor="王芳", action="close", from_status="received")],
    )
    today = datetime.now(UTC).date()  # never ahead of the local date, so never late either
    ServiceRecord(
        volunteer=volunteer,
        activity_name="敬老院探访",
        activity_date=today,
        location="幸福社区敬老院",
        content="陪老人聊天",
        hours=Decimal("2.5"),
        organisation=org,
        leader="李娜",
        street=street,
        community=community,
        demand=demand,
    ).save()
    Certificate(
        code="ABCD-EFGH-JKMN-PQRS",
        volunteer=volunteer,
        holder="张*",
        total_hours=Decimal("2.50"),
        lines=[CertificateLine(organisation=org.name, activities=1, hours=Decimal("2.50"))],
        first_date=today,
        last_date=today,
        fingerprint="0" * 64,
    ).save()
    # The seeded defaults carry floats, nested dicts and lists, and pass the rule checks.
    clearance = next(r for r in DEFAULT_RULE_SETS if r["kind"] == "clearance")
    RuleSet(street=street, **clearance).save()
    make.user("volunteer", volunteer_doc=volunteer)
    token = ApiToken(name="12345 热线", street=street, scopes=["demands:create"])
    token.issue()
    token.save()
    for name in ("ticket-b", "ticket-a", "ticket-a"):
        Counter.next(name)
    build_results(street, community, org, volunteer)
    return {"street": street, "volunteer": volunteer, "demand": demand}


def build_results(street, community, org, volunteer):
    """What the clearance, rating and star jobs store, written directly."""
    month = "2024-03"
    ClearanceMonth(
        street=street,
        month=month,
        status="published",
        published_at=utcnow(),
        history=[MonthEvent(action="published", by="王芳")],
    ).save()
    ClearanceReport(
        month=month,
        level="community",
        street=street,
        community=community,
        received=3,
        closed=2,
        clearance_rate=2 / 3,
        computed_at=utcnow(),
    ).save()
    ClearanceRevision(
        month=month, level="street", street=street, archived_at=utcnow(), reason="重新计算"
    ).save()
    StarRating(
        period="2024",
        subject_type="organisation",
        organisation=org,
        street=street,
        subject_name=org.name,
        score=Decimal("876.50"),
        stars=4,
        reward=Decimal("40000.00"),
        breakdown=[
            CriterionScore(code="on_time_rate", raw=0.9, weight=0.25, points=Decimal("225"))
        ],
    ).save()
    VolunteerStar(
        volunteer=volunteer,
        street=street,
        community=community,
        hours=Decimal("12.50"),
        stars=0,
        next_threshold=Decimal("100.00"),
    ).save()
    JobRun(kind="clearance", period=month, street=street, status="done", summary={"社区": 1}).save()


def snapshot():
    """Every collection's raw documents, sorted by _id."""
    db = database()
    names = set(db.list_collection_names()) - TRANSIENT
    return {name: list(db[name].find().sort("_id", 1)) for name in names}


def shape(value):
    """The value with each leaf replaced by its type, so comparisons check types too."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return type(value)


def drop_database():
    db = database()
    db.client.drop_database(db.name)
    assert not any(snapshot().values())


def edit(path, change):
    """Rewrite a file's lines through change(lines)."""
    lines = path.read_text("utf-8").splitlines()
    change(lines)
    path.write_text("\n".join(lines) + "\n", "utf-8")


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
    assert [c["_id"] for c in after["counters"]] == ["ticket-a", "ticket-b"]
    assert [c["seq"] for c in after["counters"]] == [2, 1]
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
    assert [json.loads(c)["_id"] for c in counters] == ["ticket-a", "ticket-b"]
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


def bad_json(tmp_path):
    edit(tmp_path / "communities.json", lambda lines: lines.insert(1, '{"_id": {"$oid": '))
    return "communities.json:2", "JSON"


def bad_id_number(tmp_path):
    def change(lines):
        doc = json.loads(lines[0])
        doc["id_number"] = BAD_ID
        lines[0] = json.dumps(doc, ensure_ascii=False)

    edit(tmp_path / "volunteers.json", change)
    return "volunteers.json:1", "id_number"


def duplicate_id(tmp_path):
    edit(tmp_path / "streets.json", lambda lines: lines.append(lines[0]))
    return "streets.json:2", "_id"


FAULTS = [bad_json, bad_id_number, duplicate_id]


def exported_then_changed(store, tmp_path):
    """Export, then change the store so that any write by an import would show."""
    export_store(tmp_path)
    Street.objects(id=store["street"].id).update(set__name="改名街道")
    ServiceRecord.objects.delete()
    return snapshot()


@pytest.mark.parametrize("replace", [False, True])
@pytest.mark.parametrize("fault", FAULTS)
def test_one_bad_line_writes_nothing(store, tmp_path, fault, replace):
    before = exported_then_changed(store, tmp_path)
    where, word = fault(tmp_path)
    with pytest.raises(ImportRejected) as caught:
        import_store(tmp_path, replace=replace)
    assert [str(p) for p in caught.value.problems if str(p).startswith(where + ":")]
    assert any(word in p.message for p in caught.value.problems)
    assert snapshot() == before


def test_every_bad_line_is_reported_with_file_and_line(store, tmp_path):
    export_store(tmp_path)
    drop_database()
    expected = [fault(tmp_path) for fault in FAULTS]
    with pytest.raises(ImportRejected) as caught:
        import_store(tmp_path)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 3, problems
    for where, word in expected:
        assert any(p.startswith(where + ": ") and word in p for p in problems), (where, problems)
    assert "校验位" in next(p for p in problems if p.startswith("volunteers.json:1"))
    assert not any(snapshot().values())


def test_a_reference_to_a_missing_document_is_an_error(store, tmp_path):
    export_store(tmp_path)
    drop_database()
    (tmp_path / "communities.json").write_text("", "utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_store(tmp_path)
    assert any(
        p.file == "volunteers.json" and p.line == 1 and "community" in p.message
        for p in caught.value.problems
    )


def test_unknown_collections_need_allow_unknown(store, tmp_path):
    export_store(tmp_path)
    (tmp_path / "stray.json").write_text('{"_id": 1, "名称": "测试"}\n\n', "utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_store(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "stray.json: 未知的集合 (unknown collection)"
    ]
    assert "stray" not in database().list_collection_names()

    counts = import_store(tmp_path, allow_unknown=True)
    assert counts["stray"] == 1
    assert database().stray.find_one() == {"_id": 1, "名称": "测试"}


def test_default_upserts_by_id_and_replace_empties_first(store, tmp_path):
    export_store(tmp_path)
    Street.objects(id=store["street"].id).update(set__name="改名街道")
    extra = Street(code="S99", name="新街道", district=store["street"].district).save()

    import_store(tmp_path)
    assert Street.objects.get(id=store["street"].id).name == "镇海街道"
    assert Street.objects(id=extra.id).count() == 1

    import_store(tmp_path, replace=True)
    assert Street.objects(id=extra.id).count() == 0


def test_a_unique_value_held_by_a_stored_document_is_an_error_unless_replacing(
    store, tmp_path, make
):
    export_store(tmp_path)
    database().volunteers.delete_many({})
    newcomer = make.volunteer(id_number=VALID_IDS[0], name="李雷")  # same ID number, new _id
    before = snapshot()
    with pytest.raises(ImportRejected) as caught:
        import_store(tmp_path)
    assert {p.file for p in caught.value.problems} == {"volunteers.json"}
    assert any("id_number" in p.message for p in caught.value.problems)
    assert snapshot() == before

    # Replacing empties the collection first, so the newcomer is no obstacle.
    import_store(tmp_path, replace=True)
    assert database().volunteers.find_one({"_id": newcomer.id}) is None
    assert database().volunteers.find_one({"_id": store["volunteer"].id})["name"] == "张伟"


def test_the_audit_trail_only_grows(store, tmp_path):
    counts = export_store(tmp_path)
    trail = database().audit_entries
    exported = trail.find_one({"action": "export"})
    assert exported["count"] == sum(counts.values())
    first = trail.find().sort("_id", 1)[0]
    second = trail.find().sort("_id", 1)[1]
    trail.delete_one({"_id": second["_id"]})

    def forge(lines):
        doc = json.loads(lines[0])
        doc["actor"] = "someone-else"
        lines[0] = json.dumps(doc, ensure_ascii=False)

    edit(tmp_path / "audit_entries.json", forge)
    import_store(tmp_path, replace=True)
    assert trail.find_one({"_id": first["_id"]}) == first  # an entry is never rewritten
    assert trail.find_one({"_id": second["_id"]}) == second  # a missing one comes back
    assert trail.find_one({"_id": exported["_id"]}) == exported  # nor is the trail emptied


def test_cli_import_reports_problems_and_exits_non_zero(app, store, tmp_path):
    runner = app.test_cli_runner()
    export_store(tmp_path)
    drop_database()
    bad_id_number(tmp_path)
    edit(tmp_path / "volunteers.json", lambda lines: lines.extend(["oops"] * 60))

    result = runner.invoke(args=["data", "import", str(tmp_path)])
    assert result.exit_code == 1
    assert "volunteers.json:1: 字段 id_number 无效" in result.output
    assert "volunteers.json:2: 不是合法的 JSON (not valid JSON)" in result.output
    assert "volunteers.json:50: " in result.output
    assert "volunteers.json:51: " not in result.output  # 50 shown, the rest counted
    assert "(and 11 more)" in result.output
    assert "nothing was written" in result.output
    assert not any(snapshot().values())


def test_cli_import_writes_and_summarises(app, store, tmp_path):
    runner = app.test_cli_runner()
    export_store(tmp_path)
    drop_database()
    result = runner.invoke(args=["data", "import", str(tmp_path), "--replace"])
    assert result.exit_code == 0, result.output
    assert "demands: 1" in result.output
    assert f"imported {len(KEPT)} collections" in result.output
    assert database().demands.count_documents({}) == 1


def test_import_of_a_missing_or_empty_directory_is_refused(app, tmp_path):
    runner = app.test_cli_runner()
    for path in (tmp_path, tmp_path / "absent"):
        result = runner.invoke(args=["data", "import", str(path)])
        assert result.exit_code == 1
        assert "nothing was written" in result.output


def test_background_export_files_are_not_part_of_a_store_export(store, tmp_path, make):
    import io

    from jobs.exporting import bucket
    from models import ExportJob

    job = ExportJob(owner=make.user("supervisor"), source="exports.ratings", path="/x",
                    fmt="csv", filename="星级评定.csv").save()  # fmt: skip
    bucket().upload_from_stream_with_id(job.pk, job.filename, io.BytesIO(b"a,b\n"))
    counts = export_store(tmp_path)
    assert not set(counts) & TRANSIENT
    assert not any(p.name.startswith(("export_jobs", "exports.")) for p in tmp_path.iterdir())
