"""A motion's page: the meeting (date, minutes, each member's vote), the decision and carrying
out a passed allocation. The rules are weimin.funds.board's and weimin.funds.motions'."""

from flask import abort, flash, redirect, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, TextAreaField
from wtforms.validators import Length, Optional

from models.choices import label
from models.fund_choices import MOTION_KINDS, MOTION_STATUSES, SHARES, VOTE_CHOICES
from weimin.access import EDIT, may_ledger
from weimin.core.money import yuan
from weimin.funds import board, motions
from weimin.funds.board import BoardError
from weimin.funds.ledger import LedgerError

ABSENT = ("", _l("Absent from the vote"))


class MeetingForm(FlaskForm):
    meeting_date = DateField(_l("Meeting date"), validators=[Optional()])
    minutes = TextAreaField(_l("Minutes"), validators=[Optional(), Length(max=5000)])


def meeting_form(motion):
    """The meeting form with one radio group per board member (vote_0, vote_1 …)."""
    cast = {v.member: v.choice for v in motion.votes or ()}

    class Form(MeetingForm):
        pass

    for index, member in enumerate(motion.fund.board or ()):
        title = f"{member.name}（{member.party}）" if member.party else member.name
        choices = [ABSENT, *VOTE_CHOICES]
        field = RadioField(title, choices=choices, default=cast.get(member.name, ""),
                           validators=[Optional()])  # fmt: skip
        setattr(Form, f"vote_{index}", field)
    form = Form(obj=motion if request.method == "GET" else None)
    form.members = [(m.name, form[f"vote_{i}"]) for i, m in enumerate(motion.fund.board or ())]
    return form


def _flash_errors(errors):
    for messages in errors.values():
        for message in messages:
            flash(str(message), "error")


class MotionPagesMixin:
    """Routes of FundMotionView beyond Flask-Admin's; `get_one` keeps them inside the scope."""

    def motion_context(self, motion):
        fund, counted = motion.fund, board.tally(motion.fund, motion.votes)
        cast = {v.member: label(VOTE_CHOICES, v.choice) for v in motion.votes or ()}
        return {
            "kind_label": label(MOTION_KINDS, motion.kind),
            "status_label": label(MOTION_STATUSES, motion.status),
            "amount": yuan(motion.amount) if motion.amount is not None else "",
            "quorum_label": label(SHARES, fund.quorum),
            "majority_label": label(SHARES, fund.majority),
            "vote_rows": [(n, cast.get(n, ABSENT[1])) for n in board.members(fund)],
            "rules": list(board.adopted_rules(fund)),
            "tally": counted,
            "quorum_met": board.quorum_met(motion.fund, counted),
            "outcome": board.outcome(motion.fund, counted),
            "may_record": self.allowed(EDIT) and motion.status == "open",
            "may_execute": may_ledger(current_user, "allocation")
            and motion.kind == "allocation"
            and motion.status == "passed",
        }

    @expose("/meeting/", methods=("GET", "POST"))
    def meeting_view(self):
        """The motion, its meeting and votes; staff record them here while it is open."""
        motion = self.get_one(request.args.get("id"))
        form = meeting_form(motion)
        if request.method == "POST":
            if not self.allowed(EDIT):
                abort(403)
            if form.validate_on_submit() and self._record(motion, form):
                flash(_("The meeting was recorded."), "success")
                return redirect(self.get_url(".meeting_view", id=str(motion.pk)))
        return self.render("admin/fund_motion/meeting.html", motion=motion, form=form,
                           **self.motion_context(motion))  # fmt: skip

    def _record(self, motion, form):
        choices = [(name, field.data or "") for name, field in form.members]
        try:
            board.record_meeting(motion, current_user.username, form.meeting_date.data,
                                 form.minutes.data, choices)  # fmt: skip
        except BoardError as exc:
            for name, messages in exc.errors.items():
                target = getattr(form, name, None)
                if target is not None and name != "votes":
                    target.errors = [*target.errors, *map(str, messages)]
                else:
                    _flash_errors({name: messages})
            motion.reload()
            return False
        return True

    @expose("/decide/", methods=("POST",))
    def decide(self):
        """Close the vote: passed or rejected, as the votes and the fund's rules say."""
        if not self.allowed(EDIT):
            abort(403)
        motion = self.get_one(request.form.get("id"))
        try:
            result = board.decide(motion, current_user.username)
            flash(_("Passed.") if result == "passed" else _("Voted down."), "success")
        except BoardError as exc:
            _flash_errors(exc.errors)
        return redirect(self.get_url(".meeting_view", id=str(motion.pk)))

    @expose("/execute/", methods=("POST",))
    def execute(self):
        """Allocate what the passed motion granted, through the ledger."""
        if not may_ledger(current_user, "allocation"):
            abort(403)
        motion = self.get_one(request.form.get("id"))
        try:
            motions.execute(motion, current_user.username)
            flash(_("The allocation was entered in the ledger."), "success")
        except (BoardError, LedgerError) as exc:
            _flash_errors(exc.errors)
        return redirect(self.get_url(".meeting_view", id=str(motion.pk)))
