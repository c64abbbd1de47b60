"""Read any DOCX as Word does: its paragraphs with their effective formatting.

Formatting is resolved through the same inheritance Word applies — document defaults, then the
paragraph style and the styles it is based on, then the run's character style, then direct
formatting, by :class:`generator.docx.formatting.Styles` — so that a property set on a style
counts.  Theme fonts are resolved through the
document's theme.  Only the standard library is used, so any DOCX — ours, one
edited by hand, one saved by WPS or LibreOffice — can be read without python-docx; the package is
opened through :mod:`generator.docx.limits`, within its bounds, and this module adds the bounds of
the document itself (paragraphs, characters in one paragraph).
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from generator.docx.formatting import Props, Styles, flatten, theme_fonts, w
from generator.docx.limits import DocxPackage, open_docx
from generator.errors import DocumentUnreadable

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


# Bounds of the document itself (the package's are in limits.py), on what costs Python time: the
# 261-page document of tests/hostile_docx.py has 2,046 body paragraphs and 12,619 runs, the 8-page
# sample draft 57 and 82 (269 saved by LibreOffice); the workbook takes at most 5,000 characters a
# paragraph.  At the limits, check takes about 3 s and 85 MB on the test machine under load
# (tests/measure_hostile.py).
MAX_PARAGRAPHS = 10_000
MAX_RUNS = 30_000
MAX_PARAGRAPH_CHARS = 100_000

DocxUnreadable = DocumentUnreadable  # the name this module used to raise


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


def part_rels(pkg: DocxPackage, part: str) -> dict[str, str]:
    """A part's internal relationships: id → the target part's name in the package."""
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


_P, _R, _T, _TAB = w("p"), w("r"), w("t"), w("tab")


class RunBudget:
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


def _paragraphs(container: ET.Element, styles: Styles, where: str, budget: RunBudget) -> list[Para]:
    """The container's paragraphs; formatting dicts are shared with the style when a paragraph or
    run adds none of its own (a crafted file's runs must not each copy the style)."""
    out: list[Para] = []
    for i, p in enumerate(container.findall(_P), start=1):
        ppr = p.find(w("pPr"))
        style_id = styles.paragraph_style(ppr)
        p_style, r_style = styles.resolved(style_id)
        direct = flatten(ppr)
        pprops = {**p_style, **direct} if direct else p_style
        mark = flatten(ppr.find(w("rPr"))) if ppr is not None else {}
        found = list(p.iter(_R))
        budget.spend(len(found))
        runs: list[Run] = []
        for r in found:
            code = "".join(t.text or "" for t in r.findall(w("instrText")))
            runs.append(Run(_run_text(r), styles.run(style_id, r.find(w("rPr"))), code))
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
    :mod:`generator.docx.limits` and this module; raise :class:`DocumentUnreadable` with a Chinese
    message naming the file if it is not one or is out of bounds."""
    where = str(label or source) if isinstance(source, Path) else str(label or "文档")
    with open_docx(source, where) as pkg:
        return _read_docx(pkg, where)


def paragraph_texts(source: Path | bytes, label: str | Path | None = None) -> list[str]:
    """The text of each body paragraph, within the same limits as :func:`read_docx`, without the
    formatting (``build --against`` compares texts only)."""
    where = str(label or source) if isinstance(source, Path) else str(label or "文档")
    with open_docx(source, where) as pkg:
        _, body = main_body(pkg, where)
        budget = RunBudget(where)
        out: list[str] = []
        for i, p in enumerate(body.findall(_P), start=1):
            runs = list(p.iter(_R))
            budget.spend(len(runs))
            out.append("".join(_run_text(r) for r in runs))
            _too_long(f"{where}：正文", i, out[-1])
        return out


def main_body(pkg: DocxPackage, where: str) -> tuple[str, ET.Element]:
    """The main document part's name and its body, refused past MAX_PARAGRAPHS."""
    main = "word/document.xml"
    root_rels = part_rels(pkg, "")
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
    main, body = main_body(pkg, where)
    rels = part_rels(pkg, main)
    styles = Styles(pkg.xml(next((t for t in rels.values() if t.endswith("styles.xml")), "word/styles.xml")))
    theme = next((t for t in rels.values() if "theme" in t), "")
    settings = pkg.xml(next((t for t in rels.values() if t.endswith("settings.xml")), "word/settings.xml"))
    budget = RunBudget(where)
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
    return Docx(where, paragraphs, sections, even_odd, theme_fonts(pkg.xml(theme) if theme else None))
