"""The structure of last year's report: title, 主送机关, opening, the five parts, 分项 and items.

The paragraphs are read in order.  A paragraph opening with 一、 (or 第一部分, or a Word heading of
level 1) is a level-1 heading; it is mapped to one of the five official items by its words (``PART_WORDS``),
not by its number, so that a report that put its parts in another order or numbered them wrongly
is read right; a level-1 heading that names none of the five (a report whose level-1 headings are
its themes: 一、加强组织领导) is a 分项 of part 一 when it comes before part 二.  Inside part 一, a short
（一） line is a 二级 heading (a 分项) — unless its words are those of another part (the leader's
duties as a 二级 heading inside part 一: ``FOLDED``), and then what follows goes to that part until
the next heading.  A numbered paragraph (1. （1） ① （一） …, half- or full-width) is an item: its
run-in title is the words up to its first 。 (or the run the document sets off by formatting).  An
unnumbered paragraph continues the item before it, or is the lead of its 分项 when no item came yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.imports.document import Block

_CN = "一二三四五六七八九十"
MARKS = (
    ("part", re.compile(rf"^第([{_CN}]{{1,3}})部分\s*[、，,：:]?\s*")),
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、，,．.]\s*")),
    ("pcn", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*[、.．]?\s*")),
    ("ar", re.compile(r"^(\d{1,2})\s*(?:[、．，]|\.(?!\d))\s*")),
    ("par", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*[、.．]?\s*")),
    ("circle", re.compile(r"^([①-⑳])\s*")),
)
# a level-1 heading's words → the official item it is (checked in this order)
PART_WORDS: tuple[tuple[int, str], ...] = (
    (3, r"第一责任人|主要负责人|党政.{0,4}负责人|履行.{0,6}职责"),
    (2, r"不足|问题|差距|短板|薄弱"),
    (4, r"安排|计划|打算|思路|下一步|下步|展望|努力方向|工作重点"),
    (5, r"其他|其它|需要报告"),
    (1, r"举措|成效|做法|成绩|工作情况|主要工作|开展情况|推进情况|落实情况|总体情况|基本情况"),
)
# a 二级 heading inside part 一 that is another part, folded in
FOLDED: tuple[tuple[int, str], ...] = (
    (3, r"第一责任人|主要负责人履行|党政主要负责人"),
    (2, r"存在的?(?:主要)?(?:不足|问题)|不足和原因|问题和原因|不足及原因|差距和不足"),
    (4, r"下一步|下步|\d{4}年.{0,8}(?:安排|计划|打算)|工作(?:安排|计划|打算)$"),
)
MAX_HEADING = 40  # characters: a longer line is a paragraph, not a heading
MAX_RUN_IN = 40
_DATE = re.compile(
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
    items: dict[int, list[Item]] = field(default_factory=lambda: {3: [], 4: [], 5: []})
    unplaced: list[tuple[str, str, str]] = field(default_factory=list)  # (where, text, why)
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


def _heading_like(rest: str) -> bool:
    body = rest.rstrip("。.：:")
    return len(body) <= MAX_HEADING and not re.search(r"[。；;]", body)


def part_of(heading: str, words: tuple[tuple[int, str], ...] = PART_WORDS) -> int:
    return next((n for n, pattern in words if re.search(pattern, heading)), 0)


class _Reader:
    def __init__(self) -> None:
        self.out = Outline()
        self.part = 0  # the official item being read; 0 before the first level-1 heading
        self.home = 0  # the part whose heading we are under, when a folded 二级 heading moved us
        self.section: Section | None = None
        self.item: Item | None = None
        self.pending: tuple[str, str] | None = None  # a short numbered line waiting for its text

    def _place(self) -> None:
        self.out.placed += 1

    def _new_part(self, n: int, heading: str) -> None:
        self.part, self.home, self.section, self.item, self.pending = n, n, None, None, None
        self.out.parts.setdefault(n, heading)

    def level1(self, rest: str, where: str) -> None:
        n = part_of(rest)
        if n == 1 and 1 in self.out.parts and self.part == 1:
            n = 1  # a second heading of part 一's kind: read on in part 一
        if n == 0 or (n in self.out.parts and n != 1):
            if self.part in (0, 1) and 2 not in self.out.parts:  # a theme heading: a 分项 of part 一
                if 1 not in self.out.parts:
                    self.out.parts[1] = ""
                self.part = self.home = 1
                self._section(rest, where)
                return
            self.out.unplaced.append((where, rest, "这个一级标题不是规定的五个部分之一，下面的段落照样读入"))
            self.out.placed -= 1
            return
        self._new_part(n, rest)

    def _section(self, title: str, where: str) -> None:
        self.section = Section(title.rstrip("。.：:；;"), where)
        self.out.sections.append(self.section)
        self.item, self.pending = None, None

    def heading2(self, rest: str, where: str) -> None:
        folded = part_of(rest, FOLDED)
        if self.home == 1 and folded:
            self.part, self.section, self.item, self.pending = folded, None, None, None
            self.out.parts.setdefault(folded, f"（第一部分中）{rest}")
            return
        if self.part == 1 or self.home == 1:
            self.part = 1
            self._section(rest, where)
            return
        self.pending = (rest.rstrip("。.：:；;"), where)  # a titled item of parts 二 to 五, text to follow
        self.item = None

    def item_of(self, title: str, body: str, where: str) -> None:
        item = Item(title, body, where)
        self.item, self.pending = item, None
        if self.part == 1:
            if self.section is None:
                self._section("主要举措", where)  # items with no 二级 heading above them
            assert self.section is not None
            self.section.items.append(item)
        elif self.part == 2:
            self.out.shortcomings.append(f"{title}。{body}" if title and body else title or body)
        else:
            self.out.items[self.part].append(item)

    def plain(self, text: str, where: str) -> None:
        if self.pending:
            title, at = self.pending
            self.item_of(title, text, at)
            return
        if self.part == 2:
            self.out.shortcomings.append(text)
        elif self.item is not None:
            self.item.text = f"{self.item.text}\n{text}" if self.item.text else text
        elif self.part == 1 and self.section is not None:
            self.section.lead.append(text)
        else:
            self.out.part_leads.setdefault(self.part, []).append(text)

    def block(self, block: Block) -> None:
        text = block.text
        kind, _, rest = marker(text)
        self._place()
        if (kind in ("cn", "part") and _heading_like(rest)) or (block.level == 1 and not kind):
            self.level1(rest if kind else text, block.where)
        elif (kind == "pcn" and _heading_like(rest)) or (block.level == 2 and not kind and _heading_like(text)):
            self.heading2(rest if kind else text, block.where)
        elif kind:
            if _heading_like(rest) and len(rest) <= 30:
                self.pending = (rest.rstrip("。.：:；;"), block.where)
                self.item = None
                return
            title, body = run_in(rest, block)
            self.item_of(title, body, block.where)
        else:
            self.plain(text, block.where)


def _front(blocks: list[Block], out: Outline) -> int:
    """Title, 主送机关 and opening: the blocks before the first level-1 heading.  Returns its index."""
    first = next(
        (
            i
            for i, b in enumerate(blocks)
            if (marker(b.text)[0] in ("cn", "part") and _heading_like(marker(b.text)[2])) or b.level == 1
        ),
        len(blocks),
    )
    title_parts: list[str] = []
    for b in blocks[:first]:
        t = b.text
        if not out.opening and not out.addressee and len(t) <= 60 and not re.search(r"[。，,]", t):
            if t.endswith(("：", ":")) and title_parts:
                out.addressee = t.rstrip("：:")
            elif re.search(r"报告|情况|总结", t) and "".join(title_parts).endswith(t.replace(" ", "")):
                out.title_where.append(b.where)  # the same title again (a web page's own title line)
            elif title_parts and "".join(title_parts).replace(" ", "").endswith(t.replace(" ", "")):
                out.title_where.append(b.where)
            else:
                title_parts = _title_pieces(title_parts, t)
                out.title_where.append(b.where)
            out.placed += 1
        elif t.endswith(("：", ":")) and len(t) <= 40 and not out.opening:
            out.addressee = t.rstrip("：:")
            out.placed += 1
        else:
            out.opening.append(t)
            out.placed += 1
    out.title = "".join(title_parts)
    return first


def _title_pieces(pieces: list[str], line: str) -> list[str]:
    """A title line: a line that repeats what is there (岳阳楼区卫生健康局 2022年…报告, then the same on
    two lines) replaces it; else it continues the title."""
    joined = "".join(pieces).replace(" ", "")
    flat = line.replace(" ", "")
    if joined and flat.startswith(joined):
        return [flat]
    if pieces and joined.replace(" ", "") in flat:
        return [flat]
    if pieces and re.search(r"报告$", joined):
        return [flat] if re.search(r"报告$", flat) else [*pieces]
    return [*pieces, flat]


def _back(blocks: list[Block], out: Outline) -> list[Block]:
    """Signature and date: the last one or two short lines.  Returns the blocks before them."""
    body = list(blocks)
    if body and _DATE.match(body[-1].text.replace(" ", "")):
        out.date = body.pop().text.replace(" ", "")
        out.placed += 1
        if (
            body
            and len(body[-1].text) <= 40
            and not re.search(r"[。，,；;：:]", body[-1].text)
            and not marker(body[-1].text)[0]
        ):
            out.signature = body.pop().text
            out.placed += 1
    return body


def read_outline(blocks: list[Block]) -> Outline:
    """The report's structure (see the module's docstring)."""
    out = Outline()
    body = [b for b in blocks if not b.in_table]
    tables = [b for b in blocks if b.in_table]
    body = _back(body, out)
    first = _front(body, out)
    reader = _Reader()
    reader.out = out
    for b in body[first:]:
        reader.block(b)
    if reader.pending:  # a short numbered line at the end with no text after it
        title, where = reader.pending
        out.unplaced.append((where, title, "小标题后面没有正文"))
        out.placed -= 1
    for b in tables:
        out.unplaced.append((b.where, b.text, "表格中的文字，工作簿中没有对应位置，请把需要的数字填入指标表"))
    return out
