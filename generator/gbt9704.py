"""The numbers of GB/T 9704-2012 (党政机关公文格式), named, typed, with their clauses.

Every measurement the DOCX writer uses comes from here; the writer holds no numbers of its own.
Lengths are ``Length`` values counted in EMU (as python-docx counts them, and with its conversions),
so they convert to twips or points without rounding surprises; they are defined here so that the
writer does not have to import python-docx.  Where the standard states a goal that Word and
LibreOffice reach by different means (the 22 × 28 grid), the value chosen is the one measured to work
in both and the comment says how it was measured.
"""

from __future__ import annotations

from dataclasses import dataclass

_EMU_PER_MM = 36_000
_EMU_PER_PT = 12_700
_EMU_PER_TWIP = 635


class Length(int):
    """A length in EMU (914,400 to the inch), with read-only conversions."""

    @property
    def mm(self) -> float:
        return self / _EMU_PER_MM

    @property
    def pt(self) -> float:
        return self / _EMU_PER_PT

    @property
    def twips(self) -> int:
        return round(self / _EMU_PER_TWIP)


def Mm(mm: float) -> Length:  # reads like the unit it builds
    return Length(int(mm * _EMU_PER_MM))


def Pt(points: float) -> Length:
    return Length(int(points * _EMU_PER_PT))


def Twips(twips: float) -> Length:
    return Length(int(twips * _EMU_PER_TWIP))


# -- 5.1 / 5.2.1 page and type area ------------------------------------------------------------
PAGE_WIDTH: Length = Mm(210)  # 5.1: A4
PAGE_HEIGHT: Length = Mm(297)  # 5.1: A4
MARGIN_TOP: Length = Twips(2098)  # 5.2.1: 天头 37 mm ± 1 mm
MARGIN_LEFT: Length = Twips(1588)  # 5.2.1: 订口 28 mm ± 1 mm
TYPE_AREA_WIDTH: Length = Mm(156)  # 5.2.1: 版心 156 mm wide
TYPE_AREA_HEIGHT: Length = Mm(225)  # 5.2.1: 版心 225 mm tall (page number excluded)
MARGIN_RIGHT: Length = Twips(1474)  # derived: 210 − 28 − 156 = 26 mm
MARGIN_BOTTOM: Length = Twips(1984)  # derived: 297 − 37 − 225 = 35 mm
MARGIN_TOLERANCE: Length = Mm(1)  # 5.2.1: 天头 and 订口 each ± 1 mm (check allows it on every side)

# -- 5.2.2 fonts and sizes -------------------------------------------------------------------
SIZE_3HAO: Length = Pt(16)  # 三号: every element unless stated otherwise (5.2.2)
SIZE_2HAO: Length = Pt(22)  # 二号: the title (7.3.1)
SIZE_4HAO: Length = Pt(14)  # 四号: page numbers (7.5), 版记 (7.4)

FONT_FANGSONG = "仿宋_GB2312"  # 5.2.2: the default face; levels 3 and 4 (7.3.3)
FONT_HEITI = "黑体"  # 7.3.3: level-1 headings
FONT_KAITI = "楷体_GB2312"  # 7.3.3: level-2 headings
FONT_XIAOBIAOSONG = "方正小标宋简体"  # 7.3.1: the title, 小标宋
FONT_SONGTI = "宋体"  # 7.5: page numbers in 4号半角宋体


@dataclass(frozen=True)
class FaceFamily:
    """A family of faces as the standard names it (仿宋体, 黑体 …): the face the writer uses for it,
    and the pieces of a face's name (lower case, no spaces) that make a face one of the family, by
    which ``check`` reads any document's faces."""

    name: str  # 仿宋: as the standard names it, without 体 where the name has one
    face: str  # the face the writer uses
    marks: tuple[str, ...]


