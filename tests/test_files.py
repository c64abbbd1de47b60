"""Files as they arrive, hostile ones included: a clear message, bounded time and memory, no output."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.app import main
from tests.conftest import ROOT, SAMPLE, WorkbookMaker, find_row
from tests.hostile_files import MAX_MB, MAX_SECONDS, measure
from tests.test_bad_inputs import CASES


def run_build(path: Path) -> tuple[Any, Path]:
    out = path.parent / "输出.docx"
    return CliRunner().invoke(main, ["build", str(path), "-o", str(out)]), out


HOSTILE = [
    "zip bomb",
    "XML entities",
    "truncated file",
    "a million rows",
    "password-protected",
    ".xls content named .xlsx",
    "10 MB cell",
]


@pytest.mark.skipif(sys.platform == "win32", reason="peak memory is read with the resource module")
@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_end_in_a_clear_message_in_bounded_time_and_memory(tmp_path: Path, case: str) -> None:
    """The message is the catalogue's (test_bad_inputs.py); here, the time and memory of a whole run."""
    path = tmp_path / "来历不明 的.xlsx"
    assert CASES[case].make is not None
    CASES[case].make(path)
    out = tmp_path / "输出.docx"
    for command in (["build", path, "-o", out], ["validate", path]):
        run = measure(*command)
        assert run.output.strip() == CASES[case].output.format(wb=path).strip()
        assert run.status == 1
        assert not out.exists()
        assert run.seconds < MAX_SECONDS and run.mb < MAX_MB, (case, command[0], run)


def test_a_macro_workbook_is_read_and_its_macros_ignored(tmp_path: Path) -> None:
    path = tmp_path / "带宏.xlsm"
    path.write_bytes(SAMPLE.read_bytes())
    result, out = run_build(path)
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_a_workbook_with_xml_control_characters_is_read(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    path = make_workbook(lambda wb: wb["主要举措"].cell(row=3, column=3, value="内容ZZ含控制字符。"))
    patched = tmp_path / "控制字符.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():  # Excel writes a control character as _x0007_
            dst.writestr(item, src.read(item.filename).replace(b"ZZ", b"_x0007_"))
    result, out = run_build(patched)
    assert result.exit_code == 0, result.output
    from docx import Document

    assert "1.健全法治建设领导机制。内容含控制字符。" in [p.text for p in Document(str(out)).paragraphs]


def test_renamed_headers_reordered_columns_and_hidden_rows_are_read(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        ws = wb["行政执法"]
        ws["C2"], ws["D2"], ws["A2"] = "2025年", "2024年", "代码"  # renamed headers
        ws.row_dimensions[find_row(ws, "penalty_cases")].hidden = True  # a hidden row still counts
        ws = wb["信访"]
        ws.move_range("C2:D20", cols=4)  # this year and last year moved to the right of 说明
        wb["学法"].sheet_state = "hidden"  # a hidden sheet still counts

    result, out = run_build(make_workbook(edit))
    assert result.exit_code == 0, result.output
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "办理行政处罚案件168起，同比增长7.7%" in text
    assert "全年受理信访事项4068件，同比下降4.3%" in text
    assert "全年开展会前学法14次" in text


def test_merged_cells_read_as_their_first_cell(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        ws = wb["主要举措"]
        ws.merge_cells("A3:A4")  # both 党的领导 measures under one merged 所属分项 cell

    result, out = run_build(make_workbook(edit))
    assert result.exit_code == 0, result.output
    from docx import Document

    text = [p.text for p in Document(str(out)).paragraphs]
    assert any(t.startswith("2.压实法治建设工作责任。") for t in text)


def test_openpyxl_warnings_do_not_reach_the_clerk(make_workbook: WorkbookMaker) -> None:
    import subprocess

    def edit(wb: Any) -> None:
        cell = wb["行政执法"].cell(row=find_row(wb["行政执法"], "penalty_cases"), column=6)
        cell.value = 2972634  # a date serial far out of range in a cell formatted as a date
        cell.number_format = "yyyy-mm-dd"

    path = make_workbook(edit)
    out = subprocess.run([sys.executable, "-m", "generator", "validate", str(path)], capture_output=True, cwd=ROOT)
    assert b"UserWarning" not in out.stderr and b"Warning" not in out.stdout + out.stderr
