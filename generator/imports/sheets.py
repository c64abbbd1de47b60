"""The workbook of an imported report: the blank workbook filled with what was read.

Two sheets are added in front, where the clerk sees them first: 未能归类的段落 (every paragraph of
last year's report that has no cell, with where it was and why) and 去年的安排 (last year's part 四,
the plans this year's work is reported against, with a column to note what became of each).
Every figure's 指标 cell carries last year's sentence as a comment, so the clerk knows what to count.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment

from generator.imports.assemble import Imported
from generator.read import catalogue as cat
from generator.workbook import blank
from generator.workbook.prefill import prefilled_workbook

UNPLACED_SHEET = cat.UNPLACED_SHEET
UNPLACED_COLUMNS = ("位置", "原文", "原因")
PLANS_SHEET = cat.LAST_PLANS_SHEET
PLANS_COLUMNS = ("小标题", "内容", "今年落实情况")
_TOP = Alignment(wrap_text=True, vertical="top")


def _rows(ws: Any, rows: list[tuple[Any, ...]], first: int = 3) -> None:
    for r, values in enumerate(rows, start=first):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value if value != "" else None)
            cell.alignment = _TOP


def _clear(ws: Any) -> None:
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.value = None


def _note(cell: Any, text: str) -> None:
    comment = Comment(f"去年报告原文：{text}", "report-draft")
    comment.width, comment.height = 320, 120
    cell.comment = comment


def _by_key(ws: Any) -> dict[Any, int]:
    return {row[0].value: row[0].row for row in ws.iter_rows(min_row=3, max_col=1) if row[0].value is not None}


def _figures(wb: Workbook, imported: Imported) -> None:
    column = 3 if imported.same_year else 4  # 本年, or 上年 for this year's workbook
    special = wb[cat.SPECIAL_SHEET]
    _clear(special)  # the blank's example row goes: the report's own figures take its place
    r = 3
    for f in imported.figures:
        if f.sheet:
            spec = cat.SHEETS_BY_KEY[f.sheet]
            ws = wb[spec.name]
            row = _by_key(ws)[f.key]
            ind = next(i for i in spec.indicators if i.key == f.key)
            ws.cell(row=row, column=2, value=f.label)
            if f.unit != ind.unit and f.unit != "%":
                ws.cell(row=row, column=5, value=f.unit)
            ws.cell(row=row, column=column, value=f.typed)
            _note(ws.cell(row=row, column=2), f.context)
        else:
            values = (
                (None, f.label, f.typed, None, f.unit, None)
                if imported.same_year
                else (None, f.label, None, f.typed, f.unit, None)
            )
            for c, value in enumerate(values, start=1):
                special.cell(row=r, column=c, value=value)
            _note(special.cell(row=r, column=2), f.context)
            r += 1


def _structure(wb: Workbook, imported: Imported) -> None:
    if not imported.structure:
        return
    ws = wb[cat.STRUCTURE_SHEET]
    _clear(ws)
    _rows(ws, list(imported.structure))


def _wordings(wb: Workbook, imported: Imported) -> None:
    ws = wb[cat.WORDING_SHEET]
    rows = _by_key(ws)
    for name, text in imported.wordings.items():
        if name in rows:
            ws.cell(row=rows[name], column=2, value=text).alignment = _TOP


def front_sheets(
    wb: Workbook, unplaced: list[tuple[str, str, str]], plans: list[tuple[str, str]], source: str, note: str = ""
) -> None:
    """未能归类的段落 and 去年的安排 in front, the first the active sheet."""
    sheet = wb.create_sheet(UNPLACED_SHEET, 0)
    blank._banner(
        sheet,
        f"未能归类的段落：从“{source}”导入时，下面这些段落在工作簿中没有对应的位置，没有写入其他表。"
        "请逐条看一遍：需要的内容复制到“主要举措”等表的相应行，数字填入指标表；不需要的可不管。"
        "本表不会写入报告。" + (note or ("（这次导入没有未能归类的段落。）" if not unplaced else "")),
        len(UNPLACED_COLUMNS),
    )
    blank._header(sheet, UNPLACED_COLUMNS, (16, 90, 40))
    _rows(sheet, list(unplaced))
    last = wb.create_sheet(PLANS_SHEET, 1)
    blank._banner(
        last,
        "去年的安排：去年报告第四部分写的今年的工作安排，逐项列在这里，供写今年报告时对照：在“今年落实情况”列"
        "记下每项做了什么，写进“主要举措”表（第一部分）；今年新的安排写在“下年安排”表（第四部分）。本表不会写入报告。",
        len(PLANS_COLUMNS),
    )
    blank._header(last, PLANS_COLUMNS, (30, 90, 40))
    _rows(last, list(plans))
    if plans:  # this year's plans sheet points to last year's
        banner = wb[cat.PLANS.name].cell(row=1, column=1)
        banner.value = f"{banner.value}去年报告第四部分的安排在“{PLANS_SHEET}”表，可对照着写今年做了什么。"
    for ws in (sheet, last):
        blank._print_setup(ws)
    wb.active = 0


def text_stays_text(wb: Workbook) -> None:
    """Text that begins with = is text, not a formula (=HYPERLINK(…) in a report from anywhere)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    cell.data_type = "s"


def imported_workbook(imported: Imported, source: str, same_year: bool = False) -> Workbook:
    """The blank workbook filled with ``imported``; ``source`` names last year's file in the banners."""
    info = {k: v for k, v in imported.info.items() if k in cat.INFO_BY_LABEL}
    wb, _ = prefilled_workbook(info)
    _figures(wb, imported)
    _structure(wb, imported)
    _wordings(wb, imported)
    for spec, rows in (
        (cat.MEASURES, imported.measures),
        (cat.SHORTCOMINGS, imported.shortcomings),
        (cat.DUTIES, imported.duties),
        (cat.OTHERS, imported.others),
        (cat.PLANS, [p for p in imported.last_plans if p[0] != "（引语）"] if same_year else []),
    ):
        _rows(wb[spec.name], list(rows))
    front_sheets(wb, imported.outline.unplaced, [] if same_year else imported.last_plans, source)
    return wb
