"""Write the blank input workbook that ``report-draft init`` hands to a clerk.

A 说明 sheet, a 基本信息 sheet, one sheet per indicator area, the agency's own indicators, one
sheet per narrative item, and the report's structure and words (:mod:`.structure_sheets`).  Every
sheet opens with a banner that says what to fill, with an example from that sheet, and prints on A4
landscape, one page wide.

Data validation never refuses what the reader accepts: figure and date cells carry no type rule
(Excel and WPS would refuse "300余", "32万" or "2026.1.20"), only an input message listing the forms
that are read; dropdowns stay where the reader accepts nothing else (类别, 是/否, 金额单位), and the
所属分项 dropdown lets a new name through.  The reader checks every value itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from generator.read import catalogue as cat

_BANNER_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
_FONT = "等线"


# Input messages: what the reader accepts in the cell (Excel shows at most 255 characters).
COUNT_FORMS = (
    "填阿拉伯数字，如 156。约数可写“300余”“1800多”“超过100”“约300”；大数可写“32万”“1.2亿”；"
    "全角数字、千分位逗号也能识别。没有数据请留空，不要填 0。"
)
AMOUNT_FORMS = "填金额数字，单位在“单位”列（元或万元）。单位为“元”时可写“35.68万”“1.2亿”。没有数据请留空。"
RATE_FORMS = "按百分数填写：98.5 表示 98.5%，也可写“98.5%”；全角数字也能识别。填 0 到 1 之间的小数时按百分之几十理解。"
SPECIAL_FORMS = (
    "照报告中的写法填，如 320、“300余”“10多”“100万余”“9427万”；比率写“95%”“95%以上”。"
    "全角数字、千分位逗号也能识别。没有数据请留空，不要填 0。"
)
DATE_FORMS = "填日期，如 2026-01-20、2026年1月20日、2026.1.20、2026/1/20。"
YEAR_FORMS = "四位年份，如 2025。"


def _rule(kind: str, title: str, message: str, **criteria: str) -> DataValidation:
    """A dropdown that refuses anything else, with a Chinese message (the reader refuses it too)."""
    return DataValidation(type=kind, showErrorMessage=True, errorTitle=title, error=message, **criteria)


def _prompt(title: str, message: str) -> DataValidation:
    """No rule on the value, only an input message saying what is read (the reader checks the value)."""
    return DataValidation(showErrorMessage=False, showInputMessage=True, promptTitle=title, prompt=message)


def _print_setup(ws: Any) -> None:
    """A4 landscape, one page wide and as many pages long as needed, the banner and header on each."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


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
        "2. 请不要删除或改名工作表，不要改动表头和指标表中隐藏的“编码”列；行的顺序可以调整。",
        "3. “基本信息”表填写机关名称、报告年度、主送机关、成文日期等。",
        "4. 各指标表（行政执法、行政许可、信访、学法、合法性审查、复议诉讼、普法、政务公开、建议提案）："
        "“本年”填报告年度数字，“上年”填上一年度数字（用于同比）；只填阿拉伯数字，单位已在“单位”列写明；"
        "没有的数据留空，报告中不写该项，不要填 0 代替空白。比率按百分数填写，例如 98.5 表示 98.5%。"
        "约数写成“300余”“1800多”“超过100”，大数可写“32万”“1.2亿”，报告中照样写出。",
        "5. “特色指标”表填写本单位特有的数字：指标名称照报告中的说法写，单位、本年、上年、所属分项照填；"
        "数字的写法与指标表相同（“300余”“100万余”“95%以上”）。隐藏的“编码”列不用填。",
        "6. 文字表对应报告的五个部分：主要举措（第一部分）、不足和原因（第二部分）、第一责任人（第三部分）、"
        "下年安排（第四部分）、其他事项（第五部分，可不填）。每行一项，小标题不要编号，程序自动编号。",
        "7. “报告结构”表：第一部分各分项的顺序、二级标题和引语；"
        "“报告用语”表：报告的标题、开头段落和第二、四部分的引语。两表已填好默认的写法，可以改写；保持原样时用默认的写法。",
        "8. 填好后先运行 report-draft validate 工作簿.xlsx 检查，所有问题会连同单元格位置一次列出。",
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
            _apply(ws, f"B{i}", _prompt(field.label, DATE_FORMS))
        if field.key == "year":
            _apply(ws, f"B{i}", _prompt(field.label, YEAR_FORMS))


