"""The county's 汇总: every department × every figure it reported, with the county's totals.

Each department's workbook is loaded and validated as ``build`` loads it
(:func:`generator.pipeline.load`); a workbook with errors contributes no figure and is listed with
all its problems, for the collecting office to send back.  The rules:

- A row is a figure's label as the department printed it (the clerk's 指标 wording, built-in rows and
  特色指标 alike) and its unit; the same label in two units makes two rows and a warning.  Money is
  one unit: 元 and 万元 are converted, and the row is shown in 元, 万元 or 亿元 as the body text would
  show its largest amount.
- A value stands as typed: 余/多/以上/约… and a 万 or 亿 the clerk typed are kept ("300余",
  "100万余"); an exact value is a number.
- Counts and amounts are added up.  Rates (%) and averages (人均…, 平均…) are not: their 合计 says so.
- A total of approximate values is approximate: "1234余" when every approximate part is a lower bound
  (余, 多, 以上, 超过, 突破, 不少于, 逾, as the reports write "共300余件"), else "约1234".
- Two workbooks with one 机关名称 are both kept, their columns headed with the file name too.

Computing (:func:`summarize`, :func:`summary_workbook`, :func:`summary_bytes`) is apart from
writing (:func:`write_summary`, as ``upgrade`` writes: lock, all or nothing, a dated backup with
``force``), because the web keeps the bytes in its data folder.  The sheets are in
:mod:`generator.summary_sheets`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from generator.batch import collect
from generator.errors import InputProblems, OutputProblem, Problem, ReportError, Severity, WorkbookUnreadable
from generator.files import backup_path, check_writable_target, os_advice, read_existing, reason, write_together
from generator.lock import output_lock
from generator.model.citations import is_money, is_rate
from generator.model.numbers import WAN, YI, plain, scaled
from generator.model.report import Figure, Report
from generator.model.values import APPROX_PREFIXES, clean_text
from generator.pipeline import Loaded, load
from generator.read import catalogue as cat
from generator.read.container import open_workbook
from generator.read.reader import MAX_ROWS, read_workbook
from generator.read.xml_stream import Unreadable

if TYPE_CHECKING:
    from openpyxl import Workbook

SUMMARY_SHEETS = ("汇总", "问题", "说明")  # also how a summary of ours is told from a department's workbook
LOWER_BOUNDS = ("余", "多", "以上", "超过", "突破", "不少于", "逾")  # the figure is at least the number typed
NOT_SUMMED = {"rate": "比率不合计", "average": "平均数不合计"}
_AVERAGE = re.compile(r"[人户日月年次件]均|平均")
_EXISTS = "文件已存在，没有覆盖。换一个文件名，或加 --force 覆盖（原文件会先备份在旁边）。"


@dataclass(frozen=True)
class Department:
    name: str  # 机关名称 (基本信息); "" when the workbook could not be read
    source: str  # the workbook's file name
    header: str = ""  # its column's header: the name, with the file name when two share the name


@dataclass(frozen=True)
class Value:
    """One department's figure in a row: as typed (without the unit) and as a number in the row's unit."""

    shown: str  # 300余, 100万余, 32.15 (money in the row's unit)
    number: Decimal
    approx: str  # 余, 约 … as typed; "" for an exact figure
    exact: bool  # no approximation and no 万/亿 typed: the sheet holds it as a number
    cell: str  # 工作表!单元格 in the department's workbook


@dataclass(frozen=True)
class Row:
    label: str  # as the departments printed it
    unit: str  # the unit of every value of the row
    values: tuple[Value | None, ...]  # one per department of Summary.departments, None: not filled
    measure: str  # "sum", "rate" or "average"
    total: Decimal | None  # None for rates and averages
    total_shown: str  # 1234, 1234余, 约1234; for rates and averages why there is none (NOT_SUMMED)

    @property
    def approximate(self) -> bool:
        return any(v is not None and v.approx for v in self.values)


@dataclass(frozen=True)
class Finding:
    """One line of the 问题 sheet: a department's problem, or one the 汇总 itself found."""

    agency: str  # 机关名称; several joined by 、 for the 汇总's own
    source: str  # file name(s)
    problem: Problem


