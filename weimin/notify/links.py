"""Paths of the public pages a message points to; the sender puts the site's address before.

Built from the app's URL map, so they work in a job as well as in a request, and always name
a page the app has: a page renamed or moved changes its links with it.
"""

from flask import current_app

from weimin.demands.links import evaluation_token, follow_token


def _path(endpoint, **values):
    return current_app.url_map.bind("localhost").build(endpoint, values)


def follow_path(demand):
    return _path("resident.follow_page", token=follow_token(demand))


def evaluation_path(demand):
    return _path("public.evaluate", token=evaluation_token(demand))


def me_path():
    return _path("me.home")


def absolute(link):
    """The link as a resident's phone opens it: NOTIFY_PUBLIC_URL + path."""
    if not link:
        return ""
    return (current_app.config.get("NOTIFY_PUBLIC_URL") or "").rstrip("/") + link
