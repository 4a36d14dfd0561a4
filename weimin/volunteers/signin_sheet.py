"""Import an activity's sign-in sheet (XLSX): every row checked first, then all rows or none."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from bson import ObjectId
from flask_babel import gettext as _
from mongoengine import ValidationError
from pymongo.errors import PyMongoError

from models.service_record import ServiceRecord
from models.validators import normalise_phone, normalise_ric, validate_phone, validate_ric
from models.volunteer import Volunteer
from weimin.access import scoped_query
from weimin.core import cells
from weimin.core.errors import field_errors
from weimin.core.sheet_reader import SheetError, read_sheet
from weimin.store import audit
from weimin.volunteers.records import mark_late

MAX_ROWS = 2000
MAX_COLUMNS = 30  # real sheets carry more than ours: 序号, 性别, 签名, 签到时间…
# Column headings understood, in Chinese or English (case and spaces ignored).
HEADINGS = {
    "name": ("姓名", "name"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "id number", "id_number"),
    "phone": ("手机号", "手机号码", "手机", "电话", "联系电话", "phone"),
    "hours": ("服务时长", "时长", "小时", "服务时间", "hours"),
}


@dataclass
class SheetResult:
    created: int = 0
    errors: list = field(default_factory=list)  # (row number, [messages])


# How each column's cell is read: ID and phone numbers typed as numbers lose their ".0",
# full-width digits and stray spaces go; hours are read as a number later.
READERS = {"name": cells.name, "id_number": cells.compact, "phone": cells.compact}


def _columns(header):
    wanted = {
        cells.compact(alias).lower(): key for key, names in HEADINGS.items() for alias in names
    }
    cols = {}
    for index, cell in enumerate(header):
        key = wanted.get(cells.compact(cell).lower())
        if key and key not in cols:
            cols[key] = index
    return cols


def _read(filename, data):
    """Rows of the first sheet as (row number, {key: cell}) and {key: the sheet's heading};
    file and header problems raise SheetError."""
    sheet = read_sheet(filename, data, max_rows=MAX_ROWS, max_cols=MAX_COLUMNS)
    cols = _columns(sheet.header)
    if "name" not in cols or not {"id_number", "phone"} & cols.keys():
        raise SheetError(_("The first row needs the headings 姓名 and 身份证号 or 手机号."))
    out = []
    for number, row in sheet.rows:
        values = {k: READERS.get(k, lambda v: v)(row[i]) for k, i in cols.items()}
        if any(cells.text(v) for v in values.values()):
            out.append((number, values))
    headings = {k: cells.text(sheet.header[i]) for k, i in cols.items()}
    return out, headings


def _in_column(heading, message):
    """A cell's problem, naming the column as the sheet heads it."""
    return f"{heading}：{message}"


def _identify(values, headings, lookups, problems):
    """The volunteer a row names, by ID number first, else by phone."""
    by_id, by_phone = lookups
    if values.get("id_number"):
        number = normalise_ric(values["id_number"])
        try:
            validate_ric(number)
        except ValidationError as exc:
            problems.append(_in_column(headings["id_number"], exc.message))
            return None
        found = by_id.get(number)
    elif values.get("phone"):
        try:
            validate_phone(values["phone"])
        except ValidationError as exc:
            problems.append(_in_column(headings["phone"], exc.message))
            return None
        matches = by_phone.get(normalise_phone(values["phone"]), [])
        if len(matches) > 1:
            problems.append(_("Several volunteers have this phone number; give the ID number."))
            return None
        found = matches[0] if matches else None
    else:
        problems.append(_("Give the ID number or the phone number."))
        return None
    if found is None:
        problems.append(_("No volunteer registered in your area matches this row."))
    elif values.get("name") and values["name"] != found.name:
        problems.append(_("The name does not match the registered volunteer."))
        return None
    return found


def _hours(cell, heading, default, problems):
    try:
        return cells.number(cell) if cells.text(cell) else Decimal(default)
    except (cells.CellError, InvalidOperation, TypeError):
        problems.append(_in_column(heading or _("Hours"), _("Hours must be a number.")))
        return None


def activity_errors(activity):
    """{field: message} for the activity's own fields (date, late reason, …), before any row."""
    probe = ServiceRecord(hours=Decimal(1), **activity)
    try:
        mark_late(probe).validate()
    except ValidationError as exc:
        return {k: v for k, v in field_errors(exc).items() if k not in ("volunteer", "hours")}
    return {}


def _lookups(rows, volunteers):
    """Volunteers the rows name, by ID number and by phone, among `volunteers` only."""
    ids = [normalise_ric(v["id_number"]) for _, v in rows if v.get("id_number")]
    phones = [
        normalise_phone(v["phone"]) for _, v in rows if v.get("phone") and not v.get("id_number")
    ]
    by_id = {v.id_number: v for v in volunteers.filter(id_number__in=ids)}
    by_phone = {}
    for volunteer in volunteers.filter(phone__in=phones):
        by_phone.setdefault(volunteer.phone, []).append(volunteer)
    return by_id, by_phone


def import_sheet(filename, data, activity, user):
    """Check every row, then write one submitted record per row, or nothing at all.

    `activity` holds the record fields shared by all rows (name, date, place, content,
    organisation, leader, late reason) and `hours`, the default when a row gives none.
    Rows are matched only to the volunteers in `user`'s scope: one who is registered
    elsewhere reads as not registered, so the sheet tells nothing about other areas.
    """
    result = SheetResult()
    default_hours = activity.pop("hours", None)
    try:
        rows, headings = _read(filename, data)
    except SheetError as exc:
        result.errors.append((1, [str(exc)]))
        return result
    if not rows:
        result.errors.append((2, [_("The sheet has no rows.")]))
        return result
    lookups = _lookups(rows, scoped_query(user, Volunteer))
    already = set(
        ServiceRecord.objects(
            organisation=activity["organisation"],
            activity_name=activity["activity_name"],
            activity_date=activity["activity_date"],
        ).distinct("volunteer")
    )
    already = {getattr(v, "pk", v) for v in already}
    seen, records = {}, []
    for number, values in rows:
        problems = []
        volunteer = _identify(values, headings, lookups, problems)
        hours = _hours(values.get("hours"), headings.get("hours"), default_hours, problems)
        if volunteer is not None and volunteer.pk in seen:
            problems.append(_("The same volunteer is already on row %(n)d.", n=seen[volunteer.pk]))
        elif volunteer is not None and volunteer.pk in already:
            problems.append(_("This volunteer is already recorded for this activity."))
        if volunteer is not None:
            seen.setdefault(volunteer.pk, number)
        if volunteer is not None and hours is not None and not problems:
            record = ServiceRecord(
                id=ObjectId(),
                volunteer=volunteer,
                hours=hours,
                entered_by=user.username,
                **activity,
            )
            try:
                mark_late(record).validate()
                records.append(record)
            except ValidationError as exc:
                problems.extend(field_errors(exc).values())
        if problems:
            result.errors.append((number, problems))
    if not result.errors:
        _write(records, filename)
        result.created = len(records)
    return result


def _write(records, filename=""):
    """Insert all; should the store fail half-way, remove what went in."""
    docs = [record.to_mongo().to_dict() for record in records]
    collection = ServiceRecord._get_collection()
    try:
        collection.insert_many(docs, ordered=True)
    except PyMongoError:
        collection.delete_many({"_id": {"$in": [doc["_id"] for doc in docs]}})
        raise
    audit.record(
        "import",
        "service_records",
        changes={},
        count=len(docs),
        street=docs[0].get("street") if docs else None,
        summary=f"{records[0].activity_name} {records[0].activity_date} {filename}"[:500],
    )
    audit.created("service_records", records)
