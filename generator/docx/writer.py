"""The DOCX writer: lays an :class:`~generator.render.outline.Outline` out as GB/T 9704-2012 requires.

It knows nothing of workbooks or templates.  Each draft starts from the skeleton
(:mod:`generator.docx.skeleton`), whose styles (:mod:`generator.docx.styles`) carry the standard's
formatting, so paragraphs only name their style; every number comes from :mod:`generator.gbt9704`.
The upward-report apparatus is laid out by :mod:`generator.docx.apparatus`.  The file is made
byte-for-byte reproducible: fixed zip timestamps, fixed part order, core-property dates from the
report's own date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator import gbt9704 as std
from generator.docx.apparatus import (
    imprint_footers,
    write_attachment,
    write_attachment_note,
    write_imprint,
    write_masthead,
    write_note,
)
from generator.docx.fingerprint import fingerprint_part
from generator.docx.ooxml import add_run, el, keep_with_next, paragraph, ppr, put, qn, text_width
from generator.docx.package import COMMENTS, Package, comments_part, read_parts
from generator.docx.skeleton import make_skeleton, skeleton_parts
from generator.docx.source_part import add_source
from generator.docx.styles import BODY_STYLE
from generator.docx.title_layout import break_title
from generator.model.spans import FigureRef, Source, Spans, Text, plain, spans
from generator.render.outline import (
    Addressee,
    Attachment,
    AttachmentNote,
    Heading,
    Imprint,
    Masthead,
    Note,
    Outline,
    Paragraph,
    Signature,
    Title,
)


@dataclass(frozen=True)
class DocumentInfo:
    """What the writer needs besides the outline: core properties, and whether to annotate figures."""

    title: str
    author: str
    date: dt.date
    annotate: bool = False  # a Word comment on every figure naming its cell
    fingerprint: bool = False  # the content's fingerprint as a custom property (generator.docx.fingerprint)
    source: bytes = b""  # an XML document to carry as a Custom XML part (the workbook's cells), not read here


COMMENT_AUTHOR = "报告生成器"


class _Annotator:
    """Writes spans: with comments asked for, each figure a run of its own carrying one; without,
    a paragraph's text in as few runs as its styles allow."""

    def __init__(self, package: Package, on: bool) -> None:
        self.package, self.on = package, on
        self.pending: list[tuple[Any, Source]] = []

    def write(self, p: Any, body: Spans, char_style: str | None = None) -> None:
        if not self.on:  # no comments to anchor: one run
            add_run(p, plain(body), char_style)
            return
        for span in spans(body):
            r = add_run(p, span.text, char_style)
            if isinstance(span, FigureRef):
                self.pending.append((r, span.source))

    def finish(self, when: dt.datetime) -> None:
        """Comments go in once the text is complete: 行政执法!C6 行政处罚案件 168, each around its
        figure's run and dated like the document, so reruns give the same bytes."""
        if not self.pending:
            return
        notes = []
        for cid, (r, source) in enumerate(self.pending):
            r.addprevious(el("w:commentRangeStart", id=str(cid)))
            r.addnext(el("w:commentRangeEnd", id=str(cid)))
            ref = el("w:r")
            props = el("w:rPr")
            props.append(el("w:rStyle", val="CommentReference"))
            ref.append(props)
            ref.append(el("w:commentReference", id=str(cid)))
            r.getnext().addnext(ref)
            notes.append((cid, COMMENT_AUTHOR, "报告", _note(source), when))
        self.package.add_part("word/comments.xml", COMMENTS, comments_part(notes))


def _note(source: Source) -> str:
    """A comment's text: 行政执法!C6 行政处罚案件 168, and each further cell of a worked-out figure."""
    return "；".join(f"{c.cell} {c.label} {c.value}" for c in source.cells())


