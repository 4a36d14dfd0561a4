"""Reading the raw store and editing export files, for the transfer tests."""

from models import ALL_DOCUMENTS
from weimin.store.db import database
from weimin.store.transfer import TRANSIENT

KEPT = [cls for cls in ALL_DOCUMENTS if cls._get_collection_name() not in TRANSIENT]


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
