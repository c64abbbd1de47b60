"""The sample draft read back as Word and WPS read it: its XML and its text."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from generator import gbt9704 as std
from generator.model.validation import validate
from generator.read.reader import read_workbook
from generator.render.figure_views import FigureView
from generator.render.markup import OFFICIAL_ITEMS
from tests.conftest import SAMPLE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def parts(sample_docx: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(sample_docx) as z:
        return {
            name: etree.fromstring(z.read(name))
            for name in ("word/document.xml", "word/styles.xml", "word/settings.xml")
        }


@pytest.fixture(scope="module")
def text(sample_docx: Path) -> str:
    return "\n".join(p.text for p in Document(str(sample_docx)).paragraphs)


def style(parts: dict[str, etree._Element], style_id: str) -> etree._Element:
    found = parts["word/styles.xml"].find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


def test_page_is_a4_with_the_standard_margins_and_a_22_line_grid(parts: dict[str, etree._Element]) -> None:
    sect = parts["word/document.xml"].find(".//w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    assert {k: margins.get(w(k)) for k in ("top", "bottom", "left", "right")} == {
        "top": "2098",
        "bottom": "1984",
        "left": "1588",
        "right": "1474",
    }
    grid = sect.find("w:docGrid", NS)
    assert (grid.get(w("type")), grid.get(w("linePitch"))) == ("lines", "579")


def fonts_and_size(el: etree._Element) -> tuple[dict[str, str], str]:
    rpr = el.find("w:rPr", NS)
    fonts = rpr.find("w:rFonts", NS)
    slots = {k: fonts.get(w(k)) for k in ("ascii", "hAnsi", "eastAsia", "cs", "hint")}
    assert not [a for a in fonts.attrib if "Theme" in a or "theme" in a], "theme fonts override the names"
    return slots, rpr.find("w:sz", NS).get(w("val"))


@pytest.mark.parametrize(
    ("style_id", "font", "half_points"),
    [
        ("GwBody", "仿宋_GB2312", "32"),
        ("GwTitle", "方正小标宋简体", "44"),
        ("GwAddressee", "仿宋_GB2312", "32"),
        ("GwHeading1", "黑体", "32"),
        ("GwHeading2", "楷体_GB2312", "32"),
        ("GwHeading3", "仿宋_GB2312", "32"),
        ("GwHeading4", "仿宋_GB2312", "32"),
        ("GwRunIn2", "楷体_GB2312", "32"),
        ("GwSignature", "仿宋_GB2312", "32"),
        ("GwDate", "仿宋_GB2312", "32"),
        ("GwPageNumber", "宋体", "28"),
    ],
)
def test_each_element_has_its_face_in_all_four_slots_and_its_size(
    parts: dict[str, etree._Element], style_id: str, font: str, half_points: str
) -> None:
    slots, size = fonts_and_size(style(parts, style_id))
    assert slots == {"ascii": font, "hAnsi": font, "eastAsia": font, "cs": font, "hint": "eastAsia"}
    assert size == half_points


def test_doc_defaults_carry_no_theme_fonts(parts: dict[str, etree._Element]) -> None:
    styles = etree.tostring(parts["word/styles.xml"]).decode()
    assert "asciiTheme" not in styles and "eastAsiaTheme" not in styles
    defaults = parts["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert defaults.get(w("eastAsia")) == std.FONT_FANGSONG


def test_body_is_indented_two_characters_single_spaced_on_the_grid(parts: dict[str, etree._Element]) -> None:
    ppr = style(parts, "GwBody").find("w:pPr", NS)
    assert ppr.find("w:ind", NS).get(w("firstLine")) == "640"
    spacing = ppr.find("w:spacing", NS)
    assert (spacing.get(w("line")), spacing.get(w("lineRule"))) == ("240", "auto")
    assert ppr.find("w:snapToGrid", NS) is None  # snaps to the 579-twip grid
    assert style(parts, "GwBody").find("w:rPr/w:spacing", NS).get(w("val")) == "-6"


def test_headings_keep_with_next_and_carry_outline_levels(parts: dict[str, etree._Element]) -> None:
    for level in (1, 2, 3, 4):
        ppr = style(parts, f"GwHeading{level}").find("w:pPr", NS)
        assert ppr.find("w:keepNext", NS) is not None
        assert ppr.find("w:outlineLvl", NS).get(w("val")) == str(level - 1)


def test_page_numbers_alternate_sides_in_4hao_songti(sample_docx: Path, parts: dict[str, etree._Element]) -> None:
    assert parts["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None
    sect = parts["word/document.xml"].find(".//w:body/w:sectPr", NS)
    kinds = {ref.get(w("type")) for ref in sect.findall("w:footerReference", NS)}
    assert {"default", "even"} <= kinds
    doc = Document(str(sample_docx))
    odd, even = doc.sections[0].footer.paragraphs[0], doc.sections[0].even_page_footer.paragraphs[0]
    for p, align, side in ((odd, "right", "right"), (even, "left", "left")):
        ppr = p._p.pPr
        assert ppr.find(w("jc")).get(w("val")) == align
        assert ppr.find(w("ind")).get(w(side)) == "280"
        assert ppr.find(w("ind")).get(w("firstLine")) == "0"
        xml = etree.tostring(p._p).decode()
        assert "PAGE" in xml and p.text.startswith("\u2014 ") and p.text.endswith(" \u2014")


def test_level_one_headings_are_the_official_items_in_order(sample_docx: Path) -> None:
    doc = Document(str(sample_docx))
    level1 = [p.text for p in doc.paragraphs if p.style.name == "一级标题"]
    assert [t[:2] for t in level1] == ["一、", "二、", "三、", "四、", "五、"]
    assert level1[0] == "一、2025年推进法治政府建设的主要举措和成效"
    assert "不足和原因" in level1[1] and "第一责任人" in level1[2] and level1[3].startswith("四、2026年")
    assert len(OFFICIAL_ITEMS) == 5


def test_no_placeholder_or_template_code_leaks(text: str) -> None:
    for bad in ("None", "nan", "NaN", "{{", "}}", "{%", "%}", "【", "⟦", "\ue000", "\ue001"):
        assert bad not in text, bad


def test_every_figure_of_the_report_year_is_in_the_text(text: str) -> None:
    report, _ = validate(read_workbook(SAMPLE))
    assert report is not None
    said_in_words = {"litigation_lost": "无败诉案件", "reconsideration_corrected": "无被纠错案件"}
    missing = []
    checked = 0
    for sheet in report.figures.values():
        for figure in sheet.values():
            if figure.value is None:
                continue
            checked += 1
            shown = str(FigureView(figure))
            if shown not in text and not (figure.value == 0 and said_in_words.get(figure.key, "?") in text):
                missing.append((figure.label, shown))
    for figure in report.special:
        checked += 1
        if f"{figure.label}{figure.value}{figure.unit}" not in text:
            missing.append((figure.label, figure.value))
    assert not missing
    assert checked == 74  # every figure the sample fills in


def test_money_uses_wan_and_rates_keep_their_decimals(text: str) -> None:
    assert "收缴罚没款35.68万元" in text
    assert "全程网办率达到88.6%" in text
    assert "全年受理行政许可事项7182件，同比增长7.4%" in text
    assert Decimal("356800") / 10000 == Decimal("35.68")


def test_headings_are_numbered_from_the_structure(sample_docx: Path) -> None:
    doc = Document(str(sample_docx))
    level2 = [p.text for p in doc.paragraphs if p.style.name == "二级标题"]
    numbers = [re.match(r"（(.+?)）", t).group(1) for t in level2]
    assert numbers == ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
    run_in = [p.text for p in doc.paragraphs if re.match(r"\d+\.", p.text)]
    assert run_in[0].startswith("1.健全法治建设领导机制。局党委")


def test_signature_and_date_as_on_an_unsealed_document(sample_docx: Path) -> None:
    doc = Document(str(sample_docx))
    paragraphs = doc.paragraphs
    name, date = paragraphs[-2], paragraphs[-1]
    assert (name.text, date.text) == ("示例县卫生健康局", "2026年1月20日")
    assert paragraphs[-3].text == ""  # one blank line below the body
    right = {p.style.name: int(p._p.pPr.find(w("ind")).get(w("right"))) for p in (name, date)}
    # name 8 字 = 2560 twips, date 3 字 + 7 digits = 2080 twips: the date keeps the two-字 space and
    # starts two 字 (640 twips) right of the name's first character.
    assert right == {"成文日期": 640, "署名": 640 + 640 + 2080 - 2560}


# Child order of the property elements we write, from ECMA-376 Part 1 (CT_PPr, CT_RPr, CT_Style,
# CT_SectPr).  Word refuses or "repairs" a file whose properties are out of order or repeated, so
# this stands in for opening the file in Word.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
    "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    "sectPr": "headerReference|footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
    "printerSettings sectPrChange",
}
RANKS = {
    parent: {name: i for i, group in enumerate(order.split()) for name in group.split("|")}
    for parent, order in SCHEMA_ORDER.items()
}


def test_every_property_element_is_in_schema_order_without_repeats(sample_docx: Path) -> None:
    checked = 0
    with zipfile.ZipFile(sample_docx) as z:
        for name in z.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(z.read(name))
            for parent, ranks in RANKS.items():
                for el in root.iter(w(parent)):
                    children = [etree.QName(c).localname for c in el if etree.QName(c).namespace == W]
                    order = [ranks[c] for c in children if c in ranks]
                    assert order == sorted(order), f"{name}: {parent} children out of order: {children}"
                    singles = [c for c in children if c not in ("headerReference", "footerReference", "tblStylePr")]
                    assert len(singles) == len(set(singles)), f"{name}: repeated child in {parent}: {children}"
                    checked += 1
    assert checked > 100


def test_the_package_holds_no_leftovers_of_the_library_template(sample_docx: Path) -> None:
    with zipfile.ZipFile(sample_docx) as z:
        names = set(z.namelist())
        content_types = z.read("[Content_Types].xml").decode()
    assert not any("thumbnail" in n or "stylesWithEffects" in n for n in names)
    assert "thumbnail" not in content_types
    # the one Custom XML part is ours, the workbook's cells (generator/docx/source_part.py), none of the template's
    with zipfile.ZipFile(sample_docx) as z:
        custom = sorted(n for n in names if n.startswith("customXml/"))
        assert custom == ["customXml/_rels/item1.xml.rels", "customXml/item1.xml", "customXml/itemProps1.xml"]
        assert b"urn:report-draft:workbook-cells:1" in z.read("customXml/item1.xml")[:300]


def test_font_table_names_a_fallback_in_the_same_family_for_each_face(sample_docx: Path) -> None:
    with zipfile.ZipFile(sample_docx) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
    fonts = {
        f.get(w("name")): (f.find("w:altName", NS).get(w("val")), f.find("w:charset", NS).get(w("val")))
        for f in table.findall("w:font", NS)
    }
    assert fonts == {
        "仿宋_GB2312": ("仿宋", "86"),
        "楷体_GB2312": ("楷体", "86"),
        "方正小标宋简体": ("宋体", "86"),
        "黑体": ("SimHei", "86"),
        "宋体": ("SimSun", "86"),
    }
