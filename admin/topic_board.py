"""The public topic board (议事公开栏): no sign-in; residents support a topic or raise one."""

from bson import ObjectId
from bson.errors import InvalidId
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from models import Community, Topic
from weimin.extensions import limiter
from weimin.topics.board import board, communities
from weimin.topics.errors import TopicError
from weimin.topics.raising import from_board
from weimin.topics.support import add_support

bp = Blueprint("topic_board", __name__, template_folder="templates")
# One phone supports a topic once (the store's unique index); the limit slows down anyone
# trying many phone numbers from one address.
SUPPORT_LIMIT = "5 per minute;30 per hour"
RAISE_LIMIT = "5 per hour"


def _community(code):
    community = Community.objects(code=code).first()
    if community is None:
        abort(404)
    return community


@bp.get("/topics/")
def index():
    return render_template("public/topics_index.html", streets=communities())


@bp.get("/topics/<code>/")
def community_board(code):
    community = _community(code)
    open_topics, decided = board(community)
    return render_template("public/topics.html", community=community, open_topics=open_topics,
                           decided=decided)  # fmt: skip


@bp.post("/topics/support/<topic_id>")
@limiter.limit(SUPPORT_LIMIT)
def support(topic_id):
    """Add one resident's support, identified by a phone kept only as a keyed hash."""
    try:
        topic = Topic.objects(pk=ObjectId(topic_id)).first()
    except (InvalidId, TypeError):
        topic = None
    if topic is None or topic.status == "proposed":
        abort(404)
    try:
        count = add_support(topic, request.form.get("phone", ""))
    except TopicError as exc:
        flash(exc.message, "danger")
    else:
        flash(_("Thank you for your support: %(n)d residents support this topic.", n=count),
              "success")  # fmt: skip
    back = url_for(".community_board", code=topic.community.code)
    return redirect(f"{back}#topic-{topic.pk}")


@bp.route("/topics/<code>/raise", methods=["GET", "POST"])
@limiter.limit(RAISE_LIMIT, methods=["POST"])
def raise_topic(code):
    """A resident proposes a topic; name and phone stay private, the community takes it up."""
    community = _community(code)
    errors, values = {}, {}
    if request.method == "POST":
        values = request.form
        try:
            from_board(community, request.form)
        except TopicError as exc:
            errors = {k: " ".join(map(str, v)) for k, v in exc.errors.items()}
            errors["form"] = exc.message
        else:
            flash(_("Thank you. The community will look at your topic and put it on the board."),
                  "success")  # fmt: skip
            return redirect(url_for(".community_board", code=community.code))
    return render_template("public/topic_raise.html", community=community, errors=errors,
                           values=values)  # fmt: skip


def init_topic_board(app):
    app.register_blueprint(bp)
