"""A job run's summary reads in Chinese on its details page."""

from types import SimpleNamespace

from admin.job_summary import summary_list


def test_summary_figures_have_chinese_names(app):
    run = SimpleNamespace(
        summary={"period": "2026", "rated": 14, "stars": {"0": 2, "4": 3}, "computed": ["JD01"]}
    )
    with app.test_request_context():
        html = str(summary_list(None, None, run, "summary"))
    assert "已评定" in html and "各星级数量" in html and "★★★★ 3" in html and "未评星 2" in html
    assert "JD01" in html and "rated" not in html and "{" not in html
