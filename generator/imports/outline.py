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

from generator.imports.document import Block
from generator.imports.frontmatter import back, front
from generator.imports.structure import (
    FOLDED,
    OFFICIAL,
    TABLE_ROW,
    Item,
    Outline,
    Section,
    heading_like,
    marker,
    part_of,
    run_in,
)

_DEPTH = {"part": 0, "cn": 0, "pcn": 1, "ar": 2, "par": 3, "circle": 4}
_KIND_HEADING = re.compile(r"不足|问题|原因|差距|短板")
_CLOSING = re.compile(r"^(?:特此报告|专此报告|以上报告|妥否|请审阅|请审示)")
_CAPTION = re.compile(r"^(?:附)?表\s*\d+\s*[：:、.．\s]")
_ATTACHMENT = re.compile(r"^附\s*件\s*[:：\d１-９]")


class _Reader:
    def __init__(self) -> None:
        self.out = Outline()
        self.part = 0  # the official item being read; 0 before the first level-1 heading
        self.home = 0  # the part whose heading we are under, when a folded 二级 heading moved us
        self.section: Section | None = None
        self.item: Item | None = None
        self.depth = 9  # how deep the current item's number is (1. under （一）…); 9: no item
        self.pending: tuple[str, str] | None = None  # a short numbered line waiting for its text
        self.themes = False  # part 一's 分项 are level-1 headings (一、加强组织领导): （一） are its items
        self.folded: tuple[int, Section | None] | None = None  # a folded part's depth and part 一's 分项

    def _place(self) -> None:
        self.out.placed += 1

    def flush(self) -> None:
        """A short numbered line with nothing after it before the next heading: an item of its own."""
        if self.pending:
            title, where = self.pending
            self.pending = None
            self.item_of("", title + ("" if title.endswith(("。", "；", "！")) else "。"), where)

    def _pend(self, title: str, where: str, depth: int) -> None:
        self.flush()
        self.pending, self.item, self.depth = (title.rstrip("。.：:；;"), where), None, depth

    def _new_part(self, n: int, heading: str) -> None:
        self.flush()
        self.part, self.home, self.section, self.item, self.pending, self.depth = n, n, None, None, None, 9
        self.out.parts.setdefault(n, heading)

    def level1(self, rest: str, where: str) -> None:
        n = part_of(rest)
        if n == 1 and 1 in self.out.parts and self.part == 1:
            n = 1  # a second heading of part 一's kind: read on in part 一
        self._unfold(0)
        if n == 0 or (n in self.out.parts and n != 1):
            if self.home in (0, 1) and 2 not in self.out.parts:  # a theme heading: a 分项 of part 一
                if 1 not in self.out.parts:
                    self.out.parts[1] = ""
                self.part = self.home = 1
                self.themes = True
                self._section(rest, where)
                return
            self.out.unplaced.append((where, rest, "这个一级标题不是规定的五个部分之一，下面的段落照样读入"))
            self.out.placed -= 1
            return
        self._new_part(n, rest)

    def _section(self, title: str, where: str) -> None:
        self.flush()
        self.section = Section(title.rstrip("。.：:；;"), where)
        self.out.sections.append(self.section)
        self.item, self.pending, self.depth = None, None, 9

    def _implicit_part_one(self) -> None:
        """A report that opens part 一 with its first 分项 (no 一、 heading above it)."""
        if self.part == 0:
            self.out.parts.setdefault(1, "")
            self.part = self.home = 1

    def _fold(self, title: str, depth: int = 1) -> bool:
        """A heading inside part 一 that is another part (the leader's duties): read in that part
        until the next heading or item as high as it (:meth:`_unfold`)."""
        folded = part_of(title, FOLDED) if self.home == 1 else 0
        if folded:
            self.flush()
            self.folded = (depth, self.section)
            self.part, self.section, self.item, self.pending, self.depth = folded, None, None, None, 9
            self.out.parts.setdefault(folded, f"（第一部分中）{title}")
        return bool(folded)

    def _unfold(self, depth: int) -> None:
        """Back in part 一 after a folded part, at a heading or item as high as the fold's."""
        if self.folded is not None and depth <= self.folded[0]:
            self.flush()
            self.part, self.section, self.item, self.depth = self.home, self.folded[1], None, 9
            self.folded = None

    def heading2(self, rest: str, where: str, depth: int = 1) -> None:
        self._implicit_part_one()
        if self._fold(rest, depth):
            return
        if (self.part == 1 or self.home == 1) and not self.themes:
            self.part = 1
            self._section(rest, where)
            return
        if self.part == 2 and _KIND_HEADING.search(rest):  # 存在的不足 / 原因分析: the kind of what follows
            self.flush()
            self.out.shortcoming_heads.add(len(self.out.shortcomings))
            self.out.shortcomings.append(rest)
            return
        self._pend(rest, where, depth)  # a titled item, its text to follow

    def item_of(self, title: str, body: str, where: str, depth: int | None = None) -> None:
        self._implicit_part_one()
        item = Item(title, body, where)
        self.item, self.pending = item, None
        if depth is not None:
            self.depth = depth
        if self.part == 1:
            if self.section is None:
                self._section("主要举措", where)  # items with no 二级 heading above them
                self.item, self.depth = item, depth if depth is not None else 9
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

    def _child(self, text: str, depth: int) -> bool:
        """A numbered paragraph deeper than the item it follows ((1) under 1.): part of that item."""
        if depth <= self.depth or (self.item is None and self.pending is None) or self.part == 2:
            return False
        if self.pending:
            title, at = self.pending
            self.item_of(title, text, at)
        elif self.item is not None:
            self.item.text = f"{self.item.text}\n{text}" if self.item.text else text
        return True

    def _aside(self, block: Block) -> bool:
        """特此报告。, 附件：…: not the report's content, kept in 未能归类 with why."""
        if _CLOSING.match(block.text) and len(block.text) <= 20:
            why = "报告的结束语：本程序生成的报告不写这句，需要时可加在相应部分的末尾"
        elif _CAPTION.match(block.text) and len(block.text) <= 40:
            why = "表格的标题：表格本身不写入报告，其中的数字已写入指标表或特色指标表"
        elif _ATTACHMENT.match(block.text):
            why = "附件说明：本程序在“发文要素”表选“附主要数据表”时写附件说明，其他附件请另附"
        else:
            return False
        self.out.unplaced.append((block.where, block.text, why))
        self.out.placed -= 1
        return True

    def block(self, block: Block) -> None:
        text = block.text
        kind, _, rest = marker(text)
        self._place()
        depth = _DEPTH.get(kind, 9)
        if self._aside(block):
            return
        if kind:
            self._unfold(depth)
        official = kind in ("ar", "par") and heading_like(rest) and OFFICIAL.search(rest)  # 1.……主要举措和成效
        if (kind in ("cn", "part") and heading_like(rest)) or (block.level == 1 and not kind) or official:
            self.level1(rest if kind else text, block.where)
        elif kind and self._child(text, depth):
            return
        elif (kind == "pcn" and heading_like(rest)) or (block.level == 2 and not kind and heading_like(text)):
            self.heading2(rest if kind else text, block.where, depth)
        elif kind == "pcn" and (self.part in (0, 1) or self.home == 1) and run_in(rest, block)[0]:
            title, body = run_in(rest, block)
            if self._fold(title, depth):  # （二）主要负责人切实履行第一责任人职责。……: an item of part 三
                self.item_of(title, body, block.where, depth)
            elif self.themes:  # under a theme heading, （一） are its items
                self.item_of(title, body, block.where, depth)
            else:  # （一）加强组织领导。成立……: a 分项 and its lead
                self.heading2(title, block.where)
                self.plain(body, block.where)
        elif kind:
            if heading_like(rest) and len(rest) <= 30 and not rest.endswith(("。", "；", "！")):
                self._pend(rest, block.where, depth)
                return
            title, body = run_in(rest, block)
            self.item_of(title, body, block.where, depth)
        elif block.run_in and (title := run_in(text, block)[0]):  # **深化执法规范化建设。**开展……: an item
            self.item_of(title, run_in(text, block)[1], block.where, 5)
        else:
            self.plain(text, block.where)


def read_outline(blocks: list[Block]) -> Outline:
    """The report's structure (see the module's docstring)."""
    out = Outline()
    body = [b for b in blocks if not b.in_table]
    tables = [b for b in blocks if b.in_table]
    body = back(body, out)
    first = front(body, out)
    reader = _Reader()
    reader.out = out
    for b in body[first:]:
        reader.block(b)
    reader.flush()  # a short numbered line at the end with no text after it
    out.tables = tables
    rows: dict[str, list[str]] = {}
    for b in tables:  # one line a table row: 表格1第2行 “监督检查 | 户次 | 2140 | 1876”
        where = re.sub(r"第\d+列$", "", b.where)
        rows.setdefault(where, []).append(b.text)
    for where, cells in rows.items():
        out.unplaced.append((where, " | ".join(cells), TABLE_ROW))
    return out
