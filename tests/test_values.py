"""Values as clerks type them: read what is meant, keep what is approximate, refuse what is ambiguous."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli.app import main
from generator.model.values import typed_number
from tests.conftest import WorkbookMaker, find_row


@pytest.mark.parametrize(
    ("typed", "number", "mark"),
    [
        ("32万", 320000, ""),
        ("2.4万", 24000, ""),
        ("1.2亿", 120000000, ""),
        ("300余", 300, "余"),
        ("1800多", 1800, "多"),
        ("超过100", 100, "超过"),
        ("约300", 300, "约"),
        ("１５６", 156, ""),
        ("6,688", 6688, ""),
        (" 156起 ", 156, ""),
        ("32万余", 320000, "余"),
        ("1" * 30, int("1" * 30), ""),  # found by tests/fuzz_workbooks.py: longer than Decimal's precision
    ],
)
def test_numbers_typed_every_unambiguous_way_are_read(typed: str, number: int, mark: str) -> None:
    value, approx = typed_number(typed, ("起",))
    assert value == number and approx == mark


@pytest.mark.parametrize("typed", ["十二", "156件", "3-5", "32万万", "abc"])
def test_anything_else_is_left_for_validation_to_refuse(typed: str) -> None:
    value, approx = typed_number(typed, ("起",))
    assert value == typed.strip() or isinstance(value, str)
    assert approx == ""


def build(path: Path) -> tuple[Any, list[str]]:
    out = path.with_suffix(".docx")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    text = [p.text for p in Document(str(out)).paragraphs] if out.exists() else []
    return result, text


def set_cell(wb: Any, sheet: str, key: str, value: Any, column: int = 3) -> None:
    ws = wb[sheet]
    ws.cell(row=find_row(ws, key), column=column).value = value


def test_approximate_figures_are_written_back_the_same_way(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        set_cell(wb, "合法性审查", "normative_cleaned", "300余")
        set_cell(wb, "普法", "materials", "1.35万")
        set_cell(wb, "行政执法", "fines", "32万余")
        set_cell(wb, "行政执法", "inspections", "1800多")
        set_cell(wb, "行政许可", "accepted", "超过7000")
        set_cell(wb, "行政执法", "penalty_cases", "突破160")  # the published report's "突破32万元"
        set_cell(wb, "学法", "pre_meeting", "不少于12")  # its "不少于2次"

    result, text = build(make_workbook(edit))
    assert result.exit_code == 0, result.output
    body = "\n".join(text)
    assert "清理行政规范性文件300余件" in body
    assert "发放宣传资料1.35万份" in body  # as typed (13500份 before: #14)
    assert "收缴罚没款32万余元" in body
    assert "全年开展监督检查1800多户次" in body
    assert "全年受理行政许可事项超过7000件，办结7150件" in body  # no 同比 from an approximate figure
    assert "办理行政处罚案件突破160起，" in body and "全年开展会前学法不少于12次" in body


def test_a_rate_typed_as_a_fraction_is_read_as_a_share_of_100_with_a_warning(make_workbook: WorkbookMaker) -> None:
    result, text = build(make_workbook(lambda wb: set_cell(wb, "信访", "satisfaction", 0.973)))
    assert result.exit_code == 0
    assert (
        "提醒：信访!C14：群众满意度：填的是 0.973，按 97.3% 理解。如果实际是 0.973%，请填写“0.973%”。" in result.output
    )
    assert any("群众满意度达到97.3%" in t for t in text)


def test_wan_typed_where_the_unit_is_already_wan_yuan_is_refused(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        set_cell(wb, "行政执法", "fines", "32万")
        set_cell(wb, "行政执法", "fines", "万元", column=5)

    result, _ = build(make_workbook(edit))
    assert result.exit_code == 1
    assert "罚没款金额：单位列已是“万元”，数值中不要再写“万”或“亿”（现在是“32万”）" in result.output


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_an_infinite_float_is_left_for_validation_to_refuse(value: float) -> None:
    """A float that is no number (a workbook written by a script) no longer raises OverflowError."""
    number, approx = typed_number(value)
    assert not number.is_finite() and approx == ""
