"""`flask jobs clearance|drafts|ratings|sla|purchase-calendar`: the tasks' own code, here."""

import json
from datetime import datetime

import click
from flask.cli import AppGroup

from jobs.clearance import month_before, recompute_drafts, run_clearance
from jobs.clearance_range import RangeError, check_range, run_clearance_range
from jobs.funds_check import check_funds
from jobs.purchase_calendar import run_purchase_calendar
from jobs.ratings import run_ratings
from jobs.runs import street_of
from jobs.sla import run_sla
from models import ClearanceReport, StarRating, Street
from weimin.core.periods import previous_month

jobs_cli = AppGroup("jobs", help="Run the clearance, rating and deadline jobs in this process.")
COUNT_COLUMNS = ("carried_in", "received", "closed", "closed_on_time", "rejected",
                 "open_at_end", "overdue_open")  # fmt: skip
RATE_COLUMNS = ("clearance_rate", "response_rate", "resolution_rate", "satisfaction_rate",
                "composite")  # fmt: skip


def street_id(code):
    if not code:
        return None
    street = Street.objects(code=code).first()
    if street is None:
        raise click.BadParameter(f"no street with code {code}", param_hint="--street")
    return str(street.pk)


def percent(value):
    return "—" if value is None else f"{value * 100:.1f}%"


def report_line(label, report):
    counts = " ".join(f"{getattr(report, c):>5}" for c in COUNT_COLUMNS)
    rates = " ".join(f"{percent(getattr(report, r)):>7}" for r in RATE_COLUMNS)
    place = f"#{report.rank}" if report.rank else ""
    honour = {"red": "红榜", "black": "黑榜"}.get(report.honour, "")
    cleared = "清零" if report.cleared else ""
    return f"{label:<14} {counts} {rates} {place:>4} {honour} {cleared}".rstrip()


def print_clearance(month, only):
    header = " ".join(f"{c[:5]:>5}" for c in COUNT_COLUMNS)
    header += " " + " ".join(f"{r.split('_')[0][:7]:>7}" for r in RATE_COLUMNS)
    click.echo(f"{'':<14} {header}")
    reports = ClearanceReport.objects(month=month).order_by("street", "-level", "rank")
    for report in reports:
        if only and report.street and str(report.street.pk) != only:
            continue
        label = report.community.name if report.community else None
        label = label or (f"[{report.street.name}]" if report.street else "[district]")
        state = "published" if report.published else f"rev {report.revision}"
        if report.level != "community":
            label = f"{label} {state}"
        click.echo(report_line(label, report))
    district = ClearanceReport.objects(month=month, level="district").first()
    if district is not None:
        state = "published" if district.published else "not published"
        click.echo(f"district: {district.streets_computed} of {district.streets} streets; {state}")


def summary_line(summary):
    return (f"clearance {summary['month']}: computed {', '.join(summary['computed']) or '-'}; "
            f"frozen (published) {', '.join(summary['frozen']) or '-'}")  # fmt: skip


@jobs_cli.command("clearance")
@click.option("--month", help="YYYY-MM; default: the month before this one.")
@click.option("--from", "first", help="YYYY-MM: the first month of a range (with --to).")
@click.option("--to", "last", help="YYYY-MM: the last month of a range (with --from).")
@click.option("--street", "street_code", help="Only this street (its code).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON only.")
def clearance_command(month, first, last, street_code, as_json):
    """Compute a month's (or a range of months') clearance reports and print them."""
    only = street_id(street_code)
    if first or last:
        clearance_range(month, first, last, only, as_json)
        return
    month = month or previous_month()
    try:
        summary = run_clearance(month, street_id=only)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--month") from exc
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
        return
    click.echo(summary_line(summary))
    print_clearance(month, only)


def clearance_range(month, first, last, only, as_json):
    """`--from A --to B`: every month of the range in one run, refused as the admin refuses."""
    if month:
        raise click.UsageError("give either --month or --from/--to")
    if not (first and last):
        raise click.UsageError("a range needs both --from and --to")
    try:
        check_range(first, last, street_of(only))
    except RangeError as exc:
        hint = {"period": "--from", "until": "--to"}[next(iter(exc.errors))]
        raise click.BadParameter(str(exc), param_hint=hint) from exc
    summary = run_clearance_range(first, last, street_id=only)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
        return
    for month in summary["months"]:
        click.echo(f"clearance {month}: computed {', '.join(summary['computed'][month]) or '-'}")
    print_clearance(last, only)


@jobs_cli.command("drafts")
@click.option("--today", help="YYYY-MM-DD, a local day; default: today.")
def drafts_command(today):
    """Recompute the month just ended and every draft month, as the nightly run does."""
    try:
        month_before(today)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--today") from exc
    result = recompute_drafts(today, by="cli")
    for summary in result["runs"]:
        click.echo(summary_line(summary))


@jobs_cli.command("ratings")
@click.option("--period", required=True, help="YYYY, or YYYY-Qn for quarterly rule sets.")
@click.option("--street", "street_code", help="Only this street (its code).")
def ratings_command(period, street_code):
    """Rate organisations and communities for a period and print the ratings."""
    try:
        summary = run_ratings(period.upper(), street_id=street_id(street_code))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--period") from exc
    click.echo(json.dumps(summary, ensure_ascii=False))
    for rating in StarRating.objects(period=period.upper()).order_by("street", "-sort_score"):
        flag = " not eligible" if rating.not_eligible else ""
        click.echo(f"{rating.subject_type:<12} {rating.subject_name:<24} {rating.score:>8} "
                   f"{rating.stars}★ reward {rating.reward}{flag}")  # fmt: skip


@jobs_cli.command("sla")
@click.option("--street", "street_code", help="Only this street (its code).")
def sla_command(street_code):
    """Run the deadline watch once and print what it did."""
    counts = run_sla(street_id=street_id(street_code))
    click.echo(" ".join(f"{key}={value}" for key, value in counts.items()))


@jobs_cli.command("purchase-calendar")
@click.option("--street", "street_code", help="Only this street (its code).")
@click.option("--now", help="An ISO instant (e.g. 2026-03-10T00:00+08:00); default: now.")
def purchase_calendar_command(street_code, now):
    """Close calls past their deadline; make final the awards whose objection period ended."""
    try:
        at = datetime.fromisoformat(now) if now else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--now") from exc
    if at is not None and at.tzinfo is None:
        raise click.BadParameter("give the time zone, e.g. +08:00", param_hint="--now")
    counts = run_purchase_calendar(street_id=street_id(street_code), now=at)
    click.echo(" ".join(f"{key}={value}" for key, value in counts.items()))


@jobs_cli.command("funds-check")
@click.option("--repair", is_flag=True, help="Set wrong running figures from the ledger.")
def funds_check_command(repair):
    """Check every fund's running figures against its ledger; exit 1 when any disagree."""
    wrong = check_funds(repair=repair)
    for fund, kept, from_ledger in wrong:
        click.echo(f"{fund.pk} {fund.name}: kept {kept.as_dict()} ledger {from_ledger.as_dict()}"
                   + (" (repaired)" if repair else ""))  # fmt: skip
    click.echo(f"funds with figures differing from their ledger: {len(wrong)}")
    if wrong and not repair:
        raise SystemExit(1)
