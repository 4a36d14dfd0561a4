"""Bulk intake from a spreadsheet (XLSX or CSV): every row valid, or nothing written."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from mongoengine import ValidationError

from models import CatalogueItem, Demand
from models.choices import CHANNELS
from weimin.catalogue.spec import FieldError, clean_value, store_values
from weimin.core.errors import field_errors
from weimin.core.sheet_reader import Sheet, read_sheet
from weimin.core.sheets import Column
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.intake import prepare_new
from weimin.demands.lifecycle import INITIAL
from weimin.store import audit

MAX_ROWS = 5000
EXTRA_COLUMNS = 10  # columns people add to the template (notes, a row number) are tolerated
# (key, header in the template); the item's own fields follow these.
FIXED = (
    ("community", "社区编码"),
    ("resident_name", "居民姓名"),
    ("resident_phone", "居民电话"),
    ("resident_address", "居民地址"),
    ("channel", "受理渠道"),
    ("description", "诉求描述"),
)
REQUIRED = {"community", "resident_name", "resident_phone", "channel", "description"}


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # (row number, column header, message)
    demands: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def template_columns(item):
    specs = item.specs()
    return [Column(key, header) for key, header in FIXED] + [
        Column(spec["name"], spec["label_zh"] + ("*" if spec.get("required") else ""))
        for spec in specs
    ]


def _header_key(item):
    """Template header (with or without the required mark) -> key."""
    keys = {header: key for key, header in FIXED}
    for spec in item.specs():
        keys[spec["label_zh"]] = spec["name"]
        keys[spec["name"]] = spec["name"]
    return keys


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # phone numbers typed into Excel arrive as numbers
    return str(value).strip()


def _spreadsheet_input(spec, raw):
    """Let people type choice labels (独居) and lists (a、b) as they read them."""
    if spec["type"] not in ("choice", "multi_choice") or raw is None:
        return raw
    by_label = {}
    for choice in spec.get("choices", []):
        for text in (choice.get("label_zh"), choice.get("label_en"), choice.get("code")):
            if text:
                by_label[str(text).strip()] = choice["code"]
    parts = [p.strip() for p in str(raw).replace("，", ",").replace("、", ",").split(",")]
    codes = [by_label.get(p, p) for p in parts if p]
    return codes if spec["type"] == "multi_choice" else (codes[0] if codes else None)


def _channel(raw):
    labels = {str(label): code for code, label in CHANNELS}
    codes = {code for code, _label in CHANNELS}
    return raw if raw in codes else labels.get(raw)


def _offered_in(item):
    """Whether a street's catalogue offers the item, asked once per street."""
    answers = {}

    def offered(street):
        if street.pk not in answers:
            items = CatalogueItem.objects(active=True).for_street(street)
            answers[street.pk] = items.filter(pk=item.pk).count() > 0
        return answers[street.pk]

    return offered


def check_rows(item, table, communities, actor):
    """check_sheet on a table given as lists of cells, header first."""
    return check_sheet(item, Sheet.of(table), communities, actor)


def check_sheet(item, sheet, communities, actor):
    """Validate every row; build (unsaved) demands only when all rows are good."""
    result = ImportResult()
    if not any(_text(h) for h in sheet.header):
        result.errors.append((1, "", _("The sheet has no header row.")))
        return result
    keys = _header_key(item)
    header = [keys.get(_text(h).rstrip("*")) for h in sheet.header]
    missing = [h for k, h in FIXED if k in REQUIRED and k not in header]
    if missing:
        result.errors.append((1, "、".join(missing), _("These columns are missing.")))
        return result
    body = [(n, row) for n, row in sheet.rows if any(_text(c) for c in row)]
    if not body:
        result.errors.append((2, "", _("The sheet has no rows.")))
    if len(body) > MAX_ROWS:
        result.errors.append((1, "", _("At most %(n)d rows per file.", n=MAX_ROWS)))
        return result
    specs = {spec["name"]: spec for spec in item.specs()}
    offered = _offered_in(item)
    labels = dict(FIXED) | {name: spec["label_zh"] for name, spec in specs.items()}
    for number, row in body:
        cells = {key: row[i] for i, key in enumerate(header) if key and i < len(row)}
        errors = []
        raw = {key: _text(cells.get(key)) for key, _h in FIXED}
        for key in REQUIRED:
            if not raw[key]:
                errors.append((labels[key], _("This field is required.")))
        community = communities.get(raw["community"])
        if raw["community"] and community is None:
            errors.append((labels["community"], _("No community with this code in your scope.")))
        elif community is not None and not offered(community.street):
            errors.append((labels["community"], _("This item is not in this street's catalogue.")))
        channel = _channel(raw["channel"])
        if raw["channel"] and channel is None:
            errors.append((labels["channel"], _("Unknown channel.")))
        cleaned = {}
        for name, spec in specs.items():
            try:
                cleaned[name] = clean_value(spec, _spreadsheet_input(spec, cells.get(name)))
            except FieldError as exc:
                errors.append((labels[name], str(exc)))
        if not errors:
            demand = Demand(
                item=item,
                street=community.street,
                community=community,
                resident_name=raw["resident_name"],
                resident_phone=raw["resident_phone"],
                resident_address=raw["resident_address"] or None,
                channel=channel,
                description=raw["description"],
                values=store_values(specs.values(), cleaned),
            )
            # Placeholders until intake assigns them: a bad row must not consume a ticket number.
            demand.ticket_no, demand.kind, demand.status = "-", item.kind, INITIAL[item.kind]
            try:
                demand.validate()
            except ValidationError as exc:
                for name, message in field_errors(exc).items():
                    errors.append((labels.get(name, ""), message))
            result.demands.append((demand, actor))
        result.errors.extend((number, column, message) for column, message in errors)
    return result


def import_demands(item, filename, data, communities, actor):
    """Check the file; when every row is good, take all of them in. Returns an ImportResult.

    A file that cannot be read within the bounds raises SheetError."""
    width = len(template_columns(item)) + EXTRA_COLUMNS
    sheet = read_sheet(filename, data, max_rows=MAX_ROWS, max_cols=width)
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