def example_of(spec: cat.IndicatorSheet) -> cat.Indicator:
    """The indicator the sheet's banner takes as its example: the sheet's first count with an example."""
    return next(i for i in spec.indicators if i.kind is cat.Kind.COUNT and i.example)


def _indicators(ws: Any, spec: cat.IndicatorSheet) -> None:
    example = example_of(spec)
    _banner(
        ws,
        (
            f"{spec.name}：在“本年”“上年”列填写数字，没有的数据留空（报告中不写该项）。"
            "比率按百分数填写（98.5 表示 98.5%）；约数写“300余”“超过100”，大数可写“32万”。"
            f"例：“{example.label}”本年填 {example.example}。"
        ),
        len(cat.INDICATOR_COLUMNS),
    )
    _header(ws, cat.INDICATOR_COLUMNS, (22, 36, 14, 14, 10, 40))
    ws.column_dimensions["A"].hidden = True  # the 编码 the reader finds rows by; the clerk reads 指标
    counts = _prompt("数量", COUNT_FORMS)
    decimals = _prompt("金额", AMOUNT_FORMS)
    numbers = _prompt("数值", COUNT_FORMS)
    rates = _prompt("比率", RATE_FORMS)
    units = _rule("list", "单位", "金额单位只能是 元 或 万元", formula1='"元,万元"')
    for dv in (counts, decimals, numbers, rates, units):
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
            cat.Kind.NUMBER: numbers,
            cat.Kind.RATE: rates,
        }.get(ind.kind)
        if target is not None:
            target.add(f"C{i}:D{i}")
        if ind.kind is cat.Kind.AMOUNT:
            units.add(f"E{i}")
        else:
            ws.cell(row=i, column=5).fill = _LOCKED_FILL


def _special(ws: Any) -> None:
    """No English code asked of a clerk: 编码 is hidden and optional (a blank one keys the row by its
    label); the banner's example is the sheet's first row, label, unit and 所属分项 filled, figures
    blank (left so, the reader passes it over: :data:`generator.read.catalogue.SPECIAL_EXAMPLE`)."""
    label, unit, section, value = cat.SPECIAL_EXAMPLE
    _banner(
        ws,
        (
            "特色指标：本单位特有、其他表没有的数字，每行一个。“指标”写报告中的说法，"
            "“所属分项”决定写在报告第一部分哪一个分项；不填所属分项时，只写在叙述中引用它〔指标〕的地方。"
            f"例：第 3 行“{label}”，单位“{unit}”，本年填 {value}，所属分项“{section}”；"
            "没有这项数字时改写或删除这一行。"
        ),
        len(cat.SPECIAL_COLUMNS),
    )
    _header(ws, cat.SPECIAL_COLUMNS, (22, 36, 14, 14, 10, 16))
    ws.column_dimensions["A"].hidden = True  # 编码: optional, for agency templates that cite own.xxx
    for column, text in ((2, label), (5, unit), (6, section)):
        ws.cell(row=3, column=column, value=text)
    _apply(ws, "C3:D200", _prompt("数值", SPECIAL_FORMS))
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
    from generator.workbook.structure_sheets import structure_sheet, wording_sheet  # built on this module's helpers

    structure_sheet(wb.create_sheet(cat.STRUCTURE_SHEET))
    wording_sheet(wb.create_sheet(cat.WORDING_SHEET))
    for ws in wb.worksheets:
        _print_setup(ws)
    return wb


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save whole or not at all, as every output is written (:func:`generator.files.write_bytes`)."""
    from generator.files import write_bytes
    from generator.workbook.output import workbook_bytes

    write_bytes(path, workbook_bytes(wb))


def write_blank(path: Path, force: bool = False, waiting: Callable[[str], None] | None = None) -> Path | None:
    """Write the blank workbook to ``path``, never over an existing file unless ``force`` (then after
    a dated backup, whose path is returned)."""
    from generator.workbook.output import workbook_bytes, write_new_workbook

    return write_new_workbook(path, workbook_bytes(blank_workbook()), force, waiting)
