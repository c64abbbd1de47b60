"""The one-way pipeline: workbook → validated model → outline → DOCX bytes → file.

Each step is its own module; this one only connects them and decides when to stop: nothing is
written while an error stands, and the output never replaces the input.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .agencies import TemplateSet, template_set
from .docx_writer import DocumentInfo, render_docx
from .errors import InputProblems, OutputProblem, Problem, Severity
from .files import check_writable_target, write_bytes
from .fingerprint import read_stamp, stamp
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
    backup: Path | None = None  # where --force kept the file it replaced


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


def document_bytes(report: Report, outline: Outline, annotate: bool = False, fingerprint: bool = False) -> bytes:
    title = f"{report.agency}{report.year}年法治政府建设年度报告"
    info = DocumentInfo(
        title=title, author=report.signature, date=report.date, annotate=annotate, fingerprint=fingerprint
    )
    return render_docx(outline, info)


def guard_existing(output: Path, force: bool) -> Path | None:
    """Never overwrite a hand-edited draft or someone else's file silently.

    A draft of ours whose text still matches its fingerprint may be replaced.  Anything else stops
    the build, unless ``force``: then it is first kept, byte for byte, as a dated backup beside it,
    whose path is returned."""
    if not output.exists():
        return None
    stored, now = read_stamp(output)
    if stored is not None and stored == now:
        return None
    if not force:
        why = "已在生成后被修改过" if stored is not None else "不是本程序生成的初稿（或无法识别）"
        raise OutputProblem(
            f"{output}：这个文件{why}，为免丢失修改，没有覆盖。"
            "请换一个输出文件名；确需覆盖时加 --force，原文件会先备份在旁边。"
        )
    stamp_text = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = output.with_name(f"{output.stem}.{stamp_text}.备份{output.suffix}")
    n = 1
    while backup.exists():
        n += 1
        backup = output.with_name(f"{output.stem}.{stamp_text}-{n}.备份{output.suffix}")
    shutil.copy2(output, backup)
    return backup


SOURCES_HEADER = ("指标", "报告中的写法", "来源单元格", "单元格中的值")


def sources_csv(outline: Outline) -> bytes:
    """OUT.sources.csv: one row per figure the draft prints, with its cell (UTF-8 with BOM for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SOURCES_HEADER)
    for s in outline.sources:
        writer.writerow((s.label, s.shown, s.cell, s.value))
    return buffer.getvalue().encode("utf-8-sig")


def build(
    workbook: Path,
    output: Path,
    agency: str | None = None,
    templates: Path | None = None,
    force: bool = False,
    sources: bool = False,
    against: Path | None = None,
    annotate: bool = False,
) -> BuildResult:
    """Make the draft from the workbook and write it to ``output`` atomically (and its sources)."""
    if output.resolve() == workbook.resolve():
        raise OutputProblem(f"{output}：输出文件不能与输入的工作簿相同，请换一个文件名。")
    if output.suffix.lower() != ".docx":
        raise OutputProblem(f"{output}：输出文件应以 .docx 结尾，例如 报告.docx。")
    check_writable_target(output)
    loaded = load(workbook, agency, templates)
    outline = render_outline(loaded.report, loaded.templates)
    data = document_bytes(loaded.report, outline, annotate, fingerprint=against is None)
    if against is not None:  # the fingerprint is of the text after the tracked changes
        from .tracked import track_changes  # only for --against: keeps a plain build's start short

        data = stamp(track_changes(data, against, dt.datetime.now(dt.UTC)))
    backup = guard_existing(output, force)
    write_bytes(output, data)
    if sources:
        write_bytes(output.with_suffix(".sources.csv"), sources_csv(outline))
    return BuildResult(loaded.report, outline, loaded.warnings, backup)
