"""``report-draft build``: one workbook into a draft, or many in parallel with a summary table.

Registered on the ``report-draft`` group by :mod:`generator.cli.app`; the work is
:func:`generator.pipeline.build`'s and :mod:`generator.batch`'s.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from generator.cli.app import _HELP, _echo_problems, _PathArg, _run, _template_options, main

if TYPE_CHECKING:
    from pathlib import Path


@main.command(context_settings=_HELP)
@click.argument("workbooks", nargs=-1, required=True, type=_PathArg())
@click.option(
    "-o",
    "--output",
    type=_PathArg(),
    default=None,
    help="生成的 Word 文件（.docx）；一次生成多份时是存放初稿的文件夹。"
    "不填时写在工作簿旁边，名为“工作簿名_报告初稿.docx”。",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="一次生成多份时同时运行的进程数，默认为处理器核数。"
)
@click.option("--pdf", "with_pdf", is_flag=True, help="同时用 LibreOffice 生成同名的 PDF（需已安装 LibreOffice）。")
@_template_options
@click.option("--force", is_flag=True, help="输出文件已被修改或不是本程序生成时，先备份再覆盖。")
@click.option(
    "--sources", "with_sources", is_flag=True, help="同时写出 报告名.sources.csv：报告中每个数字来自哪个单元格。"
)
@click.option(
    "--against",
    type=_PathArg(),
    default=None,
    help="与之前的初稿比较：新初稿中改动之处以 Word 修订（插入、删除）标出，作者为“报告生成器”。",
)
@click.option("--annotate", is_flag=True, help="在报告的每个数字上加 Word 批注，写明它来自哪个单元格。")
def build(
    workbooks: tuple[Path, ...],
    output: Path | None,
    jobs: int | None,
    with_pdf: bool,
    agency: str | None,
    templates_dir: Path | None,
    force: bool,
    with_sources: bool,
    against: Path | None,
    annotate: bool,
) -> None:
    """检查工作簿并生成报告初稿（.docx）。有错误时列出全部问题，不写任何文件。

    \b
    一次可以给出多个工作簿或一个文件夹，并行生成全部初稿，最后列出汇总表。

    \b
    示例：report-draft build 数据.xlsx -o 报告初稿.docx
          report-draft build 数据.xlsx -o 报告初稿.docx --pdf
          report-draft build 数据.xlsx --agency 某县市场监管局
          report-draft build 修改稿.xlsx -o 第二稿.docx --against 第一稿.docx
          report-draft build 各部门工作簿/ -o 初稿/ -j 2
    """
    from generator.batch import collect

    found = _run(collect, list(workbooks))
    if len(found) != 1 or workbooks[0].is_dir():
        if against is not None or with_pdf:
            click.echo("错误：一次生成多份时不能使用 --against 或 --pdf，请逐份生成。", err=True)
            sys.exit(2)
        _build_many(found, output, jobs, agency, templates_dir, force, with_sources, annotate)
        return
    from generator.pipeline import build as build_report

    workbook = found[0]
    target = output or workbook.with_name(f"{workbook.stem}_报告初稿.docx")

    def waiting(message: str) -> None:
        click.echo(message, err=True)

    result = _run(
        build_report, workbook, target, agency, templates_dir, force, with_sources, against, annotate, with_pdf, waiting
    )
    _echo_problems(result.warnings)
    headings = sum(1 for _ in result.outline.headings())
    click.echo(f"已生成报告初稿：{target}（{headings} 个标题，{len(result.warnings)} 处提醒）")
    if result.backup is not None:
        click.echo(f"原文件已备份为：{result.backup}")
    if with_sources:
        click.echo(f"数字来源表：{target.with_suffix('.sources.csv')}（{len(result.outline.sources)} 个数字）")
    if with_pdf:
        click.echo(f"已生成 PDF：{target.with_suffix('.pdf')}")
        for note in result.notes:
            click.echo(note, err=True)


def _build_many(
    workbooks: list[Path],
    folder: Path | None,
    jobs: int | None,
    agency: str | None,
    templates_dir: Path | None,
    force: bool,
    with_sources: bool,
    annotate: bool,
) -> None:
    """Build every workbook, in parallel; a summary table; exit 1 if any failed."""
    from generator.batch import default_workers, plan, run_all

    if not workbooks:
        click.echo("错误：没有找到工作簿（.xlsx）。", err=True)
        sys.exit(1)
    if folder is not None:
        if folder.suffix.lower() == ".docx":
            click.echo(f"错误：{folder}：一次生成多份时，-o 应是一个文件夹。", err=True)
            sys.exit(2)
        folder.mkdir(parents=True, exist_ok=True)
    todo = plan(
        workbooks, folder, agency=agency, templates=templates_dir, force=force, sources=with_sources, annotate=annotate
    )
    outcomes = []
    with click.progressbar(
        length=len(todo), label="生成初稿", file=sys.stderr, item_show_func=lambda name: name or ""
    ) as bar:
        for outcome in run_all(todo, jobs or default_workers()):
            outcomes.append(outcome)
            bar.update(1, outcome.job.workbook.name)
    outcomes.sort(key=lambda o: str(o.job.workbook))
    failed = [o for o in outcomes if not o.ok]
    click.echo("文件\t结果\t提醒\t第一个错误")
    for o in outcomes:
        result = f"已生成 {o.job.output}" if o.ok else "失败"
        click.echo(f"{o.job.workbook}\t{result}\t{o.warnings}\t{o.error}")
    click.echo(f"共 {len(outcomes)} 份：成功 {len(outcomes) - len(failed)} 份，失败 {len(failed)} 份。")
    sys.exit(1 if failed else 0)
