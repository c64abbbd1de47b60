"""A DOCX read into blocks: the body's paragraphs in order, with what the document says of each.

The package is opened by :mod:`generator.docx.limits` (its bounds against crafted files), the body
found and runs counted by :mod:`generator.docx.props`, formatting resolved through the styles by
:class:`generator.docx.formatting.Styles`, list numbers drawn by
:mod:`generator.imports.document_numbering`.  What is read:

- paragraphs of the body, of tables (each cell's, nested tables too) and of text boxes (the
  DrawingML one; its VML fallback copy is skipped), in document order; content controls opened;
  deleted text and hidden runs left out, inserted text kept; a line break (Shift+Enter) ends a
  block as a paragraph mark does, since clerks and pasted web text use it for one;
- a paragraph's heading level (1–3): its outline level (set on it or on its style chain), else a
  built-in heading style's name (Heading 1 / 标题 1);
- its run-in title: the leading runs set off from the rest — one of this program's run-in styles
  (GwRunIn…), bold against plain, or 黑体/楷体 against another face — when they are a short title
  ending in 。 or ： (a clerk who bolds "1.加强组织领导" and not its "。" still has one);
- the custom property 报告生成器指纹 when the file is this program's draft.

Headers, footers, notes and comments are not the report's text and are not read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from generator import gbt9704 as std
from generator.docx.fingerprint import PROPERTY
from generator.docx.formatting import Props, Styles, flatten, theme_fonts, w
from generator.docx.limits import DocxPackage
from generator.docx.props import MAX_PARAGRAPH_CHARS, MAX_PARAGRAPHS, PKG_REL, RunBudget, main_body, part_rels
from generator.errors import DocumentUnreadable
from generator.imports.document import Block, Document, clean
from generator.imports.document_numbering import Numbering

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
# Table cells have a paragraph each: a body may hold more paragraphs in tables than outside them.
MAX_ALL_PARAGRAPHS = 3 * MAX_PARAGRAPHS
MAX_RUN_IN_CHARS = 40  # "（一）带头谋划部署法治建设。" is 14; a longer bold lead is emphasis, not a title
RUN_IN_ENDS = "。：:；;．.！!？?"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_OFF = ("0", "false", "off")
_P, _R, _T, _TBL, _TR, _TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
_SKIPPED = {w("pPr"), w("rPr"), w("del"), w("moveFrom"), f"{MC}Fallback", w("sectPr"), w("tblPr"), w("trPr")}
_BREAKS = {w("br"), w("cr")}
_BOX = w("txbxContent")
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"  # equations: no report text


def _on(props: Props, name: str) -> bool:
    """Whether a toggle (w:b, w:vanish …) is on in resolved properties."""
    value = props.get((name, "val"))
    return value not in _OFF if value is not None else (name, "") in props


@dataclass
class _Segment:
    text: str
    bold: bool
    family: str  # the East-Asian face's family (黑体, 楷体 …) or the face's own name
    style: str  # the run's character style id


class _Reader:
    def __init__(self, pkg: DocxPackage, name: str) -> None:
        self.name = name
        self.main, self.body = main_body(pkg, name)
        rels = part_rels(pkg, self.main)

        def part(ending: str) -> ET.Element | None:
            return pkg.xml(next((t for t in rels.values() if t.endswith(ending)), "word/" + ending))

        theme = next((t for t in rels.values() if "theme" in t), "")
        self.theme = theme_fonts(pkg.xml(theme) if theme else None)
        self.styles = Styles(part("styles.xml"), read_rpr=self._run_layer)
        self.numbering = Numbering(part("numbering.xml"), self.styles)
        self.budget = RunBudget(name)
        self.blocks: list[Block] = []
        self.paragraphs = 0  # every paragraph read, against MAX_ALL_PARAGRAPHS
        self.body_index = 0  # the body's paragraphs outside tables, for 第N段
        self.tables = 0
        self.pictures = False

    def read(self) -> list[Block]:
        self._container(self.body, None)
        return self.blocks

    def _container(self, el: ET.Element, cell: str | None) -> None:
        """Paragraphs and tables of a body, cell, text box or content control, in order."""
        for child in el:
            if child.tag == _P:
                if cell is None:
                    self.body_index += 1
                self._paragraph(child, cell or f"第{self.body_index}段", cell is not None)
            elif child.tag == _TBL:
                self._table(child)
            elif child.tag == w("sdt") and _is_contents(child):
                continue  # a table of contents repeats the headings
            elif child.tag not in _SKIPPED:  # w:sdt, w:sdtContent, w:customXml, w:ins …
                self._container(child, cell)

    def _table(self, tbl: ET.Element) -> None:
        self.tables += 1
        number = self.tables
        for r, tr in enumerate(_children(tbl, _TR), start=1):
            column = 1
            for tc in _children(tr, _TC):
                self._container(tc, f"表格{number}第{r}行第{column}列")
                span = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
                column += max(1, _int(span.get(w("val")) if span is not None else None))

    def _paragraph(self, p: ET.Element, where: str, in_table: bool) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_ALL_PARAGRAPHS:
            raise DocumentUnreadable(
                f"{self.name}：文档（含表格）有超过 {MAX_ALL_PARAGRAPHS} 个段落，不像正常的报告，已拒绝读取。"
                "请确认文件来源，或删去多余的空段落、表格后再试。"
            )
        ppr = p.find(w("pPr"))
        style_id = self.styles.paragraph_style(ppr)
        p_style = self.styles.resolved(style_id)[0]
        direct = flatten(ppr)
        pprops = {**p_style, **direct} if direct else p_style
        runs: list[ET.Element] = []
        boxes: list[ET.Element] = []
        _inline(p, runs, boxes)
        self.budget.spend(len(runs))
        segments = [s for r in runs if (s := self._segment(r, style_id)) is not None]
        raw = "".join(s.text for s in segments)
        if len(raw) > MAX_PARAGRAPH_CHARS:
            raise DocumentUnreadable(
                f"{self.name}：{where}有 {len(raw)} 个字（上限 {MAX_PARAGRAPH_CHARS} 字），不像正常的报告，已拒绝读取。"
                "请确认文件来源，或把这一段拆开、删减后再试。"
            )
        label = self.numbering.label(pprops, style_id)  # an empty list item still counts, as in Word
        level = self._level(pprops, style_id)
        run_in = _run_in(segments)
        for i, line in enumerate(raw.split("\n")):
            text = clean((label if i == 0 else "") + line)
            if text and (i > 0 or clean(line)):
                lead = label + run_in if i == 0 and run_in else ""
                self.blocks.append(Block(text, where, level, lead if text.startswith(lead) else "", in_table))
        for box in boxes:
            self._container(box, f"{where}的文本框")

    def _run_layer(self, rpr: ET.Element | None) -> Props:
        """A layer's run properties with its East-Asian face resolved in the layer: a face set on a
        run overrides the theme face of the document defaults, as in Word, not the other way."""
        layer = flatten(rpr)
        theme = layer.pop(("rFonts", "eastAsiaTheme"), None)
        if theme:
            layer[("rFonts", "eastAsia")] = self.theme.get(theme, theme)
        return layer

    def _segment(self, r: ET.Element, para_style: str | None) -> _Segment | None:
        rpr = r.find(w("rPr"))
        props = self.styles.run(para_style, rpr)
        if _on(props, "vanish"):
            return None
        parts = []
        for c in r:
            if c.tag == _T:
                parts.append(c.text or "")
            elif c.tag == w("tab"):
                parts.append("\t")
            elif c.tag in _BREAKS:
                parts.append("\n")
            elif c.tag == w("noBreakHyphen"):
                parts.append("-")
            elif c.tag in (w("drawing"), w("pict"), w("object")):
                self.pictures = True
        if not parts:
            return None
        face = props.get(("rFonts", "eastAsia"), "")
        char_style = rpr.find(w("rStyle")) if rpr is not None else None
        style = char_style.get(w("val"), "") if char_style is not None else ""
        return _Segment("".join(parts), _on(props, "b"), std.family_of(face) or face, style)

    def _level(self, pprops: Props, style_id: str | None) -> int:
        outline = pprops.get(("outlineLvl", "val"))
        if outline is not None:
            n = _int(outline, 9)
            return n + 1 if 0 <= n <= 2 else 0
        for style in reversed(self.styles.chain(style_id)):
            name = style.find(w("name"))
            match = _HEADING_NAME.match(name.get(w("val"), "") if name is not None else "")
            if match:
                return int(match.group(1)) if int(match.group(1)) <= 3 else 0
        return 0


def _is_contents(sdt: ET.Element) -> bool:
    gallery = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and gallery.get(w("val"), "").startswith("Table of Contents")


def _children(el: ET.Element, tag: str) -> list[ET.Element]:
    """``el``'s children with ``tag``, looking through content controls and custom XML around them."""
    out: list[ET.Element] = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            out += _children(child, tag)
    return out


