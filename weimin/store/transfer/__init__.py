"""`flask data export DIR` / `data import DIR`: the store as canonical MongoDB Extended JSON.

One file per collection, one document per line, readable by `mongoimport`. An import checks
every line of every file before it writes anything.
"""

from weimin.store.transfer.cli import data_cli
from weimin.store.transfer.store import TRANSIENT, ImportRejected, export_store, import_store

__all__ = ["TRANSIENT", "ImportRejected", "data_cli", "export_store", "import_store"]
