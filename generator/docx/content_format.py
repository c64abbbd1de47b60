"""The canonical content model's inputs: a DOCX package's parts, and formatting as a reader sees it.

Effective formatting is resolved layer by layer as Word applies it — document defaults, the
paragraph style and the styles it is based on, the run's character style chain, then direct
formatting, by :class:`generator.docx.formatting.Styles`, the one resolution ``check`` uses too — each
layer read into canonical values (``<w:b/>`` and ``<w:b w:val="true"/>`` are one; ``auto`` colour
is no colour; ``start`` is ``left``), and only values that differ from what no layer at all gives
are kept.  See
:mod:`generator.docx.content` for what is in the model and what is left out.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from generator.docx.formatting import Styles, theme_fonts
from generator.docx.props import PKG_REL

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

_DTD_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_TOGGLES = "b i caps smallCaps strike dstrike vanish outline shadow emboss imprint".split()
OFF = ("0", "false", "off")
# What a property is when no layer sets it; only values that differ from these are written.
RUN_DEFAULTS: dict[str, Any] = {"sz": 20, "spacing": 0, "w": 100, "position": 0}
PARA_DEFAULTS: dict[str, Any] = {"jc": "left", "ind.left": 0, "ind.right": 0, "ind.first": 0, "line": "240 auto"}
_JC = {"start": "left", "end": "right", "justify": "both"}
REVISIONS = {"ins": "插入", "del": "删除", "moveTo": "插入", "moveFrom": "删除"}


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def to_int(value: str | None, default: int = 0) -> int:
    try:
        return round(float(value)) if value not in (None, "") else default
    except ValueError:
        return default


def colour(value: str | None) -> str:
    value = (value or "").upper()
    return "" if value in ("AUTO", "") else value


def run_layer(rpr: ET.Element | None, theme: Mapping[str, str]) -> dict[str, Any]:
    """The run properties one layer (defaults, a style, direct formatting) sets, canonical values."""
    out: dict[str, Any] = {}
    for child in rpr if rpr is not None else ():
        name, val = local(child.tag), child.get(f"{W}val")
        if name in _TOGGLES:
            out[name] = val not in OFF
        elif name == "u":
            out["u"] = "" if val == "none" else (val or "single")
        elif name == "color":
            out["color"] = colour(val)
        elif name == "highlight":
            out["highlight"] = "" if val == "none" else (val or "")
        elif name in ("sz", "spacing", "w", "position"):
            out[name] = to_int(val, RUN_DEFAULTS[name])
        elif name == "vertAlign":
            out["vertAlign"] = "" if val == "baseline" else (val or "")
        elif name == "shd":
            out["shd"] = colour(child.get(f"{W}fill"))
        elif name == "em":
            out["em"] = "" if val == "none" else (val or "")
        elif name == "rFonts":
            for slot in ("ascii", "hAnsi", "eastAsia"):
                themed = child.get(f"{W}{slot}Theme")
                face = theme.get(themed, themed) if themed else child.get(f"{W}{slot}")
                if face is not None:
                    out[f"font.{slot}"] = face
        elif name == "rPrChange":
            out["formatChanged"] = child.get(f"{W}author", "")
    return out


def para_layer(ppr: ET.Element | None) -> dict[str, Any]:
    """The paragraph properties one layer sets, canonical values."""
    out: dict[str, Any] = {}
    for child in ppr if ppr is not None else ():
        name, val = local(child.tag), child.get(f"{W}val")
        if name == "jc":
            out["jc"] = _JC.get(val or "", val or "left")
        elif name == "ind":
            for key, names in (("ind.left", ("left", "start")), ("ind.right", ("right", "end"))):
                given = next((child.get(f"{W}{n}") for n in names if child.get(f"{W}{n}") is not None), None)
                if given is not None:
                    out[key] = to_int(given)
            if child.get(f"{W}hanging") is not None:
                out["ind.first"] = -to_int(child.get(f"{W}hanging"))
            elif child.get(f"{W}firstLine") is not None:
                out["ind.first"] = to_int(child.get(f"{W}firstLine"))
        elif name == "spacing":
            for side in ("before", "after"):
                if child.get(f"{W}{side}") is not None:
                    out[side] = to_int(child.get(f"{W}{side}"))
            if child.get(f"{W}line") is not None or child.get(f"{W}lineRule") is not None:
                out["line"] = f"{to_int(child.get(f'{W}line'), 240)} {child.get(f'{W}lineRule') or 'auto'}"
        elif name == "pageBreakBefore":
            out[name] = val not in OFF
        elif name == "pBdr":
            for side in child:
                kind = side.get(f"{W}val", "none")
                out[f"border.{local(side.tag)}"] = (
                    ""
                    if kind in ("none", "nil")
                    else f"{kind} {to_int(side.get(f'{W}sz'))} {to_int(side.get(f'{W}space'))} "
                    f"{colour(side.get(f'{W}color'))}".rstrip()
                )
        elif name == "shd":
            out["shd"] = colour(child.get(f"{W}fill"))
        elif name == "numPr":
            ilvl, num = child.find(f"{W}ilvl"), child.find(f"{W}numId")
            out["num"] = (
                num.get(f"{W}val", "0") if num is not None else "0",
                ilvl.get(f"{W}val", "0") if ilvl is not None else "0",
            )
        elif name == "pPrChange":
            out["formatChanged"] = child.get(f"{W}author", "")
    return out


def effective(merged: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The resolved properties that differ from what no layer at all gives, by name."""
    return {k: v for k, v in sorted(merged.items()) if v != defaults.get(k, False if k in _TOGGLES else "")}


