"""Number format codes (ECMA-376 18.8.31), read for what they say about a value: date, duration, percent.

A code has up to four sections, ``positive;negative;zero;text``, and the section that applies to the
value decides: ``General;General;General;[h]:mm`` shows a number as a number.  Inside a section,
quoted text (``"%"``), a backslash escape (``\\%``), padding (``_d``) and fill (``*x``) are literal
characters; brackets hold a colour (``[Red]``, ``[Color 10]``), a condition (``[<100]``), a locale or
currency (``[$-804]``, ``[$¥-804]``), a numeral system (``[DBNum1]``) or an elapsed-time code
(``[h]``, ``[mm]``, ``[ss]``).  Only an unquoted, unescaped ``%`` makes a percentage (the number
times 100); a quoted or escaped one is a percent sign shown after the number as it is
(``0.0"%"`` shows 0.5 as 0.5%), and only
unquoted ``y m d h s e g`` (and ``AM/PM``) make a date; an elapsed-time code makes a duration, as
openpyxl reads it.

Each code is parsed once per cell style by :mod:`generator.read.xlsx`; a cell then only picks
its section (a tuple look-up when all numeric sections agree, as they nearly always do).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """What a number shown in a section is."""

    NUMBER = ""
    DATE = "date"  # a date, a time of day, or both
    DURATION = "elapsed"  # [h]:mm — elapsed time, read as a timedelta


# ECMA-376 18.8.30 built-in formats; 27–36 and 50–58 as the Chinese (zh-CN) locale shows them
BUILTIN: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    27: 'yyyy"年"m"月"',
    28: 'm"月"d"日"',
    29: 'm"月"d"日"',
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    34: '上午/下午h"时"mm"分"',
    35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"',
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
    50: 'yyyy"年"m"月"',
    51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: 'm"月"d"日"',
    55: '上午/下午h"时"mm"分"',
    56: '上午/下午h"时"mm"分"ss"秒"',
    57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}

_DATE_LETTERS = frozenset("ymdhsegYMDHSEG")
_ELAPSED = re.compile(r"(h+|m+|s+)", re.I)
_CONDITION = re.compile(r"(<=|>=|<>|<|>|=)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "=": operator.eq,
    "<>": operator.ne,
}


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a code: what it makes of a number, and the condition it applies under."""

    kind: Kind = Kind.NUMBER
    percent: bool = False  # an unquoted %: the number shown times 100
    percent_sign: bool = False  # a quoted or escaped %: the number shown as it is, then a percent sign
    condition: tuple[str, float] | None = None

    def holds(self, value: float) -> bool:
        return self.condition is not None and _COMPARE[self.condition[0]](value, self.condition[1])


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """A parsed code; ``uniform`` is the section every number reads as, when they all read the same."""

    code: str
    sections: tuple[Section, ...]
    uniform: Section | None

    def section(self, value: float) -> Section:
        """The section Excel shows ``value`` in."""
        numeric = self.sections[:3]
        if numeric[0].condition is not None or (len(numeric) > 1 and numeric[1].condition is not None):
            for candidate in numeric[:2]:
                if candidate.holds(value):
                    return candidate
            if len(numeric) == 3:
                return numeric[2]
            if len(numeric) == 2 and numeric[1].condition is None:
                return numeric[1]
            return numeric[0]  # no condition holds: Excel shows ####; the first section says what it is
        if len(numeric) == 1 or (value >= 0 and (len(numeric) == 2 or value > 0)):
            return numeric[0]
        if value < 0 or len(numeric) == 2:
            return numeric[1]
        return numeric[2]

    def reads(self, value: float) -> Section:
        """What ``value`` shown in this format is: the section that shows it, or the uniform one."""
        return self.uniform if self.uniform is not None else self.section(value)


def _split(code: str) -> list[list[tuple[str, str]]]:
    """The code's sections, each a list of tokens: ("lit", text shown), ("pad", text not shown),
    ("br", bracket content), ("code", char)."""
    sections: list[list[tuple[str, str]]] = [[]]
    i, n = 0, len(code)
    while i < n:
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            end = n if end < 0 else end
            sections[-1].append(("lit", code[i + 1 : end]))
            i = end + 1
        elif ch == "\\":
            sections[-1].append(("lit", code[i + 1 : i + 2]))
            i += 2
        elif ch in "_*":  # space the width of a character, or a character repeated to fill the cell
            sections[-1].append(("pad", code[i + 1 : i + 2]))
            i += 2
        elif ch == "[":
            end = code.find("]", i + 1)
            end = n if end < 0 else end
            sections[-1].append(("br", code[i + 1 : end]))
            i = end + 1
        elif ch == ";":
            sections.append([])
            i += 1
        elif code[i : i + 7].lower() == "general":
            sections[-1].append(("code", "0"))
            i += 7
        elif code[i : i + 5].upper() == "AM/PM":
            sections[-1].append(("code", "h"))
            i += 5
        elif code[i : i + 3].upper() == "A/P":
            sections[-1].append(("code", "h"))
            i += 3
        elif ch in "eE" and code[i + 1 : i + 2] in ("+", "-"):  # scientific notation, not a year
            sections[-1].append(("code", "0"))
            i += 2
        else:
            sections[-1].append(("code", ch))
            i += 1
    return sections


def _section(tokens: list[tuple[str, str]]) -> Section:
    kind, percent, sign, condition = Kind.NUMBER, False, False, None
    for what, text in tokens:
        if what == "lit":
            sign = sign or "%" in text or "％" in text
        elif what == "br":
            if _ELAPSED.fullmatch(text):
                kind = Kind.DURATION
            elif m := _CONDITION.fullmatch(text.strip()):
                condition = (m[1], float(m[2]))
            # colours, locales and currencies ([$-804], [$¥-804]), [DBNum1]: nothing to read
        elif what == "code":
            if text == "%":
                percent = True
            elif text == "％":  # the full-width sign is no operator: Excel shows it as it is
                sign = True
            elif text in _DATE_LETTERS and kind is Kind.NUMBER:
                kind = Kind.DATE
    return Section(kind, percent, sign and not percent, condition)


def parse(code: str) -> NumberFormat:
    """Parse a format code once; its sections say how each number reads."""
    sections = tuple(_section(tokens) for tokens in _split(code))
    numeric = sections[:3]
    reads = set(numeric)
    uniform = next(iter(reads)) if len(reads) == 1 and numeric[0].condition is None else None
    return NumberFormat(code, sections, uniform)


def builtin(number_format_id: int) -> NumberFormat:
    """A built-in format by its id (an unknown id reads as General)."""
    return parse(BUILTIN.get(number_format_id, "General"))
