"""The decision board's vote rules: tally, quorum, majority, deciding and recording votes."""

import datetime
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import FundMotion
from models.fund import BoardMember
from models.fund_motion import Vote
from weimin.funds import board
from weimin.funds.board import BoardError

SHARE = {"half": Fraction(1, 2), "two_thirds": Fraction(2, 3)}


class FakeFund:
    def __init__(self, size, quorum, majority):
        self.board = [BoardMember(name=f"成员{i}") for i in range(size)]
        self.quorum, self.majority = quorum, majority


def _votes(yes, no, abstain):
    choices = ["yes"] * yes + ["no"] * no + ["abstain"] * abstain
    return [Vote(member=f"成员{i}", choice=c) for i, c in enumerate(choices)]


@st.composite
def meetings(draw):
    size = draw(st.integers(1, 15))
    yes = draw(st.integers(0, size))
    no = draw(st.integers(0, size - yes))
    abstain = draw(st.integers(0, size - yes - no))
    shares = st.sampled_from(("half", "two_thirds"))
    return FakeFund(size, draw(shares), draw(shares)), yes, no, abstain


@given(meetings())
def test_the_rules_against_fractions(meeting):
    fund, yes, no, abstain = meeting
    counted = board.tally(fund, _votes(yes, no, abstain))
    size = len(fund.board)
    assert (counted.yes, counted.no, counted.abstain) == (yes, no, abstain)
    assert counted.absent == size - yes - no - abstain
    # Quorum: members who voted (abstaining too) over the board's size.
    share = Fraction(yes + no + abstain, size)
    quorum = share > SHARE["half"] if fund.quorum == "half" else share >= SHARE["two_thirds"]
    assert board.quorum_met(fund, counted) is quorum
    # Majority: yes over the votes cast, abstentions left out; nobody cast a vote: not carried.
    cast = yes + no
    if cast == 0:
        carried = False
    elif fund.majority == "half":
        carried = Fraction(yes, cast) > SHARE["half"]
    else:
        carried = Fraction(yes, cast) >= SHARE["two_thirds"]
    assert board.carried(fund, counted) is carried
    expected = None if not quorum else "passed" if carried else "rejected"
    assert board.outcome(fund, counted) == expected


@pytest.mark.parametrize(
    ("size", "quorum", "majority", "votes", "outcome"),
    [
        (3, "half", "half", (2, 0, 0), "passed"),
        (3, "half", "half", (1, 0, 0), None),  # 1 of 3 is not more than half
        (4, "half", "half", (1, 1, 0), None),  # exactly half is not more than half
        (4, "half", "half", (2, 1, 0), "passed"),  # 2 of 3 cast is more than half
        (5, "half", "half", (2, 2, 1), "rejected"),  # a tie is not carried
        (5, "half", "half", (2, 1, 2), "passed"),  # abstentions make the quorum, not the count
        (5, "half", "half", (0, 0, 3), "rejected"),  # everyone present abstained
        (6, "two_thirds", "half", (3, 0, 0), None),  # 3 of 6 is below two thirds
        (6, "two_thirds", "half", (3, 1, 0), "passed"),  # 4 of 6 is exactly two thirds
        (6, "half", "two_thirds", (4, 2, 0), "passed"),  # exactly two thirds of the cast
        (7, "half", "two_thirds", (4, 3, 0), "rejected"),
        (1, "half", "half", (1, 0, 0), "passed"),
    ],
)
def test_worked_examples(size, quorum, majority, votes, outcome):
    fund = FakeFund(size, quorum, majority)
    assert board.outcome(fund, board.tally(fund, _votes(*votes))) == outcome


def test_votes_of_non_members_and_second_votes_are_not_counted():
    fund = FakeFund(3, "half", "half")
    votes = [*_votes(1, 0, 0), Vote(member="外人", choice="yes"), Vote(member="成员0", choice="no")]
    counted = board.tally(fund, votes)
    assert (counted.yes, counted.no, counted.voted, counted.absent) == (1, 0, 1, 2)


@pytest.fixture
def motion(app, make):
    street = make.street()
    fund = make.fund(street, "crowd")
    return FundMotion(fund=fund, street=street, kind="rule", title="助老优先",
                      text="优先资助助老项目").save()  # fmt: skip


TODAY = datetime.date.today() - datetime.timedelta(days=1)


def test_decide_refuses_without_quorum_and_writes_nothing(motion):
    board.record_meeting(motion, "a", TODAY, "纪要", [("王芳", "yes"), ("李强", ""), ("陈静", "")])
    with pytest.raises(BoardError) as refused:
        board.decide(motion, "a")
    assert "votes" in refused.value.errors
    assert FundMotion.objects.get(pk=motion.pk).status == "open"


def test_record_then_decide_passes_and_the_rule_is_adopted(motion):
    counted = board.record_meeting(
        motion, "a", TODAY, "一致通过", [("王芳", "yes"), ("李强", "yes"), ("陈静", "abstain")]
    )
    assert (counted.yes, counted.abstain, counted.absent) == (2, 1, 0)
    assert board.decide(motion, "a") == "passed"
    stored = FundMotion.objects.get(pk=motion.pk)
    assert stored.status == "passed" and stored.decided_at and stored.minutes == "一致通过"
    assert list(board.adopted_rules(motion.fund)) == [stored]
    with pytest.raises(BoardError):  # decided: no more votes, no second decision
        board.record_meeting(stored, "a", TODAY, "", [("王芳", "no")])
    with pytest.raises(BoardError):
        board.decide(stored, "a")


@pytest.mark.parametrize(
    ("choices", "field"),
    [
        ([("外人", "yes")], "votes"),
        ([("王芳", "yes"), ("王芳", "no")], "votes"),
        ([("王芳", "maybe")], "votes"),
    ],
)
def test_bad_votes_are_refused_and_nothing_is_written(motion, choices, field):
    with pytest.raises(BoardError) as refused:
        board.record_meeting(motion, "a", TODAY, "纪要", choices)
    assert field in refused.value.errors
    assert FundMotion.objects.get(pk=motion.pk).votes == []


def test_meeting_date_is_needed_and_not_in_the_future(motion):
    with pytest.raises(BoardError) as refused:
        board.record_meeting(motion, "a", None, "", [("王芳", "yes")])
    assert "meeting_date" in refused.value.errors
    future = datetime.date.today() + datetime.timedelta(days=3)
    with pytest.raises(BoardError) as refused:
        board.record_meeting(motion, "a", future, "", [("王芳", "yes")])
    assert "meeting_date" in refused.value.errors


def test_a_stale_copy_cannot_decide_again(motion):
    stale = FundMotion.objects.get(pk=motion.pk)
    board.record_meeting(motion, "a", TODAY, "", [("王芳", "yes"), ("李强", "no")])
    board.decide(motion, "a")  # 1 yes 1 no: rejected
    stale.votes = motion.votes
    with pytest.raises(BoardError):
        board.decide(stale, "b")
    assert FundMotion.objects.get(pk=motion.pk).status == "rejected"
