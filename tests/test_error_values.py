"""Error values (#N/A, #REF! …) in cells the report prints as text are refused, each with its cell.

Before, a failed formula in 机关名称 printed "#N/A法治政府建设年度报告" as the title.  Each error code
is tried in each kind of text cell: 基本信息, 发文要素, a text indicator, 特色指标 and the narrative
columns; a cell read as a number keeps its own message.
"""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.app import main
from tests.conftest import WorkbookMaker, find_row

CODES = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
HINT = "（公式没能算出结果）。请改正这个单元格的公式，或直接填写文字。"


def _put(sheet: str, row: int | str, column: int) -> Any:
    def edit(wb: Any, value: str) -> None:
        ws = wb[sheet]
        ws.cell(row=find_row(ws, row) if isinstance(row, str) else row, column=column).value = value

    return edit


TEXT_CELLS = {
    "基本信息!B3": ("机关名称", _put("基本信息", "机关名称", 2)),
    "基本信息!B9": ("署名", _put("基本信息", "署名", 2)),
    "基本信息!B6": ("主送机关", _put("基本信息", "主送机关", 2)),
    "发文要素!B11": ("联系人", _put("发文要素", "联系人", 2)),
    "学法!C10": ("重点学习的法律法规", _put("学法", "laws", 3)),
    "特色指标!B3": ("指标", _put("特色指标", 3, 2)),
    "特色指标!E3": ("单位", _put("特色指标", 3, 5)),
    "主要举措!B3": ("小标题", _put("主要举措", 3, 2)),
    "主要举措!C3": ("内容", _put("主要举措", 3, 3)),
    "主要举措!A3": ("所属分项", _put("主要举措", 3, 1)),
    "不足和原因!B3": ("内容", _put("不足和原因", 3, 2)),
    "下年安排!A3": ("小标题", _put("下年安排", 3, 1)),
}


# every code in one cell, and every cell with one code or another
CASES = [("基本信息!B3", code) for code in CODES] + [(w, CODES[i % len(CODES)]) for i, w in enumerate(TEXT_CELLS)]


@pytest.mark.parametrize(("where", "code"), CASES)
def test_an_error_value_in_a_text_cell_is_refused_at_its_cell(
    make_workbook: WorkbookMaker, where: str, code: str
) -> None:
    label, edit = TEXT_CELLS[where]
    result = CliRunner().invoke(main, ["validate", str(make_workbook(lambda wb: edit(wb, code)))])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("错误：")]
    assert errors[0] == f"错误：{where}：{label}：应填写文字，现在是错误值“{code}”{HINT}", result.output
    assert all(code not in line for line in errors[1:])  # named once


def test_an_error_value_in_a_number_cell_keeps_its_message(make_workbook: WorkbookMaker) -> None:
    result = CliRunner().invoke(
        main, ["validate", str(make_workbook(lambda wb: _put("行政执法", "penalty_cases", 3)(wb, "#REF!")))]
    )
    assert result.output.splitlines()[0] == (
        "错误：行政执法!C6：行政处罚案件：应填写数字，现在是“#REF!”。只填阿拉伯数字，单位写在“单位”列；没有数据请留空。"
    )
