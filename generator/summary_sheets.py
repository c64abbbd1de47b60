"""The 汇总 workbook's three sheets, laid out for reading and printing: 汇总, 问题, 说明.

汇总 has a row per figure (指标 | 单位 | one column per department | 合计), exact values as numbers
and approximate ones as the text the clerk typed; 问题 the list the office sends back; 说明 how to
read both.  Every sheet has its header row frozen (汇总 its 指标 and 单位 columns too), prints A4
landscape one page wide with the header on every page.  The rules themselves are
:mod:`generator.summary`'s.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from generator.model.numbers import plain
from generator.summary import LOWER_BOUNDS, NOT_SUMMED, Summary, Value

_FONT = "宋体"
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="BFBFBF")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOP = Alignment(wrap_text=True, vertical="top")
_RIGHT = Alignment(horizontal="right", vertical="top")
ISSUE_HEADER = ("机关", "文件", "严重程度", "位置", "说明")


def _width(text: str) -> int:
    """Columns Excel needs for ``text``: two for a Chinese character, one for others."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(ws: Any, column: str, texts: list[str], least: int, most: int) -> None:
    ws.column_dimensions[column].width = max(least, min(most, max((_width(t) for t in texts), default=0) + 2))


def _print_setup(ws: Any, titles: str | None = "1:1") -> None:
    """A4 landscape, one page wide, as long as needed, the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if titles:
        ws.print_title_rows = titles


def _header(ws: Any, names: list[str]) -> None:
    for col, name in enumerate(names, start=1):
        c = ws.cell(row=1, column=col, value=name)
        c.font = Font(name=_FONT, bold=True)
        c.fill = _HEADER_FILL
        c.border = _BOX
        c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")


def _number(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


def _value_cell(ws: Any, row: int, col: int, value: Value | None) -> None:
    c = ws.cell(
        row=row, column=col, value=None if value is None else _number(value.number) if value.exact else value.shown
    )
    c.alignment, c.border, c.font = _RIGHT, _BOX, Font(name=_FONT)


def _totals_sheet(ws: Any, summary: Summary) -> None:
    headers = [d.header for d in summary.departments]
    _header(ws, ["指标", "单位", *headers, "合计"])
    last = len(headers) + 3
    for r, row in enumerate(summary.rows, start=2):
        for col, text in ((1, row.label), (2, row.unit)):
            c = ws.cell(row=r, column=col, value=text)
            c.alignment, c.border, c.font = _TOP, _BOX, Font(name=_FONT)
        for col, value in enumerate(row.values, start=3):
            _value_cell(ws, r, col, value)
        exact = row.total is not None and row.total_shown == plain(row.total)  # no 余, 约, 万 to keep
        c = ws.cell(
            row=r, column=last, value=_number(row.total) if exact and row.total is not None else row.total_shown
        )
        c.alignment, c.border, c.fill = _RIGHT, _BOX, _TOTAL_FILL
        c.font = Font(name=_FONT, bold=row.total is not None, color=None if row.total is not None else "808080")
    if not summary.rows:
        ws.cell(row=2, column=1, value="没有可汇总的数字（见“问题”表）。").font = Font(name=_FONT)
    _fit(ws, "A", [r.label for r in summary.rows] + ["指标"], 16, 40)
    _fit(ws, "B", [r.unit for r in summary.rows] + ["单位"], 6, 12)
    for col, header in enumerate(headers, start=3):
        shown = [v.shown for r in summary.rows if (v := r.values[col - 3]) is not None]
        _fit(ws, get_column_letter(col), [*shown, header[:12]], 10, 26)  # a long name wraps in its header
    _fit(ws, get_column_letter(last), [r.total_shown for r in summary.rows] + ["合计"], 10, 20)
    ws.row_dimensions[1].height = 36 if any(_width(h) > 24 for h in headers) else 20
    ws.freeze_panes = "C2"
    _print_setup(ws)
    ws.print_title_cols = "A:B"


def _issues_sheet(ws: Any, summary: Summary) -> None:
    _header(ws, list(ISSUE_HEADER))
    findings = summary.findings
    for r, f in enumerate(findings, start=2):
        for col, text in enumerate(
            (f.agency or "—", f.source, f.problem.severity.value, f.problem.where, f.problem.message), 1
        ):
            c = ws.cell(row=r, column=col, value=text)
            c.alignment, c.border = _TOP, _BOX
            c.font = Font(name=_FONT, color="C00000" if col == 3 and text == "错误" else None)
    if not findings:
        ws.cell(row=2, column=5, value="各工作簿都没有错误和提醒。").font = Font(name=_FONT)
    for column, texts, least, most in (
        ("A", [f.agency for f in findings], 14, 30),
        ("B", [f.source for f in findings], 14, 36),
        ("C", [], 10, 10),
        ("D", [f.problem.where for f in findings], 14, 30),
    ):
        _fit(ws, column, texts, least, most)
    ws.column_dimensions["E"].width = 90
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:E{max(2, len(findings) + 1)}"  # the office filters by 机关 to send each its list
    _print_setup(ws)


def guide(summary: Summary) -> list[str]:
    """The 说明 sheet's paragraphs: what was summed, what is totalled and what is not."""
    failed = len(summary.failed)
    bounds = "、".join(LOWER_BOUNDS)
    return [
        "法治政府建设数据汇总",
        f"汇总了 {len(summary.departments)} 个部门的工作簿"
        + (f"；{failed} 个工作簿有错误，没有计入，见“问题”表。" if failed else "。"),
        "“汇总”表每行是一项指标，每列是一个部门，最后一列是合计。指标名称和单位按各部门工作簿中的写法："
        "名称和单位都相同的指标才合计在一起（各部门自己的特色指标也是这样）；改了名称的指标（如把“行政处罚案件”"
        "改为“查处违法行为”）单独成行。空白表示这个部门没有填写这一项。",
        "合计：数量和金额相加。比率（%）和人均、平均数不能相加，合计栏写“"
        + NOT_SUMMED["rate"]
        + "”“"
        + NOT_SUMMED["average"]
        + "”。",
        "约数：各部门填写的“300余”“超过100”“约50”“100万余”等照原样列出。合计中含有约数时，合计也是约数："
        f"所含的约数都是“{bounds}”（实际不少于所填的数）时写成“1234余”，含有“约”“近”时写成“约1234”。",
        "金额：各部门填写的元、万元换算成同一单位，写在单位栏（合计达到1万元用万元，达到1亿元用亿元）。",
        "同一指标名称填了不同的单位时分作几行，各自合计，并在“问题”表中提醒；机关名称相同的两个工作簿都计入，"
        "列标题后加了文件名以示区别，也在“问题”表中提醒。",
        "“问题”表列出每个工作簿的错误和提醒（机关、文件、严重程度、位置“工作表!单元格”、说明），可按机关筛选后"
        "发回各部门改正；有错误的工作簿改正后重新汇总即可。最后几行是汇总时发现的问题。",
        "本表由 report-draft summary 生成。",
    ]


def _guide_sheet(ws: Any, summary: Summary) -> None:
    for r, text in enumerate(guide(summary), start=1):
        c = ws.cell(row=r, column=1, value=text)
        c.alignment = _TOP
        c.font = Font(name=_FONT, size=14 if r == 1 else 11, bold=r == 1)
    ws.column_dimensions["A"].width = 110
    _print_setup(ws, None)


def workbook(summary: Summary) -> Workbook:
    """The three sheets, in the order :data:`generator.summary.SUMMARY_SHEETS` names them."""
    wb = Workbook()
    totals = wb.active
    totals.title = "汇总"
    _totals_sheet(totals, summary)
    _issues_sheet(wb.create_sheet("问题"), summary)
    _guide_sheet(wb.create_sheet("说明"), summary)
    wb.properties.title = "法治政府建设数据汇总"
    wb.properties.creator = "report-draft"
    return wb
