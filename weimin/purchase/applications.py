"""Applications: taken in with their documents while a call is open; refused when ineligible."""

from flask_babel import gettext as _
from mongoengine import NotUniqueError, ValidationError

from models import Application
from models.application import Attachment
from models.references import ref_id
from weimin.core.money import money
from weimin.demands.errors import TransitionError
from weimin.purchase import calls, eligibility, files, saving

MAX_DOCUMENTS = 10


def submit(call, organisation, form, uploads, actor, now):
    """Save an application; TransitionError with field messages when it cannot be taken.

    `form` has proposal, budget, team; `uploads` is [(title, filename, bytes)].
    """
    errors = {}
    refused = eligibility.reasons(call, organisation, now)
    if refused:
        errors["organisation"] = refused
    for name in ("proposal", "team"):
        if not (form.get(name) or "").strip():
            errors[name] = [_("This field is required.")]
    budget = money(
        form.get("budget"), "budget", errors, cap=call.budget_cap,
        cap_message=_("The budget exceeds the call's cap of %(cap)s yuan."),
    )  # fmt: skip
    documents = _documents(call, uploads, errors)
    if errors:
        raise TransitionError(_("The application was not taken in."), errors)
    application = Application(
        call=call, organisation=organisation, street=ref_id(call, "street"),
        proposal=form["proposal"].strip(), budget=budget, team=form["team"].strip(),
        documents=documents, entered_by=str(actor)[:80], submitted_at=now,
    )  # fmt: skip
    try:
        application.save()
    except NotUniqueError:
        _drop_files(documents)
        message = _("This organisation has already applied to this call.")
        raise TransitionError(message, {"organisation": [message]}) from None
    except ValidationError as exc:
        _drop_files(documents)
        raise TransitionError(_("The application was not taken in."), _messages(exc)) from None
    return application


def _documents(call, uploads, errors):
    """Checked attachments, written to GridFS only when every upload is acceptable."""
    checked, problems = [], []
    given = {(title or "").strip() for title, name, data in uploads if data}
    for required in call.required_documents or ():
        if required not in given:
            problems.append(_("Attach the required document: %(title)s.", title=required))
    if len(uploads) > MAX_DOCUMENTS:
        problems.append(_("Attach at most %(n)s documents.", n=MAX_DOCUMENTS))
    for title, filename, data in uploads:
        if not data:
            continue
        kind, problem = files.check(filename or "", data)
        if problem:
            problems.append(problem)
        else:
            checked.append((title.strip() or filename, filename, kind, data))
    if problems:
        errors["documents"] = problems
        return []
    documents = []
    for title, filename, kind, data in checked:
        attachment = Attachment(title=title[:60], filename=filename[:200], kind=kind,
                                size=len(data))  # fmt: skip
        attachment.file.put(data, filename=filename, content_type=kind)
        documents.append(attachment)
    return documents


def _drop_files(documents):
    for attachment in documents:
        attachment.file.delete()


def _messages(exc):
    return {name: [str(getattr(e, "message", e))] for name, e in (exc.errors or {}).items()}


def refuse_ineligible(call, now):
    """At the deadline: refuse each submitted application whose organisation is not eligible."""
    refused = []
    for application in Application.objects(call=call.pk, status="submitted"):
        why = eligibility.reasons(call, application.organisation, now, at_deadline=True)
        if why:
            application.status, application.refusals = "refused", [w[:300] for w in why]
            saving.save(application, "refuse")
            refused.append(application)
    return refused


def close(call, now):
    """Close applications (after the deadline): ineligible ones are refused as they stood at
    the deadline, then the call is closed. Returns the refused applications.

    Refusing first makes a run killed in between safe to run again: the call is still open
    to the next run, and refusing twice changes nothing."""
    calls.check(call, "close", now)
    refused = refuse_ineligible(call, now)
    calls.advance(call, "close", now)
    return refused
