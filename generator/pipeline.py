"""The one-way pipeline: workbook → validated model → outline → DOCX bytes → file.

Each step is its own module; this one only connects them and decides when to stop: nothing is
written while an error stands, and the output never replaces the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .agencies import TemplateSet, template_set
from .docx_writer import DocumentInfo, render_docx
from .errors import InputProblems, OutputProblem, Problem, Severity
from .files import check_writable_target, write_bytes
from .model import Report, validate
from .outline import Outline
from .profile import load_profile
from .render import render_outline, wording_names
from .values import clean_text
from .workbook.reader import read_workbook


@dataclass
class BuildResult:
    report: Report
    outline: Outline
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Loaded:
    report: Report
    templates: TemplateSet
    warnings: list[Problem]


def load(workbook: Path, agency: str | None = None, templates: Path | None = None) -> Loaded:
    """Read the workbook, find its templates and their 机关资料, validate everything together.

    The templates are ``templates`` (a folder), else the agency ``agency``, else the agency the
    workbook names, else the default set.  Raise :class:`InputProblems` with every problem."""
    raw = read_workbook(workbook)
    named = raw.info.get("template")
    chosen = template_set(agency or (clean_text(named.value) if named else "") or None, templates)
    profile, problems = load_profile(chosen.folder, wording_names(chosen))
    report, more = validate(raw, profile)
    problems += more
    if report is None or any(p.severity is Severity.ERROR for p in problems):
        raise InputProblems(problems)
    return Loaded(report, chosen, [p for p in problems if p.severity is Severity.WARNING])


def document_bytes(report: Report, outline: Outline) -> bytes:
    title = f"{report.agency}{report.year}年法治政府建设年度报告"
    return render_docx(outline, DocumentInfo(title=title, author=report.signature, date=report.date))


def build(workbook: Path, output: Path, agency: str | None = None, templates: Path | None = None) -> BuildResult:
    """Make the draft from the workbook and write it to ``output`` atomically."""
    if output.resolve() == workbook.resolve():
        raise OutputProblem(f"{output}：输出文件不能与输入的工作簿相同，请换一个文件名。")
    if output.suffix.lower() != ".docx":
        raise OutputProblem(f"{output}：输出文件应以 .docx 结尾，例如 报告.docx。")
    check_writable_target(output)
    loaded = load(workbook, agency, templates)
    outline = render_outline(loaded.report, loaded.templates)
    write_bytes(output, document_bytes(loaded.report, outline))
    return BuildResult(loaded.report, outline, loaded.warnings)
