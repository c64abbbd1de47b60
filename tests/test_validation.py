"""Wrong input: one Chinese message per problem with its cell, exit status 1, no traceback, no file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.app import main
from tests.conftest import WorkbookMaker, find_row


def run_build(workbook: Path) -> tuple[Any, Path]:
    out = workbook.parent / "输出 报告.docx"
    result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(out)])
    return result, out


def set_figure(wb: Any, sheet: str, key: str, value: Any, column: int = 3) -> str:
    ws = wb[sheet]
    row = find_row(ws, key)
    ws.cell(row=row, column=column, value=value)
    return f"{sheet}!{'ABCDEF'[column - 1]}{row}"


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("错误：")]


def assert_refused(result: Any, out: Path) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not list(out.parent.glob("*.docx")) and not list(out.parent.glob(".~*"))


def test_rate_typed_as_percent_text_and_percent_cell_are_read(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        set_figure(wb, "信访", "satisfaction", "97.3%")
        ws = wb["行政许可"]
        cell = ws.cell(row=find_row(ws, "online_rate"), column=3, value=0.886)
        cell.number_format = "0.0%"

    result, out = run_build(make_workbook(edit))
    assert result.exit_code == 0, result.output
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "群众满意度达到97.3%" in text and "全程网办率达到88.6%" in text


@pytest.mark.parametrize("code", ['0.0"%"', "0.0\\%", '0"%"', '[$-804]0.0" %";-0.0" %"'])
def test_a_rate_in_a_format_that_only_writes_a_percent_sign_is_that_percentage(
    make_workbook: WorkbookMaker, code: str
) -> None:
    """95.5 shown as "95.5%" is 95.5 %, not 9550 % as in a percentage format (0.5 would be 0.5 %, not 50 %)."""

    def edit(wb: Any) -> None:
        ws = wb["信访"]
        ws.cell(row=find_row(ws, "satisfaction"), column=3, value=95.5).number_format = code

    result, out = run_build(make_workbook(edit))
    assert result.exit_code == 0, result.output
    assert "满意度" not in result.output
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "群众满意度达到95.5%" in text


def test_every_problem_is_reported_at_once(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        set_figure(wb, "行政执法", "penalty_cases", "很多")
        set_figure(wb, "普法", "events", -1)
        set_figure(wb, "信访", "on_time_rate", 120)
        set_figure(wb, "信访", "letters", 999)  # letters + visits + calls + online ≠ total
        ws = wb["基本信息"]
        ws.cell(row=find_row(ws, "成文日期"), column=2, value=dt.date(2027, 1, 5))
        wb.remove(wb["建议提案"])

    result, out = run_build(make_workbook(edit))
    assert_refused(result, out)
    lines = error_lines(result.output)
    assert len(lines) == 6, result.output
    where = [line.split("：")[1] for line in lines]
    assert any(w.startswith("基本信息!B") for w in where)
    assert any(w.startswith("信访!C") and "合计" in line for w, line in zip(where, lines, strict=True))
    assert any(w.startswith("行政执法!C") for w in where) and any(w.startswith("普法!C") for w in where)
    assert "建议提案" in where
    assert "共 6 处错误" in result.output


def test_a_sheets_errors_come_in_its_row_order_whatever_their_kind(make_workbook: WorkbookMaker) -> None:
    """Counts and rates are checked by different validators; the clerk still reads top to bottom."""
    cells: list[str] = []

    def edit(wb: Any) -> None:
        cells.append(set_figure(wb, "行政执法", "inspections", "很多"))
        cells.append(set_figure(wb, "行政执法", "random_rate", 120))
        cells.append(set_figure(wb, "行政执法", "penalty_cases", -1, column=4))

    result, out = run_build(make_workbook(edit))
    assert_refused(result, out)
    assert [line.split("：")[1] for line in error_lines(result.output)] == cells


def test_warnings_do_not_stop_the_build(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        set_figure(wb, "行政许可", "completed", 7300)  # more completed than accepted: carried over
        ws = wb["基本信息"]
        ws.cell(row=find_row(ws, "成文日期"), column=2, value="2026年3月10日")

    result, out = run_build(make_workbook(edit))
    assert result.exit_code == 0, result.output
    assert out.exists()
    warnings = [line for line in result.output.splitlines() if line.startswith("提醒：")]
    assert len(warnings) == 2
    assert any("办结行政许可事项（7300）大于受理行政许可事项" in w for w in warnings)
    assert any("晚于2026年3月1日" in w for w in warnings)


def test_validate_writes_nothing_and_reports_success(make_workbook: WorkbookMaker) -> None:
    path = make_workbook()
    before = sorted(p.name for p in path.parent.iterdir())
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.output.strip() == "检查通过：没有错误，0 处提醒。"
    assert sorted(p.name for p in path.parent.iterdir()) == before


def test_typed_heading_numbers_are_removed_with_a_warning(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        wb["主要举措"].cell(row=3, column=2, value="（一）健全法治建设领导机制")

    result, out = run_build(make_workbook(edit))
    assert result.exit_code == 0
    assert "自带编号，已去掉" in result.output
    from docx import Document

    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "1.健全法治建设领导机制。局党委将法治政府建设纳入年度重点工作" in "\n".join(texts)


@pytest.mark.parametrize(
    ("sheet", "key", "value", "message"),
    [
        (
            "行政执法",
            "penalty_cases",
            1680,
            "行政处罚案件：本年 1680（行政执法!C6），上年 156（行政执法!D6），相差超过10倍",
        ),
        (
            "行政许可",
            "accepted",
            600,
            "受理行政许可事项：本年 600（行政许可!C3），上年 6688（行政许可!D3），相差超过10倍",
        ),
        (
            "行政许可",
            "online_rate",
            8.6,
            "全程网办率：本年 8.6（行政许可!C7），上年 82.1（行政许可!D7），变化超过50个百分点",
        ),
    ],
)
def test_a_figure_far_from_last_years_is_a_warning_naming_both_cells(
    make_workbook: WorkbookMaker, sheet: str, key: str, value: Any, message: str
) -> None:
    def edit(wb: Any) -> None:
        set_figure(wb, sheet, key, value)
        if key == "accepted":
            for k in ("completed", "instant"):
                set_figure(wb, sheet, k, 500)

    result = CliRunner().invoke(main, ["validate", str(make_workbook(edit))])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("提醒：")]
    assert any(message in w for w in warnings), result.output
