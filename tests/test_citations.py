"""Figures in the department's own sentences: every citation form, built into a DOCX, tied to its cells."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli.app import main
from generator.model.spans import FigureRef
from generator.model.validation import validate
from generator.read import catalogue as cat
from generator.read.reader import read_workbook
from tests.conftest import WorkbookMaker, find_row


def _measure(text: str) -> Any:
    def edit(wb: Any) -> None:
        wb["主要举措"].cell(row=3, column=3).value = text

    return edit


def _built(path: Path) -> tuple[str, list[list[str]]]:
    """The draft's text and its sources table (--sources) for a workbook."""
    out = path.with_name("报告 草稿.docx")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out), "--sources"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.with_suffix(".sources.csv").read_text(encoding="utf-8-sig").splitlines()))[1:]
    return "\n".join(p.text for p in Document(str(out)).paragraphs), rows


def test_every_form_prints_in_the_sentence_and_keeps_each_cell_it_depends_on(make_workbook: WorkbookMaker) -> None:
    wb_rows: dict[str, int] = {}

    def edit(wb: Any) -> None:
        wb_rows.update(cases=find_row(wb["行政执法"], "penalty_cases"), letters=find_row(wb["信访"], "letters"))
        wb_rows.update(total=find_row(wb["信访"], "total"))
        _measure(
            "全年办理行政处罚案件〔行政处罚案件〕，〔行政处罚案件|同比〕，比上年〔行政处罚案件|增减〕（上年〔行政处罚案件｜上年〕）；"
            "来信〔来信〕，〔来信｜占受理信访事项合计〕；罚没款〔罚没款金额〕，比上年〔罚没款金额|增减〕；"
            "群众满意度〔群众满意度〕，〔群众满意度|同比〕，依据示卫发〔2026〕3号。"
        )(wb)

    path = make_workbook(edit)
    text, rows = _built(path)
    assert (
        "全年办理行政处罚案件168起，同比增长7.7%，比上年增加12起（上年156起）；来信286件，占受理信访事项合计的7%；"
        "罚没款35.68万元，比上年增加3.53万元；群众满意度97.3%，较上年提高1.1个百分点，依据示卫发〔2026〕3号。"
    ) in text
    c, d = f"行政执法!C{wb_rows['cases']}", f"行政执法!D{wb_rows['cases']}"
    assert ["行政处罚案件", "168起", c, "168"] in rows
    assert ["行政处罚案件", "156起", d, "156"] in rows
    assert ["行政处罚案件", "同比增长7.7%", c, "168"] in rows and [
        "行政处罚案件（上年）",
        "同比增长7.7%",
        d,
        "156",
    ] in rows
    assert ["行政处罚案件", "增加12起", c, "168"] in rows and ["行政处罚案件（上年）", "增加12起", d, "156"] in rows
    share = "占受理信访事项合计的7%"
    assert ["来信", share, f"信访!C{wb_rows['letters']}", "286"] in rows
    assert ["受理信访事项合计", share, f"信访!C{wb_rows['total']}", "4068"] in rows
    report, _ = validate(read_workbook(path))
    assert report is not None
    refs = [s for s in report.measures[0].text if isinstance(s, FigureRef)]
    assert [r.text for r in refs][:4] == ["168起", "同比增长7.7%", "增加12起", "156起"]
    assert [(o.cell, o.value) for o in refs[1].source.cells()] == [(c, "168"), (d, "156")]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("全年办理〔行政处罚案件〕。", "全年办理168起。"),  # the unit comes with the figure
        ("全年办理〔行政处罚案件〕起。", "全年办理168起。"),  # a workbook of the earlier form: not 168起起
        ("全年查处〔行政处罚案件〕宗。", "全年查处168宗。"),  # the clerk's own measure word
        ("配备〔执法记录仪等执法装备〕台。", "配备16台。"),  # the unit 台（套） typed as 台
        ("配备〔执法记录仪等执法装备〕。", "配备16台（套）。"),
        ("满意度〔群众满意度〕%。", "满意度97.3%。"),
        ("满意度〔群众满意度〕％。", "满意度97.3％。"),
        ("上年〔行政处罚案件|上年〕起。", "上年156起。"),
    ],
)
def test_a_unit_typed_after_the_citation_is_not_doubled(make_workbook: WorkbookMaker, typed: str, printed: str) -> None:
    text, _ = _built(make_workbook(_measure("落实“谁执法谁普法”" + typed)))
    assert "落实“谁执法谁普法”" + printed in text


