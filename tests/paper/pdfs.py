"""Reading a PDF back: its text and its images (pypdf)."""

import io

from pypdf import PdfReader


def pdf_text(data):
    """Every page's extracted text, joined."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_images(data):
    """The images of every page."""
    return [image for page in PdfReader(io.BytesIO(data)).pages for image in page.images]
