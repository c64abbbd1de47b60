"""``report-draft upgrade OLD NEW``: a workbook of an older layout carried into the current one (#14 item 7).

The old layout is the sample as ``init`` made it before #14's 特色指标 and structure sheets
(``tests/fixtures/旧版布局 示例工作簿.xlsx``, the committed sample of that time).  Each test reads the
files back: every value of OLD is in NEW, where the reader looks for it, with its number format; the
draft built from NEW says what the draft built from OLD says, figure for figure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from generator.cli.app import main
from generator.read import catalogue as cat
from generator.workbook.upgrade import upgrade_workbook
from tests.conftest import ROOT, SAMPLE, find_row

KNOWN = {cat.INFO_SHEET, cat.DISPATCH_SHEET, cat.SPECIAL_SHEET, cat.STRUCTURE_SHEET, cat.WORDING_SHEET}
KNOWN |= {s.name for s in (*cat.INDICATOR_SHEETS, *cat.NARRATIVE_SHEETS)}
OLD_LAYOUT = ROOT / "tests" / "fixtures" / "旧版布局 示例工作簿.xlsx"


def _upgrade(old: Path, new: Path, *more: str) -> Any:
    result = CliRunner().invoke(main, ["upgrade", str(old), str(new), *more])
    assert result.exit_code == 0, result.output
    return result


def _draft(workbook: Path, out: Path) -> tuple[list[str], bytes]:
    """The draft's text (paragraphs, then table cells) and its --sources table."""
    result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(out), "--sources"])
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    text = [p.text for p in doc.paragraphs]
    text += ["|".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
    return text, out.with_suffix(".sources.csv").read_bytes()


def _data_cells(path: Path) -> dict[tuple[str, str], tuple[Any, str]]:
    """Every non-empty cell of the workbook's data areas: below the header row of each sheet but 说明
    (a formula's cell: its value, as Excel shows it)."""
    wb = load_workbook(path, data_only=True)
    out: dict[tuple[str, str], tuple[Any, str]] = {}
    for ws in wb.worksheets:
        if ws.title == cat.README_SHEET:
            continue
        header = 0  # a sheet of the clerk's own: all of it
        if ws.title in KNOWN:  # the first row naming two columns (the banner is one merged cell)
            header = next(r for r in range(1, 7) if sum(c.value is not None for c in ws[r]) >= 2)
        for row in ws.iter_rows(min_row=header + 1):
            for c in row:
                if c.value is not None and c.value != "":
                    out[(ws.title, c.coordinate)] = (c.value, c.number_format)
    return out


def _all_carried(old: Path, new: Path, moved: dict[str, str]) -> None:
    """Each data cell of OLD is in NEW where ``moved`` says, same value and number format; and, not
    trusting ``moved``, its value is somewhere on the sheet of that name in NEW."""
    before = _data_cells(old)
    after = _data_cells(new)
    wb = load_workbook(new)
    missing = []
    for (sheet, ref), (value, fmt) in before.items():
        where = moved.get(f"{sheet}!{ref}")
        if where is None:
            missing.append((sheet, ref, value))
            continue
        new_sheet, new_ref = where.split("!")
        assert after[(new_sheet, new_ref)] == (value, fmt), (sheet, ref, where)
        assert value in [c.value for row in wb[new_sheet].iter_rows() for c in row], (sheet, ref)
    assert missing == []


def test_the_old_sample_upgraded_builds_the_same_draft(tmp_path: Path) -> None:
    """The committed sample as it was (old layout), built, equals it upgraded and built: the same
    text, the same figures from the same cells."""
    new = tmp_path / "新版 工作簿.xlsx"
    result = _upgrade(OLD_LAYOUT, new)
    moved = upgrade_workbook(OLD_LAYOUT).moved
    assert result.output == f"已生成新版工作簿：{new}（搬过 {len(moved)} 个单元格，0 处提醒）\n"
    old_text, old_sources = _draft(OLD_LAYOUT, tmp_path / "旧.docx")
    new_text, new_sources = _draft(new, tmp_path / "新.docx")
    assert new_text == old_text
    assert new_sources == old_sources and old_sources.count(b"\r\n") > 50
    _all_carried(OLD_LAYOUT, new, moved)
    assert load_workbook(new)[cat.SPECIAL_SHEET].column_dimensions["A"].hidden  # the current layout


def test_the_old_layout_still_validates_as_it_is() -> None:
    result = CliRunner().invoke(main, ["validate", str(OLD_LAYOUT)])
    assert (result.exit_code, result.output) == (0, "检查通过：没有错误，0 处提醒。\n")


def test_the_current_sample_upgraded_is_the_same_workbook(tmp_path: Path) -> None:
    """Upgrading a workbook already in the current layout changes no value and no draft."""
    new = tmp_path / "再转一次.xlsx"
    _upgrade(SAMPLE, new)
    _all_carried(SAMPLE, new, upgrade_workbook(SAMPLE).moved)
    assert _draft(new, tmp_path / "新.docx")[0] == _draft(SAMPLE, tmp_path / "旧.docx")[0]


def _hand_made(path: Path) -> None:
    """An old workbook as a clerk leaves it: rows relabelled, re-unitted and reordered, renamed headers,
    特色指标 with and without 编码, a percent and text-typed numbers, a merged 所属分项, a deleted
    banner row, an extra column, an unknown 编码, a formula, a sheet of the clerk's own and a chart sheet."""
    wb = load_workbook(OLD_LAYOUT)
    ws = wb["行政执法"]
    r = find_row(ws, "penalty_cases")
    ws.cell(row=r, column=2).value, ws.cell(row=r, column=5).value = "查处违法行为", "起"
    ws.cell(row=r, column=3).value = "160余"
    ws.move_range(f"A{r}:F{r}", rows=ws.max_row + 1 - r)  # the row moved to the end
    ws.cell(row=ws.max_row + 1, column=1).value = "my_own_key"
    ws.cell(row=ws.max_row, column=2).value, ws.cell(row=ws.max_row, column=3).value = "自加的一行", 5
    ws = wb["信访"]
    ws["C2"].value, ws["D2"].value = "2025年", "2024年"
    r = find_row(ws, "satisfaction")
    ws.cell(row=r, column=3).value = 0.973
    ws.cell(row=r, column=3).number_format = "0.0%"
    ws = wb[cat.SPECIAL_SHEET]
    for row, values in enumerate(
        [
            ("", "发放健康宣传资料", "300余", "0280", "份", "普法宣传"),
            ("mine", "追回医保基金", "9427万", None, "元", "行政执法"),
        ],
        start=5,
    ):
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col).value = value or None
    ws["D5"].number_format = "@"
    ws = wb["主要举措"]
    ws["D2"].value, ws["D3"].value = "备注", "这条请领导再看"
    ws.merge_cells("A3:A4")
    ws["C4"].value = "=不是公式，是以等号开头的文字"
    ws["C4"].data_type = "s"
    wb["不足和原因"].unmerge_cells("A1:B1")
    wb["不足和原因"].delete_rows(1)  # the banner row deleted: the header is row 1
    ws = wb["建议提案"]
    ws["C3"].value = "=5+6"  # a formula: carried as its result (openpyxl leaves none: set below)
    extra = wb.create_sheet("我的备注")
    extra["A1"], extra["B2"] = "自己记的", 42
    extra.merge_cells("A1:C1")
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.add_data(Reference(extra, min_col=2, min_row=2, max_row=2))
    wb.create_chartsheet("我的图表").add_chart(chart)
    wb.save(path)
    _give_formula_a_result(path, "建议提案", "C3", "11")