def test_large_counts_money_and_rates_of_own_figures_print_as_the_genre_writes_them(
    make_workbook: WorkbookMaker,
) -> None:
    def edit(wb: Any) -> None:
        ws = wb["普法"]
        ws.cell(row=find_row(ws, "audience"), column=3).value = "100万余"
        ws.cell(row=find_row(ws, "audience"), column=4).value = None
        own = wb[cat.SPECIAL_SHEET]
        for row, values in (
            (5, ("fund", "医保基金监管金额", 515000000, None, "元", "行政执法")),
            (6, ("cover", "家庭医生签约覆盖率", 98.5, None, "%", "行政执法")),
        ):
            for col, value in enumerate(values, start=1):
                own.cell(row=row, column=col).value = value
        _measure("受教育群众〔受教育群众〕，监管基金〔医保基金监管金额〕，签约覆盖率〔家庭医生签约覆盖率〕。")(wb)

    text, rows = _built(make_workbook(edit))
    assert "受教育群众100万余人次，监管基金5.15亿元，签约覆盖率98.5%。" in text
    assert ["医保基金监管金额", "5.15亿元", "特色指标!C5", "515000000"] in rows


def test_numbers_in_the_genres_units() -> None:
    from generator.model.citations import large, with_unit

    assert [large(v) for v in (Decimal(1000000), 123456, 94270000, 515000000, 99000)] == [
        "100万",
        "123456",
        "9427万",
        "5.15亿",
        "99000",
    ]
    assert with_unit(cat.Kind.COUNT, "人次", Decimal(1000000), "余") == "100万余人次"
    assert with_unit(cat.Kind.AMOUNT, "万元", Decimal("32"), "余") == "32万余元"
    assert with_unit(cat.Kind.NUMBER, "%", Decimal("98.5")) == "98.5%"
    assert with_unit(cat.Kind.COUNT, "份", 300, "余") == "300余份"


def test_a_figure_typed_as_plain_digits_is_pointed_out_but_dates_and_document_numbers_are_not(
    make_workbook: WorkbookMaker,
) -> None:
    quiet = (
        "依据示卫发〔2026〕168号和《2022—2026年规划》，2026年1月20日召开第168次会议，"
        "执行GB/T 9704-2012，印发文件3件，全年办理〔行政处罚案件〕。"
    )
    result = CliRunner().invoke(main, ["validate", str(make_workbook(_measure(quiet)))])
    assert "提醒：" not in result.output, result.output
    loud = "全年办理案件168起，罚没款35.68万元，满意度97.3%，案件168起。"
    result = CliRunner().invoke(main, ["validate", str(make_workbook(_measure(loud), name="二.xlsx"))])
    warnings = [line for line in result.output.splitlines() if line.startswith("提醒")]
    said = [w.split("：", 2)[2].split("（")[0] for w in warnings]  # once per number and cell
    assert said == [
        "文字中的“168”与指标“行政处罚案件”",
        "文字中的“35.68万”与指标“罚没款金额”",
        "文字中的“97.3%”与指标“群众满意度”",
    ]
    assert all(
        w.endswith("的本年数相同，但不会随数据更新，可改为〔" + w.split("指标“")[1].split("”")[0] + "〕。")
        for w in warnings
    )


def test_a_number_followed_by_a_time_unit_is_not_taken_for_a_count_of_another_unit() -> None:
    from generator.errors import Problem
    from generator.model.loose_figures import loose_figures
    from generator.model.report import Figure
    from generator.read import catalogue as cat

    devices = Figure(key="x", label="行政执法仪", kind=cat.Kind.COUNT, unit="台", value=12, value_cell="行政执法!C3")
    days = Figure(key="y", label="平均办理时限", kind=cat.Kind.NUMBER, unit="天", value=15, value_cell="特色指标!C4")
    problems: list[Problem] = []
    loose_figures("医师注册变更，法定12天，压缩到15天办结。", "主要举措!C8", [devices, days], problems)
    assert [p.message for p in problems] == [
        "文字中的“15”与指标“平均办理时限”（特色指标!C4）的本年数相同，但不会随数据更新，可改为〔平均办理时限〕。"
    ]