class Package:
    """The parts of one package and what every story needs to read them."""

    def __init__(self, parts: Mapping[str, bytes]) -> None:
        self.parts = parts
        self._rels: dict[str, dict[str, tuple[str, str]]] = {}
        package_rels = self.rels("")
        self.main = next((t for t, kind in package_rels.values() if kind == _OFFICE_DOCUMENT), "word/document.xml")
        self.main_rels = self.rels(self.main)
        by_kind = {kind.rsplit("/", 1)[-1]: target for target, kind in self.main_rels.values()}
        self.part_of = by_kind
        theme = self.xml(by_kind.get("theme", ""))
        self.theme = theme_fonts(theme) if theme is not None else {}
        self.styles = Styles(self.xml(by_kind.get("styles", "")), para_layer, self._run_layer)
        self.numbering = self._numbering(self.xml(by_kind.get("numbering", "")))
        self.comments = self._notes(self.xml(by_kind.get("comments", "")), "comment")
        self.footnotes = self._notes(self.xml(by_kind.get("footnotes", "")), "footnote")
        self.endnotes = self._notes(self.xml(by_kind.get("endnotes", "")), "endnote")
        settings = self.xml(by_kind.get("settings", ""))
        flag = settings.find(f"{W}evenAndOddHeaders") if settings is not None else None
        self.even_and_odd = flag is not None and flag.get(f"{W}val") not in OFF

    def xml(self, name: str) -> ET.Element | None:
        """A part's tree; a part that declares a DTD (entities) is refused, as the workbook reader does.

        ElementTree's C parser reads a draft's 22 parts in about a millisecond; defusedxml's, which
        runs its handlers in Python, took 20 times as long, most of a build's fingerprint."""
        data = self.parts.get(name)
        if not data:
            return None
        if any(mark in data for mark in _DTD_MARKS):
            raise ValueError(f"{name}: a DTD")
        return ET.fromstring(data)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (target part, or the external address; relationship type)."""
        if part not in self._rels:
            self._rels[part] = self._read_rels(part)
        return self._rels[part]

    def paragraph_format(self, ppr: ET.Element | None) -> dict[str, Any]:
        """A paragraph's effective properties (those differing from no formatting at all)."""
        style = self.styles.paragraph_style(ppr)
        return effective({**self.styles.resolved(style)[0], **para_layer(ppr)}, PARA_DEFAULTS)

    def run_format(self, para_style: str | None, rpr: ET.Element | None) -> dict[str, Any]:
        """A run's effective properties in a paragraph of ``para_style``."""
        return effective(self.styles.run(para_style, rpr), RUN_DEFAULTS)

    def _run_layer(self, rpr: ET.Element | None) -> dict[str, Any]:
        return run_layer(rpr, self.theme)

    def _read_rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        for rel in root.findall(f"{{{PKG_REL}}}Relationship") if root is not None else ():
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            out[rel.get("Id", "")] = (target, rel.get("Type", ""))
        return out

    @staticmethod
    def _notes(root: ET.Element | None, kind: str) -> dict[str, ET.Element]:
        if root is None:
            return {}
        return {n.get(f"{W}id", ""): n for n in root.findall(f"{W}{kind}") if n.get(f"{W}type") is None}

    @staticmethod
    def _numbering(root: ET.Element | None) -> dict[tuple[str, str], str]:
        """(numId, level) → "format text", the numbers a list shows (numIds are renumbered on save)."""
        if root is None:
            return {}
        abstract = {a.get(f"{W}abstractNumId"): a for a in root.findall(f"{W}abstractNum")}
        out: dict[tuple[str, str], str] = {}
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = abstract.get(ref.get(f"{W}val") if ref is not None else None)
            for lvl in levels.findall(f"{W}lvl") if levels is not None else ():
                fmt, text = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText")
                out[(num.get(f"{W}numId", ""), lvl.get(f"{W}ilvl", "0"))] = " ".join(
                    e.get(f"{W}val", "") if e is not None else "" for e in (fmt, text)
                )
        return out
