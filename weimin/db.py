"""Connect mongoengine to MongoDB or to the embedded in-process store."""

import contextlib
import functools
import logging
import threading
from types import SimpleNamespace

import mongoengine
from pymongo.uri_parser import parse_uri

from weimin.config import embedded

log = logging.getLogger(__name__)


def init_db(app):
    """Connect the default alias for this app, replacing any earlier connection."""
    cfg = app.config
    mongoengine.disconnect_all()
    if embedded(cfg):
        mongoengine.connect(
            db=cfg["MONGODB_DB"],
            host="mongodb://localhost",
            mongo_client_class=_embedded_client_class(),
            uuidRepresentation="standard",
            tz_aware=True,
        )
        app.extensions["weimin_store"] = "embedded"
        log.info("using the embedded in-process demo store (data is not kept)")
    else:
        uri = cfg["MONGODB_URI"]
        db_name = parse_uri(uri).get("database") or cfg["MONGODB_DB"]
        mongoengine.connect(db=db_name, host=uri, uuidRepresentation="standard", tz_aware=True)
        app.extensions["weimin_store"] = "mongodb"
    ensure_indexes()


@functools.cache
def _embedded_client_class():
    """mongomock's client, made acceptable to pymongo's GridFS (export files live there)."""
    import mongomock
    from mongomock.gridfs import enable_gridfs_integration

    enable_gridfs_integration()  # lets gridfs take mongomock databases and collections

    class EmbeddedClient(mongomock.MongoClient):
        # GridFS reads client.options.timeout; mongomock would answer with a collection.
        options = SimpleNamespace(timeout=None)

    return EmbeddedClient


def embedded_store():
    """True when the default connection is the in-process store (mongomock)."""
    import mongomock

    return isinstance(mongoengine.get_connection(), mongomock.MongoClient)


def ensure_indexes():
    """Create every index declared in the models' meta."""
    from models import ALL_DOCUMENTS

    for doc in ALL_DOCUMENTS:
        doc.ensure_indexes()


def database():
    """The pymongo Database behind the default alias."""
    return mongoengine.get_db()


_embedded_write_lock = threading.Lock()


def conditional_write():
    """Serialise check-and-set writes on the embedded store.

    MongoDB applies a filtered update atomically; mongomock matches and writes in two steps,
    so on the embedded store the same guarantee needs a process lock.
    """
    if type(mongoengine.get_connection()).__module__.startswith("mongomock"):
        return _embedded_write_lock
    return contextlib.nullcontext()