@dataclass(frozen=True)
class Summary:
    departments: tuple[Department, ...]  # the summed ones, one column each
    rows: tuple[Row, ...]
    failed: tuple[tuple[Department, tuple[Problem, ...]], ...]  # workbooks with errors: no figure counted
    notices: tuple[Finding, ...]  # the summed departments' own warnings
    warnings: tuple[Finding, ...]  # what the 汇总 found: one 机关名称 twice, one label in two units

    @property
    def findings(self) -> list[Finding]:
        """The 问题 sheet in order: failed workbooks (errors first), warnings of the others, the 汇总's own."""
        rank = {Severity.ERROR: 0, Severity.WARNING: 1}
        failed = [
            Finding(d.name, d.source, p) for d, ps in self.failed for p in sorted(ps, key=lambda p: rank[p.severity])
        ]
        return failed + list(self.notices) + list(self.warnings)


@dataclass(frozen=True)
class Collected:
    workbooks: list[Path]
    skipped: list[Path]  # summaries of ours found among them (an earlier 汇总.xlsx, its backups)


# -- which workbooks ----------------------------------------------------------------------------
def is_summary(path: Path) -> bool:
    """Whether the file is a 汇总 this module wrote (its sheets are ours): never a department's workbook."""
    try:
        wb = open_workbook(path, MAX_ROWS)
    except (ReportError, Unreadable, OSError):
        return False
    try:
        return tuple(wb.sheetnames) == SUMMARY_SHEETS
    finally:
        wb.close()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def collect_workbooks(paths: list[Path], output: Path | None = None) -> Collected:
    """The workbooks named, folders expanded as ``build`` expands them (:func:`generator.batch.collect`),
    our own summaries left out.  Raise when a path is missing, a folder has no workbook, or ``output``
    is one of the departments' workbooks."""
    for path in paths:
        if not path.exists():
            raise WorkbookUnreadable(f"{path}：找不到这个文件夹或文件，请检查路径是否正确。没有写出汇总表。")
        if path.is_dir():
            try:
                collect([path])  # refuses a folder without a workbook
            except WorkbookUnreadable as exc:
                raise WorkbookUnreadable(
                    f"{path}：这个文件夹中没有工作簿（.xlsx 或 .xlsm）。"
                    "请把各部门的工作簿放进这个文件夹，或直接写出工作簿的路径。没有写出汇总表。"
                ) from exc
    found, skipped = [], []
    for path in collect(paths):
        if is_summary(path):
            skipped.append(path)
        elif output is not None and _same_file(path, output):
            raise OutputProblem(f"{output}：这是要汇总的一个工作簿，汇总表不能写在它上面，请换一个文件名。")
        else:
            found.append(path)
    return Collected(found, skipped)


# -- one department ------------------------------------------------------------------------------
def _name_of(source: Path | str) -> str:
    return source.name if isinstance(source, Path) else str(source)


def _said_without(message: str, path: Path | str) -> str:
    """A reader's message without the path it starts with (the 问题 sheet has the file in a column)."""
    return message.removeprefix(f"{path}：")


def _agency_of(path: Path) -> str:
    """The 机关名称 of a workbook that failed validation, read again (only failed ones pay for it)."""
    try:
        cell = read_workbook(path).info.get("agency")
    except (ReportError, OSError):
        return ""
    return clean_text(cell.value) if cell is not None else ""


def _failure(source: Path | str, exc: ReportError | OSError) -> tuple[Department, tuple[Problem, ...]]:
    name = _name_of(source)
    if isinstance(exc, InputProblems):
        agency = _agency_of(source) if isinstance(source, Path) else ""
        return Department(agency, name), tuple(exc.problems)
    if isinstance(exc, OSError):
        said = f"系统不接受这个路径（{reason(exc)}）。{os_advice(exc)}"
    else:
        said = _said_without(str(exc), source)
    return Department("", name), (Problem(Severity.ERROR, name, said),)


# -- the rows ------------------------------------------------------------------------------------
def _unit_key(f: Figure) -> str:
    if is_rate(f.kind, f.unit):
        return "%"
    if is_money(f.kind, f.unit):
        return "元"  # 元, 万元, 亿元: one unit, converted
    return unicodedata.normalize("NFKC", f.unit).strip()


