"""Application documents: size limit and type recognised from the content, not the name."""

import io
import zipfile

from flask_babel import gettext as _

MAX_BYTES = 10 * 1024 * 1024
ALLOWED = ("pdf", "jpg", "png", "docx", "xlsx")
# A docx or xlsx is a zip whose parts say which: the main part's name decides.
OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
EXTENSIONS = {"pdf": ("pdf",), "jpg": ("jpg", "jpeg"), "png": ("png",),
              "docx": ("docx",), "xlsx": ("xlsx",)}  # fmt: skip


def sniff(data):
    """The document type the bytes are (pdf, jpg, png, docx, xlsx), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, RuntimeError):
            return None
        for kind, part in OFFICE_PARTS.items():
            if part in names:
                return kind
    return None


def check(filename, data):
    """(kind, None) for an acceptable document, else (None, the message saying why)."""
    if not data:
        return None, _("The file %(name)s is empty.", name=filename)
    if len(data) > MAX_BYTES:
        return None, _(
            "The file %(name)s is larger than %(mb)s MB.", name=filename, mb=MAX_BYTES // 2**20
        )
    kind = sniff(data)
    if kind is None:
        return None, _(
            "The file %(name)s is not a PDF, JPG, PNG, DOCX or XLSX document.", name=filename
        )
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    if extension not in EXTENSIONS[kind]:
        return None, _(
            "The file %(name)s is a %(kind)s document but is named otherwise; rename it.",
            name=filename,
            kind=kind.upper(),
        )
    return kind, None
