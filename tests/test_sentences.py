"""The sentence builder (generator.render.sentences, generator.render.clauses) and what it writes in real drafts.

On the bundled sample and on the published report of tests/make_yueyanglou.py: no generated
sentence begins with 此外; no 其中 without its total in the same sentence; no figure stated twice;
no "0件"-style zero; every clause of the builder has its verb (the table below lists them).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from generator.pipeline import build
from generator.render.clauses import CLAUSES, Clause
from generator.render.outline import Heading, Paragraph
from generator.render.sentences import Fact, own_clause, relabelled, select, sentences
from tests import make_yueyanglou as yyl
from tests.conftest import SAMPLE

# every clause of the builder, with the verb that makes it a clause (printed by -s)
VERBS = (
    "现有 配备 开展 办理 收缴 不予处罚 移送 申请 评查 受理 办结 达到 压缩 接待 参加 重点学习 举办 组织 召开 "
    "制定 清理 修改或废止 审查 进行 聘请 参与 发生 被纠错 败诉 出庭应诉 发放 推送 达 主动公开 收到 公开 答复 "
    "作其他处理 承办 主办 协办 学法"
).split()
ZERO = re.compile(r"(?<![\d.])0(?:件|起|人|次|户|项|份|名|场|条|卷|个|家|台|学时|元|万元)")


def _verb(pattern: str) -> str:
    return next((v for v in VERBS if v in pattern), "")


def test_every_clause_of_the_builder_has_its_verb() -> None:
    rows = []
    for sheet, clauses in CLAUSES.items():
        for key, c in clauses.items():
            for form in filter(None, (c.say, c.zero)):
                rows.append((f"{sheet}.{key}", form, _verb(form)))
            # a part follows its total ("受理信访事项…，其中来信…"), a short form the clause of its series
            # before it ("办理国家信访局交办件…、省信访局交办件…"): it shares that clause's verb
            if c.part:
                total = clauses[c.part_of].say
                rows.append((f"{sheet}.{key}", c.part, _verb(c.part) or f"({_verb(total)}, of {total})"))
            if c.short:
                head = next(o.say for o in clauses.values() if o.series == c.series)
                rows.append((f"{sheet}.{key}", c.short, _verb(c.short) or f"({_verb(head)}, of {head})"))
    print("\n".join(f"{k:40} {form:40} {verb}" for k, form, verb in rows))
    assert [r for r in rows if not r[2] or r[2].startswith("(,")] == []
    assert all(c.say.count("{}") == 1 for cs in CLAUSES.values() for c in cs.values())


@pytest.mark.parametrize(
    ("label", "said"),
    [
        ("查处违法行为", "查处违法行为{}"),  # begins with its verb: said as it is
        ("全年开展普法进医院活动", "开展普法进医院活动{}"),  # the builder says 全年 once
        ("患者满意度", "患者满意度达到{}"),
        ("行政诉讼案件", "行政诉讼案件为{}"),  # a noun: 为 makes the clause
    ],
)
def test_a_department_s_own_label_gets_a_verb(label: str, said: str) -> None:
    assert own_clause(label, rate=label.endswith("度"), group="g").say == said


def test_a_relabelled_row_keeps_the_catalogue_verb_or_its_own() -> None:
    clause = CLAUSES["enforcement"]["penalty_cases"]
    assert relabelled(clause, "行政处罚案件", "卫生行政处罚案件", False).say == "办理卫生行政处罚案件{}"
    assert relabelled(clause, "行政处罚案件", "查处违法行为", False).say == "查处违法行为{}"


def _fact(sheet: str, key: str, shown: str, zero: bool = False, yoy: str = "") -> Fact:
    c = CLAUSES[sheet][key]
    return Fact(key, c, c.zero if zero else shown, yoy, zero)


def test_totals_before_parts_zeros_in_words_and_one_全年() -> None:
    facts = [
        _fact("petitions", "total", "4068件", yoy="同比下降4.3%"),
        _fact("petitions", "letters", "286件"),
        _fact("petitions", "online", "0件", zero=True),
        _fact("petitions", "assigned_national", "8件"),
        _fact("petitions", "assigned_provincial", "17件"),
    ]
    assert sentences(select(facts)) == [
        "全年受理信访事项4068件，同比下降4.3%，其中来信286件。",
        "办理国家信访局交办件8件、省信访局交办件17件。",
    ]


def test_a_zero_total_takes_its_parts_with_it_and_a_part_without_its_total_stands_alone() -> None:
    zero = [_fact("disputes", "litigation", "", zero=True), _fact("disputes", "litigation_lost", "", zero=True)]
    assert sentences(select(zero)) == ["全年未发生行政诉讼案件。"]
    parts = [_fact("disclosure", "granted", "4件"), _fact("disclosure", "partial", "1件")]
    assert sentences(select(parts)) == ["全年对政府信息公开申请予以公开4件、部分公开1件。"]
    lost = [_fact("disputes", "litigation", "2件"), _fact("disputes", "litigation_lost", "", zero=True)]
    assert sentences(select(lost)) == ["全年发生行政诉讼案件2件，无败诉案件。"]


def test_a_zero_without_words_is_left_out() -> None:
    assert select([_fact("review", "normative_made", "0件", zero=True)]) == []
    assert isinstance(CLAUSES["review"]["normative_made"], Clause)


def _draft(workbook: Path, out: Path) -> tuple[list[str], Counter[str]]:
    result = build(workbook, out)
    texts = ["".join(s.text for s in b.body) for b in result.outline.blocks if isinstance(b, (Paragraph, Heading))]
    said = Counter(f.source.cell for f in result.outline.figures() if not f.source.also)
    return texts, said


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], Counter[str]]]:
    folder = tmp_path_factory.mktemp("两份 初稿")
    fixture = folder / "岳阳楼区卫生健康局 2022年度数据.xlsx"
    yyl.write(fixture)
    return {"sample": _draft(SAMPLE, folder / "示例.docx"), "yueyanglou": _draft(fixture, folder / "岳阳楼区.docx")}


@pytest.mark.parametrize("name", ["sample", "yueyanglou"])
def test_no_此外_no_lone_其中_no_figure_twice_no_zero(
    drafts: dict[str, tuple[list[str], Counter[str]]], name: str
) -> None:
    texts, said = drafts[name]
    sentences_ = [s for t in texts for s in re.split(r"(?<=[。；！？])", t) if s]
    assert [s for s in sentences_ if s.lstrip("全年").startswith("此外")] == []
    for s in sentences_:
        if "其中" in s:
            before = s.split("其中", 1)[0]
            assert re.search(r"\d", before), f"其中 without its total: {s}"
    assert [cell for cell, n in said.items() if n > 1] == []
    assert [s for s in sentences_ if ZERO.search(s)] == []
    assert len(said) > 30  # the drafts do state their figures


def test_a_template_s_phrase_speaks_a_relabelled_row_in_the_clerk_s_words() -> None:
    from generator.model.report import Figure
    from generator.read import catalogue as cat
    from generator.render.figure_views import FigureView, phrase

    own = Figure(
        key="penalty_cases", label="查处违法行为", catalogue_label="行政处罚案件", kind=cat.Kind.COUNT, unit="起"
    )
    own = own.model_copy(update={"value": 168, "prev": 156})
    placed = own.model_copy(update={"label": "卫生行政处罚案件"})
    pattern = "全年办理行政处罚案件{}{同比}"
    assert phrase(FigureView(own), pattern) == "全年查处违法行为168起，同比增长7.7%"
    assert phrase(FigureView(placed), pattern) == "全年办理卫生行政处罚案件168起，同比增长7.7%"
