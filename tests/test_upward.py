"""A report sent upward: 版头, 附注, 附件 with its table and 版记, in the DOCX and in LibreOffice's PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from lxml import etree

from generator import gbt9704 as std
from generator.check.audit import audit
from generator.cli.app import main
from generator.docx.pdf import convert_to_pdf
from tests.conftest import WorkbookMaker, find_row
from tests.pdf_layout import Page, Stroke, ink_extent, raster, read_pages, strokes
from tests.test_check import mutate, replace_text

TOP = std.MARGIN_TOP.mm
BOTTOM = TOP + std.TYPE_AREA_HEIGHT.mm
PITCH = std.LINE_PITCH.mm
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def etree_copy(element: Any) -> Any:
    """An element's copy, empty of children other than its properties."""
    import copy

    new = copy.deepcopy(element)
    for child in list(new):
        if child.tag != f"{W}pPr":
            new.remove(child)
    return new


def upward(wb: Any) -> None:
    ws = wb["发文要素"]
    for label, value in (
        ("使用版头", "是"),
        ("紧急程度", "加急"),
        ("附主要数据表", "是"),
        ("使用版记", "是"),
        ("联系人", "李某"),
        ("联系电话", "0000-1234567"),
    ):
        ws.cell(row=find_row(ws, label), column=2).value = value


