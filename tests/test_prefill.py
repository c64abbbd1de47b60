"""``init --上年``: this year's workbook starts with the department's 基本信息 and last year's figures
as 上年, typed so the reader reads them back exactly, and the draft says 同比 from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import make_sample
import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from generator.cli.app import main
from generator.errors import InputProblems, Problem, Severity
from generator.pipeline import load, prefill
from generator.read import catalogue as cat
from generator.workbook.blank import blank_workbook
from generator.workbook.prefill import typed
from tests.conftest import SAMPLE, WorkbookMaker, find_row


def init(new: Path, *extra: str) -> Any:
    return CliRunner().invoke(main, ["init", str(new), *extra])


def this_year(path: Path, edit: Any = None) -> Path:
    """Fill the prefilled workbook at ``path`` as the clerk would: the sample's 本年 figures (each
    ``edit``ed), its narratives, a 成文日期 in the year after 2026."""
    wb = load_workbook(path)
    for sheet, values in make_sample.FIGURES.items():
        ws = wb[sheet]
        for key, entry in values.items():
            ws.cell(row=find_row(ws, key), column=3).value = entry[0]
    for i, (_, _, value, *_) in enumerate(make_sample.SPECIAL, start=3):
        wb[cat.SPECIAL_SHEET].cell(row=i, column=3).value = value
    for spec, rows in (
        (cat.MEASURES, make_sample.MEASURES),
        (cat.SHORTCOMINGS, make_sample.SHORTCOMINGS),
        (cat.DUTIES, make_sample.DUTIES),
        (cat.PLANS, make_sample.PLANS),
    ):
        for i, values in enumerate(rows, start=3):
            for j, v in enumerate(values, start=1):
                wb[spec.name].cell(row=i, column=j).value = v
    info = wb[cat.INFO_SHEET]
    info.cell(row=find_row(info, "成文日期"), column=2).value = dt.date(2027, 1, 15)
    if edit is not None:
        edit(wb)
    wb.save(path)
    return path


def validations(wb: Any) -> dict[str, list[tuple[Any, ...]]]:
    return {
        ws.title: sorted(
            tuple(str(x) for x in (dv.type, dv.sqref, dv.formula1, dv.prompt, dv.error, dv.showErrorMessage))
            for dv in ws.data_validations.dataValidation
        )
        for ws in wb.worksheets
    }


def test_the_prefilled_blank_holds_the_info_and_last_years_figures_as_上年(tmp_path: Path) -> None:
    new = tmp_path / "新 年度" / "2026年 数据.xlsx"
    new.parent.mkdir()
    result = init(new, "--上年", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"已生成工作簿：{new}（基本信息和 74 个上年数字取自 {SAMPLE}；请填写本年数字、成文日期和各文字表）\n"
    )
    old, wb = load_workbook(SAMPLE), load_workbook(new)
    info = {row[0].value: row[1].value for row in wb[cat.INFO_SHEET].iter_rows(min_row=3)}
    assert info == {**make_sample.INFO, "报告年度": 2026, "成文日期": None, "报告模板": None}
    carried = 0
    for spec in cat.INDICATOR_SHEETS:
        for ind in spec.indicators:
            row = find_row(wb[spec.name], ind.key)
            was = [c.value for c in old[spec.name][find_row(old[spec.name], ind.key)]]
            now = [c.value for c in wb[spec.name][row]]
            assert now[:2] == was[:2] and now[4:] == was[4:], ind.key  # 编码, 指标, 单位, 说明
            assert (now[2], now[3]) == (None, was[2]), ind.key  # 本年 empty, last year's 本年 as 上年
            carried += was[2] is not None
    own = [[c.value for c in row] for row in wb[cat.SPECIAL_SHEET].iter_rows(min_row=3, max_row=5)]
    assert own == [
        [code, label, None, value, unit, section] for code, label, value, _, unit, section in make_sample.SPECIAL
    ] + [[None] * 6]
    assert carried + len(own) - 1 == 74
    blank = tmp_path / "空白.xlsx"
    blank_workbook().save(blank)
    kept = validations(wb)
    assert kept == validations(load_workbook(blank))  # every dropdown and input message intact
    assert ("list", "E7", '"元,万元"') in [v[:3] for v in kept["行政执法"]]  # the 金额单位 dropdown
    assert [v[:2] for v in kept[cat.SPECIAL_SHEET]] == [("None", "C3:D200"), ("list", "F3:F200")]
    assert load_workbook(SAMPLE)["行政执法"]["C6"].value == 168  # last year's workbook untouched


def test_last_years_figures_come_back_as_this_years_上年_exactly_as_typed(
    make_workbook: WorkbookMaker, tmp_path: Path
) -> None:
    """Approximate, scaled, percentage, relabelled and 万元 figures read back as they were read last year."""

    def approximate(wb: Any) -> None:
        def put(sheet: str, key: str, value: Any, unit: str | None = None) -> None:
            ws = wb[sheet]
            ws.cell(row=find_row(ws, key), column=3).value = value
            if unit:
                ws.cell(row=find_row(ws, key), column=5).value = unit

        put("行政执法", "penalty_cases", "160余")
        put("行政执法", "inspections", "超过1900")
        put("行政执法", "fines", 35.68, "万元")
        put("信访", "satisfaction", "95%以上")
        put("信访", "on_time_rate", "0.5%")
        put("行政许可", "online_rate", "８８.６")
        put("普法", "audience", "9200多")
        ws = wb["行政执法"]
        ws.cell(row=find_row(ws, "officers"), column=2).value = "持证执法人员"
        ws.cell(row=find_row(ws, "officers"), column=5).value = "名"
        own = wb[cat.SPECIAL_SHEET]
        for i, row in enumerate(
            [
                (None, "开展普法进医院活动", "100万余", 90, "人次", "普法宣传"),
                ("rate", "家庭医生签约率", "超过90%", None, None, "化解矛盾"),
                (None, "追回医保基金", "9427万", None, "元", None),
                (None, "新建规范化村卫生室", None, 7, "个", "行政执法"),
            ],
            start=5,
        ):
            for j, v in enumerate(row, start=1):
                own.cell(row=i, column=j).value = v

    old = make_workbook(approximate, name="2025年 数据.xlsx")
    last = load(old).report
    path = tmp_path / "2026年 数据.xlsx"
    assert init(path, "--上年", str(old)).exit_code == 0
    wb = load_workbook(path)
    ws = wb["行政执法"]
    assert [ws.cell(row=find_row(ws, k), column=4).value for k in ("penalty_cases", "inspections", "fines")] == [
        "160余",
        "超过1900",
        35.68,
    ]
    assert wb["信访"].cell(row=find_row(wb["信访"], "on_time_rate"), column=4).value == "0.5%"
    now = load(this_year(path)).report
    assert now.year == 2026 and now.agency == last.agency
    for sheet, figures in last.figures.items():
        for key, f in figures.items():
            g = now.figures[sheet][key]
            assert (g.prev, g.prev_approx, g.label, g.unit) == (f.value, f.approx, f.label, f.unit), (sheet, key)
    assert [(g.label, g.prev, g.prev_approx, g.prev_scale, g.unit, g.section, g.key) for g in now.special] == [
        (f.label, f.value, f.approx, f.scale, f.unit, f.section, f.key) for f in last.special
    ]
    assert [f.label for f in last.special][-3:] == ["家庭医生签约率", "追回医保基金", "新建规范化村卫生室"]
    assert now.special[-1].prev is None  # 只填了上年 last year: nothing to carry but its row


@pytest.mark.parametrize(
    ("kind", "value", "approx", "scale", "shown"),
    [
        (cat.Kind.COUNT, 168, "", "", 168),
        (cat.Kind.COUNT, 300, "余", "", "300余"),
        (cat.Kind.COUNT, 100, "超过", "", "超过100"),
        (cat.Kind.NUMBER, 1000000, "余", "万", "100万余"),
        (cat.Kind.NUMBER, 94270000, "", "万", "9427万"),
        (cat.Kind.RATE, 98.5, "", "", 98.5),
        (cat.Kind.RATE, 1, "", "", "1%"),
        (cat.Kind.RATE, 95, "以上", "", "95%以上"),
        (cat.Kind.RATE, 90, "超过", "", "超过90%"),
        (cat.Kind.AMOUNT, 35.68, "", "", 35.68),
        (cat.Kind.AMOUNT, "123456789012.3456789", "", "", "123456789012.3456789"),
        (cat.Kind.TEXT, "《医师法》", "", "", "《医师法》"),
    ],
)
def test_a_figure_goes_in_as_the_clerk_types_it(
    kind: cat.Kind, value: Any, approx: str, scale: str, shown: Any
) -> None:
    from decimal import Decimal

    number = (
        Decimal(str(value))
        if isinstance(value, float) or (kind is cat.Kind.AMOUNT and isinstance(value, str))
        else value
    )
    assert typed(kind, number, approx, scale) == shown


def test_the_draft_says_同比_from_the_carried_上年(tmp_path: Path) -> None:
    path = tmp_path / "2026年 数据.xlsx"
    assert init(path, "--上年", str(SAMPLE)).exit_code == 0

    def more_cases(wb: Any) -> None:
        ws = wb["行政执法"]
        ws.cell(row=find_row(ws, "penalty_cases"), column=3).value = 185  # 168 last year

    this_year(path, more_cases)
    out = tmp_path / "2026年 报告.docx"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "2026年法治政府建设年度报告" in text
    assert "办理行政处罚案件185起，同比增长10.1%" in text  # (185 − 168) / 168
    assert "与上年持平" in text  # the other figures are the same as last year's


def test_info_given_goes_over_last_years(tmp_path: Path) -> None:
    made = prefill(SAMPLE, {"机关名称": "示例县卫生健康委员会", "机关自称": "我委", "报告年度": "２０２７"})
    ws = made.workbook[cat.INFO_SHEET]
    info = {row[0].value: row[1].value for row in ws.iter_rows(min_row=3)}
    assert (info["机关名称"], info["机关自称"], info["报告年度"], info["主送机关"]) == (
        "示例县卫生健康委员会",
        "我委",
        2027,
        "县委、县政府",
    )
    blank = prefill(info={"机关名称": "某县司法局"})
    assert blank.carried == 0 and blank.workbook[cat.INFO_SHEET]["B3"].value == "某县司法局"
    assert blank.workbook[cat.INFO_SHEET]["B5"].value is None  # no last year: no 报告年度 made up


def test_an_unknown_info_label_is_refused_with_the_labels_there_are() -> None:
    with pytest.raises(InputProblems) as caught:
        prefill(info={"单位名称": "某县司法局"})
    assert caught.value.problems == [
        Problem(
            Severity.ERROR,
            "基本信息",
            "没有“单位名称”这一项。基本信息的项目有：机关名称、机关自称、报告年度、主送机关、领导机关、"
            "法治建设议事协调机构、署名、成文日期、报告模板。",
        )
    ]


# -- bad inputs (README's bad-input catalogue: `init: …`) ----------------------------------------------
def _broken(wb: Any) -> None:
    wb["行政执法"]["C6"] = "一百五十六起"


EXISTS = "文件已存在，没有覆盖。换一个文件名，或加 --force 覆盖（原文件会先备份在旁边）。"
INIT_CASES = {
    "init: last year has errors": (
        lambda old, new: (_saved(old, _broken), new),
        "错误：{old}：行政执法!C6：行政处罚案件：应填写数字，现在是“一百五十六起”。只填阿拉伯数字，单位写在“单位”列；没有数据请留空。\n"
        "共 1 处错误、0 处提醒。改正错误后再生成；没有写出任何文件。",
    ),
    "init: last year missing": (
        lambda old, new: (old.with_name("没有的 文件.xlsx"), new),
        "错误：{old}：找不到这个文件，请检查路径是否正确。",
    ),
    "init: NEW exists": (lambda old, new: (_saved(old), _exists(new)), "错误：{new}：" + EXISTS),
    "init: NEW is last year's": (
        lambda old, new: (_saved(old), old.parent / ".." / old.parent.name / old.name),
        "错误：{new}：新工作簿不能与上年的工作簿是同一个文件，请换一个文件名。上年的工作簿没有改动。",
    ),
}


def _saved(path: Path, edit: Any = None) -> Path:
    wb = make_sample.sample_workbook()
    if edit is not None:
        edit(wb)
    wb.save(path)
    return path


def _exists(path: Path) -> Path:
    path.write_bytes(b"someone's workbook")
    return path


@pytest.mark.parametrize("name", list(INIT_CASES))
def test_bad_init(name: str, tmp_path: Path) -> None:
    arrange, said = INIT_CASES[name]
    folder = tmp_path / "工作 簿"
    folder.mkdir()
    old, new = arrange(folder / "2025年 数据.xlsx", folder / "2026年 数据.xlsx")
    before = {p: p.read_bytes() for p in folder.iterdir()}
    result = init(new, "--上年", str(old))
    assert (result.exit_code, result.output) == (1, said.format(old=old, new=new) + "\n")
    assert {p: p.read_bytes() for p in folder.iterdir()} == before  # nothing written, nothing changed


def test_force_keeps_the_file_it_replaces(tmp_path: Path) -> None:
    new = _exists(tmp_path / "2026年 数据.xlsx")
    result = init(new, "--上年", str(SAMPLE), "--force")
    assert result.exit_code == 0, result.output
    [backup] = [p for p in tmp_path.iterdir() if ".备份" in p.name]
    assert result.output.endswith(f"原文件已备份为：{backup}\n")
    assert backup.read_bytes() == b"someone's workbook"
    assert load_workbook(new)[cat.INFO_SHEET]["B5"].value == 2026


def test_the_readme_lists_every_init_case() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [*INIT_CASES, "prefill: unknown 基本信息 label"]
    assert [name for name in names if f"`{name}`" not in readme] == []
    assert 'report-draft init "2026年 法治政府建设数据.xlsx" --上年 "2025年 法治政府建设数据.xlsx"' in readme
