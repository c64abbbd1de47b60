"""The DOCX writer's styles: the one list of paragraph and character styles a draft names.

Styles carry the standard's formatting (so Word's and WPS's style pane shows 公文正文, 一级标题 …) and
the writer's paragraphs only name their style; every number comes from :mod:`generator.gbt9704`.
:func:`install_styles` puts them into python-docx's template when the skeleton is made
(:mod:`generator.docx.skeleton`), and :func:`prune_styles` drops the template's other styles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator import gbt9704 as std
from generator.docx.ooxml import el, fonts, half_points, qn, twips
from generator.gbt9704 import Length

if TYPE_CHECKING:  # python-docx makes only the skeleton, and is imported only then
    from docx.document import Document as DocumentObject


@dataclass(frozen=True)
class StyleSpec:
    """One style: its id and the name Word shows, its face and size, and how its paragraphs sit."""

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


BODY_STYLE = "GwBody"  # 公文正文: the body, and the blank lines between blocks
STYLES: tuple[StyleSpec, ...] = (
    StyleSpec(BODY_STYLE, "公文正文", std.FONT_FANGSONG, std.SIZE_3HAO, std.FIRST_LINE_INDENT),
    StyleSpec(
        "GwTitle",
        "公文标题",
        std.FONT_XIAOBIAOSONG,
        std.SIZE_2HAO,
        align="center",
        condense=False,
        line_exact=std.TITLE_LINE_PITCH,
    ),
    StyleSpec("GwAddressee", "主送机关", std.FONT_FANGSONG, std.SIZE_3HAO, align="left"),
    *(
        StyleSpec(
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
        StyleSpec(f"GwRunIn{level}", f"{'一二三四'[level - 1]}级标题字符", hs.font, std.SIZE_3HAO, kind="character")
        for level, hs in std.HEADING_STYLES.items()
    ),
    StyleSpec("GwSignature", "署名", std.FONT_FANGSONG, std.SIZE_3HAO, align="right"),
    StyleSpec("GwDate", "成文日期", std.FONT_FANGSONG, std.SIZE_3HAO, align="right"),
    StyleSpec("GwPageNumber", "页码", std.FONT_SONGTI, std.SIZE_4HAO, condense=False),
    # the upward-report apparatus (generator/docx/apparatus.py)
    StyleSpec("GwFlushLeft", "顶格文字", std.FONT_FANGSONG, std.SIZE_3HAO, align="left"),
    StyleSpec("GwMeta", "密级和紧急程度", std.FONT_HEITI, std.SIZE_3HAO, align="left"),
    StyleSpec(
        "GwMark",
        "发文机关标志",
        std.FONT_XIAOBIAOSONG,
        std.MARK_MAX_SIZE,
        align="center",
        condense=False,
        line_exact=std.MARK_MAX_SIZE,
        color=std.MARK_COLOR,
    ),
    StyleSpec("GwSignerName", "签发人姓名", std.FONT_KAITI, std.SIZE_3HAO, kind="character"),
    StyleSpec("GwAttachmentLabel", "附件标识", std.FONT_HEITI, std.SIZE_3HAO, align="left"),
    StyleSpec(
        "GwTableText", "表格文字", std.FONT_FANGSONG, std.TABLE_SIZE, align="center", condense=False, on_grid=False
    ),
    StyleSpec("GwTableHead", "表头", std.FONT_HEITI, std.TABLE_SIZE, align="center", condense=False, on_grid=False),
    StyleSpec("GwImprint", "版记", std.FONT_FANGSONG, std.IMPRINT_SIZE, align="left", condense=False),
    # Word's comment styles, which --annotate's comments and their marks name (python-docx's
    # template defines neither): a comment in 五号宋体, off the grid
    StyleSpec(
        "CommentText",
        "annotation text",
        std.FONT_SONGTI,
        std.COMMENT_SIZE,
        align="left",
        condense=False,
        on_grid=False,
        builtin="Normal",
    ),
    StyleSpec(
        "CommentReference",
        "annotation reference",
        std.FONT_SONGTI,
        std.COMMENT_SIZE,
        kind="character",
        condense=False,
        builtin="DefaultParagraphFont",
    ),
)


def _run_properties(spec: StyleSpec) -> Any:
    rpr = el("w:rPr")
    rpr.append(fonts(spec.font))
    if spec.color:
        rpr.append(el("w:color", val=spec.color))
    if spec.condense:
        rpr.append(el("w:spacing", val=twips(std.CHAR_CONDENSE)))
    rpr.append(el("w:sz", val=half_points(spec.size)))
    rpr.append(el("w:szCs", val=half_points(spec.size)))
    return rpr


def _paragraph_properties(spec: StyleSpec) -> Any:
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


def install_styles(doc: DocumentObject) -> None:
    """Document defaults and every style of ``STYLES``, into the template's styles part."""
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
    for spec in STYLES:
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


def prune_styles(doc: DocumentObject) -> None:
    """Keep the styles the writer names, the defaults and what they build on; drop the template's
    hundreds of others.

    python-docx's template carries every built-in table style and the latent-style list (350 KB of
    styles.xml), which each draft would otherwise parse, serialize and compress.  What is kept is
    derived from ``STYLES``, the one list of styles the writer's paragraphs and runs name (a test
    checks every style any draft names is defined), so a style cannot be used and pruned.
    """
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    named = {spec.style_id for spec in STYLES}
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