@pytest.fixture(scope="module")
def upward_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import make_sample

    wb = make_sample.sample_workbook()
    upward(wb)
    folder = tmp_path_factory.mktemp("上报 版")
    wb.save(folder / "上报.xlsx")
    out = folder / "上报 报告.docx"
    result = CliRunner().invoke(main, ["build", str(folder / "上报.xlsx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def upward_pdf(upward_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDF that ``build --pdf`` writes (LibreOffice, keeping the blank pages it inserts)."""
    pdf = tmp_path_factory.mktemp("上报 pdf") / "上报 报告.pdf"
    convert_to_pdf(upward_docx, pdf)
    return pdf


@pytest.fixture(scope="module")
def pages(upward_pdf: Path) -> list[Page]:
    return read_pages(upward_pdf)


def texts(docx: Path) -> list[str]:
    """The non-empty paragraphs in document order, table cells' included."""
    from docx.text.paragraph import Paragraph

    doc = Document(str(docx))
    return [t for p in doc.element.body.iter(f"{W}p") if (t := Paragraph(p, doc).text).strip()]


def test_the_elements_are_in_the_standards_order(upward_docx: Path) -> None:
    t = texts(upward_docx)
    assert t[:4] == [
        "加急",
        "示例县卫生健康局文件",
        "示卫发〔2026〕3号\t签发人：王某某",
        "示例县卫生健康局\n2025年法治政府建设年度报告",
    ]
    i = t.index("示例县卫生健康局")
    assert t[i - 1] == "附件：示例县卫生健康局2025年法治政府建设主要数据"
    assert t[i + 1 : i + 4] == ["2026年1月20日", "（联系人：李某，电话：0000-1234567）", "附件"]
    assert t[-2:] == [
        "抄送：县委全面依法治县委员会办公室，市卫生健康委员会。",
        "示例县卫生健康局办公室\t2026年1月20日印发",
    ]


def test_the_attachment_table_holds_the_years_figures(upward_docx: Path) -> None:
    doc = Document(str(upward_docx))
    table, _imprint = doc.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["指标", "单位", "2025年", "2024年", "同比"]
    assert ["行政处罚案件", "起", "168", "156", "增长7.7%"] in rows
    assert ["罚没款金额", "万元", "35.68", "32.15", "增长11%"] in rows
    grid = [
        int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
        for c in table._tbl.tblGrid.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")
    ]
    assert sum(grid) == round(std.TYPE_AREA_WIDTH.twips)


def test_check_finds_nothing_in_the_upward_draft(upward_docx: Path) -> None:
    assert [str(f) for f in audit(upward_docx)] == []


def test_check_wants_a_signer_on_a_masthead(upward_docx: Path, tmp_path: Path) -> None:
    broken = mutate(upward_docx, tmp_path / "无签发人.docx", replace_text("签发人：", "", count=1))

    def drop_name(parts: Any) -> None:
        ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        for t in parts["word/document.xml"].iter(f"{ns}t"):
            if t.text == "王某某":
                t.text = ""

    broken = mutate(broken, tmp_path / "无签发人2.docx", drop_name)
    assert {f.rule for f in audit(broken)} == {"masthead.signer"}


def test_the_mark_is_red_and_35mm_below_the_type_area(upward_pdf: Path, pages: list[Page]) -> None:
    first = pages[0]
    [mark] = [line for line in first.lines if line.text == "示例县卫生健康局文件"]
    page = raster(upward_pdf, 1, 300)
    assert page.red_share(mark.x0, mark.y0, mark.x1, mark.y1) > 0.8
    top, _ = ink_extent(page, mark.x0, mark.y0, mark.x1, mark.y1)
    assert top - TOP == pytest.approx(std.MARK_TOP.mm, abs=1.0)


def test_the_red_rule_is_4mm_below_the_document_number(upward_pdf: Path, pages: list[Page]) -> None:
    [number] = [line for line in pages[0].lines if "〔2026〕" in line.text]
    page = raster(upward_pdf, 1, 300)
    _, bottom = ink_extent(page, number.x0, number.y0, number.x1, number.y1)
    [rule] = page.rules(red=True)
    assert rule - bottom == pytest.approx(std.RULE_GAP.mm, abs=1.0)


def imprint_rules(pdf: Path, page: int) -> list[Stroke]:
    """The long horizontal strokes of a page, top to bottom: on the 版记's page, its rules."""
    return sorted((s for s in strokes(pdf, page) if s.horizontal and s.length > 100), key=lambda s: s.y0)


def _imprint_rules_hold(pdf: Path, pages: list[Page]) -> list[Stroke]:
    """The 版记 is on an even page, its three rules as wide as the type area (7.4.1 与版心等宽), the
    first and last 0.35 mm, the middle one 0.25 mm, and the last on the type area's bottom edge."""
    last = pages[-1]
    assert len(pages) % 2 == 0  # the 版记 is on the back of the last sheet (7.4)
    assert any(line.text.endswith("印发") for line in last.lines)
    rules = imprint_rules(pdf, len(pages))
    assert [round(r.width, 2) for r in rules] == [0.35, 0.26, 0.35]  # 1 pt, 0.75 pt, 1 pt pens
    for rule in rules:
        assert rule.length == pytest.approx(std.TYPE_AREA_WIDTH.mm, abs=1.0)
        assert rule.x0 == pytest.approx(std.MARGIN_LEFT.mm, abs=1.0)
    assert rules[-1].y0 == pytest.approx(BOTTOM, abs=1.0)
    [printer] = [line for line in last.lines if line.text.endswith("印发")]
    assert rules[-2].y0 < printer.y0 < printer.y1 < rules[-1].y0
    return rules


def _upward_pdf_with_blank_page(folder: Path, blank: bool, cc: str | None = None) -> tuple[Path, list[Page]]:
    """``build --pdf`` of the upward sample with as many long plans as make the attachment end on
    an even page (``blank``: a blank page comes before the 版记) or an odd one.  Which the sample
    itself gives depends on the faces' metrics (generator/docx/fonts.py), so the tests find out.  ``cc``:
    the 抄送机关 to print."""
    import make_sample

    for plans in (0, 2, 1, 3):
        wb = make_sample.sample_workbook()
        upward(wb)
        if cc is not None:
            info = wb["发文要素"]
            info.cell(row=find_row(info, "抄送机关"), column=2).value = cc
        ws = wb["下年安排"]
        for i in range(plans):
            ws.cell(row=7 + i, column=1).value = f"加强第{i + 1}项重点工作"
            ws.cell(row=7 + i, column=2).value = "围绕年度目标任务，细化工作措施，明确责任分工和完成时限，" * 4
        wb.save(folder / f"长 {plans}.xlsx")
        out = folder / f"长 {plans}.docx"
        result = CliRunner().invoke(main, ["build", str(folder / f"长 {plans}.xlsx"), "-o", str(out), "--pdf"])
        assert result.exit_code == 0, result.output
        pages = read_pages(out.with_suffix(".pdf"))
        if (pages[-2].lines == []) == blank:
            return out.with_suffix(".pdf"), pages
    pytest.fail(f"no number of long plans gives {'a' if blank else 'no'} blank page before the 版记")


def test_the_imprint_rules_span_the_type_area_and_the_last_is_on_its_bottom(
    upward_pdf: Path, pages: list[Page]
) -> None:
    rules = _imprint_rules_hold(upward_pdf, pages)
    assert rules[1].y0 - rules[0].y0 == pytest.approx(PITCH, abs=0.6)  # one line of 抄送
    [cc] = [line for line in pages[-1].lines if line.text.startswith("抄送：")]
    side = std.IMPRINT_SIDE.mm  # text one 字 in from each side (7.4.2)
    assert cc.x0 - std.MARGIN_LEFT.mm == pytest.approx(side, abs=0.5)
    [date] = [line for line in pages[-1].lines if line.text.endswith("印发")]
    assert std.MARGIN_LEFT.mm + std.TYPE_AREA_WIDTH.mm - date.x1 == pytest.approx(side, abs=0.5)


def test_the_imprint_is_a_table_floating_on_the_bottom_of_the_type_area(upward_docx: Path) -> None:
    """What Word reads: the rules are the table's borders, its place the text margin's bottom."""
    from generator.docx.ooxml import NS

    _figures, imprint = Document(str(upward_docx)).tables
    tbl = imprint._tbl
    [pos] = tbl.xpath("w:tblPr/w:tblpPr")
    assert {k.removeprefix(W): v for k, v in pos.attrib.items()} == {
        "leftFromText": "0",
        "rightFromText": "0",
        "topFromText": "0",
        "bottomFromText": "0",
        "vertAnchor": "margin",
        "tblpYSpec": "bottom",
        "horzAnchor": "page",
        "tblpX": str(std.MARGIN_LEFT.twips),
    }
    width = str(round(std.TYPE_AREA_WIDTH.twips))
    assert tbl.xpath("w:tblPr/w:tblW/@w:w | w:tblGrid/w:gridCol/@w:w") == [width, width]
    assert set(tbl.xpath("w:tblPr/w:tblCellMar/*/@w:w")) == {"0"}
    borders = {b.tag.removeprefix(W): b.get(f"{W}sz") for b in tbl.xpath("w:tblPr/w:tblBorders/*")}
    assert borders == {"top": "8", "bottom": "8", "insideH": "6", "left": None, "right": None, "insideV": None}
    # the 版记's section: an empty paragraph (it carries the even-page break), the table, its anchor
    section = list(tbl.getparent())
    here = section.index(tbl)
    assert [e.tag.removeprefix(W) for e in section[here - 1 : here + 3]] == ["p", "tbl", "p", "sectPr"]
    assert section[here - 2].find("w:pPr/w:sectPr", NS) is not None


def test_text_added_above_the_imprint_leaves_it_on_the_bottom_of_its_page(upward_docx: Path, tmp_path: Path) -> None:
    """A clerk who types a few lines on the 版记's page does not push it off the page."""
    from generator.docx.ooxml import NS

    def add_lines(parts: Any) -> None:
        [closing] = parts["word/document.xml"].xpath("//w:p[w:bookmarkStart/@w:name='GwBodyEnd']", namespaces=NS)
        for n in range(8):
            p = etree_copy(closing.getnext())
            r = etree.SubElement(p, f"{W}r")
            etree.SubElement(r, f"{W}t").text = f"经办人补充的第{n + 1}行说明。"
            closing.addnext(p)

    edited = mutate(upward_docx, tmp_path / "加了几行.docx", add_lines)
    pdf = tmp_path / "加了几行.pdf"
    convert_to_pdf(edited, pdf)
    pages = read_pages(pdf)
    assert len([line for line in pages[-1].lines if "经办人补充" in line.text]) == 8
    _imprint_rules_hold(pdf, pages)


def test_without_a_blank_page_the_imprint_page_keeps_its_even_number(tmp_path: Path) -> None:
    pdf, pages = _upward_pdf_with_blank_page(tmp_path, blank=False)
    _imprint_rules_hold(pdf, pages)
    [number] = pages[-1].page_number_lines()
    assert number.text == f"—{len(pages)}—"
    [before] = pages[-2].page_number_lines()
    assert before.text == f"—{len(pages) - 1}—"


def test_a_blank_page_before_the_imprint_and_the_imprint_page_are_unnumbered(tmp_path: Path) -> None:
    """Also: a 抄送 of three lines grows the 版记 upwards, its last rule still on the bottom."""
    cc = "，".join(f"县第{n}工作领导小组办公室" for n in range(1, 7))
    pdf, pages = _upward_pdf_with_blank_page(tmp_path, blank=True, cc=cc)
    rules = _imprint_rules_hold(pdf, pages)
    assert rules[1].y0 - rules[0].y0 == pytest.approx(3 * PITCH, abs=1.0)
    cc = [line for line in pages[-1].lines if rules[0].y0 < line.y0 < rules[1].y0]
    assert len(cc) == 3 and cc[0].text.startswith("抄送：")
    assert cc[1].x0 == pytest.approx(cc[0].x0 + 3 * std.IMPRINT_SIZE.pt * 25.4 / 72, abs=0.5)  # after 抄送：
    # the attachment ends on an even page, so a blank page comes before the 版记 (7.5)
    assert pages[-2].lines == []
    assert raster(pdf, len(pages) - 1, 50).rules() == []
    assert pages[-1].page_number_lines() == []
    [before] = pages[-3].page_number_lines()
    assert before.text == f"—{len(pages) - 2}—"


def test_the_imprint_page_number_is_a_field_on_the_bodys_last_page(upward_docx: Path) -> None:
    """What Word and WPS evaluate: { IF { = MOD({ PAGEREF end }, 2) } = 1 "— { PAGE } —" "" }."""
    import zipfile

    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(upward_docx) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        footers = {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/footer")}
    sects = document.xpath("//w:sectPr", namespaces=ns)
    assert sects[-1].find("w:type", ns).get(f"{{{ns['w']}}}val") == "evenPage"
    [end] = document.xpath("//w:bookmarkStart[@w:name='GwBodyEnd']", namespaces=ns)
    assert end.getparent().find("w:pPr/w:sectPr", ns) is sects[-2]  # closes the body's section
    codes = {name: "".join(f.xpath("//w:instrText/text()", namespaces=ns)).split() for name, f in footers.items()}
    conditional = [c for c in codes.values() if c and c[0] == "IF"]
    assert len(conditional) == 2  # odd and even footer of the 版记's section
    assert conditional[0] == ["IF", "=", "MOD(", "PAGEREF", "GwBodyEnd", ",", "2)", "=", "1", '"—', "PAGE", '—"', '""']
    assert sum(c == ["PAGE"] for c in codes.values()) == 2  # the body's odd and even footers
    # the 版记's footers fill the 13 mm below the type area: LibreOffice's type area then ends there too
    for name, footer in footers.items():
        if codes[name] and codes[name][0] == "IF":
            [spacing] = footer.xpath("//w:p/w:pPr/w:spacing", namespaces=ns)
            height = int(spacing.get(f"{{{ns['w']}}}before")) + int(spacing.get(f"{{{ns['w']}}}line"))
            assert height == std.MARGIN_BOTTOM.twips - std.FOOTER_DISTANCE.twips


def test_body_pages_keep_22_lines_with_the_masthead(pages: list[Page]) -> None:
    body_pages = [p for p in pages[1:] if p.lines and not any(line.text == "附件" for line in p.lines)]
    full = [p for p in body_pages if len(p.body_lines()) == std.LINES_PER_PAGE]
    assert len(full) >= 4
    for page in full:
        lines = page.body_lines()
        assert lines[-1].y1 + 0.5 == pytest.approx(BOTTOM, abs=1.0)
        assert min(line.x0 for line in lines) == pytest.approx(std.MARGIN_LEFT.mm, abs=1.0)


@pytest.mark.parametrize(
    ("label", "value", "message"),
    [
        ("签发人", None, "报告是上行文，版头中必须标注签发人，请填写“签发人”"),
        ("发文字号", "示卫发[2026]第03号", "应写作“示卫发〔2026〕3号”"),
        ("密级", "内部", "“密级”只能填 秘密、机密、绝密"),
        ("份号", "12", "份号应为6位数字"),
    ],
)
def test_upward_settings_are_validated(
    make_workbook: WorkbookMaker, label: str, value: str | None, message: str
) -> None:
    def edit(wb: Any) -> None:
        upward(wb)
        ws = wb["发文要素"]
        ws.cell(row=find_row(ws, label), column=2).value = value

    path = make_workbook(edit)
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(path.with_suffix(".docx"))])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("错误：")]
    assert len(errors) == 1 and errors[0].startswith("错误：发文要素!B") and message in errors[0], result.output
    assert not path.with_suffix(".docx").exists()


def test_annotate_reaches_the_figures_of_the_attachment_table(tmp_path: Path) -> None:
    import zipfile

    import make_sample
    from lxml import etree

    wb = make_sample.sample_workbook()
    upward(wb)
    wb.save(tmp_path / "上报.xlsx")
    out = tmp_path / "批注.docx"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "上报.xlsx"), "-o", str(out), "--annotate"])
    assert result.exit_code == 0, result.output
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    document = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    in_table = [s for s in document.iter(f"{w}commentRangeStart") if any(a.tag == f"{w}tbl" for a in s.iterancestors())]
    assert len(in_table) > 100  # this year's and last year's figure in each row
    assert audit(out) == []
