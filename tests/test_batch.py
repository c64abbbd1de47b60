"""A whole county in one run: a folder of workbooks, one broken, built in parallel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli.app import main
from tests.conftest import SAMPLE, find_row


@pytest.fixture
def county(tmp_path: Path) -> Path:
    import make_sample

    folder = tmp_path / "各部门 工作簿"
    folder.mkdir()
    for i, name in enumerate(("卫生健康局", "司法局", "市场监管局", "教育局")):
        wb = make_sample.sample_workbook()
        ws = wb["基本信息"]
        ws.cell(row=find_row(ws, "机关名称"), column=2).value = f"示例县{name}"
        ws.cell(row=find_row(ws, "署名"), column=2).value = f"示例县{name}"
        ws = wb["行政执法"]
        ws.cell(row=find_row(ws, "penalty_cases"), column=3).value = 150 + i
        wb.save(folder / f"{i + 1}-{name}.xlsx")
    broken: Any = make_sample.sample_workbook()
    ws = broken["普法"]
    ws.cell(row=find_row(ws, "events"), column=3).value = -5
    broken.save(folder / "5-有错的局.xlsx")
    (folder / "~$1-卫生健康局.xlsx").write_bytes(b"Excel's lock file")
    return folder


def test_a_folder_of_five_workbooks_one_broken(county: Path, tmp_path: Path) -> None:
    out = tmp_path / "初稿"
    result = CliRunner().invoke(main, ["build", str(county), "-o", str(out), "-j", "2"])
    assert result.exit_code == 1, result.output
    drafts = sorted(p.name for p in out.glob("*.docx"))
    assert drafts == [
        f"{i + 1}-{n}_报告初稿.docx" for i, n in enumerate(("卫生健康局", "司法局", "市场监管局", "教育局"))
    ]
    for i, name in enumerate(("卫生健康局", "司法局", "市场监管局", "教育局")):
        paragraphs = Document(str(out / f"{i + 1}-{name}_报告初稿.docx")).paragraphs
        text = "".join(p.text for p in paragraphs).replace("\n", "")  # the title may break a line
        assert text.startswith(f"示例县{name}2025年法治政府建设年度报告")  # each from its own workbook
        assert text.endswith(f"示例县{name}2026年1月20日")
        assert f"行政处罚案件{150 + i}起" in text
    lines = result.output.splitlines()
    assert "文件\t结果\t提醒\t第一个错误" in lines
    [failed] = [line for line in lines if "5-有错的局.xlsx" in line and "\t失败\t" in line]
    assert failed.endswith("错误：普法!C3：普法宣传活动：不能是负数，现在是“-5”。请填写 0 或正数。")
    assert "共 5 份：成功 4 份，失败 1 份。" in lines


def test_parallel_drafts_are_byte_identical_to_drafts_built_one_at_a_time(county: Path, tmp_path: Path) -> None:
    parallel, single = tmp_path / "并行", tmp_path / "逐份"
    result = CliRunner().invoke(main, ["build", str(county), "-o", str(parallel), "-j", "2"])
    assert result.exit_code == 1, result.output  # the broken workbook
    single.mkdir()
    for wb in sorted(county.glob("[1-4]-*.xlsx")):
        result = CliRunner().invoke(main, ["build", str(wb), "-o", str(single / f"{wb.stem}_报告初稿.docx")])
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in single.glob("*.docx"))
    assert len(names) == 4
    for name in names:
        assert (parallel / name).read_bytes() == (single / name).read_bytes(), name


def test_two_workbooks_of_the_same_name_get_two_drafts(tmp_path: Path) -> None:
    a, b = tmp_path / "甲", tmp_path / "乙"
    for folder in (a, b):
        folder.mkdir()
        (folder / "数据.xlsx").write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "初稿"
    result = CliRunner().invoke(main, ["build", str(a / "数据.xlsx"), str(b / "数据.xlsx"), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.docx")) == ["数据_报告初稿.docx", "数据_报告初稿_2.docx"]
