"""Write the blank input workbook that ``report-draft init`` hands to a clerk.

A 说明 sheet, a 基本信息 sheet, one sheet per indicator area, the agency's own indicators, and one
sheet per narrative item.  Every sheet opens with a banner that says what to fill, with an example;
Excel's data validation gives dropdowns and rejects negative counts and rates over 100 where Excel
can do it (the reader checks again, since validation can be pasted over).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from .. import catalogue as cat

_BANNER_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
_FONT = "等线"


def _rule(kind: str, title: str, message: str, **criteria: str) -> DataValidation:
    """An Excel validation rule that refuses a wrong entry with a Chinese message."""
    return DataValidation(type=kind, showErrorMessage=True, errorTitle=title, error=message, **criteria)


def _apply(ws: Any, cells: str, rule: DataValidation) -> None:
    ws.add_data_validation(rule)
    rule.add(cells)


def _banner(ws: Any, text: str, width: int) -> None:
    ws.cell(row=1, column=1, value=text)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    cell = ws.cell(row=1, column=1)
    cell.fill = _BANNER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.font = Font(name=_FONT, size=11)
    ws.row_dimensions[1].height = 48


def _header(ws: Any, columns: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for j, (name, width) in enumerate(zip(columns, widths, strict=True), start=1):
        c = ws.cell(row=2, column=j, value=name)
        c.font = Font(name=_FONT, bold=True)
        c.fill = _HEADER_FILL
        ws.column_dimensions[c.column_letter].width = width
    ws.freeze_panes = "A3"


def _readme(ws: Any) -> None:
    lines = [
        "法治政府建设年度报告 数据工作簿 填写说明",
        "",
        "1. 本工作簿由 report-draft init 生成，用 report-draft build 工作簿.xlsx -o 报告.docx 生成报告初稿。",
        "2. 请不要删除或改名工作表，不要改动“编码”列和表头；行的顺序可以调整。",
        "3. “基本信息”表填写机关名称、报告年度、主送机关、成文日期等。",
        "4. 各指标表（行政执法、行政许可、信访、学法、合法性审查、复议诉讼、普法、政务公开、建议提案）："
        "“本年”填报告年度数字，“上年”填上一年度数字（用于同比）；只填阿拉伯数字，单位已在“单位”列写明；"
        "没有的数据留空，报告中不写该项，不要填 0 代替空白。比率按百分数填写，例如 98.5 表示 98.5%。",
        "5. “特色指标”表填写本单位特有的指标，编码用英文字母、数字和下划线，模板按编码引用。",
        "6. 文字表对应报告的五个部分：主要举措（第一部分）、不足和原因（第二部分）、第一责任人（第三部分）、"
        "下年安排（第四部分）、其他事项（第五部分，可不填）。每行一项，小标题不要编号，程序自动编号。",
        "7. 填好后先运行 report-draft validate 工作簿.xlsx 检查，所有问题会连同单元格位置一次列出。",
    ]
    for i, line in enumerate(lines, start=1):
        c = ws.cell(row=i, column=1, value=line)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        c.font = Font(name=_FONT, size=12 if i == 1 else 11, bold=i == 1)
    ws.column_dimensions["A"].width = 110


def _info(ws: Any, fields: tuple[cat.InfoField, ...], banner: str) -> None:
    _banner(ws, banner, 3)
    _header(ws, ("项目", "内容", "说明"), (24, 40, 60))
    for i, field in enumerate(fields, start=3):
        ws.cell(row=i, column=1, value=field.label).fill = _LOCKED_FILL
        star = "* " if field.required else ""
        ws.cell(row=i, column=3, value=f"{star}{field.help}。例：{field.example}")
        if field.choices:
            options = ",".join(field.choices)
            _apply(ws, f"B{i}", _rule("list", field.label, f"请从列表中选择：{options}", formula1=f'"{options}"'))
        if field.key in ("date", "print_date"):
            ws.cell(row=i, column=2).number_format = "yyyy-mm-dd"
        if field.key == "year":
            _apply(
                ws,
                f"B{i}",
                _rule(
                    "whole",
                    "报告年度",
                    "请填写四位年份，例如 2025",
                    operator="between",
                    formula1="2000",
                    formula2="2100",
                ),
            )
        if field.key in ("date", "print_date"):
            _apply(
                ws,
                f"B{i}",
                _rule("date", field.label, "请填写日期，例如 2026-01-20", operator="greaterThan", formula1="36526"),
            )


def _indicators(ws: Any, spec: cat.IndicatorSheet) -> None:
    _banner(
        ws,
        (
            f"{spec.name}：在“本年”“上年”列填写数字，没有的数据留空（报告中不写该项）。不要改动“编码”列。"
            "比率按百分数填写（98.5 表示 98.5%）。例：“行政处罚案件”本年填 156。"
        ),
        len(cat.INDICATOR_COLUMNS),
    )
    _header(ws, cat.INDICATOR_COLUMNS, (22, 36, 14, 14, 10, 40))
    counts = _rule("whole", "数量", "请填写 0 或正整数", operator="greaterThanOrEqual", formula1="0")
    decimals = _rule("decimal", "数值", "请填写 0 或正数", operator="greaterThanOrEqual", formula1="0")
    rates = _rule(
        "decimal", "比率", "比率在 0 到 100 之间，98.5 表示 98.5%", operator="between", formula1="0", formula2="100"
    )
    units = _rule("list", "单位", "金额单位只能是 元 或 万元", formula1='"元,万元"')
    for dv in (counts, decimals, rates, units):
        ws.add_data_validation(dv)
    for i, ind in enumerate(spec.indicators, start=3):
        ws.cell(row=i, column=1, value=ind.key).fill = _LOCKED_FILL
        ws.cell(row=i, column=2, value=ind.label).fill = _LOCKED_FILL
        ws.cell(row=i, column=5, value=ind.unit)
        note = f"例：{ind.example}" if ind.example else ""
        if ind.kind is cat.Kind.TEXT:
            note = f"填写书名号括起的法律法规名称。例：{ind.example}"
        ws.cell(row=i, column=6, value=note)
        target = {
            cat.Kind.COUNT: counts,
            cat.Kind.AMOUNT: decimals,
            cat.Kind.NUMBER: decimals,
            cat.Kind.RATE: rates,
        }.get(ind.kind)
        if target is not None:
            target.add(f"C{i}:D{i}")
        if ind.kind is cat.Kind.AMOUNT:
            units.add(f"E{i}")
        else:
            ws.cell(row=i, column=5).fill = _LOCKED_FILL


def _special(ws: Any) -> None:
    _banner(
        ws,
        (
            "特色指标：本单位特有、其他表没有的指标。编码用英文字母、数字和下划线（模板按编码引用），"
            "所属分项决定写在报告哪一部分。"
            "例：编码 hospital_checks，指标“医疗机构依法执业检查”，本年 320，单位“家次”，所属分项“行政执法”。"
        ),
        len(cat.SPECIAL_COLUMNS),
    )
    _header(ws, cat.SPECIAL_COLUMNS, (22, 36, 14, 14, 10, 16))
    _section_list(ws, "F3:F200")


def _section_list(ws: Any, cells: str) -> None:
    names = ",".join(s.short for s in cat.SUBSECTIONS)
    dv = DataValidation(
        type="list",
        formula1=f'"{names}"',
        showErrorMessage=False,
        promptTitle="所属分项",
        prompt="从列表选择，或填写新的分项名称",
        showInputMessage=True,
    )
    ws.add_data_validation(dv)
    dv.add(cells)


def _narrative(ws: Any, spec: cat.NarrativeSheet) -> None:
    _banner(ws, f"{spec.name}：{spec.help}{spec.example}", len(spec.columns))
    widths = {"所属分项": 14, "类别": 10, "小标题": 30, "内容": 100}
    _header(ws, spec.columns, tuple(widths[c] for c in spec.columns))
    for col in range(1, len(spec.columns) + 1):
        for row in range(3, 60):
            ws.cell(row=row, column=col).alignment = Alignment(wrap_text=True, vertical="top")
    if "所属分项" in spec.columns:
        _section_list(ws, "A3:A500")
    if "类别" in spec.columns:
        _apply(ws, "A3:A500", _rule("list", "类别", "请选择 不足 或 原因", formula1='"不足,原因"'))


def blank_workbook() -> Workbook:
    """The blank workbook, as an openpyxl object (the sample and the tests fill it in)."""
    wb = Workbook()
    _readme(wb.active)
    wb.active.title = cat.README_SHEET
    _info(
        wb.create_sheet(cat.INFO_SHEET), cat.INFO_FIELDS, "基本信息：在“内容”列填写。带 * 的必须填写。示例见“说明”列。"
    )
    _info(
        wb.create_sheet(cat.DISPATCH_SHEET),
        cat.DISPATCH_FIELDS,
        "发文要素：上报的报告需要版头、附注、附件或版记时填写，都不需要可不填。"
        "例：“使用版头”选“是”，并填发文机关标志、发文字号和签发人（上行文必须有签发人）。",
    )
    for spec in cat.INDICATOR_SHEETS:
        _indicators(wb.create_sheet(spec.name), spec)
    _special(wb.create_sheet(cat.SPECIAL_SHEET))
    for spec in cat.NARRATIVE_SHEETS:
        _narrative(wb.create_sheet(spec.name), spec)
    return wb


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save through a temporary file and a rename, so a failed save leaves nothing half-written."""
    from ..files import atomic_write

    with atomic_write(path) as tmp:
        wb.save(tmp)


def write_blank(path: Path) -> None:
    save_workbook(blank_workbook(), path)
