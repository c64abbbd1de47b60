"""Formatting resolved through a document's styles as Word applies it, for any reader of a DOCX.

:class:`Styles` is the one resolution of effective formatting: ``check`` (:mod:`generator.docx.props`)
reads each layer as the attributes written, the content model (:mod:`generator.docx.content_format`) as
canonical values; both go through the same layers in the same order.  Theme fonts are read by
:func:`theme_fonts`.  Only the standard library is used.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"

Props = dict[tuple[str, str], str]  # (element, attribute) → value, e.g. ("rFonts", "eastAsia")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def flatten(el: ET.Element | None) -> Props:
    """Flatten a pPr or rPr into (child, attribute) pairs; a child with no attributes counts as "1"."""
    out: Props = {}
    if el is None:
        return out
    for child in el:
        name = _local(child.tag)
        if name in ("rPr", "sectPr", "pPrChange", "rPrChange"):
            continue
        if not child.attrib:
            out[(name, "")] = "1"
        for key, value in child.attrib.items():
            out[(name, _local(key))] = value
        for grand in child:  # w:tabs/w:tab, w:pBdr/w:bottom …
            for key, value in grand.attrib.items():
                out[(f"{name}/{_local(grand.tag)}", _local(key))] = value
    return out


Layer = dict[Any, Any]  # the properties one layer sets, as its reader reads them


class Styles:
    """A styles part's styles, and formatting resolved through them as Word applies it.

    The layers, each over the one before: document defaults, the paragraph style and the styles it
    is based on (root first), the run's character style and its ancestors, then the formatting set
    directly.  How one layer's ``w:pPr``/``w:rPr`` is read is the caller's: ``check`` keeps the
    attributes as written (:func:`flatten`, the default), the content model its canonical
    values (:mod:`generator.docx.content_format`).  One resolution serves both.

    Each style is resolved once, from its parent's result, so a long basedOn chain in a crafted
    styles part costs one pass, not one per paragraph; a cycle or a missing parent ends the chain.
    The dicts returned are shared: callers copy before changing them."""

    def __init__(
        self,
        root: ET.Element | None,
        read_ppr: Callable[[ET.Element | None], Layer] = flatten,
        read_rpr: Callable[[ET.Element | None], Layer] = flatten,
    ) -> None:
        self.read_ppr, self.read_rpr = read_ppr, read_rpr
        self.by_id: dict[str, ET.Element] = {}
        self.default_para: str | None = None
        self._resolved: dict[str | None, tuple[Layer, Layer]] = {}
        self._characters: dict[str | None, Layer] = {}
        defaults = root.find(w("docDefaults")) if root is not None else None
        self.p_default = read_ppr(defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if defaults is not None else None)
        self.r_default = read_rpr(defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if defaults is not None else None)
        for st in root.findall(w("style")) if root is not None else ():
            sid = st.get(w("styleId"), "")
            self.by_id[sid] = st
            if st.get(w("type")) == "paragraph" and st.get(w("default")) in ("1", "true", "on"):
                self.default_para = sid

    def chain(self, style_id: str | None) -> list[ET.Element]:
        """The style and its ancestors, root first (cycles and missing styles stop the walk)."""
        out: list[ET.Element] = []
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            st = self.by_id[style_id]
            out.append(st)
            based = st.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return list(reversed(out))

    def name(self, style_id: str | None) -> str:
        st = self.by_id.get(style_id or "")
        if st is None:
            return ""
        n = st.find(w("name"))
        return n.get(w("val"), style_id or "") if n is not None else style_id or ""

    def paragraph_style(self, ppr: ET.Element | None) -> str | None:
        """The paragraph style a paragraph names, or the default paragraph style."""
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        return style_el.get(w("val")) if style_el is not None else self.default_para

    def resolved(self, style_id: str | None) -> tuple[Layer, Layer]:
        """A paragraph style's effective (paragraph, run) properties: defaults, then its chain."""

        def layer(base: tuple[Layer, Layer], st: ET.Element) -> tuple[Layer, Layer]:
            return {**base[0], **self.read_ppr(st.find(w("pPr")))}, {**base[1], **self.read_rpr(st.find(w("rPr")))}

        return self._through(style_id, self._resolved, (self.p_default, self.r_default), layer)

    def run(self, para_style: str | None, rpr: ET.Element | None) -> Layer:
        """A run's effective properties: its paragraph style's, its character style chain's, its own."""
        base = self.resolved(para_style)[1]
        char_el = rpr.find(w("rStyle")) if rpr is not None else None
        own = self.read_rpr(rpr)
        if char_el is None and not own:
            return base
        out = dict(base)
        if char_el is not None:
            out.update(self._character(char_el.get(w("val"))))
        out.update(own)
        return out

    def _character(self, style_id: str | None) -> Layer:
        """A character style's run properties through its chain, without the defaults (they lie
        under the paragraph style's already)."""

        def layer(base: Layer, st: ET.Element) -> Layer:
            return {**base, **self.read_rpr(st.find(w("rPr")))}

        return self._through(style_id, self._characters, {}, layer)

    def _through(self, style_id: str | None, done: dict[str | None, Any], start: Any, layer: Any) -> Any:
        """``style_id`` resolved by ``layer`` over its ancestors, each kept in ``done``."""
        if style_id in done:
            return done[style_id]
        chain: list[str] = []  # the style and its unresolved ancestors, child first
        seen: set[str] = set()
        sid = style_id
        while sid and sid in self.by_id and sid not in seen and sid not in done:
            seen.add(sid)
            chain.append(sid)
            based = self.by_id[sid].find(w("basedOn"))
            sid = based.get(w("val")) if based is not None else None
        base = done[sid] if sid in done else start
        for link in reversed(chain):
            base = layer(base, self.by_id[link])
            done[link] = base
        if style_id not in done:  # absent or empty: the defaults
            done[style_id] = base
        return done[style_id]


def theme_fonts(root: ET.Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if root is None:
        return out
    for kind in ("major", "minor"):
        font = root.find(f".//{{{A}}}{kind}Font")
        if font is None:
            continue
        latin = font.find(f"{{{A}}}latin")
        ea = font.find(f"{{{A}}}ea")
        hans = next((f for f in font.findall(f"{{{A}}}font") if f.get("script") == "Hans"), None)
        east = (ea.get("typeface") if ea is not None else "") or (hans.get("typeface") if hans is not None else "")
        out[f"{kind}HAnsi"] = out[f"{kind}Ascii"] = latin.get("typeface", "") if latin is not None else ""
        out[f"{kind}EastAsia"] = east or ""
        out[f"{kind}Bidi"] = out[f"{kind}Ascii"]
    return out
