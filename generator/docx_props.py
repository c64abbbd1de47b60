"""Read any DOCX as Word does: its paragraphs with their effective formatting.

Formatting is resolved through the same inheritance Word applies — document defaults, then the
paragraph style and the styles it is based on, then the run's character style, then direct
formatting — so that a property set on a style counts.  Theme fonts are resolved through the
document's theme.  Only the standard library is used (zipfile and ElementTree), so any DOCX —
ours, one edited by hand, one saved by WPS or LibreOffice — can be read without python-docx.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as defused

from .errors import ReportError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

Props = dict[tuple[str, str], str]  # (element, attribute) → value, e.g. ("rFonts", "eastAsia")

MAX_PART_BYTES = 64 * 1024 * 1024  # a document part larger than this is refused (zip bombs)


class DocxUnreadable(ReportError):
    """The file is not a Word document we can read."""


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


@dataclass
class Run:
    text: str
    props: Props
    field_code: str = ""  # instruction text of a field in this run (PAGE …)


@dataclass
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
        p, r = dict(self.p_default), dict(self.r_default)
        for st in self.chain(style_id):
            p.update(_props(st.find(w("pPr"))))
            r.update(_props(st.find(w("rPr"))))
        return p, r


def _read(z: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise DocxUnreadable(f"{z.filename}：文档部件 {name} 过大（{info.file_size} 字节），不像正常的 Word 文档。")
    try:
        return defused.fromstring(z.read(name))  # someone else's file: no entities, no DTD tricks
    except defusedxml.DefusedXmlException as exc:
        raise DocxUnreadable(f"{z.filename}：文档部件 {name} 含有实体声明，不像正常的 Word 文档，已拒绝读取。") from exc
    except ET.ParseError as exc:
        raise DocxUnreadable(f"{z.filename}：文档部件 {name} 不是有效的 XML（{exc}），文件可能已损坏。") from exc


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    root = _read(z, posixpath.join(folder, "_rels", name + ".rels"))
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


def _paragraphs(container: ET.Element, styles: _Styles, start: int = 1) -> list[Para]:
    out: list[Para] = []
    for i, p in enumerate(container.findall(w("p")), start=start):
        ppr = p.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = style_el.get(w("val")) if style_el is not None else styles.default_para
        p_style, r_style = styles.resolved(style_id)
        pprops = {**p_style, **_props(ppr)}
        mark = _props(ppr.find(w("rPr"))) if ppr is not None else {}
        runs: list[Run] = []
        for r in p.iter(w("r")):
            rpr = r.find(w("rPr"))
            char_style = rpr.find(w("rStyle")) if rpr is not None else None
            rprops = dict(r_style)
            if char_style is not None:
                rprops.update(styles.resolved(char_style.get(w("val")))[1])
            rprops.update(_props(rpr))
            text = "".join(
                (t.text or "") if _local(t.tag) == "t" else ("\t" if _local(t.tag) == "tab" else "")
                for t in r
                if _local(t.tag) in ("t", "tab")
            )
            code = "".join(t.text or "" for t in r.findall(w("instrText")))
            runs.append(Run(text, rprops, code))
        for simple in p.iter(w("fldSimple")):
            runs.append(Run("", dict(r_style), simple.get(w("instr"), "")))
        text = "".join(r.text for r in runs)
        out.append(Para(i, text, styles.name(style_id), pprops, {**r_style, **mark}, runs))
    return out


def to_int(value: str | None, default: int = 0) -> int:
    """An OOXML number attribute (twips, half-points …), or ``default`` when absent or malformed."""
    try:
        return int(float(value)) if value not in (None, "") else default
    except ValueError:
        return default


def read_docx(path: Path) -> Docx:
    """Read a DOCX; raise :class:`DocxUnreadable` with a Chinese message if it is not one."""
    if not path.exists():
        raise DocxUnreadable(f"{path}：找不到这个文件。")
    if path.is_dir():
        raise DocxUnreadable(f"{path}：这是一个文件夹，请指定 .docx 文件。")
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        hint = "（.doc 和 .wps 请先在 Word 或 WPS 中另存为 .docx）" if path.suffix.lower() in (".doc", ".wps") else ""
        raise DocxUnreadable(f"{path}：不是 Word 文档（.docx），无法检查{hint}。") from exc
    with z:
        main = "word/document.xml"
        root_rels = _rels(z, "")
        main = next((t for t in root_rels.values() if t.endswith(".xml") and "document" in t), main)
        document = _read(z, main)
        if document is None or document.find(w("body")) is None:
            raise DocxUnreadable(f"{path}：文件中没有正文部分（{main}），不是有效的 Word 文档。")
        rels = _rels(z, main)
        styles_part = next((t for t in rels.values() if t.endswith("styles.xml")), "word/styles.xml")
        styles = _Styles(_read(z, styles_part))
        theme = next((t for t in rels.values() if "theme" in t), "")
        settings = _read(z, next((t for t in rels.values() if t.endswith("settings.xml")), "word/settings.xml"))
        body = document.find(w("body"))
        assert body is not None
        paragraphs = _paragraphs(body, styles)
        sections: list[Section] = []
        for sect in body.iter(w("sectPr")):
            pg, mar, grid = sect.find(w("pgSz")), sect.find(w("pgMar")), sect.find(w("docGrid"))
            # a section without its own footers shows the previous section's (ECMA-376 17.10.5)
            footers: dict[str, list[Para]] = dict(sections[-1].footers) if sections else {}
            for ref in sect.findall(w("footerReference")):
                target = rels.get(ref.get(f"{{{R}}}id", ""))
                part = _read(z, target) if target else None
                if part is not None:
                    footers[ref.get(w("type"), "default")] = _paragraphs(part, styles)
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
        return Docx(str(path), paragraphs, sections, even_odd, _theme_fonts(_read(z, theme) if theme else None))
