"""``report-draft upgrade``: a workbook made by an older ``init`` carried into the current layout.

Registered on the ``report-draft`` group by :mod:`generator.cli.app`; the work is
:func:`generator.workbook.upgrade.write_upgrade`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from generator.cli.app import _HELP, _PathArg, _run, main

if TYPE_CHECKING:
    from pathlib import Path


@main.command(context_settings=_HELP)
@click.argument("old", type=_PathArg())
@click.argument("new", type=_PathArg())
@click.option("--force", is_flag=True, help="新工作簿的文件已存在时，先备份再覆盖。")
def upgrade(old: Path, new: Path, force: bool) -> None:
    """把旧版 init 生成的工作簿转换为当前版本的工作簿：每个填写的值都搬到新表中的对应位置。

    旧工作簿不会被改动。新版没有位置的工作表、行和列原样保留，并逐一提醒放在了哪里。

    \b
    示例：report-draft upgrade "2025年 数据.xlsx" "2025年 数据（新版）.xlsx"
    """
    from generator.workbook.upgrade import write_upgrade

    def waiting(message: str) -> None:
        click.echo(message, err=True)

    result = _run(write_upgrade, old, new, force, waiting)
    for notice in result.notices:
        click.echo(f"提醒：{notice}", err=True)
    click.echo(f"已生成新版工作簿：{new}（搬过 {len(result.moved)} 个单元格，{len(result.notices)} 处提醒）")
    if result.backup is not None:
        click.echo(f"原文件已备份为：{result.backup}")
