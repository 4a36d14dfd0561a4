"""Coded choices shared by models, forms, the API and seeds; labels are translatable."""

from flask_babel import lazy_gettext as _l

ROLES = (
    ("district_admin", _l("District admin")),
    ("street_admin", _l("Street-office admin")),
    ("community_worker", _l("Community worker")),
    ("volunteer", _l("Volunteer")),
    ("supervisor", _l("Supervisor")),
    ("organisation", _l("Organisation account")),
)

KINDS = (
    ("wish", _l("Micro-wish")),
    ("affair", _l("Micro-affair")),
    ("project", _l("Micro-project")),
)

HANDLING_LEVELS = (
    ("routine", _l("Routine")),
    ("general", _l("General")),
    ("major", _l("Major (joint meeting)")),
)

CHANNELS = (
    ("window", _l("Service-centre window")),
    ("hotline", _l("Hotline")),
    ("wechat", _l("WeChat group / mini-program")),
    ("visit", _l("Home visit")),
    ("wish_wall", _l("Wish wall")),
    ("meeting", _l("Residents' meeting")),
    ("grid", _l("Grid worker")),
    ("api", _l("Channel integration")),
    ("resident", _l("Resident self-service")),
    ("purchase", _l("Purchased service award")),
)

# Every status any path can be in; the lifecycle defines which path uses which.
STATUSES = (
    ("published", _l("On the wish wall")),
    ("claimed", _l("Claimed")),
    ("fulfilled", _l("Fulfilled")),
    ("received", _l("Received")),
    ("assigned", _l("Assigned")),
    ("in_progress", _l("In progress")),
    ("closed", _l("Closed")),
    ("answered", _l("Answered")),
    ("evaluated", _l("Evaluated")),
    ("applied", _l("Applied")),
    ("approved", _l("Approved")),
    ("implementing", _l("Implementing")),
    ("inspecting", _l("Acceptance review")),
    ("rectifying", _l("Rectifying")),
    ("accepted", _l("Accepted")),
    ("subsidised", _l("Subsidy released")),
    ("completed", _l("Completed")),
    ("rejected", _l("Not admissible")),
    ("reopened", _l("Sent back for rework")),
    ("reworking", _l("Rework")),
    ("supervised", _l("Under the street's supervision")),
    ("voided", _l("Voided")),
    ("merged", _l("Merged into an earlier demand")),
)
# A voided demand was never a real one, a merged one is counted as the demand it was merged
# into: neither counts in any figure, and neither is open work.
UNCOUNTED = ("voided", "merged")
# What the worker decided about a suspected duplicate (Demand.duplicate_of).
DUPLICATE_STATES = (("linked", _l("Linked")), ("merged", _l("Merged")))

SATISFACTION = (
    ("satisfied", _l("Satisfied")),
    ("basically", _l("Basically satisfied")),
    ("dissatisfied", _l("Dissatisfied")),
)

ORG_TYPES = (
    ("registered", _l("Registered social organisation")),
    ("filed", _l("Community-filed organisation")),
    ("self_governance", _l("Residents' self-governance station")),
    ("volunteer_team", _l("Volunteer team")),
    ("resident_unit", _l("Resident unit")),
    ("mass_org", _l("Mass organisation")),
    ("enterprise", _l("Enterprise")),
)

ORG_GRADES = tuple((f"{n}A", f"{n}A") for n in range(1, 6))

GENDERS = (("male", _l("Male")), ("female", _l("Female")))

RECORD_STATUSES = (
    ("submitted", _l("Submitted")),
    ("approved", _l("Approved")),
    ("rejected", _l("Rejected")),
)

RULE_KINDS = (
    ("deadline", _l("Deadlines")),
    ("clearance", _l("Monthly clearance")),
    ("rating", _l("Star rating")),
    ("volunteer_stars", _l("Volunteer stars")),
)


# Each criterion's name where people read it (rating details, exports).
CRITERION_LABELS = {
    "on_time_rate": _l("On-time rate"),
    "satisfaction_rate": _l("Satisfaction rate"),
    "resolution_rate": _l("Resolution rate"),
    "projects_accepted": _l("Projects accepted"),
    "volunteer_hours": _l("Volunteer hours"),
    "volume_handled": _l("Demands handled"),
    "funds_raised": _l("Money raised by named and crowdfunded funds (yuan)"),
    "non_fiscal_share": _l("Share of payments from named and crowdfunded funds"),
    "topics_carried_out": _l("Share of settled deliberation topics carried out"),
    "topic_satisfaction": _l("Residents' satisfaction with deliberation topics"),
    "visit_coverage": _l("Visit coverage of the grids' households"),
    "acceptance_score": _l("Acceptance score of purchased services (of 100)"),
}


def label(choices, code):
    """The label of a coded value, or the code itself when unknown."""
    return dict(choices).get(code, code)


API_SCOPES = (
    ("catalogue:read", _l("Read the service catalogue")),
    ("demands:create", _l("Take in demands")),
    ("demands:read", _l("Read demands")),
    ("demands:act", _l("Act on demands (transitions)")),
)

# What a grid worker's visit (民情日志) found, as tags the coverage table and filters count.
VISIT_TAGS = (
    ("elderly_alone", _l("Elderly living alone")),
    ("hardship", _l("Family in hardship")),
    ("safety", _l("Safety hazard")),
    ("sanitation", _l("Environment and sanitation")),
    ("dispute", _l("Neighbour dispute")),
    ("disability", _l("Person with a disability")),
    ("other_finding", _l("Other finding")),
)
# Whom a visit went to: a household (counted against the grid's households) or a place.
PLACE_KINDS = (("household", _l("Household")), ("place", _l("Place")))
