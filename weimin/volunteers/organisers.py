"""The organising units a volunteer logs hours with, and those a user leads (and reviews for)."""

from mongoengine.queryset.visitor import Q

from models import Organisation


def organisations_to_choose(volunteer):
    """The volunteer's teams first, then the other active organisations of their street."""
    team_ids = [team.pk for team in volunteer.teams]
    found = Organisation.objects(Q(pk__in=team_ids) | Q(street=volunteer.street, active=True))
    return sorted(found, key=lambda org: org.pk not in team_ids)


def organisations_led_by(user):
    """The organising units whose records `user` may approve as one of their leaders."""
    return Organisation.objects(leaders=user.pk)
