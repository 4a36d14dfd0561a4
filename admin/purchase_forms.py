"""Reading the application and scoring forms (one helper for /org/ and the street's pages)."""

import io

from flask import abort, flash, request, send_file

from weimin.purchase.applications import MAX_DOCUMENTS
from weimin.purchase.files import MAX_BYTES

DOCUMENT_SLOTS = 5
OFFICE = "application/vnd.openxmlformats-officedocument"
KINDS = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": f"{OFFICE}.wordprocessingml.document",
    "xlsx": f"{OFFICE}.spreadsheetml.sheet",
}


def application_input(call):
    """(form fields, uploads) from the request: [(title, filename, bytes)] per filled slot."""
    form = {name: request.form.get(name, "") for name in ("proposal", "budget", "team")}
    uploads = []
    titles = list(call.required_documents or ())
    for n in range(min(DOCUMENT_SLOTS + len(titles), MAX_DOCUMENTS)):
        upload = request.files.get(f"file_{n}")
        if upload is None or not upload.filename:
            continue
        title = request.form.get(f"title_{n}") or (titles[n] if n < len(titles) else "")
        # Read one byte past the limit at most: a huge upload is refused without reading it all.
        uploads.append((title, upload.filename, upload.stream.read(MAX_BYTES + 1)))
    return form, uploads


def slots(call):
    """Titles of the upload slots: the required documents first, then free ones."""
    titles = list(call.required_documents or ())
    return titles + [""] * DOCUMENT_SLOTS


def flash_errors(errors):
    for messages in errors.values():
        for message in messages:
            flash(str(message), "error")


def objection_upload():
    """(filename, bytes) of an objection's supporting document, or None."""
    upload = request.files.get("document")
    if upload is None or not upload.filename:
        return None
    return upload.filename, upload.stream.read(MAX_BYTES + 1)


def send_document(application, n):
    """The n-th document of an application, as an attachment (404 when there is none)."""
    try:
        attachment = application.documents[int(n)]
    except (IndexError, ValueError, TypeError):
        abort(404)
    return send_attachment(attachment)


def send_attachment(attachment):
    """A stored document as a download (404 when there is none)."""
    if attachment is None:
        abort(404)
    data = attachment.file.read()
    if data is None:
        abort(404)
    mimetype = KINDS.get(attachment.kind, "application/octet-stream")
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True,
                     download_name=attachment.filename)  # fmt: skip
