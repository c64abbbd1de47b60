"""``report-draft import``: start this year's workbook from last year's report.

Registered on the ``report-draft`` group by :mod:`generator.cli.app`; the work is
:func:`generator.imports.api.write_import`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from generator.cli.app import _HELP, _PathArg, _run, main

if TYPE_CHECKING:
    from pathlib import Path


@main.command("import", context_settings=_HELP)
@click.argument("report", type=_PathArg(), metavar="去年的报告")
@click.option("-o", "--output", "output", type=_PathArg(), required=True, help="要生成的工作簿（.xlsx）。")
@click.option("--force", is_flag=True, help="工作簿文件已存在时，先备份再覆盖。")
@click.option(
    "--same-year",
    "--同一年度",
    "same_year",
    is_flag=True,
    help="不进入下一年：报告年度照旧，数字写在“本年”列（还原生成这份报告的工作簿）。",
)
def import_report(report: Path, output: Path, force: bool, same_year: bool) -> None:
    """从去年的报告开始：读入去年的年度报告，生成今年的工作簿。

    去年的报告可以是 Word 文档（.docx；.doc 和 .wps 需要安装 LibreOffice）、本程序生成的初稿，
    或网站上公开的报告另存的文字（.txt）或网页（.html）。新工作簿中已写好去年报告的结构、用语和叙述，
    去年的数字写在各指标的“上年”列，叙述中的数字已改为引用〔指标〕；只需填写本年数字、改写变了的地方。
    没能归入工作簿的段落列在“未能归类的段落”表，去年第四部分的安排列在“去年的安排”表。

    \b
    示例：report-draft import "2025年法治政府建设年度报告.docx" -o "2026年 法治政府建设数据.xlsx"
    """
    from generator.imports.api import write_import

    def waiting(message: str) -> None:
        click.echo(message, err=True)

    result = _run(write_import, report, output, force, waiting, same_year)
    click.echo(f"已从“{report}”导入去年的报告，生成工作簿：{output}")
    for line in result.summary():
        click.echo(f"  {line}")
    if not same_year:
        click.echo(
            "下一步：在各指标表和“特色指标”表的“本年”列填写今年的数字，改写变了的叙述，"
            "在“下年安排”表写明年的安排，再运行 report-draft validate。"
        )
    if result.backup is not None:
        click.echo(f"原文件已备份为：{result.backup}")
