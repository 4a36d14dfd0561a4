"""The demand import template: the sheet to fill, with an example row and drop-down lists,
a 说明 sheet on every column, and a hidden sheet holding the lists the drop-downs read."""

import io
from datetime import date, datetime, time

import xlsxwriter

from weimin.demands import import_help
from weimin.demands.import_columns import (
    MAX_ROWS,
    Communities,
    template_columns,
)

LISTS = "选项"
HELP = "说明"
DATA = "诉求"
EXAMPLE_LOOK = {"italic": True, "font_color": "#808080", "bg_color": "#F2F2F2"}
WIDTHS = {"seq": 6, "community": 16, "resident_phone": 15, "description": 40}


class _Lists:
    """The hidden sheet: one column per list, each referred to by a drop-down."""

    def __init__(self, book):
        self.sheet = book.add_worksheet(LISTS)
        self.sheet.hide()
        self.count = 0

    def add(self, title, values):
        """Write a list; the drop-down source that reads it."""
        col = self.count
        self.count += 1
        self.sheet.write_string(0, col, title)
        for r, value in enumerate(values, 1):
            self.sheet.write_string(r, col, str(value))
        letter = xlsxwriter.utility.xl_col_to_name(col)
        return f"='{LISTS}'!${letter}$2:${letter}${max(len(values), 1) + 1}"


def _validation(spec, lists):
    """The data validation of an item field's column, or None where the type has none."""
    kind = spec["type"]
    low, high = spec.get("min_value"), spec.get("max_value")
    if kind == "choice" and import_help.choice_labels(spec):
        labels = import_help.choice_labels(spec)
        return {"validate": "list", "source": lists.add(spec["label_zh"], labels)}
    if kind == "yes_no":
        return {"validate": "list", "source": ["是", "否"]}
    if kind in ("integer", "decimal"):
        as_number = int if kind == "integer" else float
        rule = {"validate": "integer" if kind == "integer" else "decimal"}
        if low is not None and high is not None:
            return rule | {
                "criteria": "between",
                "minimum": as_number(low),
                "maximum": as_number(high),
            }
        if low is not None:
            return rule | {"criteria": ">=", "value": as_number(low)}
        if high is not None:
            return rule | {"criteria": "<=", "value": as_number(high)}
        return rule | {"criteria": "between", "minimum": -(10**15), "maximum": 10**15}
    if kind in ("date", "datetime"):
        return {
            "validate": "date",
            "criteria": "between",
            "minimum": date(1900, 1, 1),
            "maximum": date(2100, 12, 31),
        }
    if kind in ("text", "textarea", "address") and spec.get("max_length"):
        return {"validate": "length", "criteria": "<=", "value": int(spec["max_length"])}
    return None


def _column_validations(item, communities, lists):
    """{column key: data validation} for every column that has one."""
    channels = import_help.channel_labels()
    found = {
        # A warning only: community codes are accepted as well as the names listed.
        "community": {
            "validate": "list",
            "source": lists.add("社区", communities.listed()),
            "error_type": "warning",
        },
        "channel": {"validate": "list", "source": lists.add("受理渠道", channels)},
    }
    for spec in item.specs():
        rule = _validation(spec, lists)
        if rule:
            found[spec["name"]] = rule
    return found


def _with_hint(rule, column, specs, communities):
    """The rule with the column's hint shown on entry and on a refused value."""
    hint = import_help.describe(column.key, specs.get(column.key), communities)[:255]
    # Dates, numbers and lengths only warn: the importer reads more than Excel checks.
    lenient = rule["validate"] in ("date", "integer", "decimal", "length")
    return {
        "error_type": "warning" if lenient else "stop",
        **rule,
        "input_title": column.header.rstrip("*")[:32],
        "input_message": hint,
        "error_message": hint,
    }


def build_template(item, communities):
    """The template workbook (bytes) for `item`, its lists drawn from `communities` (a dict
    code -> Community the user may import into, already limited to those offering the item)."""
    communities = Communities(dict(communities))
    columns = template_columns(item)
    specs = {spec["name"]: spec for spec in item.specs()}
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(DATA)
    help_sheet = book.add_worksheet(HELP)
    lists = _Lists(book)
    formats = {
        "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "required": book.add_format(
            {"bold": True, "bg_color": "#FCE4D6", "border": 1, "font_color": "#C00000"}
        ),
        "example": book.add_format(EXAMPLE_LOOK),
        "example_date": book.add_format(EXAMPLE_LOOK | {"num_format": "yyyy-mm-dd"}),
        "example_datetime": book.add_format(EXAMPLE_LOOK | {"num_format": "yyyy-mm-dd hh:mm"}),
        "text": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    example = import_help.example_row(item, communities)
    validations = _column_validations(item, communities, lists)
    last = MAX_ROWS + 1  # the example row, then the rows an import reads
    for c, column in enumerate(columns):
        kind = specs.get(column.key, {}).get("type")
        style = import_help.cell_style(column.key, kind)
        head = formats["required"] if column.header.endswith("*") else formats["header"]
        sheet.write_string(0, c, column.header, head)
        width = WIDTHS.get(column.key, max(12, len(column.header) * 2 + 2))
        sheet.set_column(c, c, width, formats.get(style))
        value = example.get(column.key)
        _write_example(sheet, c, value, formats, style)
        rule = validations.get(column.key)
        if rule:
            sheet.data_validation(1, c, last, c, _with_hint(rule, column, specs, communities))
    sheet.freeze_panes(1, 0)
    import_help.write_help(help_sheet, book, item, columns, specs, communities)
    book.close()
    return buffer.getvalue()


def _write_example(sheet, c, value, formats, style):
    """The example row: grey italics, dates as real date cells."""
    if value is None:
        sheet.write_blank(1, c, None, formats["example"])
    elif isinstance(value, date):
        moment = value if isinstance(value, datetime) else datetime.combine(value, time())
        sheet.write_datetime(1, c, moment, formats[f"example_{style}"])
    elif isinstance(value, int | float):
        sheet.write_number(1, c, value, formats["example"])
    else:
        sheet.write_string(1, c, str(value), formats["example"])
