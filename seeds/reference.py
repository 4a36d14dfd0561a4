"""Idempotent seeding of the reference data: catalogue templates and default rule sets."""

from decimal import Decimal

from models import CatalogueCategory, CatalogueItem, RuleSet
from seeds.catalogue import CATEGORIES, PROJECT_SUBSIDY_MAX
from seeds.rules import DEFAULT_RULE_SETS


def seed_catalogue():
    """Create the district templates that are missing; existing ones are left as edited."""
    created = 0
    for order, (code, name, items) in enumerate(CATEGORIES, start=1):
        category = CatalogueCategory.objects(street=None, code=code).first()
        if category is None:
            category = CatalogueCategory(code=code, name=name, sort_order=order).save()
            created += 1
        for item_code, item_name, kind, level, days in items:
            if CatalogueItem.objects(street=None, code=item_code).first():
                continue
            CatalogueItem(
                code=item_code,
                name=item_name,
                category=category,
                kind=kind,
                handling_level=level,
                deadline_days=days,
                subsidy_max=Decimal(PROJECT_SUBSIDY_MAX) if kind == "project" else None,
            ).save()
            created += 1
    return created


def seed_rule_sets():
    """Create version 1 of each default rule set when it does not exist yet."""
    created = 0
    for spec in DEFAULT_RULE_SETS:
        if RuleSet.objects(kind=spec["kind"], street=None, code=spec["code"]).first():
            continue
        RuleSet(version=1, **spec).save()
        created += 1
    return created


def seed_reference():
    return {"catalogue": seed_catalogue(), "rule_sets": seed_rule_sets()}
