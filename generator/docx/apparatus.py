"""Laying out the upward-report apparatus: 版头, 附件说明, 附注, 附件 with its table, 版记.

Part of the DOCX writer (it knows nothing of workbooks or templates); every number comes from
:mod:`generator.gbt9704`.  Vertical positions that the standard fixes in millimetres (the 标志 35 mm
below the type area, the red rule 4 mm below the 发文字号) are set with exact spacing outside the
line grid; everything else stays on the grid so the body keeps its 22 lines.
"""

from __future__ import annotations

import math
from typing import Any

from generator import gbt9704 as std
from generator.docx.ooxml import NS, add_run, add_tab, append_to_body, el, half_points, paragraph, ppr, put, twips
from generator.docx.package import FOOTER, Package, footer_part
from generator.docx.page import page_number_footer
from generator.docx.styles import BODY_STYLE
from generator.docx.table_layout import break_label, column_widths
from generator.gbt9704 import Length, Pt
from generator.model.spans import Spans, plain, spans
from generator.render.outline import Attachment, AttachmentNote, Imprint, Masthead, Note, Table

_BODY = BODY_STYLE
BODY_END_BOOKMARK = "GwBodyEnd"  # the last paragraph before the 版记; its page decides the blank page
_TYPE_WIDTH = round(std.TYPE_AREA_WIDTH.twips)


def _blank(body: Any, count: int = 1) -> None:
    for _ in range(count):
        paragraph(body, _BODY)


def _border(side: str, eighths: int, color: str = "000000") -> Any:
    return el(f"w:{side}", val="single", sz=str(eighths), space="0", color=color)


def _mark_size(mark: str) -> Length:
    """The largest size up to MARK_MAX_SIZE at which the 标志 fits on one line of the type area."""
    fit = std.TYPE_AREA_WIDTH.pt / max(1, sum(0.5 if c.isascii() else 1 for c in mark))
    return Pt(min(std.MARK_MAX_SIZE.pt, math.floor(fit * 2) / 2))


def write_masthead(body: Any, m: Masthead) -> None:
    """份号, 密级, 紧急程度 top left; the red 标志 35 mm down; 发文字号 and 签发人; the red rule (7.2)."""
    meta = [
        (text, style)
        for text, style in ((m.copy_no, "GwFlushLeft"), (m.secrecy, "GwMeta"), (m.urgency, "GwMeta"))
        if text
    ]
    for text, style in meta:
        add_run(paragraph(body, style), text)
    size = _mark_size(m.mark)
    p = paragraph(body, "GwMark")
    before = std.MARK_TOP.twips - len(meta) * std.LINE_PITCH.twips
    put(ppr(p), el("w:spacing", before=str(max(0, round(before))), after="0", line=twips(size), lineRule="exact"))
    add_run(p, m.mark, sz=el("w:sz", val=half_points(size)), szCs=el("w:szCs", val=half_points(size)))
    _blank(body, std.LINES_AFTER_MARK)
    p = paragraph(body, "GwFlushLeft")
    if m.signers:
        side = round(std.ONE_CHAR.twips)
        put(ppr(p), el("w:ind", left=str(side), firstLine="0"))
        tabs = el("w:tabs")
        tabs.append(el("w:tab", val="right", pos=str(_TYPE_WIDTH - side)))
        put(ppr(p), tabs)
        add_run(p, m.doc_number)
        add_tab(p)
        add_run(p, "签发人：")
        add_run(p, "\u3000".join(m.signers), "GwSignerName")
    else:
        put(ppr(p), el("w:jc", val="center"))
        add_run(p, m.doc_number)
    rule = paragraph(body, "GwFlushLeft")
    put(ppr(rule), el("w:snapToGrid", val="0"))
    put(
        ppr(rule),
        el("w:spacing", before="0", after="0", line=twips(Length(std.RULE_GAP - std.LINE_BELOW_INK)), lineRule="exact"),
    )
    borders = el("w:pBdr")
    borders.append(_border("bottom", std.RULE_WEIGHT_EIGHTHS, std.MARK_COLOR))
    put(ppr(rule), borders)
    _blank(body, std.LINES_AFTER_RULE)


