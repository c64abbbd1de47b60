"""Read any DOCX as Word does: its paragraphs with their effective formatting.

Formatting is resolved through the same inheritance Word applies — document defaults, then the
paragraph style and the styles it is based on, then the run's character style, then direct
formatting — so that a property set on a style counts.  Theme fonts are resolved through the
document's theme.  Only the standard library is used, so any DOCX — ours, one
edited by hand, one saved by WPS or LibreOffice — can be read without python-docx; the package is
opened through :mod:`generator.docx_limits`, within its bounds, and this module adds the bounds of
the document itself (paragraphs, characters in one paragraph).
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .docx_limits import DocxPackage, open_docx
from .errors import DocumentUnreadable

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

Props = dict[tuple[str, str], str]  # (element, attribute) → value, e.g. ("rFonts", "eastAsia")

# Bounds of the document itself (the package's are in docx_limits), on what costs Python time: the
# 261-page document of tests/hostile_docx.py has 2,046 body paragraphs and 12,619 runs, the 8-page
# sample draft 57 and 82 (269 saved by LibreOffice); the workbook takes at most 5,000 characters a
# paragraph.  At the limits, check takes about 3 s and 85 MB on the test machine under load
# (tests/measure_hostile.py).
MAX_PARAGRAPHS = 10_000
MAX_RUNS = 30_000
MAX_PARAGRAPH_CHARS = 100_000

DocxUnreadable = DocumentUnreadable  # the name this module used to raise


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _props(el: ET.Element | None) -> Props:
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


@dataclass(slots=True)
class Run:
    text: str
    props: Props
    field_code: str = ""  # instruction text of a field in this run (PAGE …)


@dataclass(slots=True)
class Para:
    index: int  # 1-based position among the body's paragraphs
    text: str
    style_name: str
    pprops: Props  # effective paragraph properties
    rprops: Props  # effective run properties of the paragraph mark (style + direct)
    runs: list[Run] = field(default_factory=list)

    def excerpt(self, n: int = 12) -> str:
        text = self.text.strip()
        return text[:n] + ("…" if len(text) > n else "")


@dataclass
class Section:
    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    footer: int
    grid_type: str
    line_pitch: int
    char_space: int
    footers: dict[str, list[Para]]  # "default" / "even" / "first" → paragraphs


@dataclass
class Docx:
    path: str
    paragraphs: list[Para]
    sections: list[Section]
    even_and_odd: bool
    theme_fonts: dict[str, str]

    def font(self, props: Props, slot: str = "eastAsia") -> str:
        """The face a run uses for a script slot, theme fonts resolved."""
        theme = props.get(("rFonts", f"{slot}Theme")) or (props.get(("rFonts", "cstheme")) if slot == "cs" else None)
        if theme:
            return self.theme_fonts.get(theme, theme)
        return props.get(("rFonts", slot), "")


class _Styles:
    def __init__(self, root: ET.Element | None) -> None:
        self.by_id: dict[str, ET.Element] = {}
        self.default_para: str | None = None
        self.p_default: Props = {}
        self.r_default: Props = {}
        self._resolved: dict[str | None, tuple[Props, Props]] = {}
        if root is None:
            return
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.r_default = _props(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"))
            self.p_default = _props(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
        for st in root.findall(w("style")):
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

    def resolved(self, style_id: str | None) -> tuple[Props, Props]:
        """The style's effective (paragraph, run) properties: defaults, then its ancestors root first.

        Each style is resolved once, from its parent's result, so a long basedOn chain in a crafted
        styles part costs one pass, not one per paragraph; a cycle or a missing parent ends the chain.
        The dicts returned are shared: callers copy before changing them."""
        if style_id in self._resolved:
            return self._resolved[style_id]
        chain: list[str] = []  # the style and its unresolved ancestors, child first
        seen: set[str] = set()
        sid = style_id
        while sid and sid in self.by_id and sid not in seen and sid not in self._resolved:
            seen.add(sid)
            chain.append(sid)
            based = self.by_id[sid].find(w("basedOn"))
            sid = based.get(w("val")) if based is not None else None
        base = self._resolved[sid] if sid in self._resolved else (self.p_default, self.r_default)
        for link in reversed(chain):
            st = self.by_id[link]
            base = ({**base[0], **_props(st.find(w("pPr")))}, {**base[1], **_props(st.find(w("rPr")))})
            self._resolved[link] = base
        if style_id not in self._resolved:  # absent or empty: the defaults
            self._resolved[style_id] = base
        return self._resolved[style_id]


def _rels(pkg: DocxPackage, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    root = pkg.xml(posixpath.join(folder, "_rels", name + ".rels"))
    out: dict[str, str] = {}
    if root is None:
        return out
    for rel in root.findall(f"{{{PKG_REL}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        out[rel.get("Id", "")] = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
    return out


def _theme_fonts(root: ET.Element | None) -> dict[str, str]:
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


_P, _R, _T, _TAB = w("p"), w("r"), w("t"), w("tab")


class _Budget:
    """Runs read so far in one document, against MAX_RUNS."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.runs = 0

    def spend(self, runs: int) -> None:
        self.runs += runs
        if self.runs > MAX_RUNS:
            raise DocumentUnreadable(
                f"{self.where}：文字分成了超过 {MAX_RUNS} 段格式（run），不像正常的报告，已拒绝读取。"
                "请确认文件来源，或在 Word、WPS 中另存为新的 .docx 再试。"
            )


