"""The DOCX writer: lays an :class:`~generator.outline.Outline` out as GB/T 9704-2012 requires.

It knows nothing of workbooks or templates.  Styles carry the standard's formatting (so Word's and
WPS's style pane shows 公文正文, 一级标题 …) and paragraphs only name their style; every number comes
from :mod:`generator.gbt9704`.  The file is made byte-for-byte reproducible: fixed zip timestamps,
fixed part order, core-property dates from the report's own date.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import gbt9704 as std
from .cache import cached_bytes, key_of
from .docx_apparatus import (
    BODY_END_BOOKMARK,
    fill_footer_band,
    write_attachment,
    write_attachment_note,
    write_imprint,
    write_masthead,
    write_note,
)
from .docx_package import COMMENTS, FOOTER, Package, comments_part, footer_part, read_parts, zip_parts
from .fingerprint import fingerprint_part
from .gbt9704 import Length
from .ooxml import add_run, el, fonts, half_points, keep_with_next, paragraph, ppr, put, qn, text_width, twips
from .outline import (
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
from .spans import FigureRef, Source, Spans, Text, plain, spans
from .title_layout import break_title

if TYPE_CHECKING:  # python-docx makes only the skeleton, and is imported only then
    from docx.document import Document as DocumentObject


@dataclass(frozen=True)
class DocumentInfo:
    """What the writer needs besides the outline: core properties, and whether to annotate figures."""

    title: str
    author: str
    date: dt.date
    annotate: bool = False  # a Word comment on every figure naming its cell
    fingerprint: bool = False  # the content's fingerprint as a custom property (generator.fingerprint)


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


@dataclass(frozen=True)
class _StyleSpec:
    style_id: str
    name: str
    font: str
    size: Length
    first_line: Length | None = None
    align: str = "both"
    condense: bool = True
    keep_next: bool = False
    outline_level: int | None = None
    line_exact: Length | None = None
    kind: str = "paragraph"
    color: str = ""
    on_grid: bool = True  # False: single spacing of its own, off the 22-line grid (tables)
    builtin: str = ""  # Word's own style of this id, defined here (its name is Word's, not ours)


_BODY = "GwBody"
_STYLES: tuple[_StyleSpec, ...] = (
    _StyleSpec(_BODY, "公文正文", std.FONT_FANGSONG, std.SIZE_3HAO, std.FIRST_LINE_INDENT),
    _StyleSpec(
        "GwTitle",
        "公文标题",
        std.FONT_XIAOBIAOSONG,
        std.SIZE_2HAO,
        align="center",
        condense=False,
        line_exact=std.TITLE_LINE_PITCH,
    ),
    _StyleSpec("GwAddressee", "主送机关", std.FONT_FANGSONG, std.SIZE_3HAO, align="left"),
    *(
        _StyleSpec(
            f"GwHeading{level}",
            f"{'一二三四'[level - 1]}级标题",
            hs.font,
            std.SIZE_3HAO,
            std.FIRST_LINE_INDENT,
            keep_next=True,
            outline_level=level - 1,
        )
        for level, hs in std.HEADING_STYLES.items()
    ),
    *(
        _StyleSpec(f"GwRunIn{level}", f"{'一二三四'[level - 1]}级标题字符", hs.font, std.SIZE_3HAO, kind="character")
        for level, hs in std.HEADING_STYLES.items()
    ),
    _StyleSpec("GwSignature", "署名", std.FONT_FANGSONG, std.SIZE_3HAO, align="right"),
    _StyleSpec("GwDate", "成文日期", std.FONT_FANGSONG, std.SIZE_3HAO, align="right"),
    _StyleSpec("GwPageNumber", "页码", std.FONT_SONGTI, std.SIZE_4HAO, condense=False),
    # the upward-report apparatus (generator/docx_apparatus.py)
    _StyleSpec("GwFlushLeft", "顶格文字", std.FONT_FANGSONG, std.SIZE_3HAO, align="left"),
    _StyleSpec("GwMeta", "密级和紧急程度", std.FONT_HEITI, std.SIZE_3HAO, align="left"),
    _StyleSpec(
        "GwMark",
        "发文机关标志",
        std.FONT_XIAOBIAOSONG,
        std.MARK_MAX_SIZE,
        align="center",
        condense=False,
        line_exact=std.MARK_MAX_SIZE,
        color=std.MARK_COLOR,
    ),
    _StyleSpec("GwSignerName", "签发人姓名", std.FONT_KAITI, std.SIZE_3HAO, kind="character"),
    _StyleSpec("GwAttachmentLabel", "附件标识", std.FONT_HEITI, std.SIZE_3HAO, align="left"),
    _StyleSpec(
        "GwTableText", "表格文字", std.FONT_FANGSONG, std.TABLE_SIZE, align="center", condense=False, on_grid=False
    ),
    _StyleSpec("GwTableHead", "表头", std.FONT_HEITI, std.TABLE_SIZE, align="center", condense=False, on_grid=False),
    _StyleSpec("GwImprint", "版记", std.FONT_FANGSONG, std.IMPRINT_SIZE, align="left", condense=False),
    # Word's comment styles, which --annotate's comments and their marks name (python-docx's
    # template defines neither): a comment in 五号宋体, off the grid
    _StyleSpec(
        "CommentText",
        "annotation text",
        std.FONT_SONGTI,
        std.COMMENT_SIZE,
        align="left",
        condense=False,
        on_grid=False,
        builtin="Normal",
    ),
    _StyleSpec(
        "CommentReference",
        "annotation reference",
        std.FONT_SONGTI,
        std.COMMENT_SIZE,
        kind="character",
        condense=False,
        builtin="DefaultParagraphFont",
    ),
)


def _run_properties(spec: _StyleSpec) -> Any:
    rpr = el("w:rPr")
    rpr.append(fonts(spec.font))
    if spec.color:
        rpr.append(el("w:color", val=spec.color))
    if spec.condense:
        rpr.append(el("w:spacing", val=twips(std.CHAR_CONDENSE)))
    rpr.append(el("w:sz", val=half_points(spec.size)))
    rpr.append(el("w:szCs", val=half_points(spec.size)))
    return rpr


def _paragraph_properties(spec: _StyleSpec) -> Any:
    ppr = el("w:pPr")
    if spec.keep_next:
        ppr.append(el("w:keepNext"))
    ppr.append(el("w:widowControl", val="0"))
    ppr.append(el("w:overflowPunct", val="0"))  # no punctuation hanging past the type area
    ppr.append(el("w:autoSpaceDE", val="0"))
    ppr.append(el("w:autoSpaceDN", val="0"))
    if spec.line_exact is not None or not spec.on_grid:
        ppr.append(el("w:snapToGrid", val="0"))
    if spec.line_exact is not None:
        ppr.append(el("w:spacing", before="0", after="0", line=twips(spec.line_exact), lineRule="exact"))
    else:
        ppr.append(el("w:spacing", before="0", after="0", line="240", lineRule="auto"))
    first = spec.first_line if spec.first_line is not None else Length(0)
    ppr.append(el("w:ind", firstLine=twips(first)))
    ppr.append(el("w:jc", val=spec.align))
    if spec.outline_level is not None:
        ppr.append(el("w:outlineLvl", val=str(spec.outline_level)))
    return ppr


def _install_styles(doc: DocumentObject) -> None:
    styles = doc.styles.element
    # Document defaults: explicit faces (no theme fonts, which override names and fall back to
    # MS Mincho in Word), 三号, Chinese language, no spacing.
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    defaults = el("w:docDefaults")
    rpr_default = el("w:rPrDefault")
    rpr = el("w:rPr")
    rpr.append(fonts(std.FONT_FANGSONG))
    rpr.append(el("w:sz", val=half_points(std.SIZE_3HAO)))
    rpr.append(el("w:szCs", val=half_points(std.SIZE_3HAO)))
    rpr.append(el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    rpr_default.append(rpr)
    ppr_default = el("w:pPrDefault")
    ppr = el("w:pPr")
    ppr.append(el("w:spacing", before="0", after="0", line="240", lineRule="auto"))
    ppr_default.append(ppr)
    defaults.append(rpr_default)
    defaults.append(ppr_default)
    styles.insert(0, defaults)
    # Theme fonts in the template's own styles would override the names we set: drop them.
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for spec in _STYLES:
        style = el("w:style", type=spec.kind, styleId=spec.style_id)
        style.append(el("w:name", val=spec.name))
        if spec.builtin:  # as Word defines it: based on the default style, shown once used
            style.append(el("w:basedOn", val=spec.builtin))
            style.append(el("w:uiPriority", val="99"))
            style.append(el("w:semiHidden"))
            style.append(el("w:unhideWhenUsed"))
        else:
            style.set(qn("w:customStyle"), "1")
            style.append(el("w:qFormat"))
        if spec.kind == "paragraph":
            style.append(_paragraph_properties(spec))
        style.append(_run_properties(spec))
        styles.append(style)


def _setup_section(doc: DocumentObject) -> None:
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
    _page_number_footer(section.footer.part.element.find(qn("w:p")), odd=True)
    _page_number_footer(section.even_page_footer.part.element.find(qn("w:p")), odd=False)


def _page_number_footer(p: Any, odd: bool, unless_blank_before: str | None = None) -> None:
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


def _imprint_footers(package: Package, sect_pr: Any) -> None:
    """The 版记's section numbers its page only when no blank page stands before it (7.5)."""
    for kind, odd in (("default", True), ("even", False)):

        def fill(p: Any, odd: bool = odd) -> None:
            _page_number_footer(p, odd, unless_blank_before=BODY_END_BOOKMARK)
            fill_footer_band(p)  # LibreOffice's type area on the 版记 page ends where Word's does

        data = footer_part(fill)
        package.set_footer(sect_pr, kind, package.add_part(package.next_name("footer"), FOOTER, data))


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
        keep_with_next(paragraph(body, _BODY))
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