def _give_formula_a_result(path: Path, sheet: str, ref: str, value: str) -> None:
    """Write the cached value Excel would have saved beside a formula openpyxl wrote."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    names = load_workbook(path).sheetnames
    part = f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"
    parts[part] = re.sub(
        rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?'.encode(),
        rb"\1<f>\2</f><v>" + value.encode() + b"</v>",
        parts[part],
    )
    parts[part] = parts[part].replace(f'<c r="{ref}" t="str">'.encode(), f'<c r="{ref}">'.encode())
    assert f"<v>{value}</v>".encode() in parts[part]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.fixture
def hand_made(tmp_path: Path) -> Path:
    path = tmp_path / "旧版 手工.xlsx"
    _hand_made(path)
    return path


def test_a_hand_made_old_workbook_is_carried_whole(hand_made: Path, tmp_path: Path) -> None:
    new = tmp_path / "新版 手工.xlsx"
    result = _upgrade(hand_made, new)
    up = upgrade_workbook(hand_made)
    _all_carried(hand_made, new, up.moved)
    wb = load_workbook(new)
    ws = wb["行政执法"]
    r = find_row(ws, "penalty_cases")
    assert r == 6 and [ws.cell(row=r, column=c).value for c in (2, 3, 5)] == ["查处违法行为", "160余", "起"]
    last = ws.max_row
    assert [ws.cell(row=last, column=c).value for c in (1, 2, 3)] == ["my_own_key", "自加的一行", 5]
    ws = wb["信访"]
    r = find_row(ws, "satisfaction")
    assert (ws.cell(row=r, column=3).value, ws.cell(row=r, column=3).number_format) == (0.973, "0.0%")
    assert ws.cell(row=r, column=4).value == 96.2  # 上年 under the header "2024年"
    ws = wb[cat.SPECIAL_SHEET]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3, max_row=6, max_col=6)]
    assert rows[0][0] == "hospital_checks" and rows[1][1] == "医疗纠纷人民调解成功"  # the example row gave way
    assert rows[2:] == [
        [None, "发放健康宣传资料", "300余", "0280", "份", "普法宣传"],
        ["mine", "追回医保基金", "9427万", None, "元", "行政执法"],
    ]
    assert ws["D5"].number_format == "@"
    ws = wb["主要举措"]
    assert "A3:A4" in {str(m) for m in ws.merged_cells.ranges}
    assert (ws["D2"].value, ws["D3"].value) == ("备注", "这条请领导再看")
    assert ws["C4"].data_type == "s" and ws["C4"].value.startswith("=不是公式")
    assert wb["不足和原因"]["A3"].value == "不足"  # the old row 2 (header on row 1) is row 3 again
    assert wb["建议提案"]["C3"].value == 11
    assert wb.sheetnames[-1] == "我的备注" and wb["我的备注"]["B2"].value == 42
    assert "A1:C1" in {str(m) for m in wb["我的备注"].merged_cells.ranges}
    added = find_row(load_workbook(hand_made)["行政执法"], "my_own_key")
    notices = [
        f"行政执法!{added}行（编码“my_own_key”）：新版工作表没有这一行（或它重复了），已原样放在 行政执法!{last}行。",
        "建议提案!C3：是公式，新工作簿中换成了它的计算结果。",
        "主要举措!D列（备注）：新版工作表没有这一列，已原样放在 主要举措!D列，程序不读它。",
        "工作表“我的备注”：新版工作簿没有这张表，已原样复制为“我的备注”。",
        "工作表“我的图表”：没有单元格内容（图表、图片不会转换），没有复制。",
    ]
    assert up.notices == notices
    said = "".join(f"提醒：{n}\n" for n in notices)
    assert result.output == said + f"已生成新版工作簿：{new}（搬过 {len(up.moved)} 个单元格，5 处提醒）\n"


def test_a_hand_made_old_workbook_builds_the_same_draft_upgraded(hand_made: Path, tmp_path: Path) -> None:
    """The old and the new build alike: the relabelled row in the clerk's words, 300余份 as typed."""
    new = tmp_path / "新版.xlsx"
    _upgrade(hand_made, new)
    old_text, _ = _draft(hand_made, tmp_path / "旧.docx")
    new_text, _ = _draft(new, tmp_path / "新.docx")
    assert new_text == old_text
    body = "\n".join(new_text)
    assert "查处违法行为160余起" in body and "追回医保基金9427万元" in body and "发放健康宣传资料300余份" in body


def test_force_keeps_the_file_it_replaces(tmp_path: Path) -> None:
    new = tmp_path / "新版.xlsx"
    new.write_bytes(b"the clerk's other workbook")
    result = _upgrade(OLD_LAYOUT, new, "--force")
    [backup] = [p for p in tmp_path.iterdir() if ".备份" in p.name]
    assert backup.read_bytes() == b"the clerk's other workbook"
    assert result.output.endswith(f"原文件已备份为：{backup}\n")
    assert load_workbook(new)["基本信息"]["B3"].value == "示例县卫生健康局"
