"""The attachment's figures table reads whole: no figure, unit or 同比 phrase breaks across lines.

Checked in the DOCX (the 单位 column and bare figures agree) and in LibreOffice's PDF, cell by cell:
every figure, unit, 同比 phrase and header must come out as one rendered line.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

from generator import gbt9704 as std
from generator.cli.app import main
from generator.docx.pdf import convert_to_pdf
from generator.docx.table_layout import break_label, column_widths, width_twips
from tests.conftest import find_row
from tests.pdf_layout import read_pages, strokes
from tests.test_upward import upward

LONG_LABEL = "全县医疗卫生机构依法执业专项监督检查（含民营医疗机构、个体诊所）"


def long_labels_and_large_values(wb: Any) -> None:
    upward(wb)
    ws = wb["普法"]
    ws.cell(row=find_row(ws, "materials"), column=3).value = 1234567  # 增长10188.1%
    ws = wb["行政执法"]
    ws.cell(row=find_row(ws, "fines"), column=3).value = 1234567890  # 元: 12.3456789亿元
    ws = wb["特色指标"]
    row = find_row(ws, "hospital_checks")
    ws.cell(row=row, column=2).value = LONG_LABEL
    ws.cell(row=row, column=3).value = 987654321


def build(tmp_path: Path, edit: Any, name: str) -> tuple[Path, Path]:
    import make_sample

    wb = make_sample.sample_workbook()
    edit(wb)
    wb.save(tmp_path / f"{name}.xlsx")
    out = tmp_path / f"{name}.docx"
    result = CliRunner().invoke(main, ["build", str(tmp_path / f"{name}.xlsx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pdf = out.with_suffix(".pdf")
    convert_to_pdf(out, pdf)
    return out, pdf


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build(tmp_path_factory.mktemp("附件 表"), upward, "上报")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build(tmp_path_factory.mktemp("附件 大数"), long_labels_and_large_values, "大数")


def table_rows(docx: Path) -> list[list[str]]:
    figures = Document(str(docx)).tables[0]
    return [[c.text for c in row.cells] for row in figures.rows]


def rendered_lines(pdf: Path) -> Counter[str]:
    """Each line of text LibreOffice set in a cell of the attachment's table.

    pdftotext may run two neighbouring cells into one line; the table's vertical rules, read from
    the page's drawing, say which cell each word is in.
    """
    pages = read_pages(pdf)
    start = next(i for i, p in enumerate(pages) if any(line.text == "附件" for line in p.lines))
    out: Counter[str] = Counter()
    for page in pages[start:]:
        rules = sorted({round(s.x0, 1) for s in strokes(pdf, page.number) if not s.horizontal and s.length > 3})
        for line in page.lines:
            cells: dict[int, str] = {}
            for word in line.words:
                middle = (word.x0 + word.x1) / 2
                column = sum(x < middle for x in rules)
                cells[column] = cells.get(column, "") + word.text
            out.update(cells.values())
    return out


def assert_reads_whole(docx: Path, pdf: Path) -> None:
    rows = table_rows(docx)
    wanted = Counter(cell for row in rows[1:] if len(set(row)) > 1 for cell in row[1:])  # 单位, years, 同比
    wanted.update(rows[0])  # the header (repeated on each page)
    lines = rendered_lines(pdf)
    split = {text: n for text, n in wanted.items() if lines[text] < n}
    assert split == {}, f"broken across lines: {split}"


def test_the_unit_column_names_the_unit_the_bare_figures_are_in(sample: tuple[Path, Path]) -> None:
    rows = table_rows(sample[0])
    assert rows[0] == ["指标", "单位", "2025年", "2024年", "同比"]
    assert ["罚没款金额", "万元", "35.68", "32.15", "增长11%"] in rows
    assert ["行政处罚案件", "起", "168", "156", "增长7.7%"] in rows
    assert ["群众满意度", "%", "97.3", "96.2", "提高1.1个百分点"] in rows
    assert ["按期办结率", "%", "100", "100", "持平"] in rows
    assert not [r for r in rows if any(c.endswith(("元", "%")) for c in r[2:4])]


def test_money_rows_take_one_unit_for_both_years(large: tuple[Path, Path]) -> None:
    rows = table_rows(large[0])
    [fines] = [r for r in rows if r[0] == "罚没款金额"]
    assert fines[:4] == ["罚没款金额", "亿元", "12.3456789", "0.003215"]  # 1234567890 元 and 321500 元


def test_no_figure_or_phrase_breaks_in_the_sample(sample: tuple[Path, Path]) -> None:
    assert_reads_whole(*sample)
    lines = rendered_lines(sample[1])
    assert lines["党委（党组）"] >= 2 and lines["理论学习中心组集体学法"] == 1  # broken after the bracket
    assert lines["合法性审核行政规范性文件"] == 1


def test_no_figure_or_phrase_breaks_with_long_labels_and_large_values(large: tuple[Path, Path]) -> None:
    assert_reads_whole(*large)
    rows = table_rows(large[0])
    [long] = [r for r in rows if r[0].replace("\n", "") == LONG_LABEL]
    assert long[2] == "987654321" and long[0].split("\n")[-1] == "个体诊所）"  # broken between its words


def test_figure_columns_are_as_wide_as_their_widest_figure() -> None:
    header = ["指标", "单位", "2025年", "2024年", "同比"]
    rows = [["学法"], ["很长的指标名称" * 3, "台（套）", "1234567890", "7", "提高12.5个百分点"]]
    size, margin = std.TABLE_SIZE.pt, round(std.TABLE_CELL_MARGIN.twips)
    columns = column_widths(header, rows, 0, 8844, size, margin)
    assert sum(columns.widths) == 8844
    for i, cell in enumerate(rows[1][1:], start=1):
        assert columns.inner[i] >= width_twips(cell, size)
    assert columns.widths[0] == 8844 - sum(columns.widths[1:])


def test_a_long_label_breaks_between_its_words() -> None:
    size = std.TABLE_SIZE.pt
    room = round(width_twips("理论学习中心组集体学法", size))
    assert break_label("党委（党组）理论学习中心组集体学法", room, size) == ["党委（党组）", "理论学习中心组集体学法"]
    assert break_label("会前学法", room, size) == ["会前学法"]
    quoted = "“双随机、一公开”抽查对象数"
    assert break_label(quoted, round(width_twips("“双随机、", size)), size) == [quoted]
