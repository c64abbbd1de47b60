"""Hypothesis strategies: workbooks with random values and layouts, for the reader and validation.

Used by tests/test_properties.py (a short run in CI) and tests/fuzz_workbooks.py (a long run).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "data_inputs"))

import make_sample  # noqa: E402

from generator.read import catalogue as cat  # noqa: E402

VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.text(max_size=20),
    st.sampled_from(["32万", "300余", "超过100", "１５６", "6,688", "95%", "0.95", "十二", "", " ", "=1+1", "—"]),
    st.booleans(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
)


NARRATIVE_TEXT = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "【二级】标记",
            "〔行政处罚案件〕起",
            "〔不存在的指标〕",
            "（一）自带编号的小标题",
            "1.自带编号",
            "第一行\n第二行",
            "=A1",
            "不足",
            "原因",
            "行政执法",
            "自设分项",
        ]
    ),
)


@st.composite
def narrative_rows(draw: Any, wb: Any) -> None:
    """A narrative sheet with random cells, sometimes a list of 95 to 130 rows (counts past 99)."""
    sheet = draw(st.sampled_from(cat.NARRATIVE_SHEETS))
    ws = wb[sheet.name]
    if draw(st.booleans()):
        count = draw(st.integers(min_value=95, max_value=130))
        first = ws.cell(row=3, column=1).value
        own_subsections = sheet is cat.MEASURES and draw(st.booleans())  # 95–130 level-2 headings
        for i in range(count):
            for column in range(1, len(sheet.columns) + 1):
                ws.cell(row=3 + i, column=column).value = ws.cell(row=3, column=column).value
            ws.cell(row=3 + i, column=len(sheet.columns)).value = f"第{i + 1}条内容"
            if own_subsections:
                ws.cell(row=3 + i, column=1).value = f"自设分项{i}"
        ws.cell(row=3, column=1).value = first
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        row = draw(st.integers(min_value=3, max_value=max(ws.max_row, 3) + 2))
        column = draw(st.integers(min_value=1, max_value=len(sheet.columns)))
        try:
            ws.cell(row=row, column=column).value = draw(NARRATIVE_TEXT)
        except Exception:  # openpyxl refuses some characters; the clerk could not type them either
            ws.cell(row=row, column=column).value = None


@st.composite
def workbooks(draw: Any) -> Any:
    """The sample workbook with random cells changed, rows shuffled, blank rows and sheets removed."""
    wb = make_sample.sample_workbook()
    sheets = [s.name for s in cat.INDICATOR_SHEETS]
    changes = st.integers(min_value=0, max_value=12)
    for _ in range(draw(st.one_of(st.just(0), changes))):  # half the workbooks keep their figures
        ws = wb[draw(st.sampled_from(sheets))]
        row = draw(st.integers(min_value=3, max_value=ws.max_row))
        column = draw(st.sampled_from([3, 4, 5]))
        value = draw(VALUES)
        try:
            ws.cell(row=row, column=column).value = value
        except Exception:  # openpyxl refuses some characters; the clerk could not type them either
            ws.cell(row=row, column=column).value = None
    if draw(st.booleans()):  # rows in another order
        ws = wb[draw(st.sampled_from(sheets))]
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
        order = draw(st.permutations(list(range(len(rows)))))
        for i, j in enumerate(order):
            for k, v in enumerate(rows[j], start=1):
                ws.cell(row=3 + i, column=k).value = v
    if draw(st.booleans()):  # a blank row in the middle
        ws = wb[draw(st.sampled_from(sheets))]
        ws.insert_rows(draw(st.integers(min_value=3, max_value=ws.max_row)))
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        draw(narrative_rows(wb))
    if draw(st.integers(min_value=0, max_value=9)) == 0:  # a sheet missing
        del wb[draw(st.sampled_from([*sheets, cat.INFO_SHEET, cat.MEASURES.name]))]
    return wb
