"""The blank workbook's 报告结构 and 报告用语 sheets, pre-filled with the built-in defaults.

报告结构 lists item 一's eight standard subsections in their order with their default 二级 titles
and an empty 引语; 报告用语 holds the default title, opening and leads with their placeholders.  A
clerk overwrites what the department says otherwise; what stays as it is gives the template's text
(:mod:`generator.model.structure`).  Part of :mod:`generator.workbook.blank`, which adds these sheets.
"""

from __future__ import annotations

import math
from typing import Any

from openpyxl.styles import Alignment

from generator.read import catalogue as cat
from generator.workbook import blank

PLACEHOLDERS = "".join(f"〔{name}〕" for name in cat.PLACEHOLDERS)
LEAD_FORMS = "写在二级标题下、各项举措前的一段话，可不填。可引用数字〔指标名称〕，也可写" + PLACEHOLDERS + "。"
TITLE_FORMS = "本分项的二级标题，不要编号（程序自动编号）。保持原样时用默认标题。"
TEXT_FORMS = (
    f"{PLACEHOLDERS}在生成时换成“{cat.INFO_SHEET}”表中的内容（〔下年〕是报告年度的下一年）。"
    "保持原样或留空时用默认的写法（或本机关模板的写法）。"
)
_TOP = Alignment(wrap_text=True, vertical="top")
_LINE_HEIGHT = 15  # points: one line of 11-point 等线 with its leading


def _height(text: str, width: int) -> float:
    """A row tall enough for wrapped Chinese text in a column ``width`` characters wide (Excel
    counts a Chinese character as two)."""
    return _LINE_HEIGHT * max(1, math.ceil(len(text) * 2 / width))


def structure_sheet(ws: Any) -> None:
    """报告结构: 分项 | 二级标题 | 引语, one row per standard subsection in its order."""
    first = cat.SUBSECTIONS_BY_SHORT["行政执法"]
    blank._banner(
        ws,
        "报告结构：第一部分“主要举措和成效”的各分项，按本表行的先后排列。可以调换行的顺序、改写二级标题、"
        "填写引语（二级标题下、各项举措前的一段话），也可以加一行新的分项（名称与“主要举措”表的所属分项相同）。"
        "没有举措和数据的分项不会出现在报告中。"
        f"例：“{first.short}”一行的二级标题“{first.title}”可改为本单位的说法。",
        len(cat.STRUCTURE_COLUMNS),
    )
    widths = (16, 44, 90)
    blank._header(ws, cat.STRUCTURE_COLUMNS, widths)
    for i, sub in enumerate(cat.SUBSECTIONS, start=3):
        ws.cell(row=i, column=1, value=sub.short)
        ws.cell(row=i, column=2, value=sub.title)
    for row in range(3, 60):
        for col in range(1, 4):
            ws.cell(row=row, column=col).alignment = _TOP
    blank._section_list(ws, "A3:A200")
    blank._apply(ws, "B3:B200", blank._prompt("二级标题", TITLE_FORMS))
    blank._apply(ws, "C3:C200", blank._prompt("引语", LEAD_FORMS))


def wording_sheet(ws: Any) -> None:
    """报告用语: 用语 | 内容 | 说明, the built-in texts with their placeholders."""
    blank._banner(
        ws,
        "报告用语：报告的标题、开头段落和第二、四部分的引语，已填好默认的写法，可直接在“内容”列改写；"
        f"改写了的以本表为准。{PLACEHOLDERS}在生成时换成“{cat.INFO_SHEET}”表中的内容。"
        "例：“标题”一行可改为“〔机关名称〕关于〔年度〕年法治政府建设工作情况的报告”。",
        len(cat.WORDING_COLUMNS),
    )
    widths = (14, 90, 40)
    blank._header(ws, cat.WORDING_COLUMNS, widths)
    for i, wording in enumerate(cat.WORDINGS, start=3):
        ws.cell(row=i, column=1, value=wording.name).fill = blank._LOCKED_FILL
        ws.cell(row=i, column=2, value=wording.default)
        ws.cell(row=i, column=3, value=wording.help)
        for col in range(1, 4):
            ws.cell(row=i, column=col).alignment = _TOP
        ws.row_dimensions[i].height = _height(wording.default, widths[1])
    blank._apply(ws, f"B3:B{2 + len(cat.WORDINGS)}", blank._prompt("内容", TEXT_FORMS))