def _title_lines(title: Title) -> list[str]:
    """The title's lines: one if it fits, else a balanced trapezoid or diamond (7.3.1)."""
    scale = std.SIZE_2HAO.pt / std.SIZE_3HAO.pt
    return break_title(title.text, title.breaks, lambda t: text_width(t) * scale, std.TYPE_AREA_WIDTH.twips)


def _signature(body: Any, sig: Signature) -> None:
    """署名 and 成文日期 of an unsealed document (7.3.5.2).

    The name keeps two 字 on the right and the date starts two 字 right of the name's start.  When
    that would push the date into the two-字 right space, the date keeps the space and the name
    moves left instead, keeping the offset.
    """
    previous = body.findall(qn("w:p"))
    if previous:
        keep_with_next(previous[-1])  # the 署名 never stands alone on a page
    for _ in range(std.BLANK_LINES_BEFORE_SIGNATURE):
        keep_with_next(paragraph(body, BODY_STYLE))
    ws, wd = text_width(sig.name), text_width(sig.date)
    space, offset = int(std.SIGNATURE_RIGHT_SPACE.twips), int(std.DATE_OFFSET.twips)
    if ws - wd >= offset:
        name_right, date_right = space, space + ws - wd - offset
    else:
        date_right, name_right = space, space + offset + wd - ws
    for style, text, right in (("GwSignature", sig.name, name_right), ("GwDate", sig.date, date_right)):
        p = paragraph(body, style)
        put(ppr(p), el("w:ind", right=str(right), firstLine="0"))
        if style == "GwSignature":
            keep_with_next(p)
        add_run(p, text)


def build_document(outline: Outline, info: DocumentInfo) -> Package:
    """Lay the outline out in a new package made from the skeleton."""
    try:
        package = Package(skeleton_parts())
    except Exception:  # a damaged cache entry: make the skeleton afresh
        package = Package(read_parts(make_skeleton()))
    body = package.body
    notes = _Annotator(package, info.annotate)
    for block in outline.blocks:
        if isinstance(block, Title):
            p = paragraph(body, "GwTitle")
            for i, line in enumerate(_title_lines(block)):
                if i:
                    r = el("w:r")
                    r.append(el("w:br"))
                    p.append(r)
                add_run(p, line)
            for _ in range(std.BLANK_LINES_AFTER_TITLE):
                paragraph(body, BODY_STYLE)
        elif isinstance(block, Addressee):
            add_run(paragraph(body, "GwAddressee"), block.text)
        elif isinstance(block, Heading):
            if block.body:
                p = paragraph(body, BODY_STYLE)
                notes.write(p, (Text(block.number), *block.title), f"GwRunIn{block.level}")
                notes.write(p, block.body)
            else:
                notes.write(paragraph(body, f"GwHeading{block.level}"), (Text(block.number), *block.title))
        elif isinstance(block, Paragraph):
            notes.write(paragraph(body, BODY_STYLE), block.body)
        elif isinstance(block, Signature):
            _signature(body, block)
        elif isinstance(block, Masthead):
            write_masthead(body, block)
        elif isinstance(block, AttachmentNote):
            write_attachment_note(body, block)
        elif isinstance(block, Note):
            write_note(body, block)
        elif isinstance(block, Attachment):
            write_attachment(body, block, _title_lines(Title(block.title)), notes.write)
        elif isinstance(block, Imprint):
            imprint_footers(package, write_imprint(package, block))
    stamp = dt.datetime.combine(info.date, dt.time(9, 0))
    notes.finish(stamp)
    package.set_core(info.title, info.author, stamp, "法治政府建设年度报告")
    return package


def render_docx(outline: Outline, info: DocumentInfo) -> bytes:
    """The DOCX file for the outline, as bytes that depend on nothing but the inputs."""
    package = build_document(outline, info)
    if info.source:
        add_source(package, info.source)
    if info.fingerprint:  # of every part as written: the property itself is no content
        name, content_type, rel_type, data = fingerprint_part(package.final_parts())
        package.add_package_part(name, content_type, rel_type, "rIdGwFingerprint", data)
    return package.to_bytes()
