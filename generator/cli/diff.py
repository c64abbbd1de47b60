"""``report-draft diff``: two versions of a workbook, cell by cell and sentence by sentence.

Registered on the ``report-draft`` group by :mod:`generator.cli.app`; the work is
:func:`generator.changes.compare`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from generator.cli.app import _HELP, _PathArg, _run, _template_options, main

if TYPE_CHECKING:
    from pathlib import Path


@main.command(context_settings=_HELP)
@click.argument("old", type=_PathArg())
@click.argument("new", type=_PathArg())
@_template_options
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（供其他程序读取）。")
def diff(old: Path, new: Path, agency: str | None, templates_dir: Path | None, as_json: bool) -> None:
    """比较两个版本的工作簿：列出改动的每个单元格，以及报告中随之变化的每一句话。

    \b
    示例：report-draft diff 数据_第一稿.xlsx 数据_修改稿.xlsx
          report-draft diff 旧.xlsx 新.xlsx --json
    """
    import json

    from generator.changes import compare

    comparison = _run(compare, old, new, agency, templates_dir)
    if as_json:
        click.echo(json.dumps(comparison.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(comparison.as_text(), nl=False)
