"""Filling the embedded store with the demo while the server already answers."""

import logging
import threading
import time
from dataclasses import dataclass, field

import click

from weimin.config import embedded

log = logging.getLogger(__name__)


@dataclass
class DemoProgress:
    """How far the demo loading got: a share from 0 to 1, and how it ended."""

    share: float = 0.0
    ready: bool = False
    failed: str | None = None
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def percent(self):
        return 100 if self.ready else min(99, int(self.share * 100))

    def update(self, share):
        self.share = max(self.share, share)

    def as_dict(self):
        seconds = (self.finished or time.monotonic()) - self.started
        return {
            "percent": self.percent,
            "ready": self.ready,
            "failed": bool(self.failed),
            "seconds": round(seconds, 1),
        }


def progress_of(app):
    """The demo loading's progress, or None when this app loads no demo in the background."""
    return app.extensions.get("demo_progress")


def _serving():
    """True unless a `flask` command other than `run` is starting the app.

    A command (`flask jobs …`, `flask seed`) works on the data at once, so it waits for the
    demo; a server answers while the demo fills in.
    """
    ctx = click.get_current_context(silent=True)
    return ctx is None or ctx.info_name == "run"


def start_demo(app):
    """Fill the embedded store with the demo: in the background when serving, else now."""
    from seeds import print_demo_logins, seed_all

    if not (embedded(app.config) and app.config.get("DEMO_SEED") and not app.testing):
        return None
    size = app.config["DEMO_SEED_SIZE"]
    if not _serving():
        with app.app_context():
            seed_all(demo=True, size=size)
        app.extensions["demo_seeded"] = True
        print_demo_logins()
        return None
    return load_in_background(app, size)


def load_in_background(app, size):
    """Start the demo loading on a thread; its progress is progress_of(app)."""
    log.info("loading the embedded demo store (%s) in the background…", size)
    state = app.extensions["demo_progress"] = DemoProgress()
    thread = threading.Thread(target=_load, args=(app, state, size), name="demo-seed", daemon=True)
    thread.start()
    return thread


def _load(app, state, size):
    from admin.dashboard import warm_up
    from seeds import print_demo_logins, seed_all

    with app.app_context():
        try:
            seed_all(demo=True, size=size, progress=state.update)
        except Exception as exc:
            log.exception("loading the demo failed")
            state.failed = f"{type(exc).__name__}: {exc}"
            return
    state.finished, state.ready = time.monotonic(), True
    app.extensions["demo_seeded"] = True
    # Figures computed while the demo filled in are partial: forget them.
    app.extensions.get("dashboard_cache", {}).clear()
    warm_up(app)
    log.info("demo ready in %.1f s", state.finished - state.started)
    print_demo_logins()
