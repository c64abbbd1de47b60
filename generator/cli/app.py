"""The ``report-draft`` command: one thin function per command; click lives only in the CLI.

This module holds the group and what every command shares (path arguments, the template options,
turning an error into a message and an exit status); each command is a module beside it
(``init.py``, ``validate.py``, ``build.py`` …) that registers itself on the group when the package
imports it.

Exit status: 0 done (warnings may have been printed), 1 the input or the output has a problem
(the message says where and what to do), 2 the command was typed wrong.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from generator.cli import i18n
from generator.errors import InputProblems, Problem, ReportError, Severity

if TYPE_CHECKING:
    pass

i18n.install()

_HELP = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _PathArg(click.Path):
    """A path argument or option, given to the command as a pathlib.Path.  pathlib is imported when
    a path arrives, not at start-up: ``--help`` does without it (about 8 ms of a 100 ms budget).
    click's own readability check is off: it would end in exit 2 with no reason; the command reads
    the file and says why it cannot (exit 1)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(readable=False, **kwargs)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from pathlib import Path

        return Path(super().convert(value, param, ctx))


def _echo_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)


def _fail(exc: ReportError) -> NoReturn:
    if isinstance(exc, InputProblems):
        _echo_problems(exc.problems)
        errors = sum(p.severity is Severity.ERROR for p in exc.problems)
        warnings = len(exc.problems) - errors
        click.echo(f"共 {errors} 处错误、{warnings} 处提醒。改正错误后再生成；没有写出任何文件。", err=True)
    else:
        click.echo(f"错误：{exc}", err=True)
    sys.exit(1)


def _run(action: Any, *args: Any) -> Any:
    """Run a core action; a user's mistake becomes a Chinese message and exit status 1."""
    try:
        return action(*args)
    except ReportError as exc:
        _fail(exc)
    except OSError as exc:  # the operating system refused a path: which, and why, in Chinese
        from generator.files import os_advice, os_problem

        click.echo(f"错误：{os_problem(exc)}{os_advice(exc)}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug of ours: no traceback for the clerk, but enough to report it
        if os.environ.get("REPORT_DRAFT_DEBUG"):
            raise
        click.echo(
            f"程序内部错误（{type(exc).__name__}: {exc}）。这不是您的操作问题；"
            "请把这条信息和工作簿发给维护人员，或设置环境变量 REPORT_DRAFT_DEBUG=1 查看详情。",
            err=True,
        )
        sys.exit(3)


@click.group(context_settings=_HELP)
@click.version_option(package_name="report-draft", message="report-draft %(version)s", help="显示版本并退出。")
def main() -> None:
    """根据 Excel 工作簿生成法治政府建设年度报告初稿（GB/T 9704-2012 格式的 Word 文档）。

    \b
    常用步骤：
      report-draft init 数据.xlsx              生成空白工作簿
      report-draft validate 数据.xlsx          检查填写是否有误
      report-draft build 数据.xlsx -o 报告.docx  生成报告初稿
    """


def _template_options(f: Any) -> Any:
    f = click.option("--agency", default=None, help="使用某个机关的模板（templates/agencies 下的文件夹名）。")(f)
    return click.option(
        "--templates",
        "templates_dir",
        type=_PathArg(),
        default=None,
        help="使用指定文件夹中的模板（其中的 report.j2 可继承默认模板）。",
    )(f)


def run() -> NoReturn:
    """The console entry point (``report-draft``, ``python -m generator``): the CLI, then an exit
    that skips the interpreter's teardown.

    Freeing every module and object that pydantic, Jinja2 and lxml made takes 40–60 ms here, a
    seventh of a report, after the work is done.  By then every file we wrote is closed (each is
    written inside a ``with``) and a process pool is shut down, so only our own output needs
    flushing."""
    try:
        main()  # standalone: ends in SystemExit, for success too
        status: Any = 0
    except SystemExit as exc:
        status = exc.code
    if status is None:
        status = 0
    elif not isinstance(status, int):
        print(status, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(status)
