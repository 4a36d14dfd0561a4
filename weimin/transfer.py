"""`flask data export DIR` / `data import DIR` (to be completed)."""

import click
from flask.cli import AppGroup

data_cli = AppGroup("data", help="Export or import the store as MongoDB Extended JSON.")


@data_cli.command("export")
@click.argument("directory")
def export_command(directory):
    raise click.ClickException("not implemented yet")
