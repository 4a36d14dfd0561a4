"""Paths of the public pages a message points to; the sender puts the site's address before.

Built from the app's URL map, so they work in a job as well as in a request. The follow page
belongs to the resident pages; until its endpoint is registered its documented path is used.
"""

from flask import current_app
from werkzeug.routing import BuildError

from weimin.demands.links import evaluation_token, follow_token


def _path(endpoint, fallback, **values):
    try:
        return current_app.url_map.bind("localhost").build(endpoint, values)
    except BuildError:
        return fallback


def follow_path(demand):
    token = follow_token(demand)
    return _path("resident.follow", f"/f/{token}", token=token)


def evaluation_path(demand):
    token = evaluation_token(demand)
    return _path("public.evaluate", f"/e/{token}", token=token)


def me_path():
    return _path("me.home", "/me/")


def absolute(link):
    """The link as a resident's phone opens it: NOTIFY_PUBLIC_URL + path."""
    if not link:
        return ""
    return (current_app.config.get("NOTIFY_PUBLIC_URL") or "").rstrip("/") + link
