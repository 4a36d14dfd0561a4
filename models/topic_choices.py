"""Coded choices of deliberation topics (议题, 说议筹办评); labels are translatable."""

from flask_babel import lazy_gettext as _l

# The five steps and the two states around them: a topic raised on the public board waits
# for the community to take it up; a topic may end without action, with a reason.
TOPIC_STATUSES = (
    ("proposed", _l("Awaiting the community")),
    ("raised", _l("Raised (说)")),
    ("deliberated", _l("Deliberated (议)")),
    ("resourced", _l("Resources gathered (筹)")),
    ("in_action", _l("Being carried out (办)")),
    ("evaluated", _l("Evaluated (评)")),
    ("not_adopted", _l("Not adopted")),
)
# Statuses the public board shows as open, and as decided.
OPEN_TOPICS = ("raised", "deliberated", "resourced", "in_action")
DECIDED_TOPICS = ("evaluated", "not_adopted")

TOPIC_SOURCES = (
    ("community", _l("Raised by the community")),
    ("resident", _l("Raised by a resident")),
    ("demand", _l("From a demand")),
    ("board", _l("From the public topic board")),
    ("visit", _l("From a home visit")),
)

TOPIC_ACTIONS = (
    ("raise", _l("Raise the topic")),
    ("accept", _l("Take up the topic")),
    ("deliberate", _l("Record the deliberation meeting")),
    ("pledge", _l("Record pledged resources")),
    ("carry_out", _l("Carry out as a demand")),
    ("evaluate", _l("Record the residents' evaluation")),
    ("close", _l("Close without action")),
)

# The parties at the table (六方会议 and others).
PARTIES = (
    ("party", _l("Party organisation")),
    ("committee", _l("Residents' committee")),
    ("property", _l("Property company")),
    ("owners", _l("Owners' committee")),
    ("units", _l("Resident units")),
    ("organisations", _l("Social organisations")),
    ("others", _l("Others")),
)

DECISION_MODES = (("vote", _l("Vote")), ("consensus", _l("Consensus")))
MEETING_OUTCOMES = (("adopted", _l("Adopted")), ("rejected", _l("Not adopted at the meeting")))

PLEDGE_KINDS = (
    ("money", _l("Money from a fund")),
    ("volunteers", _l("Volunteers")),
    ("organisation", _l("An organisation")),
    ("unit", _l("A resident unit")),
    ("other", _l("Other resources")),
)
