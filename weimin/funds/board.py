"""The decision board (决议团) of a crowdfunded fund: the vote rules, in one place.

Quorum: the members who voted — abstentions included — over the board's size.
Majority: the "yes" votes over the votes cast, where abstentions are not cast votes; a motion
on which every voter abstained is not carried.
A share "half" means more than half; "two_thirds" means at least two thirds (fund.quorum and
fund.majority each pick one). Members who did not vote are absent. Votes are recorded only
while the motion is open, only for listed members, one vote each; the board decides only when
the quorum is met.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from mongoengine.errors import SaveConditionError

from models import FundMotion
from models.base import local_today, utcnow
from models.fund_choices import VOTE_CHOICES
from models.fund_motion import Vote

CHOICES = {code for code, _label in VOTE_CHOICES}
# part/whole reaches the share: integer arithmetic, no rounding.
SHARES = {
    "half": lambda part, whole: 2 * part > whole,
    "two_thirds": lambda part, whole: 3 * part >= 2 * whole,
}


class BoardError(ValueError):
    """The board cannot do this; `errors` maps fields to messages. Nothing was written."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Tally:
    """A motion's votes counted against the board."""

    members: int
    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def voted(self):
        return self.yes + self.no + self.abstain

    @property
    def cast(self):
        """Votes cast: for or against (abstentions are not cast votes)."""
        return self.yes + self.no

    @property
    def absent(self):
        return self.members - self.voted


def reaches(share, part, whole):
    """True when `part` of `whole` reaches the share ("half" or "two_thirds")."""
    return whole > 0 and SHARES[share or "half"](part, whole)


def members(fund):
    """The board members' names, in the board's order."""
    return [m.name for m in fund.board or ()]


def tally(fund, votes):
    """Count the votes of the fund's listed members (each once)."""
    names, counted = set(members(fund)), {}
    for vote in votes or ():
        if vote.member in names and vote.choice in CHOICES:
            counted.setdefault(vote.member, vote.choice)
    choices = list(counted.values())
    return Tally(len(names), *(choices.count(c) for c in ("yes", "no", "abstain")))


def quorum_met(fund, counted):
    return reaches(fund.quorum, counted.voted, counted.members)


def carried(fund, counted):
    return reaches(fund.majority, counted.yes, counted.cast)


def outcome(fund, counted):
    """ "passed" or "rejected"; None while the quorum is not met."""
    if not quorum_met(fund, counted):
        return None
    return "passed" if carried(fund, counted) else "rejected"


def record_meeting(motion, actor, meeting_date, minutes, choices):
    """Keep the meeting: its date, minutes and votes [(member, choice or "" = absent)]."""
    if motion.status != "open":
        raise BoardError({"votes": [_("Votes are recorded only while the motion is open.")]})
    errors = {}
    votes = _votes(motion.fund, choices, errors)
    if meeting_date is None and votes:
        errors["meeting_date"] = [_("Enter the date of the meeting.")]
    elif meeting_date is not None and meeting_date > local_today():
        errors["meeting_date"] = [_("The date cannot be in the future.")]
    if errors:
        raise BoardError(errors)
    motion.meeting_date, motion.minutes, motion.votes = meeting_date, minutes or None, votes
    _save(motion, "open")
    return tally(motion.fund, votes)


def _votes(fund, choices, errors):
    names, seen, votes = set(members(fund)), set(), []
    for member, choice in choices:
        if not choice:
            continue  # absent
        if member not in names:
            errors["votes"] = [_("%(name)s is not a member of the board.", name=member)]
        elif member in seen:
            errors["votes"] = [_("%(name)s has already voted.", name=member)]
        elif choice not in CHOICES:
            errors["votes"] = [_("Choose for, against or abstain.")]
        else:
            seen.add(member)
            votes.append(Vote(member=member, choice=choice))
    return votes


def decide(motion, actor):
    """Close the vote: "passed" or "rejected". Refused while the quorum is not met."""
    if motion.status != "open":
        raise BoardError({"status": [_("The board has already decided this motion.")]})
    counted = tally(motion.fund, motion.votes)
    result = outcome(motion.fund, counted)
    if result is None:
        message = _(
            "The quorum is not met: %(voted)d of %(members)d members voted.",
            voted=counted.voted, members=counted.members,
        )  # fmt: skip
        raise BoardError({"votes": [message]})
    motion.status, motion.decided_at = result, utcnow()
    _save(motion, "open")
    return result


def adopted_rules(fund):
    """The allocation rules the board has passed (directions, standards, oversight)."""
    return FundMotion.objects(fund=fund.pk, kind="rule", status="passed").order_by(
        "decided_at", "id"
    )


def _save(motion, expected_status):
    """Save only if nobody changed the motion's status meanwhile."""
    try:
        motion.save(save_condition={"status": expected_status})
    except SaveConditionError:
        raise BoardError(
            {"status": [_("Someone else changed this motion meanwhile; open it again.")]}
        ) from None
