"""``report-draft summary``: the county's 汇总 of the departments' workbooks, for an office that
collects them by hand.

Registered on the ``report-draft`` group by :mod:`generator.cli.app`; the work is
:mod:`generator.summary`'s.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from generator.cli.app import _HELP, _PathArg, _run, _template_options, main
from generator.errors import Severity

if TYPE_CHECKING:
    from pathlib import Path


@main.command(context_settings=_HELP)
@click.argument("paths", nargs=-1, required=True, type=_PathArg())
@click.option("-o", "--output", type=_PathArg(), required=True, help="汇总表的文件名（.xlsx），例如 汇总.xlsx。")
@click.option("--force", is_flag=True, help="汇总表的文件已存在时，先备份再覆盖。")
@_template_options
def summary(paths: tuple[Path, ...], output: Path, force: bool, agency: str | None, templates_dir: Path | None) -> None:
    """把各部门的工作簿汇总成一张表：每个部门一列，每项指标一行，数量和金额有合计。

    可以给出一个或几个文件夹（其中的全部 .xlsx），也可以直接给出工作簿。有错误的工作簿不计入，
    它们的全部问题列在汇总表的“问题”表中，可以发回各部门改正。

    \b
    示例：report-draft summary 各部门工作簿/ -o 汇总.xlsx
          report-draft summary 甲局.xlsx 乙局.xlsx -o 汇总.xlsx --force
    """
    from generator.summary import check_target, collect_workbooks, summarize, write_summary

    _run(check_target, output, force)
    found = _run(collect_workbooks, list(paths), output)
    for path in found.skipped:
        click.echo(f"已跳过：{path}（这是本程序生成的汇总表，不是部门的工作簿）", err=True)
    if not found.workbooks:
        click.echo("错误：没有找到部门的工作簿（.xlsx），没有写出汇总表。", err=True)
        sys.exit(1)
    result = _run(summarize, found.workbooks, agency, templates_dir)
    for finding in result.warnings:
        click.echo(str(finding.problem), err=True)

    def waiting(message: str) -> None:
        click.echo(message, err=True)

    backup = _run(write_summary, result, output, force, waiting)
    click.echo(f"已生成汇总表：{output}（{len(result.rows)} 项指标）")
    if backup is not None:
        click.echo(f"原文件已备份为：{backup}")
    names = "、".join(d.header for d in result.departments)
    click.echo(f"汇总了 {len(result.departments)} 个部门" + (f"：{names}。" if names else "。"))
    if result.failed:
        click.echo(f"{len(result.failed)} 个工作簿有错误，没有计入（全部问题见汇总表的“问题”表，可发回各部门改正）：")
        for department, problems in result.failed:
            errors = [p for p in problems if p.severity is Severity.ERROR]
            who = f"（{department.name}）" if department.name else ""
            click.echo(f"  {department.source}{who}：{len(errors)} 处错误，第一处：{errors[0] if errors else ''}")
    if result.notices:
        click.echo(f"各部门的工作簿中另有 {len(result.notices)} 处提醒，见“问题”表。")
    sys.exit(1 if result.failed else 0)
