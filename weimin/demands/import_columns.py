"""The columns of the demand import: headings, the example row, channels and communities."""

import re
from dataclasses import dataclass

from flask_babel import gettext as _

from models.choices import CHANNELS
from weimin.core import cells
from weimin.core.sheets import Column

MAX_ROWS = 5000
SEQ, EXAMPLE = "序号", "示例"
# (key, heading in the template); the item's own fields follow these. A heading ends in * when
# the column is required; it is read with or without the mark.
FIXED = (
    ("seq", SEQ),
    ("community", "社区"),
    ("resident_name", "居民姓名"),
    ("resident_phone", "居民电话"),
    ("resident_address", "居民地址"),
    ("channel", "受理渠道"),
    ("description", "诉求描述"),
)
REQUIRED = {"community", "resident_name", "resident_phone", "channel", "description"}
# Headings of earlier templates and the ones people write by hand.
ALIASES = {"社区编码": "community", "社区名称": "community", "社区名称或编码": "community"}
IMPORTED_CHANNELS = [code for code, _label in CHANNELS if code != "api"]
# A name the drop-down gives with its code when the name alone is ambiguous: 幸福社区（GY01）
NAME_WITH_CODE = re.compile(r"(.+?)\s*\((\S+)\)")


def heading(label, required):
    return label + ("*" if required else "")


def template_columns(item):
    """The template's columns: the fixed ones, then the item's own fields."""
    fixed = [Column(key, heading(label, key in REQUIRED)) for key, label in FIXED]
    return fixed + [
        Column(spec["name"], heading(spec["label_zh"], spec.get("required")))
        for spec in item.specs()
    ]


def header_keys(item):
    """Heading as read (no mark, spaces and full-width folded) -> column key."""
    keys = {label: key for key, label in FIXED} | ALIASES
    for spec in item.specs():
        keys[spec["label_zh"]] = spec["name"]
        keys[spec["name"]] = spec["name"]
    return {cells.compact(k): v for k, v in keys.items()}


def read_heading(keys, cell):
    return keys.get(cells.compact(cell).rstrip("*"))


def is_example(cells_by_key):
    """The template's example row, left in: its 序号 says 示例."""
    return cells.compact(cells_by_key.get("seq")).startswith(EXAMPLE)


def channel_labels():
    """{label in the UI language: code} for the channels an import may name."""
    return {str(label): code for code, label in CHANNELS if code in IMPORTED_CHANNELS}


def channel_code(raw):
    """The channel a cell names, by label or code; None when unknown."""
    found = cells.plain(raw)
    codes = {cells.plain(label): code for label, code in channel_labels().items()}
    codes.update({code: code for code, _label in CHANNELS})
    return codes.get(found) or codes.get(found.lower())


@dataclass
class Communities:
    """The communities a user may import into, found by code or by name."""

    by_code: dict

    def __post_init__(self):
        self.by_name = {}
        for community in self.by_code.values():
            self.by_name.setdefault(cells.plain(community.name), []).append(community)

    def shown(self, community):
        """How the template's drop-down names it: the name, with the code if ambiguous."""
        if len(self.by_name.get(cells.plain(community.name), ())) > 1:
            return f"{community.name}（{community.code}）"
        return community.name

    def listed(self):
        """The drop-down's entries, sorted."""
        return sorted({self.shown(c) for c in self.by_code.values()})

    def find(self, raw):
        """(community, None) or (None, message) for a cell naming a community."""
        found = cells.plain(raw)
        community = self.by_code.get(found) or self.by_code.get(found.upper())
        if community is not None:
            return community, None
        named = self.by_name.get(found, [])
        if len(named) == 1:
            return named[0], None
        if len(named) > 1:
            codes = "、".join(sorted(c.code for c in named))
            return None, _(
                "Several communities in your scope are named %(name)s; write the code instead"
                " (%(codes)s).",
                name=found,
                codes=codes,
            )
        match = NAME_WITH_CODE.fullmatch(found)
        if match and match.group(2) in self.by_code:
            return self.by_code[match.group(2)], None
        return None, _("No community with this name or code in your scope.")
