"""Organisers import an activity's sign-in sheet (XLSX): all rows or none, every bad row listed."""

import io

from flask import flash, redirect, send_file, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, DecimalField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from admin.filters import organisations_in_scope
from admin.policy import PolicyView
from admin.record_views import RECORD_LABELS
from weimin.access import CREATE, pinned
from weimin.core.sheet_reader import MAX_FILE_BYTES
from weimin.volunteers.signin_sheet import activity_errors, import_sheet
from weimin.volunteers.signin_template import build_signin_template

ACTIVITY_FIELDS = ("activity_name", "activity_date", "location", "content", "leader", "late_reason")


class SigninForm(FlaskForm):
    organisation = SelectField(RECORD_LABELS["organisation"], validators=[DataRequired()])
    activity_name = StringField(
        RECORD_LABELS["activity_name"], validators=[DataRequired(), Length(max=100)]
    )
    activity_date = DateField(RECORD_LABELS["activity_date"], validators=[DataRequired()])
    location = StringField(RECORD_LABELS["location"], validators=[DataRequired(), Length(max=200)])
    content = TextAreaField(RECORD_LABELS["content"], validators=[DataRequired(), Length(max=1000)])
    leader = StringField(RECORD_LABELS["leader"], validators=[DataRequired(), Length(max=30)])
    hours = DecimalField(
        _l("Hours per person"),
        validators=[Optional()],
        places=None,
        description=_l("Used for rows that give no hours of their own."),
    )
    late_reason = TextAreaField(
        RECORD_LABELS["late_reason"], validators=[Optional(), Length(max=500)]
    )
    sheet = FileField(
        _l("Sign-in sheet (XLSX)"),
        validators=[
            FileRequired(_l("Choose the sign-in sheet")),
            FileAllowed(["xlsx"], _l("Only .xlsx files")),
        ],
    )


class SigninImportView(PolicyView):
    """One form: the activity, the hours and the sheet; imported records await approval."""

    action = CREATE

    @expose("/", methods=("GET", "POST"))
    def index(self):
        form = SigninForm()
        orgs = {str(org.pk): org for org in organisations_in_scope()}
        form.organisation.choices = [("", "")] + [(k, org.name) for k, org in orgs.items()]
        result = None
        if form.validate_on_submit():
            activity = {name: getattr(form, name).data for name in ACTIVITY_FIELDS}
            activity["organisation"] = orgs[form.organisation.data].reload()
            activity.update(pinned(current_user, {"community": "community"}))
            problems = activity_errors(activity)
            for name, message in problems.items():
                field = getattr(form, name, None) or form.organisation
                field.errors = [*field.errors, message]
            if not problems:
                activity["hours"] = form.hours.data
                upload = form.sheet.data
                data = upload.read(MAX_FILE_BYTES + 1)  # one byte over is enough to refuse
                result = import_sheet(upload.filename, data, activity, current_user)
                if result.created:
                    flash(
                        _("%(n)d service records imported; they await approval.", n=result.created),
                        "success",
                    )
                    return redirect(url_for("service_record.index_view"))
        return self.render("admin/signin_import.html", form=form, result=result)

    @expose("/template.xlsx")
    def template(self):
        """An empty sign-in sheet with the headings the import understands."""
        return send_file(
            io.BytesIO(build_signin_template()),
            as_attachment=True,
            download_name="signin-sheet.xlsx",
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
