"""Column widths for the attachment's table, chosen from what the cells hold.

A cell of a figure, a unit or a 同比 phrase ("增长7.8%", "提高6.5个百分点", "持平") is one unbreakable
piece: a line break inside it would split a number from its verb or its unit.  Each such column is
made as wide as its widest piece (its header included); the label column (指标) takes what is left
of the type area, and a label too long for one line is broken where its words allow: after a
closing bracket or a 、, or before an opening bracket, never inside a word the renderer would
otherwise split anywhere.

Widths are estimated from character classes, generously: a Chinese character is one em; ASCII
digits and letters take 0.64 em, which is what LibreOffice's fallback face measured in this
project's PDFs (Word's 仿宋 digits are half an em), and a quarter em where Chinese meets digits
(LibreOffice's automatic spacing), so the estimate holds in both.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

_BREAK_AFTER = set("）)、，；")
_BREAK_BEFORE = set("（(")
_NARROW = set(".,:;'|!")
_MIN_LABEL_EMS = 4  # the 指标 column is never narrower than four characters


def advance(c: str) -> float:
    """The advance of one character in em, rounded up over the faces Word and LibreOffice use."""
    if c in _NARROW:
        return 0.35
    if c == "%":
        return 1.0
    if ord(c) < 0x2E80:
        return 0.64
    return 1.0


_AUTOSPACE = 0.25  # LibreOffice sets a gap where Chinese meets Latin or digits (0.2 em, measured)


def width_twips(text: str, size_pt: float) -> float:
    """The estimated width of ``text`` set at ``size_pt``, in twips."""
    ems = sum(advance(c) for c in text)
    ems += _AUTOSPACE * sum((ord(a) < 0x2E80) != (ord(b) < 0x2E80) for a, b in itertools.pairwise(text))
    return ems * size_pt * 20


@dataclass(frozen=True)
class Columns:
    """Column widths (twips, adding up to the table's width) and the text each cell may hold."""

    widths: list[int]
    inner: list[int]  # the widths less the cell margins: the room for text


def column_widths(
    header: list[str], rows: list[list[str]], label_column: int, total: int, size_pt: float, margin: int
) -> Columns:
    """Each column but the label one as wide as its widest cell, the label column the rest.

    ``rows`` of a single cell are group headings across the table and do not count.  A quarter em
    of slack per column absorbs the estimate's error.  Should the pieces not fit beside a label
    column of four characters, every column gives up room in proportion (a piece may then wrap).
    """
    slack = size_pt * 20 / 4
    need = [
        round(max(width_twips(cell, size_pt) for cell in column) + 2 * margin + slack)
        for column in zip(header, *(r for r in rows if len(r) == len(header)), strict=True)
    ]
    minimum = round(_MIN_LABEL_EMS * size_pt * 20 + 2 * margin)
    others = sum(w for i, w in enumerate(need) if i != label_column)
    if others + minimum > total:
        scale = (total - minimum) / others
        need = [minimum if i == label_column else int(w * scale) for i, w in enumerate(need)]
        others = sum(w for i, w in enumerate(need) if i != label_column)
    need[label_column] = total - others
    return Columns(need, [w - 2 * margin for w in need])


def break_label(text: str, room: int, size_pt: float) -> list[str]:
    """A label's lines: as many of its pieces on each line as fit in ``room`` twips.

    Pieces end after a closing bracket, 、 or ，, or before an opening bracket, never inside “…”; a
    label without such
    points, or whose piece is itself too long, is left to the renderer (Chinese text wraps between
    any two characters).
    """
    if width_twips(text, size_pt) <= room:
        return [text]
    pieces: list[str] = []
    start = quoted = 0
    for i, c in enumerate(text):
        quoted += (c == "“") - (c == "”")
        if quoted > 0:  # a quoted name such as “双随机、一公开” stays together
            continue
        if (c in _BREAK_AFTER and i + 1 < len(text)) or (c in _BREAK_BEFORE and i > start):
            end = i + 1 if c in _BREAK_AFTER else i
            pieces.append(text[start:end])
            start = end
    pieces.append(text[start:])
    lines: list[str] = []
    for piece in pieces:
        if lines and width_twips(lines[-1] + piece, size_pt) <= room:
            lines[-1] += piece
        else:
            lines.append(piece)
    return lines