def write_attachment_note(body: Any, note: AttachmentNote) -> None:
    """附件说明 one line below the body, two 字 in; several attachments numbered and aligned (7.3.4)."""
    _blank(body)
    if len(note.names) == 1:
        add_run(paragraph(body, _BODY), f"附件：{note.names[0]}")
        return
    for n, name in enumerate(note.names, start=1):
        p = paragraph(body, _BODY)
        if n == 1:
            add_run(p, f"附件：{n}.{name}")
        else:
            label = round(std.FIRST_LINE_INDENT.twips + 3 * std.CHAR_WIDTH.twips)  # aligned after 附件：
            put(ppr(p), el("w:ind", left=str(label), firstLine="0"))
            add_run(p, f"{n}.{name}")


def write_note(body: Any, note: Note) -> None:
    """附注 in brackets, two 字 in, on the line after the date (7.3.6)."""
    add_run(paragraph(body, _BODY), note.text)


def write_plain(p: Any, body: Spans) -> None:
    """Spans as one run of plain text (what the writer does when it adds no comments)."""
    add_run(p, plain(body))


def _cell(lines: list[Any], width: int, style: str, align: str, span: int = 1, write: Any = add_run) -> Any:
    """A table cell: its lines (text for ``write``) in one paragraph with a line break between them."""
    tc = el("w:tc")
    tcpr = el("w:tcPr")
    tcpr.append(el("w:tcW", w=str(width), type="dxa"))
    if span > 1:
        tcpr.append(el("w:gridSpan", val=str(span)))
    tcpr.append(el("w:vAlign", val="center"))
    tc.append(tcpr)
    p = el("w:p")
    ppr = el("w:pPr")
    ppr.append(el("w:pStyle", val=style))
    if align != "center":
        put(ppr, el("w:jc", val=align))
    p.append(ppr)
    tc.append(p)
    for i, line in enumerate(lines):
        if i:
            r = el("w:r")
            r.append(el("w:br"))
            p.append(r)
        if line:
            write(p, line)
    return tc