def _figures(report: Report) -> list[tuple[tuple[int, int, int], Figure]]:
    """The report's figures with a number this year, each with its place in the catalogue's order."""
    out = []
    for s, spec in enumerate(cat.INDICATOR_SHEETS):
        for i, f in enumerate(report.figures[spec.key].values()):
            out.append(((0, s, i), f))
    out += [((1, 0, 0), f) for f in report.special]
    return [(rank, f) for rank, f in out if f.kind is not cat.Kind.TEXT and isinstance(f.value, (int, Decimal))]


def _approx(text: str, approx: str) -> str:
    return approx + text if approx in APPROX_PREFIXES else text + approx


def _yuan(f: Figure) -> Decimal:
    return Decimal(f.value) * {"万元": WAN, "亿元": YI}.get(f.unit, Decimal(1))  # type: ignore[arg-type]


def _row(label: str, figures: list[tuple[int, Figure]], count: int) -> Row:
    """A row from each department's figure (by its column): the values as typed, the total."""
    first = figures[0][1]
    values: list[Value | None] = [None] * count
    if is_money(first.kind, first.unit):
        total_yuan = sum((_yuan(f) for _, f in figures), Decimal(0))
        unit, size = ("亿元", YI) if total_yuan >= YI else ("万元", WAN) if total_yuan >= WAN else ("元", Decimal(1))
        for column, f in figures:
            number = _yuan(f) / size
            values[column] = Value(_approx(plain(number), f.approx), number, f.approx, not f.approx, f.value_cell)
        measure = "sum"
    else:
        rate = is_rate(first.kind, first.unit)
        unit = "%" if rate else first.unit
        for column, f in figures:
            scale = "" if rate else f.scale
            shown = _approx(scaled(f.value, scale), f.approx)  # type: ignore[arg-type]
            values[column] = Value(shown, Decimal(f.value), f.approx, not (f.approx or scale), f.value_cell)  # type: ignore[arg-type]
        measure = "rate" if rate else "average" if _AVERAGE.search(label) else "sum"
    if measure != "sum":
        return Row(label, unit, tuple(values), measure, None, NOT_SUMMED[measure])
    given = [v for v in values if v is not None]
    total = sum((v.number for v in given), Decimal(0))
    scales = {f.scale for _, f in figures}
    only = scales.pop() if len(scales) == 1 and not is_money(first.kind, first.unit) else ""
    shown = scaled(total, only) if only else plain(total)
    marks = [v.approx for v in given if v.approx]
    if marks:
        shown = f"{shown}余" if all(m in LOWER_BOUNDS for m in marks) else f"约{shown}"
    return Row(label, unit, tuple(values), measure, total, shown)


def _units_warning(label: str, rows: list[Row], departments: list[Department]) -> Finding:
    """One label in several units: which departments typed which, with their cells."""
    cells, parts, names, files = [], [], [], []
    for row in rows:
        who = [(d, v) for d, v in zip(departments, row.values, strict=True) if v is not None]
        cells += [f"{v.cell}（{d.source}）" for d, v in who]
        names += [d.name for d, _ in who if d.name not in names]
        files += [d.source for d, _ in who if d.source not in files]
        parts.append(f"{'、'.join(d.header for d, _ in who)}是“{row.unit}”")
    message = (
        f"指标“{label}”各部门填写的单位不同：{'，'.join(parts)}。已按单位分作 {len(rows)} 行，各自合计。"
        "如果是同一指标，请统一单位后重新汇总。"
    )
    return Finding("、".join(names), "、".join(files), Problem(Severity.WARNING, "、".join(cells), message))


def _headers(departments: list[Department]) -> tuple[list[Department], list[Finding]]:
    """Columns headed by 机关名称; two workbooks with one name: both kept, headed with their file names."""
    by_name: dict[str, list[int]] = {}
    for i, d in enumerate(departments):
        by_name.setdefault(d.name, []).append(i)
    headers = [d.name for d in departments]
    warnings = []
    for name, columns in by_name.items():
        if len(columns) < 2:
            continue
        files = [departments[i].source for i in columns]
        for i in columns:
            headers[i] = f"{name}（{departments[i].source}）"
        message = (
            f"{len(columns)} 个工作簿的机关名称都是“{name}”（基本信息表），都已汇总，列标题后加了文件名以示区别。"
            "如果是同一部门交了两次，请删去其中一份后重新汇总。"
        )
        warnings.append(Finding(name, "、".join(files), Problem(Severity.WARNING, "、".join(files), message)))
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):  # one file name in two folders: numbered
        seen[h] = seen.get(h, 0) + 1
        if seen[h] > 1:
            headers[i] = f"{h}（{seen[h]}）"
    return [Department(d.name, d.source, h) for d, h in zip(departments, headers, strict=True)], warnings


