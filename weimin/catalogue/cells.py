"""A spreadsheet cell as the input an item's own field takes (then checked by clean_value)."""

from weimin.catalogue.spec import FieldError
from weimin.core import cells


def choice_codes(spec):
    """{label or code as people type it: code}, full-width and spaces folded."""
    found = {}
    for choice in spec.get("choices") or ():
        for shown in (choice.get("code"), choice.get("label_en"), choice.get("label_zh")):
            if shown:
                found[cells.plain(shown)] = choice["code"]
    return found


def _choices(spec, raw):
    """Labels (独居) and lists of them (a、b；c) as codes; unknown words are left to refuse."""
    codes = choice_codes(spec)
    folded = cells.plain(raw)
    for mark in ("、", ";", "/", "|"):
        folded = folded.replace(mark, ",")
    parts = [p.strip() for p in folded.split(",")]
    found = [codes.get(p, p) for p in parts if p]
    if spec["type"] == "choice":
        return codes.get(cells.plain(raw), cells.plain(raw))
    return found


def _yes_no(raw):
    if isinstance(raw, bool):
        return raw
    return cells.plain(raw)


READERS = {
    "date": cells.day,
    "datetime": cells.moment,
    "integer": cells.number,
    "decimal": cells.number,
    "phone": cells.compact,
    "id_number": cells.compact,
    "yes_no": _yes_no,
}


def from_cell(spec, raw):
    """The value clean_value() takes for this cell: None when blank; FieldError if unreadable."""
    if cells.text(raw) == "":
        return None
    try:
        if spec["type"] in ("choice", "multi_choice"):
            return _choices(spec, raw)
        reader = READERS.get(spec["type"], cells.text)
        return reader(raw)
    except cells.CellError as exc:
        raise FieldError(str(exc)) from None
