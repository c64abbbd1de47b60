"""Lists past 99 entries: what validate passes, build builds, and counts go on in Chinese numerals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document

from generator.pipeline import build, load
from generator.read import catalogue as cat
from tests.conftest import WorkbookMaker


def _long_lists(wb: Any) -> None:
    ws = wb[cat.SHORTCOMINGS.name]
    for i in range(120):
        ws.cell(row=3 + i, column=1, value="不足")
        ws.cell(row=3 + i, column=2, value=f"第{i + 1}条不足的具体表现")
    ws.cell(row=123, column=1, value="原因")
    ws.cell(row=123, column=2, value="原因的说明")
    ws = wb[cat.MEASURES.name]
    start = ws.max_row + 1
    for i in range(105):
        ws.cell(row=start + i, column=1, value=f"自设分项{i + 1}")
        ws.cell(row=start + i, column=2, value=f"第{i + 1}项举措")
        ws.cell(row=start + i, column=3, value="举措的内容。")


def test_a_hundred_and_more_entries_are_counted_past_ninety_nine(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    workbook = make_workbook(_long_lists)
    load(workbook)  # validate's verdict: no error
    out = tmp_path / "长 清单.docx"
    build(workbook, out)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "一百是第100条不足的具体表现" in text
    assert "一百一十九是第119条不足的具体表现" in text
    assert "一百二十是第120条不足的具体表现" in text
    level2 = [p.text for p in Document(str(out)).paragraphs if p.text.startswith("（一百")]
    assert level2, "no level-2 heading numbered past 99"
    assert any(t.startswith("（一百零一）") for t in level2)
