"""The empty sign-in sheet: the headings the import reads, and a 说明 sheet on filling it in."""

import io

import xlsxwriter

from weimin.volunteers.signin_sheet import HEADINGS, MAX_ROWS

KEYS = ("name", "id_number", "phone", "hours")
HELP = (
    ("姓名", "必填", "与登记的志愿者姓名一致"),
    ("身份证号", "与手机号二选一", "18 位居民身份证号码；填了身份证号就按它查找志愿者"),
    ("手机号", "与身份证号二选一", "登记的手机号；按数字输入亦可"),
    ("服务时长", "选填", "小时数，如 2 或 1.5；不填则用导入页面上的“每人时长”"),
)
NOTES = (
    "每行一名本辖区已登记的志愿者，从第 2 行起填写。",
    f"一次最多 {MAX_ROWS} 行。只要有一行有误，整张签到表都不导入，并列出每一行的问题。",
    "全角数字、多余空格都能识别；可以另加序号、签名等列，导入时不读取。",
)


def build_signin_template():
    """The workbook (bytes): the sheet to fill first, then 说明."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("签到表")
    digits = book.add_format({"num_format": "@"})  # Excel keeps all 18 digits of an ID
    bold = book.add_format({"bold": True})
    for col, key in enumerate(KEYS):
        sheet.write(0, col, HEADINGS[key][0], bold)
        fmt = digits if key in ("id_number", "phone") else None
        sheet.set_column(col, col, 22 if key == "id_number" else 14, fmt)
    sheet.freeze_panes(1, 0)
    notes = book.add_worksheet("说明")
    for r, note in enumerate(NOTES):
        notes.write_string(r, 0, f"{r + 1}. {note}")
    top = len(NOTES) + 1
    for c, title in enumerate(("列名", "是否必填", "填写说明")):
        notes.write_string(top, c, title, bold)
    for r, line in enumerate(HELP, top + 1):
        for c, text in enumerate(line):
            notes.write_string(r, c, text)
    notes.set_column(0, 1, 16)
    notes.set_column(2, 2, 60)
    book.close()
    return buffer.getvalue()
