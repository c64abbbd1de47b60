"""``report-draft templates list|show|new``: the agency templates.

Registered on the ``report-draft`` group by :mod:`generator.cli.app`; the work is :mod:`generator.render.agencies`'s.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from generator.cli.app import _HELP, _PathArg, _run, main

if TYPE_CHECKING:
    from pathlib import Path


@main.group(context_settings=_HELP)
def templates() -> None:
    """管理机关专用的报告模板：列出、查看、新建。

    \b
    示例：report-draft templates list
          report-draft templates new 某县司法局
          report-draft templates show 某县司法局
    """


@templates.command("list", context_settings=_HELP)
def templates_list() -> None:
    """列出可用的模板（默认模板和各机关的模板）。

    \b
    示例：report-draft templates list
    """
    from generator.render.agencies import DEFAULT_NAME, list_agencies, templates_root

    click.echo(f"{DEFAULT_NAME}\t{templates_root() / 'default'}\t随程序提供的默认模板")
    for name, folder, guide in list_agencies():
        click.echo(f"{name}\t{folder}\t{guide}")


@templates.command("show", context_settings=_HELP)
@click.argument("name")
def templates_show(name: str) -> None:
    """列出某个模板的每一部分（block）来自哪个文件。

    \b
    示例：report-draft templates show 某县司法局
    """
    from generator.render.agencies import template_set
    from generator.render.engine import block_sources

    chosen = _run(template_set, name)
    for block, source in _run(block_sources, chosen):
        click.echo(f"{block}\t{source}")


@templates.command("new", context_settings=_HELP)
@click.argument("name")
@click.option(
    "--into",
    type=_PathArg(file_okay=False),
    default=os.path.join("templates", "agencies"),
    show_default=True,
    help="在哪个文件夹下新建。",
)
def templates_new(name: str, into: Path) -> None:
    """新建一个机关模板文件夹：含填写说明，默认模板的每一部分都列出并注释掉。

    \b
    示例：report-draft templates new 某县司法局
    """
    from generator.render.agencies import default_blocks, scaffold

    folder = _run(scaffold, name, into, default_blocks())
    click.echo(f"已新建模板：{folder}。改写其中 report.j2 的部分内容后，用 --agency {name} 生成报告。")
