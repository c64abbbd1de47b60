"""The one-way pipeline: workbook → validated model → outline → DOCX bytes → file.

Each step is its own module; this one only connects them and decides when to stop: nothing is
written while an error stands, and the output never replaces the input.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.docx.fingerprint import read_stamp, stamp
from generator.docx.writer import DocumentInfo, render_docx
from generator.errors import InputProblems, OutputProblem, Problem, Severity
from generator.files import backup_path, check_writable_target, read_existing, write_together
from generator.lock import output_lock
from generator.model.profile import load_profile
from generator.model.report import Report
from generator.model.spans import plain
from generator.model.validation import validate
from generator.model.values import clean_text
from generator.read.reader import RawWorkbook, read_workbook
from generator.read.snapshot import snapshot_xml
from generator.render.agencies import TemplateSet, template_set, wording_names
from generator.render.engine import render_outline
from generator.render.outline import Outline


@dataclass
class BuildResult:
    report: Report
    outline: Outline
    warnings: list[Problem] = field(default_factory=list)
    backup: Path | None = None  # where --force kept the file it replaced
    notes: list[str] = field(default_factory=list)  # what the PDF step said (faces it had to replace)


@dataclass
class Loaded:
    report: Report
    templates: TemplateSet
    warnings: list[Problem]
    raw: RawWorkbook | None = None  # the cells read (the draft carries them: generator.read.snapshot)


def load(workbook: Path | RawWorkbook, agency: str | None = None, templates: Path | None = None) -> Loaded:
    """Read the workbook (unless it comes read), find its templates and their 机关资料, validate
    everything together.

    The templates are ``templates`` (a folder), else the agency ``agency``, else the agency the
    workbook names, else the default set.  Raise :class:`InputProblems` with every problem."""
    raw = workbook if isinstance(workbook, RawWorkbook) else read_workbook(workbook)
    named = raw.info.get("template")
    chosen = template_set(agency or (clean_text(named.value) if named else "") or None, templates)
    profile, problems = load_profile(chosen.folder, wording_names(chosen))
    report, more = validate(raw, profile)
    problems += more
    if report is None or any(p.severity is Severity.ERROR for p in problems):
        raise InputProblems(problems)
    return Loaded(report, chosen, [p for p in problems if p.severity is Severity.WARNING], raw)


def document_bytes(
    report: Report, outline: Outline, annotate: bool = False, fingerprint: bool = False, source: bytes = b""
) -> bytes:
    """The draft's DOCX; ``source``: the workbook's cells to carry (:func:`generator.read.snapshot.snapshot_xml`)."""
    typed = report.texts.get("标题")  # the clerk's title (报告用语), its line breaks aside
    title = plain(typed).replace("\n", "") if typed else f"{report.agency}{report.year}年法治政府建设年度报告"
    info = DocumentInfo(
        title=title,
        author=report.signature,
        date=report.date,
        annotate=annotate,
        fingerprint=fingerprint,
        source=source,
    )
    return render_docx(outline, info)


@dataclass
class Drafted:
    """A draft made in memory: what it was made from and its DOCX bytes."""

    loaded: Loaded
    outline: Outline
    docx: bytes


def draft(
    workbook: Path | RawWorkbook,
    agency: str | None = None,
    templates: Path | None = None,
    against: Path | None = None,
    annotate: bool = False,
) -> Drafted:
    """The draft of ``workbook`` as bytes, written nowhere; with ``against`` (an earlier draft or a
    reviewed 定稿), its differences from that document as tracked changes.  Raise
    :class:`InputProblems` with every problem when the workbook has an error."""
    loaded = load(workbook, agency, templates)
    outline = render_outline(loaded.report, loaded.templates)
    carried = snapshot_xml(loaded.raw) if loaded.raw is not None else b""
    data = document_bytes(loaded.report, outline, annotate, fingerprint=against is None, source=carried)
    if against is not None:  # the fingerprint is of the content after the tracked changes
        from generator.docx.tracked import track_changes  # only for --against: keeps a plain build's start short

        data = stamp(track_changes(data, against, dt.datetime.now(dt.UTC)))
    return Drafted(loaded, outline, data)


def guard_existing(output: Path, force: bool) -> tuple[Path, bytes, Path] | None:
    """Never overwrite a reviewer's work or someone else's file silently.

    A draft of ours whose content still matches its fingerprint may be replaced.  Anything else
    stops the build, unless ``force``: then the file's bytes, as read for this check, are returned
    with a dated backup path beside it, for :func:`generator.files.write_together` to keep first.
    Call it under the output's lock (:func:`generator.lock.output_lock`), so no other run writes
    between this check and the writing."""
    data = read_existing(output)
    if data is None:
        return None
    found = read_stamp(data)
    if found.stored is not None and not found.old_scheme and found.stored == found.now:
        return None
    if not force:
        if found.old_scheme:
            why = "由旧版本的本程序生成，旧版本只记下了正文文字，无法确认批注、格式、页眉页脚等是否在生成后被修改过"
        elif found.stored is not None:
            why = "已在生成后被修改过"
        else:
            why = "不是本程序生成的初稿（或无法识别）"
        raise OutputProblem(
            f"{output}：这个文件{why}，为免丢失修改，没有覆盖。"
            "请换一个输出文件名；确需覆盖时加 --force，原文件会先备份在旁边。"
        )
    backup = backup_path(output, dt.datetime.now())
    return backup, data, output


SOURCES_HEADER = ("指标", "报告中的写法", "来源单元格", "单元格中的值")


def sources_csv(outline: Outline) -> bytes:
    """OUT.sources.csv: one row per figure the draft prints, with its cell (UTF-8 with BOM for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SOURCES_HEADER)
    for s in outline.sources:
        for cell in s.cells():  # a worked-out figure (同比, 占) has a row for each cell it depends on
            writer.writerow((cell.label, s.shown, cell.cell, cell.value))
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
    pdf: bool = False,
    waiting: Callable[[str], None] | None = None,
) -> BuildResult:
    """Make the draft from the workbook and write it to ``output`` with its sources table and PDF:
    all of them or none (:func:`generator.files.write_together`), under the output's lock."""
    try:
        same = output.resolve() == workbook.resolve()
    except OSError:
        same = False  # the OS's own refusal of either path is reported below
    if same:
        raise OutputProblem(f"{output}：输出文件不能与输入的工作簿相同，请换一个文件名。")
    check_writable_target(output)
    if output.suffix.lower() != ".docx":
        raise OutputProblem(f"{output}：输出文件应以 .docx 结尾，例如 报告.docx。")
    if not force:  # refuse an edited draft before the work (reading only: no lock, no lock file);
        guard_existing(output, force)  # the check that counts is made again under the lock
    drafted = draft(workbook, agency, templates, against=against, annotate=annotate)
    loaded, outline, data = drafted.loaded, drafted.outline, drafted.docx
    outputs = [(output, data)]
    if sources:
        outputs.append((output.with_suffix(".sources.csv"), sources_csv(outline)))
    notes: list[str] = []
    if pdf:
        pdf_data, notes = pdf_bytes(data, output.with_suffix(".pdf"))
        outputs.append((output.with_suffix(".pdf"), pdf_data))
    with output_lock(output, waiting):
        backup = guard_existing(output, force)
        write_together(outputs, backup)
    return BuildResult(loaded.report, outline, loaded.warnings, backup[0] if backup else None, notes)


