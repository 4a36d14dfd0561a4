"""What the demand import template tells the people who fill it in: the example row, the hint
on each column and the 说明 sheet. The template is a Chinese form, like its headings."""

from datetime import datetime, time

from models.choices import CHANNELS
from weimin.core.timefmt import TZ
from weimin.demands.import_columns import EXAMPLE, IMPORTED_CHANNELS, MAX_ROWS, REQUIRED

DATE_HINT = "日期，如 2026-12-20、2026/12/20、2026年12月20日，或 Excel 的日期单元格"
FIXED_HINTS = {
    "seq": f"可不填。第 2 行的“{EXAMPLE}”行是填写示例，导入时自动跳过，可保留或删除",
    "community": "从下拉列表选择社区名称，也可填写社区编码；同名社区请填编码",
    "resident_name": "居民姓名，最多 30 字",
    "resident_phone": "手机号或固定电话，如 13800138000、0574-87654321；按数字输入亦可",
    "resident_address": "可不填；门牌地址，最多 200 字",
    "channel": "从下拉列表选择受理渠道",
    "description": "写清居民的具体诉求，最多 2000 字",
}
TYPE_HINTS = {
    "text": "文字",
    "textarea": "文字（可多行）",
    "address": "地址",
    "integer": "整数",
    "decimal": "数字，可带小数",
    "date": DATE_HINT,
    "datetime": "日期和时间，如 2026-12-20 14:30、2026年12月20日14时30分",
    "choice": "从下拉列表选择一项",
    "multi_choice": "可填多项，用顿号“、”或逗号分隔",
    "yes_no": "填“是”或“否”",
    "phone": "手机号或固定电话",
    "id_number": "18 位居民身份证号码（末位可为 X）",
}
SAMPLES = {
    "text": "（示例文字）",
    "textarea": "（示例文字）",
    "address": "幸福小区1幢2单元301室",
    "phone": "13800138000",
    "id_number": "11010519491231002X",
    "yes_no": "是",
}
LISTED = 20  # longer lists are left to the drop-down


def cell_style(key, kind):
    """The number format of a column: phone and ID numbers as text, so Excel keeps every digit."""
    if key == "resident_phone" or kind in ("phone", "id_number"):
        return "text"
    return kind if kind in ("date", "datetime") else None


def channel_labels():
    return [str(label) for code, label in CHANNELS if code in IMPORTED_CHANNELS]


def choice_labels(spec):
    return [c.get("label_zh") or c["code"] for c in spec.get("choices") or ()]


def _sample(spec):
    kind = spec["type"]
    low, high = spec.get("min_value"), spec.get("max_value")
    if kind in ("integer", "decimal"):
        as_number = int if kind == "integer" else float
        if low is not None and high is not None:
            return as_number((low + high) / 2)  # 60 for an age of 0～120, not a surprising 0
        return as_number(low) if low is not None else 1
    if kind == "date":
        return datetime.now(TZ).date()
    if kind == "datetime":
        return datetime.combine(datetime.now(TZ).date(), time(9, 30))
    if kind in ("choice", "multi_choice"):
        labels = choice_labels(spec)
        return "、".join(labels[: 1 if kind == "choice" else 2]) or None
    return SAMPLES.get(kind, "（示例）")


def example_row(item, communities):
    """{column key: value} of the example row the template carries."""
    first = min(communities.by_code.values(), key=lambda c: c.code, default=None)
    row = {
        "seq": EXAMPLE,
        "community": communities.shown(first) if first else "幸福社区",
        "resident_name": "张三",
        "resident_phone": "13800138000",
        "resident_address": "幸福小区1幢2单元301室",
        "channel": channel_labels()[0],
        "description": f"示例：居民需要“{item.name}”服务，请写清具体情况（本行导入时跳过）",
    }
    for spec in item.specs():
        row[spec["name"]] = _sample(spec)
    return row


def _range(spec):
    low, high = spec.get("min_value"), spec.get("max_value")
    if low is not None and high is not None:
        return f"，{low}～{high}"
    if low is not None:
        return f"，不小于 {low}"
    return f"，不大于 {high}" if high is not None else ""


def describe(key, spec, communities=None):
    """The hint on one column: what to write in it."""
    if spec is None:
        return FIXED_HINTS[key]
    hint = TYPE_HINTS.get(spec["type"], "文字")
    if spec["type"] in ("integer", "decimal"):
        hint += _range(spec)
    if spec.get("max_length") and spec["type"] in ("text", "textarea", "address"):
        hint += f"，最多 {spec['max_length']} 字"
    help_text = spec.get("help_zh")
    return f"{hint}。{help_text}" if help_text else hint


def allowed(key, spec, communities):
    """The allowed values of a column, listed when the list is short."""
    if key == "community":
        values = communities.listed()
    elif key == "channel":
        values = channel_labels()
    elif spec and spec["type"] in ("choice", "multi_choice"):
        values = choice_labels(spec)
    elif spec and spec["type"] == "yes_no":
        values = ["是", "否"]
    else:
        return ""
    if len(values) > LISTED:
        return "、".join(values[:LISTED]) + f" 等 {len(values)} 项（见下拉列表）"
    return "、".join(values)


NOTES = (
    "每行填写一件诉求；带 * 的列必须填写。",
    f"第 2 行是填写示例（序号列为“{EXAMPLE}”），导入时自动跳过，可保留或删除。",
    "日期可按 2026-12-20、2026/12/20、2026.12.20、2026年12月20日 填写，或直接用 Excel 日期；"
    "全角数字、多余空格都能识别。",
    "社区、受理渠道和选项列有下拉列表；社区可填名称或编码。",
    f"一次最多导入 {MAX_ROWS} 行。只要有一行有误，整个文件都不导入，并逐行列出错误所在的行和列。",
)


def write_help(sheet, book, item, columns, specs, communities):
    """The 说明 sheet: how to fill the template, then one line per column."""
    bold = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    title = f"诉求批量导入说明：{item.code} {item.name}（本模板只用于该事项，其他事项另有模板）"
    sheet.write_string(0, 0, title, bold)
    for r, note in enumerate(NOTES, 1):
        sheet.write_string(r, 0, f"{r}. {note}")
    top = len(NOTES) + 2
    for c, title in enumerate(("列名", "是否必填", "填写格式", "可选值")):
        sheet.write_string(top, c, title, head)
    for r, column in enumerate(columns, top + 1):
        spec = specs.get(column.key)
        required = column.key in REQUIRED or bool(spec and spec.get("required"))
        sheet.write_string(r, 0, column.header.rstrip("*"), wrap)
        sheet.write_string(r, 1, "必填" if required else "选填", wrap)
        sheet.write_string(r, 2, describe(column.key, spec, communities), wrap)
        sheet.write_string(r, 3, allowed(column.key, spec, communities), wrap)
    for c, width in enumerate((16, 10, 50, 50)):
        sheet.set_column(c, c, width)
