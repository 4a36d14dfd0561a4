"""Validating import files before anything is written: models, references, unique indexes."""

from contextlib import ExitStack, contextmanager

import mongoengine
from bson import DBRef
from mongoengine import ReferenceField, ValidationError
from mongoengine.context_managers import switch_db

from weimin.store.transfer.lines import SUFFIX, BadLine, Problem, parse, read_lines, value_key

# clean() methods look one reference deep (community.street), so resolve two levels.
REF_DEPTH = 2
SCRATCH_ALIAS = "weimin-import-check"


class Resolver:
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
        key = (collection, value_key(id_))
        if key not in self.cache:
            if len(self.cache) > 10_000:
                self.cache.clear()  # bound memory on large imports; misses only cost a read
            self.cache[key] = self._find(collection, id_)
        return self.cache[key]

    def _find(self, collection, id_):
        offset = self.ids.get(collection, {}).get(value_key(id_))
        if offset is not None:
            if collection not in self.handles:
                file = self.path / f"{collection}{SUFFIX}"
                self.handles[collection] = self.stack.enter_context(file.open("rb"))
            fh = self.handles[collection]
            fh.seek(offset)
            return parse(fh.readline())
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
    return tuple(value_key(v) for v in values)


def validate_file(cls, file, resolver, problems):
    """Validate each document as cls, and against the model's unique indexes."""
    indexes = _unique_indexes(cls)
    seen = [{} for _ in indexes]
    ids = resolver.ids[cls._get_collection_name()]
    for number, offset, raw in read_lines(file):
        try:
            son = parse(raw)
        except BadLine:
            continue  # reported by scan()
        if son is None or ids[value_key(son["_id"])] != offset:
            continue  # a repeated _id is reported by scan(); more messages would only be noise
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
            if key in taken and value_key(live["_id"]) not in ids:
                msg = (
                    f"唯一字段 {'+'.join(fields)} 与库中文档 {live['_id']} 冲突 "
                    f"(duplicate {fields} of stored document)"
                )
                problems.append(Problem(file.name, taken[key], msg))


@contextmanager
def as_emptied(classes):
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
