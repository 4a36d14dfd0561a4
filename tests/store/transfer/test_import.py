"""`flask data import`: every line checked before anything is written."""

import json

import pytest

from models import ServiceRecord, Street
from tests.factories import VALID_IDS
from tests.store.transfer.support import KEPT, drop_database, edit, snapshot
from weimin.store.db import database
from weimin.store.transfer import ImportRejected, export_store, import_store
from weimin.store.transfer.store import file_buckets

BAD_ID = VALID_IDS[2][:-1] + "5"  # right shape, wrong GB 11643 check digit


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
    demands = database().demands.count_documents({})
    drop_database()
    result = runner.invoke(args=["data", "import", str(tmp_path), "--replace"])
    assert result.exit_code == 0, result.output
    assert f"demands: {demands}\n" in result.output
    assert "application_files.chunks: " in result.output
    assert f"imported {len(KEPT) + len(file_buckets())} collections" in result.output
    assert database().demands.count_documents({}) == demands


def test_import_of_a_missing_or_empty_directory_is_refused(app, tmp_path):
    runner = app.test_cli_runner()
    for path in (tmp_path, tmp_path / "absent"):
        result = runner.invoke(args=["data", "import", str(path)])
        assert result.exit_code == 1
        assert "nothing was written" in result.output
