"""The DOCX writer's page: the section's size, margins and line grid, and the page numbers (5.2, 7.5).

The section is set up once, when the skeleton is made (:mod:`generator.docx.skeleton`); the 版记's
own footers (:func:`generator.docx.apparatus.imprint_footers`) number their page with the same
paragraph.  Every number comes from :mod:`generator.gbt9704`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator import gbt9704 as std
from generator.docx.ooxml import el, ppr, qn, twips
from generator.gbt9704 import Length

if TYPE_CHECKING:  # python-docx makes only the skeleton, and is imported only then
    from docx.document import Document as DocumentObject


def setup_section(doc: DocumentObject) -> None:
    """A4 portrait, the standard's margins and 22-line grid, odd and even page-number footers."""
    from docx.enum.section import WD_ORIENT

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = std.PAGE_WIDTH
    section.page_height = std.PAGE_HEIGHT
    section.top_margin = std.MARGIN_TOP
    section.bottom_margin = std.MARGIN_BOTTOM
    section.left_margin = std.MARGIN_LEFT
    section.right_margin = std.MARGIN_RIGHT
    section.header_distance = std.MARGIN_TOP
    section.footer_distance = std.FOOTER_DISTANCE
    section.gutter = Length(0)
    sect_pr = doc.element.body.find(qn("w:sectPr"))
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    sect_pr.append(el("w:docGrid", type="lines", linePitch=twips(std.LINE_PITCH)))
    doc.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False  # both footers get a part of their own
    section.even_page_footer.is_linked_to_previous = False
    page_number_footer(section.footer.part.element.find(qn("w:p")), odd=True)
    page_number_footer(section.even_page_footer.part.element.find(qn("w:p")), odd=False)


def page_number_footer(p: Any, odd: bool, unless_blank_before: str | None = None) -> None:
    """ "— N —" in 4号宋体: odd pages right with one 字 on the right, even pages left (7.5).

    With ``unless_blank_before`` (the bookmark on the body's last paragraph) the number is a field
    that Word and WPS evaluate on the 版记 page: shown when the body ends on an odd page, left out
    when it ends on an even one, for then a blank page stands before the 版记 and 7.5 numbers
    neither.  The blank page that an even-page section break inserts carries no footer at all.
    """
    for old in p.findall(qn("w:pPr")):
        p.remove(old)  # the template's footer paragraph carries a style of its own
    for old in p.findall(qn("w:r")):
        p.remove(old)
    props = ppr(p)
    props.append(el("w:pStyle", val="GwPageNumber"))
    side = std.PAGE_NUMBER_SIDE_SPACE
    if odd:
        props.append(el("w:ind", right=twips(side), firstLine="0"))
        props.append(el("w:jc", val="right"))
    else:
        props.append(el("w:ind", left=twips(side), firstLine="0"))
        props.append(el("w:jc", val="left"))

    def run(text: str | None = None, fld: str | None = None, instr: str | None = None) -> None:
        r = el("w:r")
        if fld is not None:
            r.append(el("w:fldChar", fldCharType=fld))
        else:
            t = el("w:instrText" if instr is not None else "w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = instr if instr is not None else text
            r.append(t)
        p.append(r)

    def field(code: str, result: str) -> None:
        run(fld="begin")
        run(instr=code)
        run(fld="separate")
        run(result)
        run(fld="end")

    dash = std.PAGE_NUMBER_DASH
    if unless_blank_before is None:
        run(f"{dash} ")
        field(" PAGE ", "1")
        run(f" {dash}")
        return
    # { IF { = MOD({ PAGEREF end }, 2) } = 1 "— { PAGE } —" "" }
    run(fld="begin")
    run(instr=" IF ")
    run(fld="begin")
    run(instr=" = MOD( ")
    field(f" PAGEREF {unless_blank_before} ", "1")
    run(instr=", 2) ")
    run(fld="separate")
    run("1")
    run(fld="end")
    run(instr=f' = 1 "{dash} ')
    field(" PAGE ", "2")
    run(instr=f' {dash}" "" ')
    run(fld="separate")
    run(fld="end")
