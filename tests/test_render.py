"""From workbook changes to the draft's text: renumbering, empty figures, workbook text as data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document

from generator.errors import TemplateProblem
from generator.model.validation import validate
from generator.pipeline import build
from generator.read import catalogue as cat
from generator.read.reader import read_workbook
from generator.render.agencies import template_set
from generator.render.engine import render_outline
from tests.conftest import WorkbookMaker, find_row


def draft(path: Path) -> list[str]:
    out = path.with_suffix(".docx")
    build(path, out)
    return [p.text for p in Document(str(out)).paragraphs]


def test_adding_one_measure_renumbers_everything_after_it(make_workbook: WorkbookMaker) -> None:
    before = draft(make_workbook(name="前.xlsx"))

    def add_first(wb: Any) -> None:
        ws = wb["主要举措"]
        ws.insert_rows(3)
        for col, value in enumerate(("党的领导", "新增的一项举措", "新增举措的内容。"), start=1):
            ws.cell(row=3, column=col, value=value)

    after = draft(make_workbook(add_first, name="后.xlsx"))
    assert "1.新增的一项举措。新增举措的内容。" in after
    assert any(t.startswith("2.健全法治建设领导机制。") for t in after)
    assert any(t.startswith("3.压实法治建设工作责任。") for t in after)
    assert any(t.startswith("2.压实法治建设工作责任。") for t in before)
    assert len(after) == len(before) + 1


def test_a_new_subsection_typed_by_the_clerk_is_numbered_after_the_standard_ones(make_workbook: WorkbookMaker) -> None:
    text = draft(make_workbook())
    assert "（九）健康领域法治保障" in text


def test_empty_figures_leave_their_clauses_out(make_workbook: WorkbookMaker) -> None:
    def clear(wb: Any) -> None:
        ws = wb["行政执法"]
        for ind in cat.SHEETS_BY_NAME["行政执法"].indicators:
            ws.cell(row=find_row(ws, ind.key), column=3).value = None
        ws = wb["政务公开"]
        ws.cell(row=find_row(ws, "requests"), column=3).value = None

    text = "\n".join(draft(make_workbook(clear)))
    assert "行政处罚案件" not in text and "持证执法人员" not in text
    parts = "对政府信息公开申请予以公开4件、部分公开1件、答复本机关不掌握相关信息2件。"
    assert "全年主动公开政府信息438条。" + parts in text  # the parts of a total left empty: one list
    for bad in ("None", "，，", "，。", "。。", "其中。", "{}"):
        assert bad not in text, bad
    assert "法理相融。全年开展医疗机构依法执业专项检查326家次，同比增长9.4%。" in text and "此外" not in text


def test_a_subsection_with_neither_figures_nor_measures_disappears(make_workbook: WorkbookMaker) -> None:
    def clear(wb: Any) -> None:
        for sheet in ("普法",):
            ws = wb[sheet]
            for ind in cat.SHEETS_BY_NAME[sheet].indicators:
                ws.cell(row=find_row(ws, ind.key), column=3).value = None
        ws = wb["主要举措"]
        for row in ws.iter_rows(min_row=3):
            if row[0].value == "普法宣传":
                for cell in row:
                    cell.value = None

    text = draft(make_workbook(clear))
    assert not any("普法宣传，营造" in t for t in text)
    assert "（八）健康领域法治保障" in text


def test_markers_and_code_typed_in_cells_stay_text(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        ws = wb["主要举措"]
        ws.cell(row=3, column=3, value="【二级】{{ agency }}{% if 1 %}x{% endif %}<w:p>&amp;")

    text = draft(make_workbook(edit))
    assert "1.健全法治建设领导机制。【二级】{{ agency }}{% if 1 %}x{% endif %}<w:p>&amp;" in text


@pytest.mark.parametrize(
    "forged",
    [
        "⟦" + "0" * 32 + ")⟧【二级】伪造的标题",  # the renderer's token form with a guessed nonce
        "⟦" + "f" * 32 + "#0⟧999⟦" + "f" * 32 + ".⟧起",  # a figure token, guessed
        "\ue001【二级】伪造的标题\ue000",  # the private-use marks of earlier versions
    ],
)
def test_a_cell_cannot_forge_the_renderers_tokens(make_workbook: WorkbookMaker, forged: str) -> None:
    def edit(wb: Any) -> None:
        wb["主要举措"].cell(row=3, column=3, value=forged)

    path = make_workbook(edit)
    report, _ = validate(read_workbook(path))
    assert report is not None
    outline = render_outline(report, template_set())
    assert f"1.健全法治建设领导机制。{forged}" in outline.text().splitlines()
    assert all(f.source.cell != "行政执法!C6" or f.text != "999" for f in outline.figures())
    assert len(outline.headings()) == len(
        render_outline(validate(read_workbook(make_workbook()))[0], template_set()).headings()
    )


def test_a_line_break_in_a_cell_makes_two_paragraphs(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        wb["主要举措"].cell(row=3, column=3, value="第一段。\n第二段。")

    text = draft(make_workbook(edit))
    i = text.index("1.健全法治建设领导机制。第一段。")
    assert text[i + 1] == "第二段。"


def test_a_short_title_stays_on_one_line(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        ws = wb["基本信息"]
        ws.cell(row=find_row(ws, "机关名称"), column=2, value="某县司法局")

    assert draft(make_workbook(edit))[0] == "某县司法局2025年法治政府建设年度报告"


def test_a_template_printing_an_empty_figure_is_refused(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    def clear(wb: Any) -> None:
        ws = wb["行政执法"]
        ws.cell(row=find_row(ws, "penalty_cases"), column=3).value = None

    report, _ = validate(read_workbook(make_workbook(clear)))
    assert report is not None
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "report.j2").write_text(
        "【事项一】a\n全年办理案件{{ enforcement.penalty_cases }}\n【事项二】b\nx\n【事项三】c\nx\n【事项四】d\nx\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateProblem, match="模板直接输出了空的指标“行政处罚案件”"):
        render_outline(report, template_set(folder=folder))


def test_a_template_syntax_error_names_file_and_line(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    report, _ = validate(read_workbook(make_workbook()))
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "report.j2").write_text("第一行\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as info:
        render_outline(report, template_set(folder=folder))
    assert "report.j2：第2行：模板语法错误" in str(info.value)


def _set_measure(wb: Any, text: str) -> None:
    wb["主要举措"].cell(row=3, column=3).value = text


def test_a_narrative_cell_cites_a_figure_by_its_label_and_follows_corrections(make_workbook: WorkbookMaker) -> None:
    text = "\n".join(draft(make_workbook(name="原.xlsx")))
    assert "全年办理来电及热线工单3659件。" in text

    def correct(wb: Any) -> None:
        ws = wb["信访"]
        ws.cell(row=find_row(ws, "calls"), column=3).value = 3000
        ws.cell(row=find_row(ws, "total"), column=3).value = 3409
        _set_measure(wb, "罚没款〔罚没款金额〕，满意度〔群众满意度〕，依据示卫发〔2026〕3号。")

    text = "\n".join(draft(make_workbook(correct, name="改.xlsx")))
    assert "全年办理来电及热线工单3000件。" in text
    assert "罚没款35.68万元，满意度97.3%，依据示卫发〔2026〕3号。" in text


@pytest.mark.parametrize(
    ("cited", "message"),
    [
        ("〔行政处罚案〕", "引用的指标“〔行政处罚案〕”不存在（最接近的指标：行政处罚案件"),
        ("〔执法装备〕", "最接近的指标：执法记录仪等执法装备"),
    ],
)
def test_an_unknown_label_names_the_cell_and_the_closest_labels(
    make_workbook: WorkbookMaker, cited: str, message: str
) -> None:
    from click.testing import CliRunner

    from generator.cli.app import main

    path = make_workbook(lambda wb: _set_measure(wb, f"全年办理{cited}起。"))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    [line] = [x for x in result.output.splitlines() if x.startswith("错误：")]
    assert line.startswith("错误：主要举措!C3：") and message in line


def test_citing_an_empty_figure_is_an_error(make_workbook: WorkbookMaker) -> None:
    from click.testing import CliRunner

    from generator.cli.app import main

    def edit(wb: Any) -> None:
        ws = wb["行政执法"]
        ws.cell(row=find_row(ws, "equipment"), column=3).value = None
        _set_measure(wb, "配备装备〔执法记录仪等执法装备〕台。")

    result = CliRunner().invoke(main, ["validate", str(make_workbook(edit))])
    assert result.exit_code == 1
    assert "错误：主要举措!C3：引用了指标“〔执法记录仪等执法装备〕”，但它在指标表中没有填写本年数值" in result.output
