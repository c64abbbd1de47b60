"""``report-draft backup`` and ``report-draft restore``: the web server's data, while it runs.

Registered on the ``report-draft`` group by :mod:`generator.cli`; the work is :mod:`generator.web.backup`'s."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from generator.cli.app import _HELP, _PathArg, _run, main
from generator.cli.serve import data_option

if TYPE_CHECKING:
    from pathlib import Path


@main.command(context_settings=_HELP)
@click.argument("target", type=_PathArg(dir_okay=False))
@data_option("serve 使用的数据目录。")
@click.option("--postgresql", is_flag=True, help="服务使用 PostgreSQL：只备份文件，数据库请用 pg_dump 备份。")
def backup(target: Path, data_dir: Path, postgresql: bool) -> None:
    """备份网页服务的数据（数据库和全部上传、初稿），服务运行中也可以备份。

    \b
    示例：report-draft backup 备份_20260301.zip
    """
    from generator.web.backup import make_backup

    made = _run(make_backup, data_dir, target, postgresql)
    what = "数据库和" if made.database else ""
    click.echo(f"已备份{what} {made.files} 个文件：{made.path}")


@main.command(context_settings=_HELP)
@click.argument("source", type=_PathArg(dir_okay=False))
@click.option(
    "--data", "data_dir", type=_PathArg(file_okay=False), required=True, help="恢复到的数据目录（新的或空的）。"
)
def restore(source: Path, data_dir: Path) -> None:
    """把 backup 生成的备份恢复到一个新的数据目录，再用 serve --data 该目录 启动。

    \b
    示例：report-draft restore 备份_20260301.zip --data 报告收集数据_恢复
    """
    from generator.web.backup import restore_backup

    count = _run(restore_backup, source, data_dir)
    click.echo(f'已恢复 {count} 个文件到 {data_dir}；用 report-draft serve --data "{data_dir}" 启动。')
