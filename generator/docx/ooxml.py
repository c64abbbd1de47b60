"""Small helpers for WordprocessingML elements, shared by the DOCX writer's modules.

Property children are inserted in the order ECMA-376 prescribes (Word rejects or "repairs" a file
whose properties are out of order), so callers may add them in any order.
"""

from __future__ import annotations

import functools
from typing import Any

from lxml import etree

from generator import gbt9704 as std
from generator.gbt9704 import Length

PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
    "lang eastAsianLayout specVanish oMath"
).split()


def twips(length: Length) -> str:
    return str(round(length.twips))


def half_points(length: Length) -> str:
    return str(round(length.pt * 2))


NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


@functools.cache
def qn(tag: str) -> str:
    """``w:p`` → ``{http://…/main}p``."""
    prefix, _, name = tag.partition(":")
    return f"{{{NS[prefix]}}}{name}"


@functools.cache
def _attr(name: str) -> str:
    return qn(f"w:{name}")


def el(tag: str, **attrs: str) -> Any:
    """A ``w:`` element with ``w:`` attributes (plain lxml; names looked up once).  It declares no
    namespace of its own: placed in the document, it takes the tree's ``w`` prefix."""
    if attrs:
        return etree.Element(qn(tag), {_attr(k): v for k, v in attrs.items()})
    return etree.Element(qn(tag))


def ppr(p: Any) -> Any:
    """A paragraph's pPr, made as its first child if it has none."""
    found = p.find(qn("w:pPr"))
    if found is None:
        found = el("w:pPr")
        p.insert(0, found)
    return found


def fonts(font: str) -> Any:
    """All four font slots and the East Asian hint, so Word and WPS use the face for 中文 and punctuation."""
    return el("w:rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font, hint="eastAsia")


def put(parent: Any, child: Any) -> Any:
    """Insert ``child`` into a pPr or rPr at its schema position, replacing one of the same name."""
    order = PPR_ORDER if parent.tag == qn("w:pPr") else RPR_ORDER
    name = child.tag.rsplit("}", 1)[-1]
    for old in parent.findall(child.tag):
        parent.remove(old)
    rank = order.index(name)
    for i, existing in enumerate(parent):
        other = existing.tag.rsplit("}", 1)[-1]
        if other in order and order.index(other) > rank:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def append_to_body(body: Any, element: Any) -> Any:
    """Add a block element at the end of the body, before its final sectPr."""
    last = body[-1] if len(body) else None
    if last is not None and last.tag == qn("w:sectPr"):
        body.insert(len(body) - 1, element)
    else:
        body.append(element)
    return element


def paragraph(body: Any, style_id: str) -> Any:
    """A new paragraph of a style at the end of the body (before its final sectPr)."""
    p = el("w:p")
    etree.SubElement(etree.SubElement(p, qn("w:pPr")), qn("w:pStyle"), {_attr("val"): style_id})
    return append_to_body(body, p)


def add_run(p: Any, text: str, char_style: str | None = None, **props: Any) -> Any:
    """A run of text; ``props`` are rPr children to set directly (for example ``color=el(...)``)."""
    r = etree.SubElement(p, qn("w:r"))
    if char_style or props:
        rpr = etree.SubElement(r, qn("w:rPr"))
        if char_style:
            put(rpr, el("w:rStyle", val=char_style))
        for child in props.values():
            put(rpr, child)
    t = etree.SubElement(r, qn("w:t"))
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    return r


def add_tab(p: Any) -> None:
    r = el("w:r")
    r.append(el("w:tab"))
    p.append(r)


def text_width(text: str) -> int:
    """Width in twips at 三号: a Chinese character is one 字; ASCII digits and letters are half of one."""
    char = int(std.CHAR_WIDTH.twips)
    return sum(char // 2 if ord(c) < 0x2E80 else char for c in text)


def keep_with_next(p: Any) -> None:
    put(ppr(p), el("w:keepNext"))
