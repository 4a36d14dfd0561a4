"""Writing the store to export files, and importing them once every file has validated."""

from contextlib import contextmanager
from pathlib import Path

from bson import json_util
from mongoengine import EmbeddedDocumentField, FileField, ListField
from pymongo.errors import PyMongoError

from models import ALL_DOCUMENTS, memo
from weimin.store import audit
from weimin.store.db import database, ensure_indexes
from weimin.store.transfer.checks import Resolver, as_emptied, validate_file
from weimin.store.transfer.lines import EJSON, SUFFIX, Problem, parse, read_lines, scan

# Background export files and their jobs: copies of other data, kept for hours, not exported;
# nor the migration lock or the sign-in failure counts, which only one deployment's processes share.
TRANSIENT = frozenset(
    {"export_jobs", "exports.files", "exports.chunks", "migration_lock", "sign_in_failures"}
)
BATCH = 1000
# The audit trail only grows: an import adds entries it lacks and never empties or edits it.
APPEND_ONLY = {"audit_entries"}


def file_buckets():
    """The GridFS collections the models' file fields keep (`<bucket>.files`, `.chunks`)."""
    names = {f"{bucket}.{part}" for cls in ALL_DOCUMENTS for bucket in _buckets(cls._fields)
             for part in ("files", "chunks")}  # fmt: skip
    return frozenset(names - TRANSIENT)


def _buckets(fields):
    """The file fields' buckets among `fields`, also inside lists and embedded documents."""
    for field in fields.values():
        while isinstance(field, ListField):
            field = field.field
        if isinstance(field, FileField):
            yield field.collection_name
        elif isinstance(field, EmbeddedDocumentField):
            yield from _buckets(field.document_type._fields)


class ImportRejected(Exception):
    """The files did not validate, so nothing was written."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s); nothing was written")
        self.problems = problems


def export_store(directory, force=False):
    """Write every collection to DIRECTORY/<collection>.json; return the counts."""
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    existing = sorted(path.glob(f"*{SUFFIX}"))
    if existing and not force:
        raise FileExistsError(f"{path} already holds {len(existing)} {SUFFIX} file(s)")
    db = database()
    try:
        names = db.list_collection_names(filter={"type": "collection"})
    except NotImplementedError:  # mongomock cannot filter by type (and has no views)
        names = db.list_collection_names()
    counts = {}
    for name in sorted(n for n in names if not n.startswith("system.") and n not in TRANSIENT):
        part = path / f".{name}{SUFFIX}.part"
        with part.open("w", encoding="utf-8", newline="\n") as out:
            count = 0
            for doc in db[name].find().sort("_id", 1):
                out.write(json_util.dumps(doc, json_options=EJSON, ensure_ascii=False) + "\n")
                count += 1
        # Rename only a complete file, so an interrupted export never looks finished.
        part.replace(path / f"{name}{SUFFIX}")
        counts[name] = count
    for stale in existing:
        if stale.stem not in counts:
            stale.unlink()  # a later import would otherwise bring back a dropped collection
    audit.record("export", count=sum(counts.values()), summary=str(path.resolve())[:500])
    return counts


def import_store(directory, replace=False, allow_unknown=False):
    """Validate every file in DIRECTORY, then write them all; return the counts.

    With replace, the imported models point at an empty scratch store while they validate,
    so this is for a command or a test, not for a process that is serving requests.
    """
    path = Path(directory)
    if not path.is_dir():
        raise ImportRejected([Problem(str(path), None, "目录不存在 (no such directory)")])
    files = sorted(path.glob(f"*{SUFFIX}"))
    if not files:
        raise ImportRejected([Problem(str(path), None, "没有 .json 文件 (no .json files)")])
    kept = [cls for cls in ALL_DOCUMENTS if cls._get_collection_name() not in TRANSIENT]
    models = {cls._get_collection_name(): cls for cls in kept}
    problems, ids = [], {}
    buckets = file_buckets()  # stored files: written as they are, no model to validate
    for file in files:
        if file.stem in models or file.stem in buckets or allow_unknown:
            ids[file.stem] = scan(file, problems)
        else:
            problems.append(Problem(file.name, None, "未知的集合 (unknown collection)"))
    db = database()
    doomed = [models[name] for name in ids if name in models] if replace else []
    with Resolver(db, path, ids, replace) as resolver, as_emptied(doomed):
        for name in ids:
            if name in models:
                validate_file(models[name], path / f"{name}{SUFFIX}", resolver, problems)
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: (p.file, p.line or 0)))
    with _transaction(db) as session:
        counts = {n: _write(db[n], path / f"{n}{SUFFIX}", replace, session) for n in ids}
    memo.forget()  # the import wrote past the document signals
    ensure_indexes()
    summary = f"{path.resolve()}{' --replace' if replace else ''}"[:500]
    for name, count in counts.items():
        audit.record("import", name, count=count, summary=summary)
    return counts


@contextmanager
def _transaction(db):
    """A session in a transaction where the server has them, else no session."""
    try:
        hello = db.command("hello")
    except (NotImplementedError, PyMongoError):  # mongomock has neither hello nor sessions
        hello = {}
    if not (hello.get("setName") or hello.get("msg") == "isdbgrid"):
        yield None
        return
    with db.client.start_session() as session, session.start_transaction():
        yield session


def _write(collection, file, replace, session):
    """Write the file's documents: insert into an empty collection, else upsert by _id."""
    append_only = collection.name in APPEND_ONLY
    if replace and not append_only:
        collection.delete_many({}, session=session)
    empty = collection.find_one({}, {"_id": 1}, session=session) is None
    batch, count = [], 0
    for _, _, raw in read_lines(file):
        son = parse(raw)
        if son is None:
            continue
        count += 1
        if empty:
            batch.append(son)
        elif not append_only:
            collection.replace_one({"_id": son["_id"]}, son, upsert=True, session=session)
        elif collection.find_one({"_id": son["_id"]}, {"_id": 1}, session=session) is None:
            collection.insert_one(son, session=session)
        if len(batch) >= BATCH:
            collection.insert_many(batch, session=session)
            batch = []
    if batch:
        collection.insert_many(batch, session=session)
    return count
