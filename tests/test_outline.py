"""Heading numbers come from the structure; templates' markers become outline blocks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.errors import TemplateProblem
from generator.model.numbers import change_clause, chinese_date, money, percent
from generator.model.spans import FigureRef, Source, Text
from generator.render import markup
from generator.render.outline import Heading, Outline, Paragraph, Signature, Title, chinese_numeral, heading_number
from generator.render.tokens import Tokens

ITEMS = "\n".join(f"【事项{n}】第{n}部分\n内容{n}" for n in "一二三四")
TOKENS = Tokens()  # one render's, as the renderer would print workbook text with them
data = TOKENS.data


def parse(text: str, template: str = "模板") -> Outline:
    return markup.parse(text, template, TOKENS)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (23, "二十三"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (115, "一百一十五"),
        (200, "二百"),
        (1005, "一千零五"),
        (1010, "一千零一十"),
        (4999, "四千九百九十九"),
        (10010, "一万零一十"),
        (12000, "一万二千"),
    ],
)
def test_chinese_numerals_count_headings(n: int, expected: str) -> None:
    assert chinese_numeral(n) == expected


def test_four_levels_of_numbers() -> None:
    assert [heading_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]


def test_adding_one_measure_renumbers_everything_after_it() -> None:
    measures = ["【三级】甲【正文】一", "【三级】乙【正文】二", "【二级】丙", "【三级】丁【正文】三"]
    before = parse(f"【事项一】举措\n【二级】分项\n{chr(10).join(measures)}\n{ITEMS[ITEMS.index('【事项二】') :]}")
    measures.insert(0, "【三级】新【正文】零")
    after = parse(f"【事项一】举措\n【二级】分项\n{chr(10).join(measures)}\n{ITEMS[ITEMS.index('【事项二】') :]}")
    assert [h.number + h.text for h in before.headings()][:5] == [
        "一、举措",
        "（一）分项",
        "1.甲。",
        "2.乙。",
        "（二）丙",
    ]
    assert [h.number + h.text for h in after.headings()][:6] == [
        "一、举措",
        "（一）分项",
        "1.新。",
        "2.甲。",
        "3.乙。",
        "（二）丙",
    ]
    assert after.headings()[6].number == "1."  # numbering restarts under the next parent


def test_empty_subsections_are_dropped_and_the_rest_renumbered() -> None:
    outline = parse(f"【事项一】举措\n【二级】空的\n【二级】有内容\n正文\n{ITEMS[ITEMS.index('【事项二】') :]}")
    assert [h.number + h.text for h in outline.headings()][:2] == ["一、举措", "（一）有内容"]


def test_item_five_appears_only_with_content() -> None:
    assert len(parse(ITEMS + "\n【事项五】其他").headings()) == 4
    assert parse(ITEMS + "\n【事项五】其他\n有内容").headings()[-1].number == "五、"


def test_markers_typed_in_a_workbook_cell_stay_text() -> None:
    outline = parse(ITEMS + "\n\n" + data("【二级】这是单元格里的文字"))
    assert isinstance(outline.blocks[-1], Paragraph)
    assert outline.blocks[-1].text == "【二级】这是单元格里的文字"


def test_a_line_break_in_a_cell_starts_a_new_paragraph() -> None:
    outline = parse(ITEMS + f"\n【二级】标题【正文】{data('第一段' + chr(10) + '第二段')}")
    heading, second = outline.blocks[-2], outline.blocks[-1]
    assert isinstance(heading, Heading) and heading.body == (Text("第一段"),) and heading.text == "标题。"
    assert isinstance(second, Paragraph) and second.text == "第二段"


def test_a_figure_comes_back_as_a_span_with_its_cell() -> None:
    source = Source("行政处罚案件", "168", "行政执法!C6", "168")
    outline = parse(ITEMS + "\n\n" + data((Text("全年办理案件"), FigureRef("168", source), Text("起。"))))
    assert outline.blocks[-1] == Paragraph((Text("全年办理案件"), FigureRef("168", source), Text("起。")))
    assert outline.sources == [source]


@pytest.mark.parametrize(
    "forged",
    [
        Tokens().data_close + "【二级】标题",  # another render's tokens
        "⟦" + "0" * 32 + ")⟧【二级】标题",  # the tokens' form with a guessed nonce
        Tokens().figure(Source("行政处罚案件", "999", "行政执法!C6", "999")),
    ],
)
def test_a_cell_cannot_forge_the_tokens(forged: str) -> None:
    outline = parse(ITEMS + "\n\n" + data(forged))
    assert outline.blocks[-1] == Paragraph((Text(forged),))
    assert outline.sources == []


def test_plain_lines_join_until_a_blank_line() -> None:
    outline = parse("第一行\n第二行\n\n第三行\n" + ITEMS)
    assert [b.text for b in outline.blocks[:2]] == ["第一行第二行", "第三行"]


def test_title_breaks_and_signature() -> None:
    outline = parse(f"【标题】{data('某局')}【换行】2025年报告\n{ITEMS}\n【署名】某局\n【日期】2026年1月2日")
    assert outline.blocks[0] == Title("某局2025年报告", (2,))
    assert outline.blocks[-1] == Signature("某局", "2026年1月2日")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            ITEMS.replace("【事项三】第三部分\n内容三", ""),
            "缺少第三部分“党政主要负责人履行推进法治建设第一责任人职责的情况”（【事项三】）",
        ),
        (ITEMS.replace("【事项二】", "【事项九】"), "缺少第二部分"),
        (
            "【事项一】a\nx\n【事项三】c\nx\n【事项二】b\nx\n【事项四】d\nx",
            "各部分的顺序是 一、三、二、四，应按一、二、三、四、五的规定顺序排列",
        ),
        (ITEMS + "\n正文里【二级】标记", "标记【二级】只能写在一行的开头"),
        (ITEMS + "\n【署名】某局", "有【署名】但没有紧随其后的【日期】"),
    ],
)
def test_template_mistakes_are_named(text: str, message: str) -> None:
    with pytest.raises(TemplateProblem) as info:
        parse(text, "report.j2")
    assert message in str(info.value)
    assert str(info.value).startswith("report.j2：")


def test_numbers_as_gbt_15835_writes_them() -> None:
    assert money(Decimal("356800"), "元") == "35.68万元"
    assert money(Decimal("9800"), "元") == "9800元"
    assert money(Decimal("12000"), "万元") == "1.2亿元"
    assert money(Decimal("35.5"), "万元") == "35.5万元"
    assert percent(Decimal("98.50")) == "98.5%"
    assert change_clause(Decimal(7182), Decimal(6688), False) == "同比增长7.4%"
    assert change_clause(Decimal(90), Decimal(100), False) == "同比下降10%"
    assert change_clause(Decimal(5), Decimal(5), False) == "与上年持平"
    assert change_clause(Decimal("88.6"), Decimal("82.1"), True) == "较上年提高6.5个百分点"
    assert change_clause(Decimal(3), Decimal(0), False) == ""
    assert chinese_date(dt.date(2026, 1, 5)) == "2026年1月5日"
