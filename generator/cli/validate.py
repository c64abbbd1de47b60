"""``report-draft validate``: every problem of a workbook, by cell, nothing written.

Registered on the ``report-draft`` group by :mod:`generator.cli`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from generator.cli.app import _HELP, _echo_problems, _PathArg, _run, _template_options, main

if TYPE_CHECKING:
    from pathlib import Path


@main.command(context_settings=_HELP)
@click.argument("workbook", type=_PathArg())
@_template_options
def validate(workbook: Path, agency: str | None, templates_dir: Path | None) -> None:
    """只检查工作簿，列出所有问题及其单元格，不生成文件。

    \b
    示例：report-draft validate 数据.xlsx
    """
    from generator.pipeline import load

    loaded = _run(load, workbook, agency, templates_dir)
    _echo_problems(loaded.warnings)
    click.echo(f"检查通过：没有错误，{len(loaded.warnings)} 处提醒。")