# 小标宋 before 宋体: a face whose name says 小标宋 also says 宋.
FAMILIES: tuple[FaceFamily, ...] = (
    FaceFamily("小标宋", FONT_XIAOBIAOSONG, ("小标宋", "xiaobiaosong", "xbs")),
    FaceFamily("仿宋", FONT_FANGSONG, ("仿宋", "fangsong")),
    FaceFamily("黑体", FONT_HEITI, ("黑体", "simhei", "heiti")),
    FaceFamily("楷体", FONT_KAITI, ("楷体", "kaiti")),
    FaceFamily("宋体", FONT_SONGTI, ("宋体", "simsun", "songti")),
)


def family_of(face: str) -> str:
    """The family a face's name shows (仿宋_GB2312 → 仿宋, SimHei → 黑体); "" for any other face."""
    name = face.lower().replace(" ", "")
    return next((f.name for f in FAMILIES if name and any(mark in name for mark in f.marks)), "")


SIZE_NAMES: dict[Length, str] = {SIZE_2HAO: "二号", SIZE_3HAO: "三号", SIZE_4HAO: "四号"}  # 5.2.2, 7.3.1, 7.5

# -- 5.2.3 lines and characters ---------------------------------------------------------------
LINES_PER_PAGE = 22  # 5.2.3: normally 22 lines a page
CHARS_PER_LINE = 28  # 5.2.3: normally 28 characters a line
# 225 mm / 22 = 579.8 twips: 579 is the largest whole-twip pitch that holds 22 lines (580 gives 21
# in LibreOffice 7.4, measured).  Body paragraphs are single-spaced so they snap to this grid.
LINE_PITCH: Length = Twips(579)
# 28 × 16 pt = 448 pt does not fit in 156 mm (442.2 pt).  Condensing each character by 0.3 pt
# (w:spacing −6 twips) gives a 15.7 pt advance: 28 × 15.7 = 439.6 pt.  Word's character grid
# (linesAndChars) renders at 14 characters a line in LibreOffice, so it is not used.
CHAR_CONDENSE: Length = Twips(-6)
CHAR_WIDTH: Length = Twips(320)  # 术语 3: one 字 is the width of a 三号 character, 16 pt

# -- 7.3.3 body ----------------------------------------------------------------------------
FIRST_LINE_CHARS = 2  # 7.3.3: every paragraph indented two 字
FIRST_LINE_INDENT: Length = Twips(640)  # 7.3.3: two 字 (CHAR_WIDTH) of 三号


@dataclass(frozen=True)
class HeadingStyle:
    """How one heading level looks (7.3.3: 一、 黑体, （一） 楷体, 1. and （1） 仿宋)."""

    level: int
    font: str
    numbering: str  # a description of the number form, for messages


HEADING_STYLES: dict[int, HeadingStyle] = {
    1: HeadingStyle(1, FONT_HEITI, "一、"),
    2: HeadingStyle(2, FONT_KAITI, "（一）"),
    3: HeadingStyle(3, FONT_FANGSONG, "1."),
    4: HeadingStyle(4, FONT_FANGSONG, "（1）"),
}

# -- 7.3.5.2 signature and date on an unsealed document -------------------------------------
SIGNATURE_RIGHT_SPACE: Length = Twips(640)  # 署名 two 字 from the right edge
DATE_OFFSET: Length = Twips(640)  # the date starts two 字 right of the 署名's first character
BLANK_LINES_BEFORE_SIGNATURE = 1  # one blank line below the body

# -- 7.5 page numbers -----------------------------------------------------------------------
PAGE_NUMBER_DASH = "\u2014"  # 一字线 on each side: "— 1 —"
PAGE_NUMBER_SIDE_SPACE: Length = Twips(280)  # one 四号 字 from the outer edge
# The dash line sits 7 mm below the type area.  The footer's distance from the page edge is set
# so that LibreOffice puts the number's line there (tuned by rendering; see tests/test_layout.py).
FOOTER_DISTANCE: Length = Mm(22)
# The room between the footer distance and the type area's bottom, 13 mm: what a footer may fill
# without moving the type area (Word grows a footer upwards from the footer distance).
FOOTER_BAND: Length = Length(MARGIN_BOTTOM - FOOTER_DISTANCE)

