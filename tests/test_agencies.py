"""The sample workbook built with the default and the two shipped agency template sets.

Each draft passes `check`, and the three differ exactly where their templates and profiles differ.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.check.audit import audit
from generator.cli.app import main
from tests.conftest import SAMPLE

AGENCIES = ("某市卫生健康委员会", "某县市场监督管理局")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("三套 模板")
    out: dict[str, Path] = {}
    for name in ("默认", *AGENCIES):
        path = folder / f"{name}.docx"
        args = ["build", str(SAMPLE), "-o", str(path)] + ([] if name == "默认" else ["--agency", name])
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        out[name] = path
    return out


def paragraphs(path: Path) -> list[str]:
    """The non-empty paragraphs, those of tables (the 版记 is one) included, in document order."""
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return [t for p in doc.element.body.iter(f"{w}p") if (t := Paragraph(p, doc).text).strip()]


def changes(drafts: dict[str, Path], name: str) -> tuple[list[str], list[str]]:
    base, other = paragraphs(drafts["默认"]), paragraphs(drafts[name])
    return [t for t in base if t not in other], [t for t in other if t not in base]


def starts(texts: list[str], prefixes: list[str]) -> bool:
    return len(texts) == len(prefixes) and all(t.startswith(p) for t, p in zip(texts, prefixes, strict=True))


@pytest.mark.parametrize("name", ["默认", *AGENCIES])
def test_every_template_set_makes_a_draft_that_passes_check(drafts: dict[str, Path], name: str) -> None:
    assert [str(f) for f in audit(drafts[name])] == []


def test_the_city_commission_differs_in_its_masthead_opening_enforcement_plans_and_imprint(
    drafts: dict[str, Path],
) -> None:
    removed, added = changes(drafts, "某市卫生健康委员会")
    assert starts(
        removed,
        [
            "2025年，在县委、县政府的正确领导下",
            "（五）严格规范公正文明执法",
            "3.推行包容审慎监管。",  # the default's data sentences follow this measure
            "2026年，我局将坚持以习近平法治思想为指导",
        ],
    )
    assert "现有持证执法人员42人" in removed[2]
    assert starts(
        added,
        [
            "示例县卫生健康局文件",  # the workbook's 发文机关标志 wins over the profile's
            "示卫发〔2026〕3号\t签发人：王某某",
            "2025年，我局在县委、县政府的坚强领导下",
            "（五）全面推进卫生健康严格规范公正文明执法",
            "全市卫生健康系统深化执法体制改革，全系统持证执法人员42人",
            "3.推行包容审慎监管。",  # the agency's block says the figures before the measures
            "2026年，我局将以法治政府建设示范创建为抓手",
            "抄送：县委全面依法治县委员会办公室，市卫生健康委员会。",
            "示例县卫生健康局办公室\t2026年1月20日印发",
        ],
    )


def test_the_county_market_regulator_differs_in_its_opening_sections_figures_and_wording(
    drafts: dict[str, Path],
) -> None:
    removed, added = changes(drafts, "某县市场监督管理局")
    assert starts(
        removed,
        [
            "2025年，在县委、县政府的正确领导下",
            "（一）加强党的领导",
            "（二）强化学法用法",
            "（三）坚持依法科学民主决策",
            "（四）深化“放管服”改革，优化政务服务",
            "（五）严格规范公正文明执法",
            "3.推行包容审慎监管。",
            "1.畅通群众诉求表达渠道。",  # its data sentences, with the profile's hidden figure
            "对照法治政府建设的目标要求，我局的工作还存在一些不足",
        ],
    )
    assert "现有持证执法人员42人，配备执法记录仪等执法装备16台（套）" in removed[6]
    assert starts(
        added,
        [
            "2025年，我局在县委、县政府的正确领导下，坚持以习近平法治思想为指导",
            "（一）严格市场监管执法，维护公平竞争市场秩序",
            "全年检查各类市场主体1926户次",
            "3.推行包容审慎监管。",
            "（二）深化商事制度改革，持续优化营商环境",
            "（三）加强党的领导",
            "（四）强化学法用法",
            "（五）坚持依法科学民主决策",
            "1.畅通群众诉求表达渠道。",
            "对照法治政府建设的目标要求和市场监管工作实际",
        ],
    )
    # its own figure is said once, in 行政执法 where the workbook files it; the leadership block's
    # phrase() of the same figure (own.hospital_checks) is left out, not said a second time
    assert added[2].endswith("全年开展医疗机构依法执业专项检查326家次，同比增长9.4%。")
    text = "\n".join(paragraphs(drafts["某县市场监督管理局"]))
    assert "国家信访局交办件8件" not in text and "16台（套）" not in text  # hidden by the profile
