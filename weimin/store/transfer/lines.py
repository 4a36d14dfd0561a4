"""Reading export files: one canonical Extended JSON document per line."""

import json
from typing import NamedTuple

from bson import ObjectId, json_util
from bson.json_util import JSONMode, JSONOptions
from bson.tz_util import utc

# Aware UTC datetimes on the way in, as the app's own connection returns them.
EJSON = JSONOptions(json_mode=JSONMode.CANONICAL, tz_aware=True, tzinfo=utc)
SUFFIX = ".json"


class Problem(NamedTuple):
    """One reason an import file was refused; line is None for the whole file."""

    file: str
    line: int | None
    message: str

    def __str__(self):
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class BadLine(ValueError):
    """A line that is not one Extended JSON document with an _id."""


def read_lines(file):
    """Yield (line number, byte offset, raw bytes) for every line of the file."""
    offset = 0
    with file.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            yield number, offset, raw
            offset += len(raw)


def parse(raw):
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


def value_key(value):
    """A hashable stand-in for a BSON value, equal for equal values."""
    if value is None or isinstance(value, str | ObjectId | int):
        return value
    return json_util.dumps(value, json_options=EJSON, sort_keys=True)


def scan(file, problems):
    """Check that every line parses and no _id repeats; return {_id key: byte offset}."""
    seen, lines = {}, {}
    for number, offset, raw in read_lines(file):
        try:
            son = parse(raw)
        except BadLine as exc:
            problems.append(Problem(file.name, number, str(exc)))
            continue
        if son is None:
            continue
        key = value_key(son["_id"])
        if key in seen:
            msg = f"_id 与第 {lines[key]} 行重复 (duplicate _id, first on line {lines[key]})"
            problems.append(Problem(file.name, number, msg))
        else:
            seen[key], lines[key] = offset, number
    return seen
