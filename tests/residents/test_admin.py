"""Staff side: the community poster, the consent record, QR codes on evaluation links and
volunteer certificates."""

import re

from models import Demand


def test_the_poster_carries_the_community_name_and_the_qr_of_its_page(make, login, place):
    client = login(make.user("street_admin", street_doc=place.street))
    listed = client.get("/admin/community/").text
    assert f"/admin/community/poster/?id={place.community.pk}" in listed
    page = client.get(f"/admin/community/poster/?id={place.community.pk}").text
    assert "幸福里社区" in page and "@page" in page and "A4" in page
    assert re.search(r'id="poster-qr"><svg', page)
    assert f"/r/{place.community.code}" in page


def test_the_poster_of_another_streets_community_is_not_found(make, login, place):
    other = make.community(make.street(), name="别处社区")
    client = login(make.user("street_admin", street_doc=place.street))
    assert client.get(f"/admin/community/poster/?id={other.pk}").status_code == 404


def test_the_demand_page_shows_the_consent_record(post, make, login, place):
    post()
    demand = Demand.objects.get()
    client = login(make.user("street_admin", street_doc=place.street))
    page = client.get(f"/admin/demand/details/?id={demand.pk}").text
    assert "告知书 2026-12-v1，同意于" in page


def test_the_evaluation_link_comes_with_its_qr(make, login, place):
    demand = make.demand(place.community, place.item, status="answered")
    client = login(make.user("street_admin", street_doc=place.street))
    page = client.get(f"/admin/demand/details/?id={demand.pk}").text
    assert re.search(r'id="evaluation-qr"[^>]*><svg', page)