def pdf_bytes(docx: bytes, pdf: Path) -> tuple[bytes, list[str]]:
    """The PDF LibreOffice makes of the draft, made in a temporary folder before anything is written,
    and the notes on faces it had to replace."""
    import tempfile

    from generator.docx.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="report-draft-pdf-") as tmp:
        source, target = Path(tmp) / "draft.docx", Path(tmp) / "draft.pdf"
        source.write_bytes(docx)
        try:
            notes = convert_to_pdf(source, target)
        except OutputProblem as exc:
            said = str(exc).replace(str(target), str(pdf))
            raise OutputProblem(f"{said}没有写出任何文件；去掉 --pdf 可以只生成 Word 初稿。") from exc
        return target.read_bytes(), notes


@dataclass
class Prefilled:
    """This year's workbook for a department, in memory: ``carried`` 上年 values from last year's."""

    workbook: Any  # an openpyxl Workbook (imported only when one is made)
    carried: int = 0
    backup: Path | None = None  # where --force kept the file it replaced


def prefill(
    last_year: Path | RawWorkbook | None = None,
    info: Mapping[str, Any] | None = None,
    agency: str | None = None,
    templates: Path | None = None,
) -> Prefilled:
    """The blank workbook holding the department's 基本信息 and, from last year's workbook, its
    figures as 上年 (:func:`generator.workbook.prefill.prefilled_workbook`).

    Last year's 基本信息 as typed is carried, 报告年度 one on, and ``info`` (field label → value)
    given over it.  Last year's workbook must validate (``agency``, ``templates`` as for ``load``):
    its problems are raised as :class:`InputProblems` whose places name the file."""
    from generator.workbook.prefill import carried_info, prefilled_workbook

    given: dict[str, Any] = {}
    report = None
    if last_year is not None:
        raw = last_year if isinstance(last_year, RawWorkbook) else read_workbook(last_year)
        try:
            report = load(raw, agency, templates).report
        except InputProblems as exc:
            named = [Problem(p.severity, f"{raw.source}：{p.where}", p.message) for p in exc.problems]
            raise InputProblems(named) from exc
        given = carried_info(raw)
    wb, carried = prefilled_workbook({**given, **(info or {})}, report)
    return Prefilled(wb, carried)


def write_prefilled(
    output: Path,
    last_year: Path | None = None,
    info: Mapping[str, Any] | None = None,
    force: bool = False,
    waiting: Callable[[str], None] | None = None,
) -> Prefilled:
    """``init``: write the department's workbook (:func:`prefill`) to ``output`` whole, never over
    last year's workbook, nor over an existing file unless ``force`` (then after a dated backup)."""
    from generator.workbook.output import check_new_workbook, same_file, workbook_bytes, write_new_workbook

    if last_year is not None and same_file(last_year, output):
        raise OutputProblem(f"{output}：新工作簿不能与上年的工作簿是同一个文件，请换一个文件名。上年的工作簿没有改动。")
    check_new_workbook(output, force)
    made = prefill(last_year, info)
    made.backup = write_new_workbook(output, workbook_bytes(made.workbook), force, waiting)
    return made
