"""The report's structure is the department's: 报告结构 and 报告用语 reach the draft (#14 item 4)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli.app import main
from generator.read import catalogue as cat
from tests.conftest import WorkbookMaker

NEW = "食品安全监管"
NEW_TITLE = "守牢食品安全底线，护航群众舌尖安全"
NEW_LEAD = "〔机关自称〕把食品安全作为民生工程，全年立案查处违法案件〔行政处罚案件〕。"
RETITLED = "推进政务服务标准化规范化便利化"
ENFORCEMENT_LEAD = "〔机关自称〕坚持执法为民，规范执法行为。"
TITLE = "〔机关名称〕关于〔年度〕年法治政府建设工作情况的报告"
OPENING = "〔年度〕年，〔机关自称〕在〔领导机关〕的坚强领导下，扎实推进依法行政。现将有关情况报告如下。"
SHORTCOMINGS_LEAD = "对照上级要求，〔机关自称〕还有以下差距："
PLANS_LEAD = "〔下年〕年，〔机关自称〕将着力抓好以下几项工作。"


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def build(path: Path, *args: str) -> tuple[Path, str]:
    out = path.with_name(path.stem + " 初稿.docx")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out, result.output


def _row(ws: Any, name: str) -> int:
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=1).value == name)


def department_structure(wb: Any) -> None:
    """行政执法 moved first, 政务服务 retitled, a new 分项 with a lead and a measure; every 报告用语 changed
    but 原因引语."""
    ws = wb[cat.STRUCTURE_SHEET]
    rows = [[ws.cell(row=r, column=c).value for c in (1, 2, 3)] for r in range(3, 11)]
    rows.insert(0, rows.pop([r[0] for r in rows].index("行政执法")))
    rows[[r[0] for r in rows].index("政务服务")][1] = RETITLED
    rows[0][2] = ENFORCEMENT_LEAD
    rows.insert(1, [NEW, NEW_TITLE, NEW_LEAD])
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c).value = value
    wb[cat.MEASURES.name].append([NEW, "开展食品安全专项整治", "围绕校园周边和农村集市开展专项整治。"])
    texts = wb[cat.WORDING_SHEET]
    for name, text in (
        ("标题", TITLE),
        ("开头段落", OPENING),
        ("不足引语", SHORTCOMINGS_LEAD),
        ("第四部分引语", PLANS_LEAD),
    ):
        texts.cell(row=_row(texts, name), column=2).value = text


def test_the_workbooks_order_titles_lead_and_texts_make_the_draft(make_workbook: WorkbookMaker) -> None:
    draft, said = build(make_workbook(department_structure))
    texts = paragraphs(draft)
    item1, item2, item3, item4 = (next(i for i, t in enumerate(texts) if t.startswith(f"{n}、")) for n in "一二三四")
    seconds = [t for t in texts[item1:item2] if t.startswith("（")]
    assert seconds == [
        "（一）严格规范公正文明执法",
        f"（二）{NEW_TITLE}",
        "（三）加强党的领导，压实法治建设责任",
        "（四）强化学法用法，提升依法行政能力",
        "（五）坚持依法科学民主决策，严格合法性审查",
        f"（六）{RETITLED}",
        "（七）依法化解矛盾纠纷，维护群众合法权益",
        "（八）强化权力制约监督，全面推进政务公开",
        "（九）深入开展普法宣传，营造浓厚法治氛围",
        "（十）健康领域法治保障",  # the sample's own 分项, not listed: after the listed ones, titled by its name
    ]
    assert texts[texts.index("（一）严格规范公正文明执法") + 1] == "我局坚持执法为民，规范执法行为。"
    new_at = texts.index(f"（二）{NEW_TITLE}")
    assert texts[new_at + 1] == "我局把食品安全作为民生工程，全年立案查处违法案件168起。"
    assert texts[new_at + 2].startswith("1.开展食品安全专项整治。围绕校园周边")
    assert texts[0] == "示例县卫生健康局\n关于2025年法治政府建设工作情况的报告"  # broken after the name
    assert texts[2] == "2025年，我局在县委、县政府的坚强领导下，扎实推进依法行政。现将有关情况报告如下。"
    assert texts[item2 + 1].startswith("对照上级要求，我局还有以下差距：一是")
    assert "分析原因，主要是：" in texts[item2 + 2]  # 原因引语 left as it was: the default
    assert texts[item4 + 1] == "2026年，我局将着力抓好以下几项工作。"
    assert item3 < item4 and said.endswith("0 处提醒）\n")
    assert Document(str(draft)).core_properties.title == "示例县卫生健康局关于2025年法治政府建设工作情况的报告"


def test_a_line_break_typed_in_the_title_cell_is_where_the_title_breaks(make_workbook: WorkbookMaker) -> None:
    def edit(wb: Any) -> None:
        texts = wb[cat.WORDING_SHEET]
        texts.cell(row=_row(texts, "标题"), column=2).value = "〔机关名称〕关于〔年度〕年\n法治政府建设工作情况的报告"

    texts = paragraphs(build(make_workbook(edit))[0])
    assert texts[0] == "示例县卫生健康局关于2025年\n法治政府建设工作情况的报告"


def test_a_new_subsections_name_is_printed_as_typed_even_with_brackets(make_workbook: WorkbookMaker) -> None:
    """A 分项 of the clerk's own, not in 报告结构, is titled by its name; a 【二级】 typed in it is text
    (it stopped the build: "【二级】这一行里不能再有【二级】", found by tests/test_properties.py)."""

    def edit(wb: Any) -> None:
        wb[cat.MEASURES.name].append(["【二级】自设分项", "开展专项行动", "围绕重点领域开展专项行动。"])

    texts = paragraphs(build(make_workbook(edit))[0])
    headings = [t for t in texts if "自设分项" in t]
    assert len(headings) == 1 and re.fullmatch(r"（[一二三四五六七八九十]+）【二级】自设分项", headings[0])
    assert any("开展专项行动" in t for t in texts)


def test_the_default_texts_left_as_they_are_make_the_same_draft_as_no_sheets(
    make_workbook: WorkbookMaker, tmp_path: Path
) -> None:
    with_sheets = make_workbook(name="有 两表.xlsx")

    def without(wb: Any) -> None:
        wb.remove(wb[cat.STRUCTURE_SHEET])
        wb.remove(wb[cat.WORDING_SHEET])

    old = make_workbook(without, name="旧 工作簿.xlsx")
    a, said_a = build(with_sheets)
    b, said_b = build(old)
    assert paragraphs(a) == paragraphs(b)
    assert said_a.endswith("（39 个标题，0 处提醒）\n") and said_b.endswith("（39 个标题，0 处提醒）\n")
    # the same draft; only the workbook's cells it carries differ (the two sheets' cells are in one)
    assert _parts(a, but="customXml/item1.xml") == _parts(b, but="customXml/item1.xml")
    assert "报告用语!".encode() in _parts(a)["customXml/item1.xml"]
    assert "报告用语!".encode() not in _parts(b)["customXml/item1.xml"]


def _parts(docx: Path, but: str = "") -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as z:
        return {n: z.read(n) for n in z.namelist() if n != but}


@pytest.mark.parametrize("agency", ["某县市场监督管理局", "某市卫生健康委员会"])
def test_agency_templates_and_profiles_still_give_the_defaults_and_yield_to_a_changed_cell(
    make_workbook: WorkbookMaker, agency: str
) -> None:
    plain = paragraphs(build(make_workbook(name="默认.xlsx"), "--agency", agency)[0])
    changed = paragraphs(build(make_workbook(department_structure), "--agency", agency)[0])

    def opening(texts: list[str]) -> str:
        return next(t for t in texts if t.startswith("2025年，"))

    # the agency's own opening while the cells hold the defaults; the changed cells win over it
    assert opening(plain).startswith("2025年，我局在县委、县政府的") and "现将2025年法治政府建设" in opening(plain)
    assert opening(changed) == "2025年，我局在县委、县政府的坚强领导下，扎实推进依法行政。现将有关情况报告如下。"
    assert "2026年，我局将着力抓好以下几项工作。" in changed and "2026年，我局将着力抓好以下几项工作。" not in plain
    assert f"（二）{NEW_TITLE}" in changed and f"（六）{RETITLED}" in changed
    enforcement = next(i for i, t in enumerate(changed) if t.startswith("（一）"))  # the agency's own block
    assert changed[enforcement + 1] == "我局坚持执法为民，规范执法行为。"


def test_the_county_regulators_profile_order_holds_until_the_workbook_reorders(make_workbook: WorkbookMaker) -> None:
    agency = ["--agency", "某县市场监督管理局"]

    def retitle_only(wb: Any) -> None:
        ws = wb[cat.STRUCTURE_SHEET]
        ws.cell(row=_row(ws, "普法宣传"), column=2).value = "深化普法宣传教育"

    texts = paragraphs(build(make_workbook(retitle_only), *agency)[0])
    seconds = [t for t in texts if t.startswith("（") and "）" in t[:4]][:9]
    assert seconds[:3] == [
        "（一）严格市场监管执法，维护公平竞争市场秩序",
        "（二）深化商事制度改革，持续优化营商环境",
        "（三）加强党的领导，压实法治建设责任",
    ]
    assert "（八）深化普法宣传教育" in seconds
