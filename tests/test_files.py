"""Files as they arrive, hostile ones included: a clear message, bounded time and memory, no output."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import ROOT, SAMPLE, WorkbookMaker, find_row

MAX_SECONDS = 10
MAX_MB = 300


def run_build(path: Path) -> tuple[Any, Path]:
    out = path.parent / "输出.docx"
    return CliRunner().invoke(main, ["build", str(path), "-o", str(out)]), out


def measured(path: Path) -> tuple[str, float, float]:
    """validate in a process of its own: (output, seconds, peak resident MB)."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.monotonic()\n"
        "p = subprocess.run([sys.executable, '-m', 'generator', 'validate', sys.argv[1]], capture_output=True)\n"
        "dt = time.monotonic() - t\n"
        "mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(p.stdout.decode() + p.stderr.decode())\n"
        "print(f'@@ {dt:.2f} {mb:.0f}')\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, cwd=ROOT, text=True).stdout
    text, _, tail = out.rpartition("@@ ")
    seconds, mb = (float(x) for x in tail.split())
    return text, seconds, mb


def zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        with dst.open("xl/worksheets/sheet99.xml", "w") as part:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(64):
                part.write(zeros)


def xxe(path: Path) -> None:
    """A workbook whose workbook.xml declares entities (billion laughs, an external file)."""
    doctype = (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e SYSTEM "file:///etc/passwd">]>'
    )
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace('name="说明"'.encode(), b'name="&c;&e;"')
                if data.startswith(b"<?xml"):
                    declaration, _, data = data.partition(b"?>")
                    data = declaration + b"?>" + doctype + data
                else:
                    data = doctype + data
            dst.writestr(item, data)


def million_rows(path: Path) -> None:
    """The 行政执法 sheet with a million rows of varied numbers (compressing as real data does)."""
    import random

    from openpyxl import load_workbook

    wb = load_workbook(SAMPLE)
    target = f"xl/worksheets/sheet{wb.sheetnames.index('行政执法') + 1}.xml"
    rng = random.Random(7)
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != target:
                dst.writestr(item, src.read(item.filename))
                continue
            data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:F1000019"/>', src.read(item.filename))
            head, _, tail = data.partition(b"</sheetData>")
            with dst.open(item.filename, "w") as part:
                part.write(head)
                for r in range(20, 1_000_020):
                    part.write(
                        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>k{r}</t></is></c>'
                        f'<c r="C{r}"><v>{rng.randint(0, 10**9)}</v></c></row>'.encode()
                    )
                part.write(b"</sheetData>" + tail)


def truncated(path: Path) -> None:
    path.write_bytes(SAMPLE.read_bytes()[:5000])


def encrypted(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"))


def old_xls_named_xlsx(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)


HOSTILE = {
    "zip bomb": (zip_bomb, "工作簿解压后异常庞大"),
    "XML entities": (xxe, "无法作为 Excel 工作簿（.xlsx）打开"),
    "truncated file": (truncated, "无法作为 Excel 工作簿（.xlsx）打开"),
    "a million rows": (million_rows, "工作表“行政执法”超过 5000 行"),
    "password-protected": (encrypted, "工作簿设置了打开密码，无法读取"),
    ".xls content named .xlsx": (old_xls_named_xlsx, "这是旧版 Excel（.xls）或 WPS 表格（.et）格式的文件"),
}


@pytest.mark.skipif(sys.platform == "win32", reason="peak memory is read with the resource module")
@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_end_in_a_clear_message_in_bounded_time_and_memory(tmp_path: Path, case: str) -> None:
    make, message = HOSTILE[case]
    path = tmp_path / "来历不明 的.xlsx"
    make(path)
    result, out = run_build(path)
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert "root:" not in result.output and "aaaaaaaaaa" not in result.output  # no entity was expanded
    assert not out.exists()
    text, seconds, mb = measured(path)
    assert message in text
    assert seconds < MAX_SECONDS and mb < MAX_MB, (case, seconds, mb)
    print(f"{case}: {seconds:.2f} s, {mb:.0f} MB")


def test_a_formula_never_calculated_names_its_cell(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        ws = wb["行政执法"]
        ws.cell(row=find_row(ws, "penalty_cases"), column=3).value = "=10+20"

    result, out = run_build(make_workbook(edit))
    assert result.exit_code == 1
    row = None
    for line in result.output.splitlines():
        if "公式" in line:
            row = line
    assert row is not None and row.startswith("错误：行政执法!C6：这里是公式，但文件中没有它的计算结果")
    assert not out.exists()


def test_a_macro_workbook_is_read_and_its_macros_ignored(tmp_path: Path) -> None:
    path = tmp_path / "带宏.xlsm"
    path.write_bytes(SAMPLE.read_bytes())
    result, out = run_build(path)
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_a_sheet_with_too_many_rows_is_refused(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        ws = wb["主要举措"]
        for row in range(3, 5010):
            ws.cell(row=row, column=1, value="党的领导")
            ws.cell(row=row, column=2, value="标题")
            ws.cell(row=row, column=3, value="内容。")

    result, out = run_build(make_workbook(edit))
    assert result.exit_code == 1
    assert "错误：主要举措!A5001：工作表“主要举措”超过 5000 行" in result.output
    assert not out.exists()


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


def test_reading_stays_fast_when_a_cell_is_enormous(make_workbook: WorkbookMaker) -> None:
    big = "很长的内容" * 200_000  # a million characters
    started = time.monotonic()
    result, out = run_build(make_workbook(lambda wb: wb["主要举措"].cell(row=3, column=3, value=big)))
    assert time.monotonic() - started < MAX_SECONDS
    assert result.exit_code == 1
    assert "错误：主要举措!C3：内容过长" in result.output
    assert not out.exists()


def test_a_draft_open_in_word_gets_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    out = tmp_path / "报告.docx"
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 1
    assert f"错误：{out}：无法覆盖这个文件，它可能正在 Word 或 WPS 中打开。请关闭后重试。" in result.output
    assert not out.exists() and not list(tmp_path.glob(".~*"))


def test_a_read_only_folder_gets_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    out = tmp_path / "只读" / "报告.docx"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 1
    assert f"错误：{out}：无法在“{out.parent}”中写入文件" in result.output


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
    assert "全年办理行政处罚案件168起，同比增长7.7%" in text
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
