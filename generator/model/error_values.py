"""Error values (#N/A, #REF!, #DIV/0! …) in cells the report prints as text: one error each, with its cell.

A formula that failed, or a reference to a deleted row, shows an error value instead of text.  Read
as text it would reach the title or the body ("#N/A法治政府建设年度报告"), so it is refused where it
stands.  Cells read as numbers, years, dates or choices already refuse it with their own message
(``应填写数字，现在是“#N/A”`` …); they are left to those checks so that a cell is named once.
"""

from __future__ import annotations

from generator.errors import Problem, Severity
from generator.read import catalogue as cat
from generator.read.cells import ErrorValue
from generator.read.reader import Cell, RawWorkbook

# 基本信息 and 发文要素 fields read as something other than free text, each with its own message
_NOT_TEXT = {"year", "date", "copy_no", "print_date"}
_NOT_TEXT_COLUMNS = {"类别"}  # 不足/原因 only: refused as any other wrong category


def message(label: str, value: ErrorValue) -> str:
    """What the clerk reads for an error value in a text cell (worded like a number cell's)."""
    return f"{label}：应填写文字，现在是错误值“{value}”（公式没能算出结果）。请改正这个单元格的公式，或直接填写文字。"


def text_cells(raw: RawWorkbook) -> list[tuple[str, Cell]]:
    """Every cell read whose text the report prints, with the name a message gives it."""
    out: list[tuple[str, Cell]] = []
    for fields, cells in ((cat.INFO_FIELDS, raw.info), (cat.DISPATCH_FIELDS, raw.dispatch)):
        for field in fields:
            if field.key in cells and field.key not in _NOT_TEXT and not field.choices:
                out.append((field.label, cells[field.key]))
    for spec in cat.INDICATOR_SHEETS:
        found = raw.indicators.get(spec.key, {})
        for ind in spec.indicators:
            if ind.kind is cat.Kind.TEXT and ind.key in found:
                out += [(ind.label, found[ind.key].value), (ind.label, found[ind.key].prev)]
    for special in raw.special:
        section = [("所属分项", special.section)] if special.section is not None else []
        label = [("指标", special.label_cell)] if special.label_cell is not None else []
        out += [*label, ("单位", special.unit), *section]
    for rows in [*raw.narratives.values(), raw.structure or [], raw.wording or []]:
        out += [(column, cell) for row in rows for column, cell in row.items() if column not in _NOT_TEXT_COLUMNS]
    return out


def check(raw: RawWorkbook) -> list[Problem]:
    """An error for each error value in a text cell, in reading order."""
    return [
        Problem(Severity.ERROR, cell.ref, message(label, cell.value))
        for label, cell in text_cells(raw)
        if isinstance(cell.value, ErrorValue)
    ]
