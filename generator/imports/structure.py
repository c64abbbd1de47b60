"""What a report's paragraphs are made of: their numbers, headings, run-in titles; and the outline
they are read into (:mod:`generator.imports.outline` reads it, :mod:`generator.imports.frontmatter`
its beginning and end)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.imports.document import Block

_CN = "一二三四五六七八九十"
MARKS = (
    ("part", re.compile(rf"^第([{_CN}]{{1,3}})部分\s*[、，,：:]?\s*")),
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、，,．.]\s*")),
    ("pcn", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*[、.．]?\s*")),
    # 3.15普法日 is no number, 3.2025年推进…的主要安排 is
    ("ar", re.compile(r"^(\d{1,2})\s*(?:[、．，]|\.(?!\d)|\.(?=\d{4}\s*年))\s*")),
    ("par", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*[、.．]?\s*")),
    ("circle", re.compile(r"^([①-⑳])\s*")),
)
# a level-1 heading's words → the official item it is (checked in this order)
PART_WORDS: tuple[tuple[int, str], ...] = (
    (3, r"第一责任人|主要负责人|党政.{0,4}负责人|履行.{0,6}职责"),
    (2, r"不足|问题|差距|短板|薄弱"),
    (4, r"安排|计划|打算|思路|下一步|下步|展望|努力方向|工作重点"),
    (5, r"其他|其它|需要报告"),
    (1, r"举措|成效|做法|成绩|工作情况|主要工作|开展情况|推进情况|落实情况|总体情况|基本情况|建设情况|情况$"),
)
# a 二级 heading inside part 一 that is another part, folded in
FOLDED: tuple[tuple[int, str], ...] = (
    (3, r"第一责任人|主要负责人履行|党政主要负责人"),
    (2, r"存在的?(?:主要)?(?:不足|问题)|不足和原因|问题和原因|不足及原因|差距和不足"),
    (4, r"下一步|下步|\d{4}年.{0,8}(?:安排|计划|打算)|工作(?:安排|计划|打算)$"),
)
TABLE_ROW = "表格中的一行：表格本身不写入报告（需要时在“发文要素”表选“附主要数据表”）"
MAX_HEADING = 60  # characters: a longer line is a paragraph, not a heading
# the official items' own words: a heading with them is a level-1 heading whatever its number (1. 2. …)
OFFICIAL = re.compile(r"主要举措和成效|存在的不足|不足和原因|第一责任人职责|主要安排|其他需要报告的情况")
MAX_RUN_IN = 40
DATE = re.compile(
    r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$|^[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$"
)
_YEAR = re.compile(r"(\d{4})\s*年")


@dataclass
class Item:
    title: str  # run-in title, without number or final 。; "" when it has none
    text: str  # the body; paragraphs after the first joined by "\n"
    where: str


@dataclass
class Section:
    title: str  # the 二级 heading as written (number taken off)
    where: str
    lead: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


@dataclass
class Outline:
    title: str = ""
    title_where: list[str] = field(default_factory=list)
    addressee: str = ""
    opening: list[str] = field(default_factory=list)
    signature: str = ""
    date: str = ""
    parts: dict[int, str] = field(default_factory=dict)  # official item → its heading as written
    sections: list[Section] = field(default_factory=list)  # part 一
    part_leads: dict[int, list[str]] = field(default_factory=dict)  # paragraphs before a part's first item
    shortcomings: list[str] = field(default_factory=list)  # part 二, as paragraphs
    shortcoming_heads: set[int] = field(default_factory=set)  # which of them are its 二级 headings
    items: dict[int, list[Item]] = field(default_factory=lambda: {3: [], 4: [], 5: []})
    unplaced: list[tuple[str, str, str]] = field(default_factory=list)  # (where, text, why)
    tables: list[Block] = field(default_factory=list)  # the cells of the report's tables
    placed: int = 0

    @property
    def year(self) -> int | None:
        m = _YEAR.search(self.title) or next((_YEAR.search(t) for t in self.opening if _YEAR.search(t)), None)
        return int(m[1]) if m else None


def marker(text: str) -> tuple[str, str, str]:
    """(kind, number, the rest) of a numbered paragraph; ("", "", text) when it has no number."""
    for kind, pattern in MARKS:
        m = pattern.match(text)
        if m and m.end() < len(text):
            return kind, m[1], text[m.end() :]
    return "", "", text


def run_in(rest: str, block: Block) -> tuple[str, str]:
    """(title, body) of an item: the run-in title up to its first 。 (or the formatted run)."""
    if block.run_in:
        k, _, title = marker(block.run_in.strip())
        title = title if k else block.run_in.strip()
        if title and rest.startswith(title):
            return title.rstrip("。.：:；;"), rest[len(title) :].strip()
    cut = re.search(r"[。：:]", rest)
    if cut and 2 <= cut.start() <= MAX_RUN_IN and cut.end() < len(rest):
        return rest[: cut.start()], rest[cut.end() :].strip()
    return "", rest


def heading_like(rest: str) -> bool:
    """A heading: short, no sentence inside, and not itself a sentence (one with a comma that ends in 。)."""
    body = rest.rstrip("。.：:")
    sentence = rest.endswith("。") and "，" in rest
    return len(body) <= MAX_HEADING and not re.search(r"[。；;]", body) and not sentence


def part_of(heading: str, words: tuple[tuple[int, str], ...] = PART_WORDS) -> int:
    return next((n for n, pattern in words if re.search(pattern, heading)), 0)