# -- 7.3.1 title ----------------------------------------------------------------------------
BLANK_LINES_AFTER_TITLE = 1
# The 二号 title does not snap to the body grid (it would take two grid lines a line): it has its
# own exact pitch, one 二号 character plus 7/8 of a 三号 one (术语 3, the definition of 行).
TITLE_LINE_PITCH: Length = Pt(22 + 16 * 7 / 8)  # 7.3.2: 主送机关 one blank line below the title


# -- 7.2 版头 (upward documents) ------------------------------------------------------------
MARK_TOP: Length = Mm(35)  # 7.2.4: 发文机关标志 top edge 35 mm below the type area's top
MARK_COLOR = "FF0000"  # 7.2.4: red
MARK_MAX_SIZE: Length = Pt(42)  # house choice: 7.2.4 leaves the size to "醒目、美观、庄重"; shrunk to fit
LINES_AFTER_MARK = 2  # 7.2.5: 发文字号 two lines below the 标志
ONE_CHAR: Length = Twips(320)  # 7.2.5/7.2.6: 发文字号 一字 from the left, 签发人 一字 from the right
RULE_GAP: Length = Mm(4)  # 7.2.7: the red rule 4 mm below the 发文字号
# The 发文字号's grid line ends about 2 mm below its characters (measured in LibreOffice: a 三号 line
# on the 28.95 pt grid), so the rule sits at the bottom of a paragraph this much shorter than 4 mm.
LINE_BELOW_INK: Length = Mm(2)
RULE_WEIGHT_EIGHTHS = 8  # house choice: a 1 pt red rule (w:sz in eighths of a point)
LINES_AFTER_RULE = 2  # 7.3.1: the title two lines below the red rule

# -- 7.3.4 / 7.3.7 附件 ----------------------------------------------------------------------
# House choice: 小四 (12 pt) in tables; the standard leaves tables' type open.  At 4号 the widest
# unbreakable 同比 phrase ("提高1.5个百分点") and the year columns left the 指标 column under nine
# characters, so most labels took two or three lines; at 小四 it holds thirteen.
SIZE_XIAOSI: Length = Pt(12)
TABLE_SIZE: Length = SIZE_XIAOSI
TABLE_CELL_MARGIN: Length = Mm(
    1
)  # house choice: 1 mm each side (the figure columns fit their figures; labels get the room)

# -- 7.4 版记 ------------------------------------------------------------------------------
IMPRINT_SIZE: Length = SIZE_4HAO  # 7.4.2/7.4.3: 抄送 and 印发 lines in 4号仿宋
IMPRINT_SIDE: Length = Twips(280)  # one 四号 字 left and right
IMPRINT_THICK_EIGHTHS = 8  # 7.4.1: first and last lines 0.35 mm (1 pt)
IMPRINT_THIN_EIGHTHS = 6  # 7.4.1: lines between 0.25 mm (0.75 pt)

# -- Word comments (--annotate; not part of the 公文, so not in the standard) ---------------------
COMMENT_SIZE: Length = Pt(10.5)  # house choice: 五号, readable in the margin (Word's own is 10 pt)

# -- font fallbacks (not in the standard: what offices' machines have) -------------------------
# Newer Windows has 仿宋/楷体 but not the GB2312 faces, and 方正小标宋简体 is commercial.  The font
# table names an alternative for each, with the GB2312 character set (w:charset 86), so a machine
# without the face still shows the right family instead of a default Song or a Latin face.
FONT_FALLBACKS: dict[str, str] = {
    FONT_FANGSONG: "仿宋",
    FONT_KAITI: "楷体",
    FONT_XIAOBIAOSONG: "宋体",
    FONT_HEITI: "SimHei",
    FONT_SONGTI: "SimSun",
}
