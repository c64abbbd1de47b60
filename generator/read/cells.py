"""What a sheet is read into: cells with their values and number formats, and the sheet itself.

Plain values, made by :mod:`generator.read.sheet_xml` and read by :mod:`generator.read.reader`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ErrorValue:
    """An error value (#N/A, #REF!, #DIV/0! …) a cell shows: typed apart from text that looks like it."""

    code: str

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class XCell:
    value: Any = None
    number_format: str = ""
    percent: bool = False  # a number shown by a section of its format with an unquoted % (times 100)
    percent_sign: bool = False  # ... with a quoted or escaped % (0.0"%": the number is the percentage)


EMPTY = XCell()


@dataclass
class Sheet:
    """One sheet, read: rows from row 1 (each a list from column A), merged ranges, formula cells."""

    title: str
    rows: list[list[XCell]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2, 1-based
    formulas: set[str] = field(default_factory=set)  # "A1" of cells holding a formula
    more_rows: bool = False  # content beyond the row limit


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letter(index: int) -> str:
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out
