"""`flask data export DIR` / `data import DIR`: the store as canonical MongoDB Extended JSON.

One file per collection, one document per line, readable by `mongoimport`. An import checks
every line of every file before it writes anything.
"""

import json
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import NamedTuple

import click
import mongoengine
from bson import DBRef, ObjectId, json_util
from bson.json_util import JSONMode, JSONOptions
from bson.tz_util import utc
from flask.cli import AppGroup
from mongoengine import ReferenceField, ValidationError
from mongoengine.context_managers import switch_db
from pymongo.errors import PyMongoError

from weimin import audit
from weimin.db import database, ensure_indexes

# Aware UTC datetimes on the way in, as the app's own connection returns them.
EJSON = JSONOptions(json_mode=JSONMode.CANONICAL, tz_aware=True, tzinfo=utc)
SUFFIX = ".json"
# Background export files and their jobs: copies of other data, kept for hours, not exported.
TRANSIENT = frozenset({"export_jobs", "exports.files", "exports.chunks"})
MAX_SHOWN = 50
BATCH = 1000
# The audit trail only grows: an import adds entries it lacks and never empties or edits it.
APPEND_ONLY = {"audit_entries"}
# clean() methods look one reference deep (community.street), so resolve two levels.
REF_DEPTH = 2
SCRATCH_ALIAS = "weimin-import-check"

data_cli = AppGroup("data", help="Export or import the store as MongoDB Extended JSON.")


class Problem(NamedTuple):
    """One reason an import file was refused; line is None for the whole file."""

    file: str
    line: int | None
    message: str

    def __str__(self):
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """The files did not validate, so nothing was written."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s); nothing was written")
        self.problems = problems


class BadLine(ValueError):
    """A line that is not one Extended JSON document with an _id."""


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
    from models import ALL_DOCUMENTS

    path = Path(directory)
    if not path.is_dir():
        raise ImportRejected([Problem(str(path), None, "目录不存在 (no such directory)")])
    files = sorted(path.glob(f"*{SUFFIX}"))
    if not files:
        raise ImportRejected([Problem(str(path), None, "没有 .json 文件 (no .json files)")])
    kept = [cls for cls in ALL_DOCUMENTS if cls._get_collection_name() not in TRANSIENT]
    models = {cls._get_collection_name(): cls for cls in kept}
    problems, ids = [], {}
    for file in files:
        if file.stem in models or allow_unknown:
            ids[file.stem] = _scan(file, problems)
        else:
            problems.append(Problem(file.name, None, "未知的集合 (unknown collection)"))
    db = database()
    doomed = [models[name] for name in ids if name in models] if replace else []
    with _Resolver(db, path, ids, replace) as resolver, _as_emptied(doomed):
        for name in ids:
            if name in models:
                _validate_file(models[name], path / f"{name}{SUFFIX}", resolver, problems)
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: (p.file, p.line or 0)))
    with _transaction(db) as session:
        counts = {n: _write(db[n], path / f"{n}{SUFFIX}", replace, session) for n in ids}
    ensure_indexes()
    summary = f"{path.resolve()}{' --replace' if replace else ''}"[:500]
    for name, count in counts.items():
        audit.record("import", name, count=count, summary=summary)
    return counts


def _lines(file):
    """Yield (line number, byte offset, raw bytes) for every line of the file."""
    offset = 0
    with file.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            yield number, offset, raw
            offset += len(raw)


def _parse(raw):
    """Decode one line into a document with an _id, None for a blank line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadLine("不是 UTF-8 编码 (not UTF-8 text)") from None
    text = text.strip()
    if not text:
        return None
    try:
        son = json_util.loads(text, json_options=EJSON)
    except json.JSONDecodeError as exc:
        raise BadLine(f"不是合法的 JSON (not valid JSON): {exc.msg}, column {exc.colno}") from None
    except Exception as exc:  # json_util's type decoders raise many kinds of errors
        raise BadLine(f"不是合法的扩展 JSON (not valid Extended JSON): {exc}") from None
    if not isinstance(son, dict):
        raise BadLine("不是 JSON 对象 (not a JSON object)")
    if "_id" not in son:
        raise BadLine("缺少 _id (no _id)")
    return son


def _key(value):
    """A hashable stand-in for a BSON value, equal for equal values."""
    if value is None or isinstance(value, str | ObjectId | int):
        return value
    return json_util.dumps(value, json_options=EJSON, sort_keys=True)