# Parts of python-docx's default template that a report does not need: a thumbnail of an empty
# page (Windows Explorer would show it as the preview), Word 2010's duplicate style sheet, an
# empty custom-XML item, and list numbering that no paragraph uses (its levels name list styles
# that the pruning drops).
_DROPPED_PARTS = ("/thumbnail", "/stylesWithEffects", "/customXml", "/numbering")


def _drop_unneeded_parts(doc: DocumentObject) -> None:
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(_DROPPED_PARTS):
                rels.pop(rid)


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


_SONG_FACES = (std.FONT_SONGTI, std.FONT_XIAOBIAOSONG)


def _font_table() -> bytes:
    """A font table naming our faces, each with a fallback in its own family (w:altName)."""
    fonts = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{"roman" if name in _SONG_FACES else "modern"}"/><w:pitch w:val="variable"/></w:font>'
        for name, alt in std.FONT_FALLBACKS.items()
    )
    xml = f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:fonts xmlns:w=\"{_W_NS}\">{fonts}</w:fonts>"
    return xml.encode("utf-8")


def _font_table_name(doc: DocumentObject) -> str:
    """The font table's part name in the package (``word/fontTable.xml`` in python-docx's template)."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            return str(rel.target_part.partname).lstrip("/")
    raise LookupError("python-docx's template has no font table")


def _prune_styles(doc: DocumentObject) -> None:
    """Keep the styles the writer names, the defaults and what they build on; drop the template's
    hundreds of others.

    python-docx's template carries every built-in table style and the latent-style list (350 KB of
    styles.xml), which each draft would otherwise parse, serialize and compress.  What is kept is
    derived from ``_STYLES``, the one list of styles the writer's paragraphs and runs name (a test
    checks every style any draft names is defined), so a style cannot be used and pruned.
    """
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    named = {spec.style_id for spec in _STYLES}
    wanted = [i for i, s in by_id.items() if i in named or s.get(qn("w:default")) == "1"]
    keep: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        for link in ("w:basedOn", "w:next", "w:link"):
            ref = by_id[style_id].find(qn(link))
            if ref is not None:
                wanted.append(ref.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)


@functools.cache
def _skeleton() -> bytes:
    """The empty, styled document every draft starts from: made once, kept in the user's cache
    under a key of the code and the python-docx that make it, and reopened for each draft.

    python-docx is found, not imported: its location and its template file's size and time stand
    for its version (asking importlib.metadata costs a scan of the installed packages)."""
    from importlib.util import find_spec

    from . import docx_apparatus, ooxml

    sources = [Path(m.__file__).read_bytes() for m in (sys.modules[__name__], std, ooxml, docx_apparatus)]
    spec = find_spec("docx")
    origin = Path(spec.origin) if spec is not None and spec.origin else Path()
    template = origin.parent / "templates" / "default.docx"
    stat = template.stat() if template.exists() else None
    stamp = f"{origin}|{stat.st_size if stat else 0}|{stat.st_mtime_ns if stat else 0}"
    key = key_of(*sources, stamp.encode())
    return cached_bytes("skeleton", key, _make_skeleton)


@functools.cache
def _skeleton_parts() -> dict[str, bytes]:
    """The skeleton's parts, unzipped once a process (a batch builds hundreds of drafts from them)."""
    return read_parts(_skeleton())