def _inline(el: ET.Element, runs: list[ET.Element], boxes: list[ET.Element]) -> None:
    """The runs of a paragraph in order (through hyperlinks, insertions, fields, content controls,
    the chosen branch of mc:AlternateContent) and the text boxes anchored in them."""
    for child in el:
        if child.tag == _R:
            runs.append(child)
            _boxes(child, boxes)
        elif child.tag not in _SKIPPED and not child.tag.startswith(_MATH):
            _inline(child, runs, boxes)


def _boxes(el: ET.Element, boxes: list[ET.Element]) -> None:
    for child in el:
        if child.tag == _BOX:
            boxes.append(child)
        elif child.tag != f"{MC}Fallback":  # the VML copy of the same text box
            _boxes(child, boxes)


def _run_in(segments: list[_Segment]) -> str:
    """The run-in title the leading segments set off, as it starts the paragraph's text; "" for none."""
    segments = [s for s in segments if s.text]
    while segments and not segments[0].text.strip():
        segments = segments[1:]
    if len(segments) < 2:
        return ""
    first = segments[0]
    own_style = first.style.startswith("GwRunIn")

    def same(s: _Segment) -> bool:
        if own_style:
            return s.style == first.style
        return (s.bold, s.family) == (first.bold, first.family) or not s.text.strip()

    n = 1
    while n < len(segments) and same(segments[n]):
        n += 1
    rest = "".join(s.text for s in segments[n:])
    if not rest.strip() or "\n" in "".join(s.text for s in segments[:n]):
        return ""
    after = segments[n]
    set_off = own_style or (first.bold and not after.bold)
    set_off = set_off or (first.family in ("黑体", "楷体") and after.family != first.family)
    lead = "".join(s.text for s in segments[:n]).lstrip()
    if rest[0] in RUN_IN_ENDS and lead[-1:] not in RUN_IN_ENDS:
        lead += rest[0]  # the title's stop left in the plain run
    lead = clean(lead)
    if not set_off or not lead or len(lead) > MAX_RUN_IN_CHARS or lead[-1] not in RUN_IN_ENDS:
        return ""
    return lead


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