def _scan(file, problems):
    """Check that every line parses and no _id repeats; return {_id key: byte offset}."""
    seen, lines = {}, {}
    for number, offset, raw in _lines(file):
        try:
            son = _parse(raw)
        except BadLine as exc:
            problems.append(Problem(file.name, number, str(exc)))
            continue
        if son is None:
            continue
        key = _key(son["_id"])
        if key in seen:
            msg = f"_id 与第 {lines[key]} 行重复 (duplicate _id, first on line {lines[key]})"
            problems.append(Problem(file.name, number, msg))
        else:
            seen[key], lines[key] = offset, number
    return seen


class _Resolver:
    """Find referenced documents in the files being imported, else in the store."""

    def __init__(self, db, path, ids, replace):
        self.db, self.path, self.ids, self.replace = db, path, ids, replace
        self.cache, self.stack, self.handles = {}, ExitStack(), {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stack.close()

    def son(self, collection, id_):
        """The raw document, or None if neither the files nor the store hold it."""
        key = (collection, _key(id_))
        if key not in self.cache:
            if len(self.cache) > 10_000:
                self.cache.clear()  # bound memory on large imports; misses only cost a read
            self.cache[key] = self._find(collection, id_)
        return self.cache[key]

    def _find(self, collection, id_):
        offset = self.ids.get(collection, {}).get(_key(id_))
        if offset is not None:
            if collection not in self.handles:
                file = self.path / f"{collection}{SUFFIX}"
                self.handles[collection] = self.stack.enter_context(file.open("rb"))
            fh = self.handles[collection]
            fh.seek(offset)
            return _parse(fh.readline())
        if self.replace and collection in self.ids:
            return None  # that collection is emptied before the files are written
        return self.db[collection].find_one({"_id": id_})


def _attach(doc, resolver, depth=REF_DEPTH):
    """Put the referenced documents in place of their ids; return the missing references."""
    missing = []
    for name, field in doc._fields.items():
        ref = doc._data.get(name)
        if not isinstance(field, ReferenceField) or not isinstance(ref, DBRef):
            continue
        son = resolver.son(ref.collection, ref.id)
        if son is None:
            missing.append((name, ref))
            continue
        try:
            target = field.document_type._from_son(son)
        except Exception:  # the target's own line reports why it does not load
            continue
        if depth > 1:
            _attach(target, resolver, depth - 1)
        doc._data[name] = target
    return missing


def _field_errors(errors, prefix=""):
    """Flatten ValidationError.to_dict() into (field path, message) pairs."""
    if not isinstance(errors, dict):
        yield prefix or "__all__", str(errors)
        return
    for name, sub in errors.items():
        path = prefix if name == "__all__" else f"{prefix}.{name}".lstrip(".")
        yield from _field_errors(sub, path)


def _check(cls, son, resolver):
    """Messages for a document that does not load and validate as cls; empty when it does."""
    try:
        doc = cls._from_son(son)
    except Exception as exc:
        return [f"不能作为 {cls.__name__} 读取 (does not load as {cls.__name__}): {exc}"]
    missing = _attach(doc, resolver)
    if missing:
        return [
            f"字段 {name} 引用的文档不存在 (field {name} refers to a missing document): "
            f"{ref.collection} {ref.id}"
            for name, ref in missing
        ]
    try:
        doc.validate()
    except ValidationError as exc:
        return [
            f"字段 {name} 无效 (invalid field {name}): {msg}"
            for name, msg in _field_errors(exc.to_dict())
        ]
    except Exception as exc:  # clean() runs before the field checks, so odd values raise anything
        return [f"无法校验 (could not validate): {exc!r}"]
    return []


def _unique_indexes(cls):
    """(fields, sparse) of each unique index the model declares."""
    specs = cls._meta.get("index_specs", [])
    return [([f for f, _ in s["fields"]], s.get("sparse", False)) for s in specs if s.get("unique")]


def _unique_key(son, fields, sparse):
    values = [son.get(f) for f in fields]
    if sparse and all(v is None for v in values):
        return None
    return tuple(_key(v) for v in values)


def _validate_file(cls, file, resolver, problems):
    """Validate each document as cls, and against the model's unique indexes."""
    indexes = _unique_indexes(cls)
    seen = [{} for _ in indexes]
    ids = resolver.ids[cls._get_collection_name()]
    for number, offset, raw in _lines(file):
        try:
            son = _parse(raw)
        except BadLine:
            continue  # reported by _scan
        if son is None or ids[_key(son["_id"])] != offset:
            continue  # a repeated _id is reported by _scan; more messages would only be noise
        problems.extend(Problem(file.name, number, msg) for msg in _check(cls, son, resolver))
        for (fields, sparse), taken in zip(indexes, seen, strict=True):
            key = _unique_key(son, fields, sparse)
            if key is not None and key in taken:
                msg = f"唯一字段 {'+'.join(fields)} 与第 {taken[key]} 行重复 (duplicate {fields})"
                problems.append(Problem(file.name, number, msg))
            elif key is not None:
                taken[key] = number
    if not resolver.replace:
        _check_store_clashes(cls, file, resolver, indexes, seen, problems)


def _check_store_clashes(cls, file, resolver, indexes, seen, problems):
    """Report unique values that documents already in the store, and kept, also hold."""
    ids = resolver.ids[cls._get_collection_name()]
    for (fields, sparse), taken in zip(indexes, seen, strict=True):
        if not taken:
            continue
        for live in resolver.db[cls._get_collection_name()].find({}, dict.fromkeys(fields, 1)):
            key = _unique_key(live, fields, sparse)
            if key in taken and _key(live["_id"]) not in ids:
                msg = (
                    f"唯一字段 {'+'.join(fields)} 与库中文档 {live['_id']} 冲突 "
                    f"(duplicate {fields} of stored document)"
                )
                problems.append(Problem(file.name, taken[key], msg))


@contextmanager
def _as_emptied(classes):
    """Point these models at an empty store, as --replace will leave them before writing.

    Checks in clean() that query the store (an ID number already registered, a day's total
    hours) must not count the documents that the import is about to delete.
    """
    if not classes:
        yield
        return
    import mongomock

    mongoengine.connect(
        db="check",
        alias=SCRATCH_ALIAS,
        host="mongodb://localhost",
        mongo_client_class=mongomock.MongoClient,
        uuidRepresentation="standard",
        tz_aware=True,
    )
    try:
        with ExitStack() as stack:
            for cls in classes:
                stack.enter_context(switch_db(cls, SCRATCH_ALIAS))
            yield
    finally:
        mongoengine.disconnect(SCRATCH_ALIAS)


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
    for _, _, raw in _lines(file):
        son = _parse(raw)
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


@data_cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Replace the .json files already in DIRECTORY.")
def export_command(directory, force):
    """Write every collection to DIRECTORY/<collection>.json."""
    try:
        counts = export_store(directory, force=force)
    except FileExistsError as exc:
        raise click.ClickException(
            f"目录中已有 .json 文件，加 --force 覆盖 (refusing to overwrite: {exc}; use --force)"
        ) from None
    for name, count in counts.items():
        click.echo(f"{name}: {count}")
    click.echo(f"已导出 {len(counts)} 个集合到 {directory} (exported {len(counts)} collections)")


@data_cli.command("import")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--replace", is_flag=True, help="Empty each imported collection first.")
@click.option("--allow-unknown", is_flag=True, help="Import collections no model describes.")
def import_command(directory, replace, allow_unknown):
    """Validate every DIRECTORY/*.json file, then upsert their documents by _id."""
    try:
        counts = import_store(directory, replace=replace, allow_unknown=allow_unknown)
    except PyMongoError as exc:
        raise click.ClickException(
            f"写入数据库失败 (writing to the database failed): {exc}"
        ) from exc
    except ImportRejected as exc:
        for problem in exc.problems[:MAX_SHOWN]:
            click.echo(str(problem), err=True)
        rest = len(exc.problems) - MAX_SHOWN
        if rest > 0:
            click.echo(f"……另有 {rest} 个错误 (and {rest} more)", err=True)
        raise click.ClickException(
            f"发现 {len(exc.problems)} 个错误，未写入任何数据 "
            f"({len(exc.problems)} problem(s); nothing was written)"
        ) from None
    for name, count in counts.items():
        click.echo(f"{name}: {count}")
    click.echo(f"已导入 {len(counts)} 个集合 (imported {len(counts)} collections)")