Entry = Path | tuple[Path | str, Loaded | ReportError]


def summarize(entries: Iterable[Entry], agency: str | None = None, templates: Path | None = None) -> Summary:
    """The 汇总 of the departments' workbooks (paths, loaded as ``build`` loads them with ``agency`` or
    ``templates``), or of ``(path or file name, Loaded)`` pairs a caller already holds — a
    ``(name, error)`` pair for one that failed.  Never raises for a department's workbook: its problems
    are in :attr:`Summary.failed`."""
    departments: list[Department] = []
    reports: list[Report] = []
    failed: list[tuple[Department, tuple[Problem, ...]]] = []
    notices: list[Finding] = []
    for entry in entries:
        source, loaded = entry if isinstance(entry, tuple) else (entry, None)
        if loaded is None:
            try:
                loaded = load(Path(source), agency, templates)
            except (ReportError, OSError) as exc:
                loaded = exc  # type: ignore[assignment]
        if not isinstance(loaded, Loaded):
            failed.append(_failure(source, loaded))  # type: ignore[arg-type]
            continue
        department = Department(loaded.report.agency, _name_of(source))
        departments.append(department)
        reports.append(loaded.report)
        notices += [Finding(department.name, department.source, p) for p in loaded.warnings]
    departments, warnings = _headers(departments)
    keyed: dict[tuple[str, str], list[tuple[int, Figure]]] = {}
    ranks: dict[tuple[str, str], tuple[int, int, int, int]] = {}
    for column, report in enumerate(reports):
        for rank, f in _figures(report):
            key = (f.label, _unit_key(f))
            keyed.setdefault(key, []).append((column, f))
            ranks.setdefault(key, (*rank, len(ranks)) if rank[0] else (*rank, 0))
    order = sorted(keyed, key=lambda k: ranks[k])
    rows = [_row(label, keyed[(label, unit)], len(departments)) for label, unit in order]
    by_label: dict[str, list[Row]] = {}
    for row in rows:
        by_label.setdefault(row.label, []).append(row)
    warnings += [_units_warning(label, rs, departments) for label, rs in by_label.items() if len(rs) > 1]
    return Summary(tuple(departments), tuple(rows), tuple(failed), tuple(notices), tuple(warnings))


# -- the workbook and its writing ----------------------------------------------------------------
def summary_workbook(summary: Summary) -> Workbook:
    """The 汇总 as an openpyxl workbook: 汇总, 问题, 说明 (:mod:`generator.summary_sheets`)."""
    from generator.summary_sheets import workbook

    return workbook(summary)


def summary_bytes(summary: Summary) -> bytes:
    """The 汇总 workbook's bytes (what :func:`write_summary` writes; the web stores them)."""
    buffer = io.BytesIO()
    summary_workbook(summary).save(buffer)
    return buffer.getvalue()


def check_target(output: Path, force: bool = False) -> None:
    """Refuse, before any work, an output that is no .xlsx or that exists (unless ``force``)."""
    if output.suffix.lower() != ".xlsx":
        raise OutputProblem(f"{output}：汇总表的文件名应以 .xlsx 结尾，例如 汇总.xlsx。")
    check_writable_target(output)
    if output.exists() and not force:
        raise OutputProblem(f"{output}：{_EXISTS}")


def write_summary(
    summary: Summary, output: Path, force: bool = False, waiting: Callable[[str], None] | None = None
) -> Path | None:
    """Write the 汇总 to ``output`` whole, under its lock, never over an existing file unless ``force``
    (then after a dated backup, whose path is returned)."""
    check_target(output, force)
    data = summary_bytes(summary)
    with output_lock(output, waiting):
        held = read_existing(output)
        backup = None
        if held is not None:
            if not force:  # it appeared while we worked
                raise OutputProblem(f"{output}：{_EXISTS}")
            backup = (backup_path(output, dt.datetime.now()), held, output)
        write_together([(output, data)], backup)
    return backup[0] if backup else None
