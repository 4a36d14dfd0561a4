"""A finished background export, made the product's own way: asked for over HTTP, built by
the job's function (tests/jobs run it in a real worker)."""

from tests.factories import PASSWORD


def background_export(app, owner, path="/admin/exports/volunteer-hours?format=csv"):
    """The ExportJob, done, that `owner` gets by asking for `path` as a large export."""
    from jobs.exporting import run_export
    from models import ExportJob

    asking = app.test_client()
    asking.post("/login", data={"username": owner.username, "password": PASSWORD})
    sync_max = app.config["EXPORT_SYNC_MAX_ROWS"]
    app.config["EXPORT_SYNC_MAX_ROWS"] = -1  # any export becomes a background job
    try:
        response = asking.get(path)
    finally:
        app.config["EXPORT_SYNC_MAX_ROWS"] = sync_max
    assert response.status_code == 302, response.data[:300]
    job = ExportJob.objects(owner=owner).order_by("-id").first()
    with app.app_context():
        run_export(str(job.pk))
    job.reload()
    assert job.status == "done" and job.file_id, job.message
    return job