def write_table(body: Any, table: Table, write: Any = write_plain) -> None:
    """A table the width of the type area, each column of figures as wide as its widest figure.

    No figure, unit or 同比 phrase breaks across lines; the label column takes the rest and long
    labels break between their words (:mod:`generator.docx.table_layout`).  WPS reads the widths from
    w:tblGrid, so they add up to the type area.
    """
    size = std.TABLE_SIZE.pt
    margin = round(std.TABLE_CELL_MARGIN.twips)
    label = table.numeric.index(False)
    shown_rows = [[plain(cell) for cell in row] for row in table.rows]  # as printed
    columns = column_widths(table.header, shown_rows, label, _TYPE_WIDTH, size, margin)
    widths = columns.widths
    tbl = el("w:tbl")
    tblpr = el("w:tblPr")
    tblpr.append(el("w:tblW", w=str(_TYPE_WIDTH), type="dxa"))
    tblpr.append(el("w:jc", val="center"))
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_border(side, 4))
    tblpr.append(borders)
    tblpr.append(el("w:tblLayout", type="fixed"))
    margins = el("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(el(f"w:{side}", w=str(margin), type="dxa"))
    tblpr.append(margins)
    tbl.append(tblpr)
    grid = el("w:tblGrid")
    for width in widths:
        grid.append(el("w:gridCol", w=str(width)))
    tbl.append(grid)
    head = el("w:tr")
    trpr = el("w:trPr")
    trpr.append(el("w:tblHeader"))  # repeated on every page the table runs to
    head.append(trpr)
    for text, width in zip(table.header, widths, strict=True):
        head.append(_cell([text], width, "GwTableHead", "center"))
    tbl.append(head)
    for row in table.rows:
        tr = el("w:tr")
        trpr = el("w:trPr")
        trpr.append(el("w:cantSplit"))
        tr.append(trpr)
        if len(row) == 1:  # a group heading across the table
            tr.append(_cell([plain(row[0])], _TYPE_WIDTH, "GwTableHead", "left", span=len(widths)))
        for i, (cell, width, numeric) in enumerate(
            zip(row, widths, table.numeric, strict=False) if len(row) > 1 else ()
        ):
            lines = [spans(line) for line in break_label(plain(cell), columns.inner[i], size)] if i == label else [cell]
            tr.append(_cell(lines, width, "GwTableText", "center" if numeric else "left", write=write))
        tbl.append(tr)
    append_to_body(body, tbl)


def write_attachment(body: Any, a: Attachment, title_lines: list[str], write: Any = write_plain) -> None:
    """附件 on a new page: 附件N in 黑体 top left, the title centred on the third line, the table (7.3.7)."""
    label = paragraph(body, "GwAttachmentLabel")
    put(ppr(label), el("w:pageBreakBefore"))
    add_run(label, a.label)
    _blank(body)
    p = paragraph(body, "GwTitle")
    for i, line in enumerate(title_lines):
        if i:
            r = el("w:r")
            r.append(el("w:br"))
            p.append(r)
        add_run(p, line)
    _blank(body)
    write_table(body, a.table, write)


def _imprint_row(paragraph_props: list[Any], runs: list[tuple[str, bool]]) -> Any:
    """One row of the 版记: its line of 4号 text one 字 in from each side, one grid line tall."""
    tr = el("w:tr")
    trpr = el("w:trPr")
    trpr.append(el("w:cantSplit"))
    tr.append(trpr)
    tc = el("w:tc")
    tcpr = el("w:tcPr")
    tcpr.append(el("w:tcW", w=str(_TYPE_WIDTH), type="dxa"))
    tcpr.append(el("w:vAlign", val="center"))
    tc.append(tcpr)
    p = el("w:p")
    props = ppr(p)
    props.append(el("w:pStyle", val="GwImprint"))
    put(props, el("w:snapToGrid", val="0"))
    put(props, el("w:spacing", before="0", after="0", line=twips(std.LINE_PITCH), lineRule="exact"))
    for prop in paragraph_props:
        put(props, prop)
    for text, tab in runs:
        if tab:
            add_tab(p)
        add_run(p, text)
    tc.append(p)
    tr.append(tc)
    return tr


def _imprint_table(imprint: Imprint) -> Any:
    """The 版记 as a floating table the width of the type area, its bottom on the type area's bottom.

    Its rules are the table's borders, so they run the full 156 mm (7.4.1 与版心等宽) while the text
    keeps one 字 from each side as paragraph indents (the cells have no margins of their own, so
    Word's and LibreOffice's different ways of counting a cell margin into the table's position do
    not matter).  ``tblpPr`` puts it at the bottom of the text margin (ECMA-376 17.4.58, ST_YAlign
    "bottom"), whatever stands above it on the page.  Horizontally it is placed from the page edge at
    the left margin rather than at the margin itself: LibreOffice keeps a table as wide as the text
    area in the text flow when it is positioned against the margin, and floats it only against the
    page.
    """
    tbl = el("w:tbl")
    tblpr = el("w:tblPr")
    tblpr.append(
        el(
            "w:tblpPr",
            leftFromText="0",
            rightFromText="0",
            topFromText="0",
            bottomFromText="0",
            vertAnchor="margin",
            horzAnchor="page",
            tblpX=twips(std.MARGIN_LEFT),
            tblpYSpec="bottom",
        )
    )
    tblpr.append(el("w:tblOverlap", val="never"))
    tblpr.append(el("w:tblW", w=str(_TYPE_WIDTH), type="dxa"))
    borders = el("w:tblBorders")
    borders.append(_border("top", std.IMPRINT_THICK_EIGHTHS))  # 7.4.1: the first and last rules thick,
    borders.append(el("w:left", val="nil"))
    borders.append(_border("bottom", std.IMPRINT_THICK_EIGHTHS))
    borders.append(el("w:right", val="nil"))
    borders.append(_border("insideH", std.IMPRINT_THIN_EIGHTHS))  # those between thin
    borders.append(el("w:insideV", val="nil"))
    tblpr.append(borders)
    tblpr.append(el("w:tblLayout", type="fixed"))
    margins = el("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(el(f"w:{side}", w="0", type="dxa"))
    tblpr.append(margins)
    tbl.append(tblpr)
    grid = el("w:tblGrid")
    grid.append(el("w:gridCol", w=str(_TYPE_WIDTH)))
    tbl.append(grid)
    side = round(std.IMPRINT_SIDE.twips)
    char = round(std.IMPRINT_SIZE.pt * 20)
    if imprint.cc:
        # wrapped lines align with the first character after 抄送： (7.4.2)
        indent = el("w:ind", left=str(side + 3 * char), right=str(side), hanging=str(3 * char))
        tbl.append(_imprint_row([indent], [(f"抄送：{imprint.cc}。", False)]))
    tabs = el("w:tabs")
    tabs.append(el("w:tab", val="right", pos=str(_TYPE_WIDTH - side)))
    indent = el("w:ind", left=str(side), right=str(side), firstLine="0")
    tbl.append(_imprint_row([tabs, indent], [(imprint.printer, False), (f"{imprint.date}印发", True)]))
    return tbl


def write_imprint(package: Any, imprint: Imprint) -> Any:
    """版记 on the last, even page: its last rule on the bottom of the type area (7.4).

    A section that starts on an even page holds an empty paragraph (LibreOffice carries the section's
    page break on its first paragraph, and would lose it on a table it turns into a frame), the
    floating 版记 table, and the paragraph it is anchored to.  No run of blank lines places it, so
    text added above it on its page leaves it where it is.  Returns the new section's properties,
    for its footers.
    """
    sect_pr = package.add_section("evenPage")
    body = package.body
    # the paragraph that closes the body's section: a PAGEREF to it finds the body's last page
    [*_, end] = body.xpath("w:p[w:pPr/w:sectPr]", namespaces={"w": NS["w"]})
    end.append(el("w:bookmarkStart", id="0", name=BODY_END_BOOKMARK))
    end.append(el("w:bookmarkEnd", id="0"))
    _blank(body)
    append_to_body(body, _imprint_table(imprint))
    _blank(body)  # the floating table's anchor (17.4.58: the next paragraph after it)
    return sect_pr


def fill_footer_band(p: Any) -> None:
    """Make a footer paragraph of the 版记's section exactly fill the room below the type area.

    In Word a footer grows upwards from the footer distance, so a paragraph of 14 pt with the rest of
    the 13 mm as space before keeps the page number where the body's pages have it and leaves the
    type area alone.  LibreOffice 7.4 gives the page style it makes for an even-page section a
    footer sized by its content alone (no spacing above it), so without this the 版记's section's
    type area would end 7 mm low in LibreOffice, and the 版记 with it.
    """
    line = std.SIZE_4HAO
    put(ppr(p), el("w:snapToGrid", val="0"))
    put(
        ppr(p),
        el("w:spacing", before=twips(Length(std.FOOTER_BAND - line)), after="0", line=twips(line), lineRule="exact"),
    )


def imprint_footers(package: Package, sect_pr: Any) -> None:
    """The 版记's section numbers its page only when no blank page stands before it (7.5)."""
    for kind, odd in (("default", True), ("even", False)):

        def fill(p: Any, odd: bool = odd) -> None:
            page_number_footer(p, odd, unless_blank_before=BODY_END_BOOKMARK)
            fill_footer_band(p)  # LibreOffice's type area on the 版记 page ends where Word's does

        data = footer_part(fill)
        package.set_footer(sect_pr, kind, package.add_part(package.next_name("footer"), FOOTER, data))
