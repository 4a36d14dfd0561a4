"""Districts, streets and communities."""

from flask import render_template, request, url_for
from flask_admin import expose
from flask_babel import gettext as _
from markupsafe import Markup

from admin.base import SecureModelView
from admin.filters import street_filter
from weimin.core.qr import qr_svg


def poster_link(view, context, model, name):
    """The community's name and a link to its printable resident-page poster."""
    url = url_for(".poster_view", id=str(model.pk))
    return Markup('{} <a class="small ml-2 resident-poster" href="{}">{}</a>').format(
        model.name, url, _("Resident QR poster")
    )


class DistrictView(SecureModelView):
    scope = {}
    column_list = ("code", "name")
    column_searchable_list = ("code", "name")


class StreetView(SecureModelView):
    scope = {"street": "id"}
    column_list = ("code", "name", "district")
    column_searchable_list = ("code", "name")
    column_default_sort = "code"


class CommunityView(SecureModelView):
    scope = {"street": "street", "community": "id"}
    column_list = ("code", "name", "street")
    column_searchable_list = ("code", "name")
    column_default_sort = "code"
    column_filters = (street_filter(),)
    column_formatters = {"name": poster_link}

    @expose("/poster/")
    def poster_view(self):
        """An A4 poster with the community's name and the QR code of its resident page."""
        community = self.get_one(request.args.get("id"))
        link = url_for("resident.community_page", code=community.code, _external=True)
        return render_template(
            "admin/community_poster.html", community=community, link=link, qr=qr_svg(link, 10)
        )
