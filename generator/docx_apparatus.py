"""Laying out the upward-report apparatus: 版头, 附件说明, 附注, 附件 with its table, 版记.

Part of the DOCX writer (it knows nothing of workbooks or templates); every number comes from
:mod:`generator.gbt9704`.  Vertical positions that the standard fixes in millimetres (the 标志 35 mm
below the type area, the red rule 4 mm below the 发文字号) are set with exact spacing outside the
line grid; everything else stays on the grid so the body keeps its 22 lines.
"""

from __future__ import annotations

import math
from typing import Any

from . import gbt9704 as std
from .gbt9704 import Length, Pt
from .ooxml import NS, add_run, add_tab, append_to_body, el, half_points, paragraph, ppr, put, twips
from .outline import Attachment, AttachmentNote, Imprint, Masthead, Note, Table

_BODY = "GwBody"
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


def _cell(text: str, width: int, style: str, align: str, span: int = 1, write: Any = add_run) -> Any:
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
    if text:
        write(p, text)
    return tc


def write_table(body: Any, table: Table, write: Any = add_run) -> None:
    """A table the width of the type area; WPS reads the widths from w:tblGrid, so they add up."""
    total = sum(table.widths)
    widths = [_TYPE_WIDTH * w // total for w in table.widths]
    widths[-1] += _TYPE_WIDTH - sum(widths)
    tbl = el("w:tbl")
    tblpr = el("w:tblPr")
    tblpr.append(el("w:tblW", w=str(_TYPE_WIDTH), type="dxa"))
    tblpr.append(el("w:jc", val="center"))
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_border(side, 4))
    tblpr.append(borders)
    tblpr.append(el("w:tblLayout", type="fixed"))
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
        head.append(_cell(text, width, "GwTableHead", "center"))
    tbl.append(head)
    for row in table.rows:
        tr = el("w:tr")
        trpr = el("w:trPr")
        trpr.append(el("w:cantSplit"))
        tr.append(trpr)
        if len(row) == 1:  # a group heading across the table
            tr.append(_cell(row[0], _TYPE_WIDTH, "GwTableHead", "left", span=len(widths)))
        for text, width, numeric in zip(row, widths, table.numeric, strict=False) if len(row) > 1 else ():
            tr.append(_cell(text, width, "GwTableText", "center" if numeric else "left", write=write))
        tbl.append(tr)
    append_to_body(body, tbl)


def write_attachment(body: Any, a: Attachment, title_lines: list[str], write: Any = add_run) -> None:
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


def _imprint_lines(imprint: Imprint) -> int:
    if not imprint.cc:
        return 1
    per_line = int((std.TYPE_AREA_WIDTH.twips - 2 * std.IMPRINT_SIDE.twips) // (std.IMPRINT_SIZE.pt * 20))
    return 1 + math.ceil(len(f"抄送：{imprint.cc}。") / per_line)


def write_imprint(package: Any, imprint: Imprint) -> Any:
    """版记 on the last, even page: its last rule on the bottom of the type area (7.4).

    A section that starts on an even page holds it.  Blank grid lines push it down; its own lines
    have exact heights of one grid line less the rules' thickness, so the lines and rules add up
    to the 22 lines of the type area and the 印发 line's thick rule falls on its bottom edge.
    Returns the new section's properties, for its footers.
    """
    sect_pr = package.add_section("evenPage")
    body = package.body
    # the paragraph that closes the body's section: a PAGEREF to it finds the body's last page
    [*_, end] = body.xpath("w:p[w:pPr/w:sectPr]", namespaces={"w": NS["w"]})
    end.append(el("w:bookmarkStart", id="0", name=BODY_END_BOOKMARK))
    end.append(el("w:bookmarkEnd", id="0"))
    cc_lines = _imprint_lines(imprint) - 1
    _blank(body, std.LINES_PER_PAGE - cc_lines - 1)
    side = round(std.IMPRINT_SIDE.twips)
    char = round(std.IMPRINT_SIZE.pt * 20)
    pitch = round(std.LINE_PITCH.twips)
    thick, thin = std.IMPRINT_THICK_EIGHTHS * 20 // 8, std.IMPRINT_THIN_EIGHTHS * 20 // 8  # in twips

    def exact(p: Any, height: int) -> None:
        put(ppr(p), el("w:snapToGrid", val="0"))
        put(ppr(p), el("w:spacing", before="0", after="0", line=str(height), lineRule="exact"))

    if imprint.cc:
        cc = paragraph(body, "GwImprint")
        # wrapped lines align with the first character after 抄送： (7.4.2)
        put(ppr(cc), el("w:ind", left=str(side + 3 * char), right=str(side), hanging=str(3 * char)))
        borders = el("w:pBdr")
        borders.append(_border("top", std.IMPRINT_THICK_EIGHTHS))
        borders.append(_border("bottom", std.IMPRINT_THIN_EIGHTHS))
        put(ppr(cc), borders)
        exact(cc, (cc_lines * pitch - thick - thin) // cc_lines)
        add_run(cc, f"抄送：{imprint.cc}。")
    line = paragraph(body, "GwImprint")
    put(ppr(line), el("w:ind", left=str(side), right=str(side), firstLine="0"))
    tabs = el("w:tabs")
    tabs.append(el("w:tab", val="right", pos=str(_TYPE_WIDTH - side)))
    put(ppr(line), tabs)
    borders = el("w:pBdr")
    if not imprint.cc:
        borders.append(_border("top", std.IMPRINT_THICK_EIGHTHS))
    borders.append(_border("bottom", std.IMPRINT_THICK_EIGHTHS))
    put(ppr(line), borders)
    exact(line, pitch - thick - (0 if imprint.cc else thick))
    add_run(line, imprint.printer)
    add_tab(line)
    add_run(line, f"{imprint.date}印发")
    return sect_pr
