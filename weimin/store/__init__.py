"""The store: connection and indexes, the embedded store's workarounds, audit, transfer."""


def init_store(app):
    """Connect the store, watch document changes for the audit trail, add `flask data`."""
    from weimin.store.audit import init_audit
    from weimin.store.db import init_db
    from weimin.store.transfer import data_cli

    init_db(app)
    init_audit(app)
    app.cli.add_command(data_cli)
