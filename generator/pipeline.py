"""The one-way pipeline: workbook → validated model → outline → DOCX bytes → file.

Each step is its own module; this one only connects them and decides when to stop: nothing is
written while an error stands, and the output never replaces the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .agencies import template_set
from .docx_writer import DocumentInfo, render_docx
from .errors import InputProblems, OutputProblem, Problem, Severity
from .files import check_writable_target, write_bytes
from .model import Report, validate
from .outline import Outline
from .render import render_outline
from .workbook.reader import read_workbook


@dataclass
class BuildResult:
    report: Report
    outline: Outline
    warnings: list[Problem] = field(default_factory=list)


def load(workbook: Path) -> tuple[Report, list[Problem]]:
    """Read and validate; raise :class:`InputProblems` (with every problem) if anything is wrong."""
    report, problems = validate(read_workbook(workbook))
    if report is None:
        raise InputProblems(problems)
    return report, [p for p in problems if p.severity is Severity.WARNING]


def document_bytes(report: Report, outline: Outline) -> bytes:
    title = f"{report.agency}{report.year}年法治政府建设年度报告"
    return render_docx(outline, DocumentInfo(title=title, author=report.signature, date=report.date))


def build(workbook: Path, output: Path, agency: str | None = None, templates: Path | None = None) -> BuildResult:
    """Make the draft from the workbook and write it to ``output`` atomically.

    The templates are ``templates`` (a folder), else the agency ``agency``, else the agency the
    workbook names, else the default set."""
    if output.resolve() == workbook.resolve():
        raise OutputProblem(f"{output}：输出文件不能与输入的工作簿相同，请换一个文件名。")
    if output.suffix.lower() != ".docx":
        raise OutputProblem(f"{output}：输出文件应以 .docx 结尾，例如 报告.docx。")
    check_writable_target(output)
    report, warnings = load(workbook)
    chosen = template_set(agency or report.template or None, templates)
    outline = render_outline(report, chosen)
    write_bytes(output, document_bytes(report, outline))
    return BuildResult(report, outline, warnings)
