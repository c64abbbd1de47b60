"""The department's own figures (特色指标) and the clerk's words for the built-in rows reach the draft.

Each test writes a workbook, builds the draft through the CLI and reads the DOCX's text: a figure
typed as the clerk types it ("100万余", "95%以上") prints as typed, in the body and in the attachment
table; a row without an English code, or with a Chinese one, is kept; a built-in row relabelled or
re-unitted prints in the clerk's words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner
from docx import Document

from generator.cli.app import main
from tests.conftest import WorkbookMaker, find_row

# (编码, 指标, 本年, 上年, 单位, 所属分项): what a clerk types, and what the draft must say
OWN = [
    ("", "开展普法进医院活动", "10多", 8, "次", "普法宣传"),
    ("", "发放健康宣传资料", "300余", 280, "份", "普法宣传"),
    ("", "服务群众", "100万余", "90万", "人次", "行政执法"),
    ("医保基金", "追回医保基金", "9427万", None, "元", "行政执法"),
    ("", "患者满意度", "95%以上", "93%", "%", "行政执法"),
]
PRINTED = ["开展普法进医院活动10多次", "发放健康宣传资料300余份", "服务群众100万余人次", "追回医保基金9427万元"]


def _own_rows(wb: Any) -> None:
    ws = wb["特色指标"]
    for n, row in enumerate(OWN):
        for col, value in enumerate(row, start=1):
            ws.cell(row=5 + n, column=col).value = value or None
    ws = wb["发文要素"]
    ws.cell(row=find_row(ws, "附主要数据表"), column=2).value = "是"


def _build(path: Path, tmp_path: Path) -> tuple[str, list[str], str]:
    out = tmp_path / "初稿 输出.docx"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    rows = ["|".join(c.text for c in row.cells) for table in doc.tables for row in table.rows]
    return "\n".join(p.text for p in doc.paragraphs), rows, result.output


def test_own_figures_typed_as_clerks_type_them_print_as_typed(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    text, rows, output = _build(make_workbook(_own_rows), tmp_path)
    assert "提醒：" not in output, output
    for printed in PRINTED:
        assert printed in text, printed
    assert "患者满意度达到95%以上" in text
    assert "1000000" not in text and "94270000" not in text
    assert "发放健康宣传资料|份|300余|280|" in "\n".join(rows)
    assert "服务群众|人次|100万余|90万|" in "\n".join(rows)
    assert "患者满意度|%|95以上|93|" in "\n".join(rows)


def test_a_keyless_own_figure_cited_by_the_narrative_prints_there(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ws = wb["特色指标"]
        for col, value in enumerate(("", "查处无证行医", "12", None, "起", None), start=1):
            ws.cell(row=5, column=col).value = value
        ws = wb["主要举措"]
        ws.cell(row=3, column=3).value = "全年查处无证行医〔查处无证行医〕起，形成有力震慑。"

    text, _, output = _build(make_workbook(edit), tmp_path)
    assert "全年查处无证行医12起，形成有力震慑。" in text
    assert text.count("查处无证行医12") == 1  # stated where cited, not again in a generated sentence
    assert "查处无证行医" not in output


def test_a_built_in_row_relabelled_and_re_unitted_prints_in_the_clerks_words(
    make_workbook: WorkbookMaker, tmp_path: Path
) -> None:
    def edit(wb: Any) -> None:
        ws = wb["行政执法"]
        row = find_row(ws, "penalty_cases")
        ws.cell(row=row, column=2).value = "查处违法行为"
        ws.cell(row=find_row(ws, "random_objects"), column=5).value = "家"
        ws.cell(row=find_row(ws, "officers"), column=5).value = "名"
        ws.cell(row=find_row(ws, "inspections"), column=2).value = None  # an empty label keeps the catalogue's
        ws = wb["发文要素"]
        ws.cell(row=find_row(ws, "附主要数据表"), column=2).value = "是"

    text, rows, _ = _build(make_workbook(edit), tmp_path)
    assert "查处违法行为168起，同比增长7.7%" in text and "办理查处" not in text
    assert "行政处罚案件168" not in text
    assert "“双随机、一公开”抽查248家" in text
    assert "现有持证执法人员" in text and "人，" not in text.split("现有持证执法人员")[1][:8]
    table = "\n".join(rows)
    assert "查处违法行为|起|168|156|" in table
    assert "“双随机、一公开”抽查对象数|家|248|230|" in table
    assert "监督检查户次|户次|1926|1784|" in table


def test_an_own_figure_typed_with_wan_is_cited_as_typed(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ws = wb["特色指标"]
        for col, value in enumerate(("", "服务群众", "100万余", "90万", "人次", None), start=1):
            ws.cell(row=5, column=col).value = value
        ws = wb["主要举措"]
        ws.cell(row=3, column=3).value = "全年服务群众〔服务群众〕，上年〔服务群众|上年〕。"

    text, _, _ = _build(make_workbook(edit), tmp_path)
    assert "全年服务群众100万余人次，上年90万人次。" in text
    assert "1000000" not in text and "900000" not in text


def test_an_own_figure_in_a_new_subsection_without_measures_prints_under_its_own_heading(
    make_workbook: WorkbookMaker, tmp_path: Path
) -> None:
    def edit(wb: Any) -> None:
        ws = wb["特色指标"]
        for col, value in enumerate(("", "家庭医生签约服务", 1200, 1100, "人", "医疗服务"), start=1):
            ws.cell(row=5, column=col).value = value

    text, _, output = _build(make_workbook(edit), tmp_path)
    assert "（十）医疗服务\n全年家庭医生签约服务为1200人，同比增长9.1%。\n二、" in text
    assert "提醒：" not in output
