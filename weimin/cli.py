"""Command-line groups: data export/import, users."""


def init_cli(app):
    """Register the CLI groups on this app."""
    from jobs.cli import jobs_cli
    from weimin.transfer import data_cli

    app.cli.add_command(data_cli)
    app.cli.add_command(jobs_cli)