def _run_text(r: ET.Element) -> str:
    return "".join((t.text or "") if t.tag == _T else "\t" for t in r if t.tag == _T or t.tag == _TAB)


def _too_long(where: str, i: int, text: str) -> None:
    if len(text) > MAX_PARAGRAPH_CHARS:
        raise DocumentUnreadable(
            f"{where}第{i}段有 {len(text)} 个字（上限 {MAX_PARAGRAPH_CHARS} 字），不像正常的报告，已拒绝读取。"
            "请确认文件来源，或把这一段拆开、删减后再试。"
        )


def _paragraphs(container: ET.Element, styles: _Styles, where: str, budget: _Budget) -> list[Para]:
    """The container's paragraphs; formatting dicts are shared with the style when a paragraph or
    run adds none of its own (a crafted file's runs must not each copy the style)."""
    out: list[Para] = []
    for i, p in enumerate(container.findall(_P), start=1):
        ppr = p.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = style_el.get(w("val")) if style_el is not None else styles.default_para
        p_style, r_style = styles.resolved(style_id)
        direct = _props(ppr)
        pprops = {**p_style, **direct} if direct else p_style
        mark = _props(ppr.find(w("rPr"))) if ppr is not None else {}
        found = list(p.iter(_R))
        budget.spend(len(found))
        runs: list[Run] = []
        for r in found:
            rpr = r.find(w("rPr"))
            char_style = rpr.find(w("rStyle")) if rpr is not None else None
            own = _props(rpr)
            rprops = r_style
            if char_style is not None or own:
                rprops = dict(r_style)
                if char_style is not None:
                    rprops.update(styles.resolved(char_style.get(w("val")))[1])
                rprops.update(own)
            text = _run_text(r)
            code = "".join(t.text or "" for t in r.findall(w("instrText")))
            runs.append(Run(text, rprops, code))
        for simple in p.iter(w("fldSimple")):
            runs.append(Run("", r_style, simple.get(w("instr"), "")))
        text = "".join(r.text for r in runs)
        _too_long(where, i, text)
        out.append(Para(i, text, styles.name(style_id), pprops, {**r_style, **mark} if mark else r_style, runs))
    return out


def to_int(value: str | None, default: int = 0) -> int:
    """An OOXML number attribute (twips, half-points …), or ``default`` when absent or malformed."""
    try:
        return int(float(value)) if value not in (None, "") else default
    except ValueError:
        return default


def read_docx(source: Path | bytes, label: str | Path | None = None) -> Docx:
    """Read a DOCX (a path, or its bytes named by ``label``) within the limits of
    :mod:`generator.docx_limits` and this module; raise :class:`DocumentUnreadable` with a Chinese
    message naming the file if it is not one or is out of bounds."""
    where = str(label or source) if isinstance(source, Path) else str(label or "文档")
    with open_docx(source, where) as pkg:
        return _read_docx(pkg, where)