def _make_skeleton() -> bytes:
    from docx import Document

    doc = Document()
    _drop_unneeded_parts(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _install_styles(doc)
    _prune_styles(doc)
    _setup_section(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    parts = read_parts(buffer.getvalue())
    parts[_font_table_name(doc)] = _font_table()  # python-docx keeps the part's bytes to itself
    return zip_parts(parts)


def build_document(outline: Outline, info: DocumentInfo) -> Package:
    """Lay the outline out in a new package made from the skeleton."""
    try:
        package = Package(_skeleton_parts())
    except Exception:  # a damaged cache entry: make the skeleton afresh
        package = Package(read_parts(_make_skeleton()))
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
                paragraph(body, _BODY)
        elif isinstance(block, Addressee):
            add_run(paragraph(body, "GwAddressee"), block.text)
        elif isinstance(block, Heading):
            if block.body:
                p = paragraph(body, _BODY)
                notes.write(p, (Text(block.number), *block.title), f"GwRunIn{block.level}")
                notes.write(p, block.body)
            else:
                notes.write(paragraph(body, f"GwHeading{block.level}"), (Text(block.number), *block.title))
        elif isinstance(block, Paragraph):
            notes.write(paragraph(body, _BODY), block.body)
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
            _imprint_footers(package, write_imprint(package, block))
    stamp = dt.datetime.combine(info.date, dt.time(9, 0))
    notes.finish(stamp)
    package.set_core(info.title, info.author, stamp, "法治政府建设年度报告")
    return package


def render_docx(outline: Outline, info: DocumentInfo) -> bytes:
    """The DOCX file for the outline, as bytes that depend on nothing but the inputs."""
    package = build_document(outline, info)
    if info.fingerprint:  # of every part as written: the property itself is no content
        name, content_type, rel_type, data = fingerprint_part(package.final_parts())
        package.add_package_part(name, content_type, rel_type, "rIdGwFingerprint", data)
    return package.to_bytes()
