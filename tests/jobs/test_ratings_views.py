"""The ratings pages: rule-set version and computing time beside every rating, and the footnote."""

import re

from jobs.rating_publication import publish_ratings
from jobs.ratings import run_ratings
from models import StarRating
from weimin.core.timefmt import local_time

NOTE = "各项得分按四舍五入保留两位小数；总分为各项得分之和；星级与奖励按总分确定。"


def test_the_list_and_the_details_show_the_rule_set_version_and_when(march, make, login):
    run_ratings("2026")
    publish_ratings(march["street"], "2026", "test")  # a supervisor reads published ratings
    rating = StarRating.objects.get(community=march["a"])
    client = login(make.user("supervisor"))
    listing = client.get("/admin/star_rating/").text
    for shown in ("规则版本", "计算时间", local_time(rating.computed_at), NOTE):
        assert shown in listing, shown
    page = client.get(f"/admin/star_rating/details/?id={rating.pk}").text
    for shown in ("规则版本", "计算时间", local_time(rating.computed_at), NOTE):
        assert shown in page, shown
    assert re.search(r"<b>规则版本</b>\s*</td>\s*<td>\s*1\s*</td>", page)
    assert re.search(r"<b>规则集</b>\s*</td>\s*<td>\s*星级评定标准 v1\s*</td>", page)
    volunteers = client.get("/admin/volunteer_star/").text
    assert "规则版本" in volunteers and "计算时间" in volunteers


def test_the_breakdown_shows_rates_and_weights_as_percentages(march, make, login):
    run_ratings("2026")
    rating = StarRating.objects.get(community=march["a"])
    page = (
        login(make.user("district_admin")).get(f"/admin/star_rating/details/?id={rating.pk}").text
    )
    row = re.search(r"<tr><td>按时办结率</td><td>([^<]+)</td><td>[^<]+</td><td>([^<]+)</td>", page)
    assert row and row.group(2) == "25%" and re.fullmatch(r"(\d+\.\d%|—)", row.group(1))
