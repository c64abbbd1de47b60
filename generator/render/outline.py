"""The rendered outline: the report as plain blocks, between the templates and the DOCX writer.

The renderer produces these objects; the writer lays them out.  Neither a template nor the writer
types a heading number: :func:`number_headings` computes them from the structure, so adding one
measure renumbers everything after it.  Paragraphs, headings and table cells hold
:mod:`generator.model.spans`: text, and figures that know their cell; :attr:`Outline.sources` is read
from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model.spans import FigureRef, Source, Spans, figures, plain

__all__ = ["FigureRef", "Source", "Spans", "plain"]  # the span types, as the outline's users name them

CHINESE_DIGITS = "零一二三四五六七八九"


_SENTENCE = re.compile(r"[^。；！？]*[。；！？]|[^。；！？]+$")


def split_sentences(text: str) -> list[str]:
    """A paragraph's sentences, each with its closing mark (what diff and tracked changes compare)."""
    return [s for s in _SENTENCE.findall(text) if s.strip()]


def chinese_numeral(n: int) -> str:
    """Write a count as Chinese numerals the way headings and 一是……二是…… count: 一, 十, 十一,
    二十三, 一百, 一百零一, 一百一十, 一千零五, 一万二千.

    Any positive count below 10^8 (a sheet holds at most a few thousand rows); inside a number
    past 十 a ten is 一十 (一百一十), and one 零 stands for any run of missing places."""
    if not 1 <= n < 10**8:
        raise ValueError(f"heading number out of range: {n}")
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        rest = "" if low == 0 else ("零" if low < 1000 else "") + _below_ten_thousand(low, inner=True)
        return _below_ten_thousand(high, inner=False) + "万" + rest
    return _below_ten_thousand(n, inner=False)


def _below_ten_thousand(n: int, inner: bool) -> str:
    """1–9999; ``inner`` when the number continues a larger one (so 10 is 一十, not 十)."""
    out, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if gap and out:
                out += "零"
            leading_ten = unit == "十" and digit == 1 and not out and not inner
            out += ("" if leading_ten else CHINESE_DIGITS[digit]) + unit
            gap = False
        else:
            gap = True
    return out


def heading_number(level: int, n: int) -> str:
    """The number of the n-th heading at a level: 一、 （一） 1. （1） (GB/T 9704 7.3.3)."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"no heading level {level}")


@dataclass
class Title:
    """The title; ``breaks`` are the positions in ``text`` where a line break is allowed."""

    text: str
    breaks: tuple[int, ...] = ()


@dataclass
class Addressee:
    """主送机关, ending with a full-width colon."""

    text: str


@dataclass
class Paragraph:
    body: Spans

    @property
    def text(self) -> str:
        return plain(self.body)


@dataclass
class Heading:
    """A heading; with ``body`` it is a run-in heading followed by text in the same paragraph."""

    level: int
    title: Spans
    body: Spans = ()
    item: int | None = None  # the official content item (1–5) a level-1 heading stands for
    number: str = ""

    @property
    def text(self) -> str:
        """The title as printed, without its number."""
        return plain(self.title)


@dataclass
class Signature:
    """署名 and 成文日期 of an unsealed document (GB/T 9704 7.3.5.2)."""

    name: str
    date: str


@dataclass
class Masthead:
    """版头 of a document sent upward (GB/T 9704 7.2)."""

    mark: str  # 发文机关标志
    doc_number: str  # 发文字号
    signers: tuple[str, ...] = ()  # 签发人
    copy_no: str = ""  # 份号
    secrecy: str = ""  # 密级★保密期限
    urgency: str = ""  # 紧急程度


@dataclass
class AttachmentNote:
    """附件说明 below the body (7.3.4): the attachments' names."""

    names: list[str]


@dataclass
class Note:
    """附注 below the date (7.3.6), already in its brackets."""

    text: str


@dataclass
class Table:
    """A table; a row of one cell is a group heading spanning all columns."""

    header: list[str]
    rows: list[list[Spans]]
    numeric: list[bool]  # columns of figures and units (centred; the writer sizes them to fit)


@dataclass
class Attachment:
    """An attachment on a page of its own (7.3.7): 附件N, its title, its table."""

    label: str
    title: str
    table: Table


@dataclass
class Imprint:
    """版记 (7.4): 抄送, 印发机关 and 印发日期 between the standard's lines."""

    cc: str
    printer: str
    date: str


Block = Title | Addressee | Paragraph | Heading | Signature | Masthead | AttachmentNote | Note | Attachment | Imprint


@dataclass
class Outline:
    blocks: list[Block] = field(default_factory=list)

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def figures(self) -> list[FigureRef]:
        """Every figure the draft prints, in the order it prints them."""
        out: list[FigureRef] = []
        for b in self.blocks:
            if isinstance(b, Heading):
                out += figures(b.title) + figures(b.body)
            elif isinstance(b, Paragraph):
                out += figures(b.body)
            elif isinstance(b, Attachment):
                out += [f for row in b.table.rows for cell in row for f in figures(cell)]
        return out

    @property
    def sources(self) -> list[Source]:
        """Every figure the text prints with its cell, once per cell and printed form (--sources)."""
        seen: dict[tuple[str, str], Source] = {}
        for f in self.figures():
            seen.setdefault((f.source.cell, f.source.shown), f.source)
        return list(seen.values())

    def text(self) -> str:
        """All the text a reader sees, one block a line (for tests and diffs)."""
        lines: list[str] = []
        for b in self.blocks:
            if isinstance(b, Heading):
                lines.append(b.number + b.text + plain(b.body))
            elif isinstance(b, Signature):
                lines.extend([b.name, b.date])
            elif isinstance(b, (Title, Addressee, Paragraph, Note)):
                lines.append(b.text)
        return "\n".join(lines)


def drop_empty_headings(blocks: list[Block]) -> list[Block]:
    """Remove headings with nothing under them, innermost first, so numbering stays consecutive.

    A heading is empty when it has no run-in body and the next block is a heading of the same or
    a higher level, or there is no content block before the end of its parent.
    """
    changed = True
    while changed:
        changed = False
        kept: list[Block] = []
        for i, b in enumerate(blocks):
            if isinstance(b, Heading) and not b.body:
                nxt = next((x for x in blocks[i + 1 :]), None)
                empty = nxt is None or isinstance(nxt, Signature) or (isinstance(nxt, Heading) and nxt.level <= b.level)
                if empty:
                    changed = True
                    continue
            kept.append(b)
        blocks = kept
    return blocks


def number_headings(blocks: list[Block]) -> None:
    """Give every heading its number from its position under its parent."""
    counters = [0, 0, 0, 0, 0]
    for b in blocks:
        if not isinstance(b, Heading):
            continue
        counters[b.level] += 1
        for deeper in range(b.level + 1, len(counters)):
            counters[deeper] = 0
        b.number = heading_number(b.level, counters[b.level])
