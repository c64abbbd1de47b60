"""A draft of this program, unchanged since it was built: the workbook it was built from, given back.

The draft carries the cells its workbook was read from (:mod:`generator.read.snapshot`, in the
part of :mod:`generator.docx.source_part`).  When its fingerprint says the content is still what
was generated, those cells are written into a blank workbook at their places — 基本信息 and
发文要素 by field, the rest by cell — so the workbook is the one it was built from: the same
figures as typed, the same narrative with its 〔〕 citations, the same structure and wording.  For
this year (the default), the year then moves on as ``init --上年`` moves it: 报告年度 + 1, 成文日期
empty, every figure's 本年 into 上年, last year's 下年安排 into 去年的安排.  A draft edited after it
was built is read as text instead (its cells no longer say what it says).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from generator.docx.fingerprint import docx_parts, stamp_of
from generator.docx.source_part import source_of
from generator.read import catalogue as cat
from generator.read.snapshot import NAMESPACE, SnapCell, read_snapshot
from generator.workbook.blank import blank_workbook

_THIS_DOCUMENTS = ("份号", "发文字号", "签发人", "印发日期")
_INFO_SHEETS = {cat.INFO_SHEET: cat.INFO_FIELDS, cat.DISPATCH_SHEET: cat.DISPATCH_FIELDS}
_FIGURE_SHEETS = [s.name for s in cat.INDICATOR_SHEETS] + [cat.SPECIAL_SHEET]
_CLEARED = {  # sheet → the columns whose blank contents give way to the draft's cells
    **dict.fromkeys(_FIGURE_SHEETS, 5),
    cat.SPECIAL_SHEET: 6,
    **{s.name: len(s.columns) for s in cat.NARRATIVE_SHEETS},
    cat.STRUCTURE_SHEET: 3,
}


@dataclass
class Restored:
    workbook: Workbook
    cells: int  # cells written back
    figures: int  # figure rows whose 本年 became 上年 (0 when the year is kept)
    plans: int  # last year's 下年安排 rows moved to 去年的安排
    year: int | None  # the draft's year (None when kept)
    last_plans: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Carried:
    """What a DOCX carries of this program: its cells, and whether its content is as generated."""

    cells: list[SnapCell] | None
    unchanged: bool


def carried(source: Path | bytes) -> Carried:
    """The cells a draft of ours carries (None for any other DOCX) and whether it is unedited."""
    try:
        parts = docx_parts(source)
    except Exception:  # not a zip, out of bounds: the document reader says why, in its words
        return Carried(None, False)
    data = source_of(parts, NAMESPACE)
    cells = read_snapshot(data) if data else None
    stamp = stamp_of(parts) if cells else None  # the parts read once
    return Carried(cells, bool(stamp and stamp.stored and stamp.stored == stamp.now))


def _clear(wb: Workbook) -> None:
    for name, width in _CLEARED.items():
        for row in wb[name].iter_rows(min_row=3, max_col=width):
            for cell in row:
                cell.value = None
    for name in (*_INFO_SHEETS, cat.WORDING_SHEET):  # their rows are found by column A: B is the draft's
        for row in wb[name].iter_rows(min_row=3, min_col=2, max_col=2):
            row[0].value = None


def _put(ws: Any, coordinate: str, c: SnapCell) -> None:
    cell = ws[coordinate]
    cell.value = c.value
    if c.percent:
        cell.number_format = "0.0%"
    elif c.percent_sign:
        cell.number_format = '0.0"%"'


def restore(cells: list[SnapCell]) -> tuple[Workbook, int]:
    """The workbook the cells were read from (as far as the report reads it)."""
    wb = blank_workbook()
    _clear(wb)
    rows = {
        name: {row[0].value: row[0].row for row in wb[name].iter_rows(min_row=3, max_col=1)} for name in _INFO_SHEETS
    }
    labels = {name: {f.key: f.label for f in fields} for name, fields in _INFO_SHEETS.items()}
    written = 0
    wording_rows = _wording_rows(wb, cells)
    for c in cells:
        sheet, coordinate = c.ref.split("!", 1)
        if sheet not in wb.sheetnames:
            continue
        if sheet == cat.WORDING_SHEET:  # by its 用语, as the blank of today lays them out
            coordinate = wording_rows.get(coordinate, "")
            if not coordinate:
                continue
        if sheet in _INFO_SHEETS:
            row = rows[sheet].get(labels[sheet].get(c.field, ""))
            if row is None:
                continue
            coordinate = f"B{row}"
        _put(wb[sheet], coordinate, c)
        written += 1
    return wb, written


def _wording_rows(wb: Workbook, cells: list[SnapCell]) -> dict[str, str]:
    """报告用语 cells (A5, B5 …) → where the blank has the row of the same 用语 (a row of its own
    after the blank's for one it does not know).  Its 说明 column stays the blank's."""
    ws = wb[cat.WORDING_SHEET]
    names = {c.ref.split("!")[1][1:]: c.value for c in cells if c.ref.startswith(f"{cat.WORDING_SHEET}!A")}
    blank_rows = {cell.value: cell.row for cell in ws["A"][2:] if cell.value}
    for name in cat.WORDINGS_BY_NAME:
        blank_rows.setdefault(name, 0)
    out: dict[str, str] = {}
    extra = max([2, *blank_rows.values()]) + 1
    for row, name in names.items():
        target = blank_rows.get(name) or 0
        if not target:
            target, extra = extra, extra + 1
        out[f"A{row}"], out[f"B{row}"] = f"A{target}", f"B{target}"
    return out


def _move_year(wb: Workbook) -> tuple[int, int | None]:
    """本年 into 上年 in every figure row, 报告年度 on by one, 成文日期 empty: (rows moved, the old year)."""
    year: int | None = None
    for row in wb[cat.INFO_SHEET].iter_rows(min_row=3, max_col=2):
        typed = unicodedata.normalize("NFKC", str(row[1].value or "")).strip()
        if row[0].value == "报告年度" and typed.isdigit():  # 2025, or "2025" typed as text
            year = int(typed)
            row[1].value = year + 1
        elif row[0].value == "成文日期":
            row[1].value = None
    for row in wb[cat.DISPATCH_SHEET].iter_rows(min_row=3, max_col=2):
        if row[0].value in _THIS_DOCUMENTS:  # last year's number, date and signer are last year's
            row[1].value = None
    moved = 0
    for name in _FIGURE_SHEETS:
        for row in wb[name].iter_rows(min_row=3, max_col=4):
            this, last = row[2], row[3]
            last.value, last.number_format = this.value, this.number_format
            moved += this.value is not None
            this.value = None
    return moved, year


def own_workbook(cells: list[SnapCell], same_year: bool) -> Restored:
    """The workbook back (``same_year``), or this year's, started from it."""
    wb, written = restore(cells)
    if same_year:
        return Restored(wb, written, 0, 0, None)
    moved, year = _move_year(wb)
    plans = last_plans(wb)
    return Restored(wb, written, moved, len(plans), year, plans)


def last_plans(wb: Workbook) -> list[tuple[str, str]]:
    """Last year's 下年安排 rows, taken off the sheet (this year's plans are new)."""
    out: list[tuple[str, str]] = []
    for row in wb[cat.PLANS.name].iter_rows(min_row=3, max_col=2):
        title, text = row[0].value, row[1].value
        if title or text:
            out.append((str(title or ""), str(text or "")))
        row[0].value = row[1].value = None
    return out