def paragraph_texts(source: Path | bytes, label: str | Path | None = None) -> list[str]:
    """The text of each body paragraph, within the same limits as :func:`read_docx`, without the
    formatting (``build --against`` compares texts only)."""
    where = str(label or source) if isinstance(source, Path) else str(label or "文档")
    with open_docx(source, where) as pkg:
        _, body = _body(pkg, where)
        budget = _Budget(where)
        out: list[str] = []
        for i, p in enumerate(body.findall(_P), start=1):
            runs = list(p.iter(_R))
            budget.spend(len(runs))
            out.append("".join(_run_text(r) for r in runs))
            _too_long(f"{where}：正文", i, out[-1])
        return out


def _body(pkg: DocxPackage, where: str) -> tuple[str, ET.Element]:
    """The main document part's name and its body, refused past MAX_PARAGRAPHS."""
    main = "word/document.xml"
    root_rels = _rels(pkg, "")
    main = next((t for t in root_rels.values() if t.endswith(".xml") and "document" in t), main)
    document = pkg.xml(main)
    body = document.find(w("body")) if document is not None else None
    if body is None:
        raise DocumentUnreadable(f"{where}：文件中没有正文部分（{main}），不是有效的 Word 文档。")
    count = len(body.findall(_P))
    if count > MAX_PARAGRAPHS:
        raise DocumentUnreadable(
            f"{where}：正文有 {count} 个段落（上限 {MAX_PARAGRAPHS} 个），不像正常的报告，已拒绝读取。"
            "请确认文件来源，或删去多余的空段落后再试。"
        )
    return main, body


def _read_docx(pkg: DocxPackage, where: str) -> Docx:
    main, body = _body(pkg, where)
    rels = _rels(pkg, main)
    styles = _Styles(pkg.xml(next((t for t in rels.values() if t.endswith("styles.xml")), "word/styles.xml")))
    theme = next((t for t in rels.values() if "theme" in t), "")
    settings = pkg.xml(next((t for t in rels.values() if t.endswith("settings.xml")), "word/settings.xml"))
    budget = _Budget(where)
    paragraphs = _paragraphs(body, styles, f"{where}：正文", budget)
    footer_paras: dict[str, list[Para]] = {}  # by part: many sections may share one footer
    sections: list[Section] = []
    for sect in body.iter(w("sectPr")):
        pg, mar, grid = sect.find(w("pgSz")), sect.find(w("pgMar")), sect.find(w("docGrid"))
        # a section without its own footers shows the previous section's (ECMA-376 17.10.5)
        footers: dict[str, list[Para]] = dict(sections[-1].footers) if sections else {}
        for ref in sect.findall(w("footerReference")):
            target = rels.get(ref.get(f"{{{R}}}id", ""))
            part = pkg.xml(target) if target else None
            if target and part is not None:
                if target not in footer_paras:
                    footer_paras[target] = _paragraphs(part, styles, f"{where}：页脚 {target} ", budget)
                footers[ref.get(w("type"), "default")] = footer_paras[target]
        sections.append(
            Section(
                width=to_int(pg.get(w("w")) if pg is not None else None),
                height=to_int(pg.get(w("h")) if pg is not None else None),
                top=to_int(mar.get(w("top")) if mar is not None else None),
                bottom=to_int(mar.get(w("bottom")) if mar is not None else None),
                left=to_int(mar.get(w("left")) if mar is not None else None),
                right=to_int(mar.get(w("right")) if mar is not None else None),
                footer=to_int(mar.get(w("footer")) if mar is not None else None),
                grid_type=grid.get(w("type"), "default") if grid is not None else "default",
                line_pitch=to_int(grid.get(w("linePitch")) if grid is not None else None),
                char_space=to_int(grid.get(w("charSpace")) if grid is not None else None),
                footers=footers,
            )
        )
    even_odd = settings is not None and settings.find(w("evenAndOddHeaders")) is not None
    if even_odd:
        flag = settings.find(w("evenAndOddHeaders"))
        even_odd = flag is not None and flag.get(w("val"), "1") not in ("0", "false", "off")
    return Docx(where, paragraphs, sections, even_odd, _theme_fonts(pkg.xml(theme) if theme else None))
