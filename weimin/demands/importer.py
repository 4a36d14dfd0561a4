"""Bulk intake from a spreadsheet (XLSX or CSV): every row valid, or nothing written."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from mongoengine import ValidationError

from models import CatalogueItem, Demand
from weimin.catalogue.cells import from_cell
from weimin.catalogue.spec import FieldError, clean_value, store_values
from weimin.core import cells
from weimin.core.errors import field_errors
from weimin.core.sheet_reader import Sheet, read_sheet
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.import_columns import (
    FIXED,
    MAX_ROWS,
    REQUIRED,
    Communities,
    channel_code,
    header_keys,
    is_example,
    read_heading,
    template_columns,
)
from weimin.demands.intake import prepare_new
from weimin.demands.lifecycle import INITIAL
from weimin.store import audit

EXTRA_COLUMNS = 10  # columns people add to the template (notes, a row number) are tolerated


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # (row number, column header, message)
    demands: list = field(default_factory=list)
    examples: int = 0  # example rows of the template left in, and skipped

    @property
    def ok(self):
        return not self.errors


def _offered_in(item):
    """Whether a street's catalogue offers the item, asked once per street."""
    answers = {}

    def offered(street):
        if street.pk not in answers:
            items = CatalogueItem.objects(active=True).for_street(street)
            answers[street.pk] = items.filter(pk=item.pk).count() > 0
        return answers[street.pk]

    return offered


def offering(item, communities):
    """{code: community} of those whose street's catalogue offers the item."""
    offered = _offered_in(item)
    return {c.code: c for c in communities if offered(c.street)}


def check_rows(item, table, communities, actor):
    """check_sheet on a table given as lists of cells, header first."""
    return check_sheet(item, Sheet.of(table), communities, actor)


def check_sheet(item, sheet, communities, actor):
    """Validate every row; build (unsaved) demands only when all rows are good.

    `communities` maps code -> Community for the communities the user may import into."""
    result = ImportResult()
    if not any(cells.text(h) for h in sheet.header):
        result.errors.append((1, "", _("The sheet has no header row.")))
        return result
    keys = header_keys(item)
    header = [read_heading(keys, h) for h in sheet.header]
    missing = [h for k, h in FIXED if k in REQUIRED and k not in header]
    if missing:
        result.errors.append((1, "、".join(missing), _("These columns are missing.")))
        return result
    # Errors name the column as the sheet heads it (社区编码 in an older template).
    labels = dict(FIXED)
    for key, shown in zip(header, sheet.header, strict=False):
        if key:
            labels[key] = cells.text(shown).rstrip("*").strip()
    body = []
    for number, row in sheet.rows:
        by_key = {key: row[i] for i, key in enumerate(header) if key and i < len(row)}
        if is_example(by_key):
            result.examples += 1
        elif any(cells.text(v) for k, v in by_key.items() if k != "seq"):
            body.append((number, by_key))
    if len(body) > MAX_ROWS:
        result.errors.append((1, "", _("At most %(n)d rows per file.", n=MAX_ROWS)))
        return result
    row_check = _RowCheck(item, Communities(dict(communities)), labels)
    for number, by_key in body:
        demand, errors = row_check(by_key)
        if demand is not None:
            result.demands.append((demand, actor))
        result.errors.extend((number, column, message) for column, message in errors)
    if not result.demands and not result.errors:
        result.errors.append((2, "", _("The sheet has no rows.")))
    return result


class _RowCheck:
    """Reads one row into an unsaved demand, or says what is wrong with its cells."""

    def __init__(self, item, communities, labels):
        self.item, self.communities, self.labels = item, communities, labels
        self.specs = {spec["name"]: spec for spec in item.specs()}
        self.offered = _offered_in(item)
        for name, spec in self.specs.items():
            labels.setdefault(name, spec["label_zh"])

    def __call__(self, by_key):
        errors, labels = [], self.labels
        raw = {key: cells.text(by_key.get(key)) for key, _h in FIXED}
        for key, _h in FIXED:
            if key in REQUIRED and not raw[key]:
                errors.append((labels[key], _("This field is required.")))
        community = None
        if raw["community"]:
            community, problem = self.communities.find(raw["community"])
            if problem:
                errors.append((labels["community"], problem))
            elif not self.offered(community.street):
                message = _("This item is not in this street's catalogue.")
                errors.append((labels["community"], message))
        channel = channel_code(raw["channel"])
        if raw["channel"] and channel is None:
            errors.append((labels["channel"], _("Unknown channel.")))
        cleaned = {}
        for name, spec in self.specs.items():
            try:
                cleaned[name] = clean_value(spec, from_cell(spec, by_key.get(name)))
            except FieldError as exc:
                errors.append((labels[name], str(exc)))
        if errors:
            return None, errors
        demand = Demand(
            item=self.item,
            street=community.street,
            community=community,
            resident_name=cells.name(raw["resident_name"]),
            resident_phone=cells.compact(raw["resident_phone"]),
            resident_address=raw["resident_address"] or None,
            channel=channel,
            description=raw["description"],
            values=store_values(self.specs.values(), cleaned),
        )
        # Placeholders until intake assigns them: a bad row must not consume a ticket number.
        demand.ticket_no, demand.kind = "-", self.item.kind
        demand.status = INITIAL[self.item.kind]
        try:
            demand.validate()
        except ValidationError as exc:
            for name, message in field_errors(exc).items():
                errors.append((labels.get(name, ""), message))
        return (None if errors else demand), errors


def import_demands(item, filename, data, communities, actor):
    """Check the file; when every row is good, take all of them in. Returns an ImportResult.

    A file that cannot be read within the bounds raises SheetError."""
    width = len(template_columns(item)) + EXTRA_COLUMNS
    sheet = read_sheet(filename, data, max_rows=MAX_ROWS + 1, max_cols=width)  # + the example
    result = check_sheet(item, sheet, communities, actor)
    if not result.ok:
        result.demands = []
        return result
    rules = {}
    for demand, _who in result.demands:
        street = demand.street
        if street.pk not in rules:
            rules[street.pk] = DeadlineRules.current(street)
    docs = [prepare_new(d, who, rules=rules[d.street.pk]) for d, who in result.demands]
    for doc in docs:
        doc.item_version = item.version
    Demand._get_collection().insert_many([doc.to_mongo() for doc in docs])
    streets = {doc.to_mongo().get("street") for doc in docs}
    street = streets.pop() if len(streets) == 1 else None  # one street's import is theirs
    summary = f"{item.code} {filename}"[:500]
    audit.record("import", "demands", count=len(docs), summary=summary, street=street)
    audit.created("demands", docs)
    result.demands = docs
    return result
