"""Who may approve a volunteer's service hours, asked of weimin.access.can_decide."""

from tests.volunteers.ids import IDS
from weimin.access import can_decide


def test_who_may_decide_a_record(app, make):
    a, b = make.street(name="甲街道"), make.street(name="乙街道")
    a1, b1 = make.community(a), make.community(b)
    leader = make.user("volunteer", volunteer_doc=make.volunteer(a1, id_number=IDS[0]))
    team = make.organisation(a, leaders=[leader])
    teammate = make.volunteer(a1, id_number=IDS[1], phone="13900000000")
    theirs = make.service_record(teammate, team, street=a, community=a1)
    own = make.service_record(leader.volunteer, team, street=a, community=a1)
    deciders = {
        "district admin": make.user("district_admin"),
        "own street's admin": make.user("street_admin", street_doc=a),
        "own community's worker": make.user("community_worker", community_doc=a1),
        "the unit's leader": leader,
    }
    for who, user in deciders.items():
        assert can_decide(user, theirs), who
    others = {
        "other street's admin": make.user("street_admin", street_doc=b),
        "other community's worker": make.user("community_worker", community_doc=b1),
        "supervisor": make.user("supervisor"),
    }
    for who, user in others.items():
        assert not can_decide(user, theirs), who
    assert not can_decide(leader, own)  # never one's own record
