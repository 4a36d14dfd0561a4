"""A deliberation topic raised from a visit log: linked to the visit and its grid, in scope."""

from models import AuditEntry, Topic
from weimin.core.timefmt import local_time


def _raise(client, visit, **data):
    return client.post(f"/admin/topic/new/?visit={visit.pk}", data={
        "community": str(visit.community.pk), "title": "楼道堆物清理", "source": "visit",
        "description": visit.findings, "supporters": "3", **data})  # fmt: skip


def test_the_visit_page_offers_to_raise_a_topic_and_lists_it(world, login):
    visit = world["visits"]["own"]
    client = login(world["users"]["gridworker"])
    page = client.get(f"/grid/visits/{visit.pk}").text
    assert f"/admin/topic/new/?visit={visit.pk}" in page and "提交议事" in page
    form = client.get(f"/admin/topic/new/?visit={visit.pk}").text
    assert visit.findings in form
    assert _raise(client, visit).status_code == 302
    topic = Topic.objects.get(title="楼道堆物清理")
    assert topic.visit.pk == visit.pk and topic.grid.pk == world["grids"]["g1"].pk
    assert topic.source == "visit" and topic.status == "raised"
    assert AuditEntry.objects(collection="topics", action="create").count() == 1
    assert "楼道堆物清理" in client.get(f"/grid/visits/{visit.pk}").text
    details = client.get(f"/admin/topic/details/?id={topic.pk}").text
    assert f"{visit.place} · {local_time(visit.visited_at)}" in details and "来自走访" in details


def test_a_visit_outside_the_scope_is_not_linked(world, login):
    """A next-door community's visit: the id is ignored, and 'from a visit' needs a visit."""
    client = login(world["users"]["gridworker"])
    response = _raise(client, world["visits"]["next_door"], community=str(world["home"].pk))
    assert response.status_code == 200 and "请在该次走访记录的页面上提交议题" in response.text
    assert Topic.objects.count() == 0


def test_a_visit_of_another_community_than_the_topics_is_refused(world, login):
    client = login(world["users"]["street_admin"])
    visit = world["visits"]["own"]
    response = _raise(client, visit, community=str(world["next_door"].pk))
    assert response.status_code == 200 and "该走访记录不在本社区" in response.text
    assert Topic.objects.count() == 0
