"""``report-draft diff``: two versions of a workbook, cell by cell and sentence by sentence.

Registered on the ``report-draft`` group by :mod:`generator.cli.app`; the work is :mod:`generator.changes`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

    from generator.changes import as_json as changes_json
    from generator.changes import as_text, cell_changes, sentence_changes
    from generator.pipeline import load
    from generator.read.reader import read_workbook
    from generator.render.engine import render_outline

    def outline(path: Path) -> Any:
        loaded = load(path, agency, templates_dir)
        return render_outline(loaded.report, loaded.templates)

    cells = cell_changes(_run(read_workbook, old), _run(read_workbook, new))
    changed = sentence_changes(_run(outline, old), _run(outline, new))
    if as_json:
        click.echo(json.dumps(changes_json(cells, changed), ensure_ascii=False, indent=2))
    else:
        click.echo(as_text(cells, changed, old, new), nl=False)
