"""``report-draft init``: the workbook to fill, blank or holding last year's figures.

Registered on the ``report-draft`` group by :mod:`generator.cli`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from generator.cli.app import _HELP, _PathArg, _run, main

if TYPE_CHECKING:
    from pathlib import Path


@main.command(context_settings=_HELP)
@click.argument("path", type=_PathArg(dir_okay=False))
@click.option(
    "--上年",
    "--last-year",
    "last_year",
    type=_PathArg(),
    default=None,
    metavar="上年工作簿.xlsx",
    help="上一年度的工作簿：把其中的基本信息（年度加一）、各指标的本年数字（填入新工作簿的“上年”列）"
    "和特色指标带到新工作簿中。上年的工作簿不会被改动。",
)
@click.option("--force", is_flag=True, help="文件已存在时覆盖它（原文件会先备份在旁边）。")
def init(path: Path, last_year: Path | None, force: bool) -> None:
    """生成空白的输入工作簿（含填写说明、下拉列表和示例）。

    \b
    示例：report-draft init "2025年 法治政府建设数据.xlsx"
          report-draft init "2026年 数据.xlsx" --上年 "2025年 数据.xlsx"
    """
    from generator.pipeline import write_prefilled

    def waiting(message: str) -> None:
        click.echo(message, err=True)

    made = _run(write_prefilled, path, last_year, None, force, waiting)
    if last_year is None:
        click.echo(f"已生成空白工作簿：{path}")
    else:
        click.echo(
            f"已生成工作簿：{path}（基本信息和 {made.carried} 个上年数字取自 {last_year}；"
            "请填写本年数字、成文日期和各文字表）"
        )
    if made.backup is not None:
        click.echo(f"原文件已备份为：{made.backup}")
