"""Which period a rating counts in: projects by their acceptance, unrated runs in period order."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.ratings import run_ratings
from jobs.streaks import streaks
from models import RuleSet, StarRating
from seeds.rules import DEFAULT_RULE_SETS
from tests.jobs.conftest import evaluation, local

RATING = next(spec for spec in DEFAULT_RULE_SETS if spec["kind"] == "rating")
PERIODS = ("2023", "2024", "2025")


def raw(subject, period, code):
    rating = StarRating.objects.get(period=period, **subject)
    return next(line.raw for line in rating.breakdown if line.code == code)


def test_a_project_counts_in_the_period_its_acceptance_passed(make, seeded):
    street = make.street()
    community, org = make.community(street), make.organisation(street)
    project = make.item(kind="project", level="major")
    cases = [  # (acceptance passed, closed)
        (local(12, 20, year=2025), local(1, 15, year=2026)),  # accepted 2025, closed 2026
        (local(12, 31, 23, 59, year=2025), None),  # accepted, never closed
        (local(12, 30, year=2024), local(1, 5, year=2025)),  # accepted 2024, closed 2025
        (None, local(6, 1, year=2025)),  # closed without an acceptance
    ]
    for accepted, closed in cases:
        make.demand(community, project, received_at=local(3, 1, year=2024), assigned_org=org,
                    accepted_at=accepted, closed_at=closed)  # fmt: skip
    make.demand(community, project, received_at=local(3, 1, year=2025),
                accepted_at=local(1, 1, 0, year=2026))  # 00:00 of 2026 is in 2026  # fmt: skip
    for period in ("2024", "2025", "2026"):
        run_ratings(period)
    for subject in ({"community": community}, {"organisation": org}):
        accepted = [raw(subject, p, "projects_accepted") for p in ("2024", "2025", "2026")]
        assert accepted == [1, 2, 1 if "community" in subject else 0], subject
        # The other criteria stay on the demands closed in the period.
        assert [raw(subject, p, "volume_handled") for p in ("2025", "2026")] == [2, 1]


@pytest.fixture
def three_years(make, seeded):
    """An organisation that worked only in 2024, one that never did, and their community."""
    street = make.street()
    community = make.community(street)
    odd, idle = make.organisation(street, name="间歇社"), make.organisation(street, name="闲置社")
    item = make.item()
    make.demand(community, item, received_at=local(3, 1, year=2024), assigned_org=odd,
                deadline_at=local(3, 20, year=2024), closed_at=local(3, 5, year=2024),
                evaluation=evaluation("satisfied", True))  # fmt: skip
    return {"street": street, "community": community, "odd": odd, "idle": idle, "item": item}


def stored():
    """Every stored rating without its id and computing time, in a fixed order."""
    docs = StarRating.objects.as_pymongo()
    kept = [{k: v for k, v in d.items() if k not in ("_id", "computed_at")} for d in docs]
    return sorted(kept, key=lambda d: (d["period"], str(d.get("organisation") or d["community"])))


def figures(org, period):
    rating = StarRating.objects.get(organisation=org, period=period)
    return rating.stars, rating.unrated_streak, rating.not_eligible


def test_either_order_stores_the_same_ratings(three_years):
    run_ratings("2024")
    run_ratings("2025")
    in_order = stored()
    assert figures(three_years["idle"], "2025") == (0, 2, True)
    assert figures(three_years["odd"], "2025") == (0, 1, False)
    StarRating.objects.delete()
    run_ratings("2025")
    assert figures(three_years["idle"], "2025") == (0, 1, False)  # nothing before it yet
    run_ratings("2024")
    assert stored() == in_order


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(order=st.permutations(PERIODS), again=st.lists(st.sampled_from(PERIODS), max_size=3))
def test_any_order_of_runs_stores_what_running_them_in_order_does(three_years, order, again):
    StarRating.objects.delete()
    for period in PERIODS:
        run_ratings(period)
    in_order = stored()
    StarRating.objects.delete()
    for period in (*order, *again):
        run_ratings(period)
    assert stored() == in_order


def test_recomputing_an_earlier_period_updates_the_later_ones(make, three_years):
    idle = three_years["idle"]
    run_ratings("2024")
    run_ratings("2025")
    assert figures(idle, "2025") == (0, 2, True)
    late_entry = make.demand(three_years["community"], three_years["item"], assigned_org=idle,
                             received_at=local(4, 1, year=2024),
                             deadline_at=local(4, 20, year=2024),
                             closed_at=local(4, 5, year=2024),
                             evaluation=evaluation("satisfied", True))  # fmt: skip
    assert run_ratings("2024")["streaks_changed"] == 2  # only 2024 again: 2025 follows
    assert figures(idle, "2024")[0] > 0 and figures(idle, "2025") == (0, 1, False)
    assert run_ratings("2025")["streaks_changed"] == 0  # running again changes nothing
    late_entry.delete()
    run_ratings("2024")
    assert figures(idle, "2025") == (0, 2, True)


def test_each_rating_is_flagged_by_its_own_rule_set(three_years):
    idle = three_years["idle"]
    run_ratings("2024")
    run_ratings("2025")
    params = {**RATING["params"], "unrated_periods_to_flag": 3}
    RuleSet(kind="rating", code="default", name="三期", street=three_years["street"],
            params=params).save()  # fmt: skip
    run_ratings("2024")  # now under the new rule set; 2025 keeps the one it was computed with
    assert figures(idle, "2025") == (0, 2, True)
    run_ratings("2025")
    assert figures(idle, "2025") == (0, 2, False)


def test_a_gap_breaks_the_run(three_years):
    run_ratings("2023")
    run_ratings("2025")  # no 2024 rating: 2023 is not the period before 2025
    assert figures(three_years["idle"], "2025") == (0, 1, False)
    run_ratings("2024")
    assert figures(three_years["idle"], "2025") == (0, 3, True)


def unrated(*periods):
    return [{"_id": p, "period": p, "stars": 0} for p in periods]


def test_quarters_run_across_a_year_and_a_switch_from_years():
    quarters = streaks(unrated("2025-Q3", "2025-Q1", "2024-Q4"), lambda rule_set: 2)
    assert quarters == {"2024-Q4": (1, False), "2025-Q1": (2, True), "2025-Q3": (1, False)}
    switched = streaks(unrated("2025-Q1", "2024"), lambda rule_set: 2)  # Q1 follows the year
    assert switched == {"2024": (1, False), "2025-Q1": (2, True)}


def test_the_command_line_prints_the_not_eligible_flag(app, three_years):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["jobs", "ratings", "--period", "2024"]).exit_code == 0
    result = runner.invoke(args=["jobs", "ratings", "--period", "2025"])
    assert result.exit_code == 0, result.output
    assert '"period": "2025"' in result.output.splitlines()[0]
    lines = {line.split()[1]: line for line in result.output.splitlines()[1:]}
    assert lines["闲置社"].endswith("0★ reward 0 not eligible")
    assert not lines["间歇社"].endswith("not eligible")
    assert runner.invoke(args=["jobs", "ratings", "--period", "2025-Q5"]).exit_code == 2
