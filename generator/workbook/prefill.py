"""The blank workbook pre-filled for a department: its 基本信息, and last year's figures as 上年.

A department that reported last year starts this year's workbook with last year's 本年 in every
indicator row's 上年 column, its own 特色指标 rows (指标, 单位, 所属分项, 编码) with last year's
figure as 上年, and its relabelled 指标 and 单位, so this year's draft says 同比 without anyone
copying a number.  Every value goes in as a clerk would type it ("300余", "100万余", "95%以上",
"0.5%"), so the reader reads back exactly last year's figure: the same number, the same
approximation mark, the same 万 — and a rate of 1% or less is not taken for a fraction.

Computing only: :func:`prefilled_workbook` returns the openpyxl workbook (the web stores its bytes,
:func:`generator.workbook.output.workbook_bytes`); :func:`generator.pipeline.write_prefilled` reads
last year's workbook and writes the new one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from generator.errors import InputProblems, Problem, Severity
from generator.model.numbers import plain, scaled
from generator.model.report import Figure, Report
from generator.model.values import APPROX_PREFIXES, clean_text
from generator.read import catalogue as cat
from generator.read.reader import RawWorkbook
from generator.workbook.blank import blank_workbook

_FLOAT_DIGITS = 15  # a decimal with more significant digits goes in as text, so none is lost
_NOT_CARRIED = ("year", "date")  # 报告年度 and 成文日期 are this year's
_SHORT_OF = {s.key: s.short for s in cat.SUBSECTIONS}


def typed(kind: cat.Kind, value: int | Decimal | str | None, approx: str = "", scale: str = "") -> Any:
    """A figure as a clerk types it into its cell, so that the reader reads the same figure back.

    Exact numbers go in as numbers; a number with its approximation mark or its 万 as text
    ("300余", "超过100", "100万余"); a rate as its share of 100 (98.5), and as "0.5%" when it is
    1 or less (a bare 0.5 would be read as the fraction 50%) or carries a mark ("95%以上")."""
    if value is None or isinstance(value, str) or kind is cat.Kind.TEXT:
        return value
    if kind is cat.Kind.RATE:
        shown = plain(value)
        if approx in APPROX_PREFIXES:
            return f"{approx}{shown}%"
        if approx or 0 < value <= 1:
            return f"{shown}%{approx}"
        return _number(value)
    shown = scaled(value, scale) if scale else plain(value)
    if approx in APPROX_PREFIXES:
        return approx + shown
    if approx or scale:
        return shown + approx
    return _number(value)


def _number(value: int | Decimal) -> int | float | str:
    if isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    if len(value.normalize().as_tuple().digits) <= _FLOAT_DIGITS:
        return float(value)  # its shortest repr is the decimal typed: the reader gets it back
    return plain(value)


def carried_info(raw: RawWorkbook) -> dict[str, str]:
    """Last year's 基本信息 as the clerk typed it (field label → text), without 报告年度 and 成文日期.

    Taken from the cells, not the report: what an agency's 机关资料 filled in stays the profile's,
    and a 署名 or 领导机关 left to its default is left empty again."""
    out: dict[str, str] = {}
    for f in cat.INFO_FIELDS:
        cell = raw.info.get(f.key)
        if f.key not in _NOT_CARRIED and cell is not None and (text := clean_text(cell.value)):
            out[f.label] = text
    return out


def _rows_by_first_cell(ws: Any) -> dict[Any, int]:
    return {row[0].value: row[0].row for row in ws.iter_rows(min_row=3, max_col=1) if row[0].value is not None}


def _info_value(label: str, value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        year = unicodedata.normalize("NFKC", value)
        if label == "报告年度" and year.isdigit():
            return int(year)
    return value


def _fill_info(wb: Workbook, info: Mapping[str, Any]) -> None:
    unknown = [label for label in info if label not in cat.INFO_BY_LABEL]
    if unknown:
        labels = "、".join(f.label for f in cat.INFO_FIELDS)
        raise InputProblems(
            [
                Problem(Severity.ERROR, cat.INFO_SHEET, f"没有“{label}”这一项。基本信息的项目有：{labels}。")
                for label in unknown
            ]
        )
    ws = wb[cat.INFO_SHEET]
    rows = _rows_by_first_cell(ws)
    for label, value in info.items():
        value = _info_value(label, value)
        if value is not None and value != "":
            ws.cell(row=rows[label], column=2, value=value)


def _fill_indicators(wb: Workbook, report: Report) -> int:
    carried = 0
    for spec in cat.INDICATOR_SHEETS:
        ws = wb[spec.name]
        rows = _rows_by_first_cell(ws)
        figures = report.figures.get(spec.key, {})
        for ind in spec.indicators:
            f = figures.get(ind.key)
            if f is None:
                continue
            row = rows[ind.key]
            if f.catalogue_label and f.label:  # the department's own words for the row stay
                ws.cell(row=row, column=2, value=f.label)
            if ind.kind in (cat.Kind.COUNT, cat.Kind.NUMBER, cat.Kind.AMOUNT) and f.unit and f.unit != ind.unit:
                ws.cell(row=row, column=5, value=f.unit)  # 家 for 户, 万元 for 元: the 上年 is in it
            value = typed(ind.kind, f.value, f.approx)
            if value is not None and value != "":
                ws.cell(row=row, column=4, value=value)
                carried += 1
    return carried


def _own_row(f: Figure) -> tuple[Any, ...]:
    """编码, 指标, 本年 (empty), 上年, 单位, 所属分项 of last year's 特色指标 row."""
    code = f.key if f.key != f.label else None
    section = _SHORT_OF.get(f.section, f.section) if f.section else None
    return (code, f.label, None, typed(f.kind, f.value, f.approx, f.scale), f.unit or None, section)


def _fill_special(wb: Workbook, report: Report) -> int:
    """Last year's rows from row 3 on, in their order (the first takes the blank's example row)."""
    ws = wb[cat.SPECIAL_SHEET]
    for i, f in enumerate(report.special, start=3):
        for column, value in enumerate(_own_row(f), start=1):
            ws.cell(row=i, column=column, value=value)
    return sum(f.value is not None for f in report.special)


def prefilled_workbook(info: Mapping[str, Any] | None = None, last_year: Report | None = None) -> tuple[Workbook, int]:
    """The blank workbook with ``info`` (基本信息 field label → value, as typed) and, given last
    year's validated report, its figures in the 上年 column; 报告年度 is last year's + 1 unless
    ``info`` gives it.  Return the workbook and how many 上年 values it carries.

    Only values go in: the blank's banners, input messages and dropdowns stay as they are.  Raise
    :class:`InputProblems` for a label 基本信息 does not have."""
    wb = blank_workbook()
    given = dict(info or {})
    if last_year is not None and given.get("报告年度") in (None, ""):
        given["报告年度"] = last_year.year + 1
    _fill_info(wb, given)
    carried = 0
    if last_year is not None:
        carried = _fill_indicators(wb, last_year) + _fill_special(wb, last_year)
    return wb, carried