def _fingerprint(pkg: DocxPackage) -> str:
    rels = pkg.xml("_rels/.rels")
    target = "docProps/custom.xml"
    for rel in rels.findall(f"{{{PKG_REL}}}Relationship") if rels is not None else ():
        if rel.get("Type", "").endswith("/custom-properties"):
            target = rel.get("Target", target).lstrip("/")
    custom = pkg.xml(target) if target in pkg.names else None
    for prop in custom.iter(f"{_CUSTOM_NS}property") if custom is not None else ():
        if prop.get("name") == PROPERTY:
            return (prop.findtext(f"{_VT}lpwstr") or "").strip()
    return ""


def is_docx(pkg: DocxPackage) -> bool:
    """Whether the zip holds a Word document's main part (named by its relationships or by default)."""
    rels = part_rels(pkg, "")
    return "word/document.xml" in pkg.names or any(t.endswith(".xml") and "document" in t for t in rels.values())


def docx_document(pkg: DocxPackage, name: str, kind: str = "docx") -> Document:
    """The blocks of an open DOCX; raise :class:`DocumentUnreadable` when it is damaged, out of
    bounds, or has no text."""
    reader = _Reader(pkg, name)
    blocks = reader.read()
    if not blocks:
        pictures = "，只有图片（例如扫描件）" if reader.pictures else ""
        raise DocumentUnreadable(
            f"{name}：文件是空的，文档正文中没有文字{pictures}，无法导入。"
            "请确认选择的是去年报告的 Word 文件；扫描件须先用文字识别（OCR）转成文字，或重新录入。"
        )
    return Document(name, kind, tuple(blocks), _fingerprint(pkg))
