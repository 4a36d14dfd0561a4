"""The `flask data` commands."""

import click
from flask.cli import AppGroup
from pymongo.errors import PyMongoError

from weimin.store.transfer.store import ImportRejected, export_store, import_store

MAX_SHOWN = 50

data_cli = AppGroup("data", help="Export or import the store as MongoDB Extended JSON.")


@data_cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Replace the .json files already in DIRECTORY.")
def export_command(directory, force):
    """Write every collection to DIRECTORY/<collection>.json."""
    try:
        counts = export_store(directory, force=force)
    except FileExistsError as exc:
        raise click.ClickException(
            f"目录中已有 .json 文件，加 --force 覆盖 (refusing to overwrite: {exc}; use --force)"
        ) from None
    for name, count in counts.items():
        click.echo(f"{name}: {count}")
    click.echo(f"已导出 {len(counts)} 个集合到 {directory} (exported {len(counts)} collections)")


@data_cli.command("import")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--replace", is_flag=True, help="Empty each imported collection first.")
@click.option("--allow-unknown", is_flag=True, help="Import collections no model describes.")
def import_command(directory, replace, allow_unknown):
    """Validate every DIRECTORY/*.json file, then upsert their documents by _id."""
    try:
        counts = import_store(directory, replace=replace, allow_unknown=allow_unknown)
    except PyMongoError as exc:
        raise click.ClickException(
            f"写入数据库失败 (writing to the database failed): {exc}"
        ) from exc
    except ImportRejected as exc:
        for problem in exc.problems[:MAX_SHOWN]:
            click.echo(str(problem), err=True)
        rest = len(exc.problems) - MAX_SHOWN
        if rest > 0:
            click.echo(f"……另有 {rest} 个错误 (and {rest} more)", err=True)
        raise click.ClickException(
            f"发现 {len(exc.problems)} 个错误，未写入任何数据 "
            f"({len(exc.problems)} problem(s); nothing was written)"
        ) from None
    for name, count in counts.items():
        click.echo(f"{name}: {count}")
    click.echo(f"已导入 {len(counts)} 个集合 (imported {len(counts)} collections)")
