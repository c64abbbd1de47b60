"""The ``report-draft`` command: one thin function per command; click lives only here.

Exit status: 0 done (warnings may have been printed), 1 the input or the output has a problem
(the message says where and what to do), 2 the command was typed wrong.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import i18n
from .errors import InputProblems, OutputProblem, Problem, ReportError, Severity

if TYPE_CHECKING:
    from pathlib import Path

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
        from .files import os_advice, os_problem

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


@main.command(context_settings=_HELP)
@click.argument("path", type=_PathArg(dir_okay=False))
@click.option("--force", is_flag=True, help="文件已存在时覆盖它。")
def init(path: Path, force: bool) -> None:
    """生成空白的输入工作簿（含填写说明、下拉列表和示例）。

    \b
    示例：report-draft init "2025年 法治政府建设数据.xlsx"
    """
    from .workbook.blank import write_blank

    def make() -> None:
        if path.suffix.lower() != ".xlsx":
            raise OutputProblem(f"{path}：工作簿文件名应以 .xlsx 结尾。")
        if path.exists() and not force:
            raise OutputProblem(f"{path}：文件已存在，没有覆盖。换一个文件名，或加 --force 覆盖。")
        write_blank(path)

    _run(make)
    click.echo(f"已生成空白工作簿：{path}")


def _template_options(f: Any) -> Any:
    f = click.option("--agency", default=None, help="使用某个机关的模板（templates/agencies 下的文件夹名）。")(f)
    return click.option(
        "--templates",
        "templates_dir",
        type=_PathArg(),
        default=None,
        help="使用指定文件夹中的模板（其中的 report.j2 可继承默认模板）。",
    )(f)


@main.command(context_settings=_HELP)
@click.argument("workbook", type=_PathArg())
@_template_options
def validate(workbook: Path, agency: str | None, templates_dir: Path | None) -> None:
    """只检查工作簿，列出所有问题及其单元格，不生成文件。

    \b
    示例：report-draft validate 数据.xlsx
    """
    from .pipeline import load

    loaded = _run(load, workbook, agency, templates_dir)
    _echo_problems(loaded.warnings)
    click.echo(f"检查通过：没有错误，{len(loaded.warnings)} 处提醒。")


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
    from .batch import collect

    found = _run(collect, list(workbooks))
    empty = [w for w in workbooks if w.is_dir() and not collect([w])]  # collect has read them all
    if empty:
        click.echo(
            f"错误：{empty[0]}：这个文件夹中没有工作簿（.xlsx 或 .xlsm）。"
            "请把工作簿放进这个文件夹，或直接写出工作簿的路径。",
            err=True,
        )
        sys.exit(1)
    if len(found) != 1 or workbooks[0].is_dir():
        if against is not None or with_pdf:
            click.echo("错误：一次生成多份时不能使用 --against 或 --pdf，请逐份生成。", err=True)
            sys.exit(2)
        _build_many(found, output, jobs, agency, templates_dir, force, with_sources, annotate)
        return
    from .pipeline import build as build_report

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
    from .batch import default_workers, plan, run_all

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


@main.command(context_settings=_HELP)
@click.argument("docx", type=_PathArg())
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出检查结果（供其他程序读取）。")
def check(docx: Path, as_json: bool) -> None:
    """按 GB/T 9704-2012 和年度报告的规定顺序检查任意 Word 文档（.docx），列出不符合之处。

    有问题时退出码为 1。可检查本程序生成的初稿、手工修改过的稿子或往年的报告。

    \b
    示例：report-draft check 报告初稿.docx
          report-draft check 去年的报告.docx --json
    """
    import json

    from .audit import RULES, audit, findings_as_json

    findings = _run(audit, docx)
    if as_json:
        click.echo(json.dumps(findings_as_json(findings), ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(str(f))
        if findings:
            rules = sorted({f.rule for f in findings})
            click.echo(
                f"共 {len(findings)} 处不符合（{len(rules)} 条规则："
                + "，".join(RULES[r].title for r in rules)
                + "）。"
            )
        else:
            click.echo(f"{docx}：未发现不符合 GB/T 9704-2012 和规定顺序之处。")
    sys.exit(1 if findings else 0)


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

    from .changes import as_json as changes_json
    from .changes import as_text, cell_changes, sentence_changes
    from .pipeline import load
    from .render import render_outline
    from .workbook.reader import read_workbook

    def outline(path: Path) -> Any:
        loaded = load(path, agency, templates_dir)
        return render_outline(loaded.report, loaded.templates)

    cells = cell_changes(_run(read_workbook, old), _run(read_workbook, new))
    changed = sentence_changes(_run(outline, old), _run(outline, new))
    if as_json:
        click.echo(json.dumps(changes_json(cells, changed), ensure_ascii=False, indent=2))
    else:
        click.echo(as_text(cells, changed, old, new), nl=False)


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
    from .agencies import DEFAULT_NAME, list_agencies, templates_root

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
    from .agencies import template_set
    from .render import block_sources

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
    from .agencies import default_blocks, scaffold

    folder = _run(scaffold, name, into, default_blocks())
    click.echo(f"已新建模板：{folder}。改写其中 report.j2 的部分内容后，用 --agency {name} 生成报告。")


from . import cli_upgrade  # noqa: E402, F401  (registers ``upgrade`` on the group)


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
