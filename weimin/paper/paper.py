"""One printed document as data: what both its HTML page and its PDF show."""

from dataclasses import dataclass, field


@dataclass
class Paper:
    """A document to print: title, numbered rows, free blocks, a QR code, signature lines."""

    kind: str  # receipt, work_order, certificate, fund_receipt
    size: str  # A4 or A5
    title: str
    issuer: str  # who issues it, printed above the title
    number_label: str
    number: str
    rows: list = field(default_factory=list)  # [(label, value)]
    # A table of lines (a certificate's organisations): (headings, [row, …]).
    table: tuple | None = None
    # [(heading, text, blank_lines)]: text to read, or blank lines to write on.
    blocks: list = field(default_factory=list)
    qr_url: str | None = None
    qr_caption: str = ""
    signatures: list = field(default_factory=list)  # labels of the lines to sign on
    notes: list = field(default_factory=list)  # small print at the foot
    stamp: str = ""  # a big word over the document (作废)
    filename: str = "document"  # without extension

    @property
    def pdf_name(self):
        return f"{self.filename}.pdf"
