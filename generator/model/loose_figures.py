"""Figures typed as plain digits in a narrative cell: "全年办理案件156起" where a figure is 156.

Such a number reads right today and goes stale with the next correction of the workbook, so it is a
warning that names the cell, the figure and the citation to type instead.  To keep the warning
worth reading, a number is left alone when it is:

- inside 〔〕 (a citation, or the year of a 发文字号 such as 〔2026〕3号) or 《》 (a title);
- a year, a date or a time (followed by 年/月/日/时/号, or four digits from 1900 to 2100);
- an ordinal or a number in a name (after 第 or No, or next to a letter, "/", "-" or "." such as
  "GB/T 9704-2012");
- under 10: single digits (3项, 5家, 一是…) match some figure in almost every workbook;
- followed by a time unit (法定12天) when the figure is not a duration (12台).

A percentage is compared with the rates, any other number with the counts and amounts (in 元, so
"35.68万元" matches 356800 元).  Each number is reported once per cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from generator.errors import Problem, Severity

if TYPE_CHECKING:
    from generator.model.citations import Cited

_MASKED = re.compile(r"〔[^〔〕]*〕|《[^《》]*》")
_NUMBER = re.compile(r"(?<![A-Za-z0-9./\-－—])(\d+(?:\.\d+)?)(万|亿)?(%)?(?![A-Za-z0-9./\-])")
_NOT_A_FIGURE_AFTER = tuple("年月日时号届期版条款")
_MULTIPLIER = {"万": Decimal(10_000), "亿": Decimal(100_000_000), None: Decimal(1)}
SMALLEST = 10  # below this a plain number is not compared
DURATIONS = ("个工作日", "工作日", "小时", "分钟", "天", "周")  # a time limit, not a count


def _rate(f: Cited) -> bool:
    from generator.model.citations import is_rate

    return is_rate(f.kind, f.unit)


def _in_yuan(f: Cited) -> Decimal:
    value = Decimal(f.value)  # type: ignore[arg-type]
    return value * 10_000 if f.unit == "万元" else value * 100_000_000 if f.unit == "亿元" else value


def repeated(text: str, figures: Iterable[Cited]) -> list[tuple[str, list[Cited]]]:
    """Each plain number in ``text`` (as typed, once) that equals one or more figures' value this year."""
    exact = [f for f in figures if isinstance(f.value, (int, Decimal)) and not isinstance(f.value, bool)]
    text = unicodedata.normalize("NFKC", _MASKED.sub(lambda m: " " * len(m[0]), text))
    out: list[tuple[str, list[Cited]]] = []
    said: set[str] = set()
    for m in _NUMBER.finditer(text):
        number, mul, pct = m[1], m[2], m[3]
        rest = text[m.end() :]
        if text[: m.start()].endswith(("第", "No", "NO")) or rest.startswith(_NOT_A_FIGURE_AFTER):
            continue
        value = Decimal(number) * _MULTIPLIER[mul]
        if value < SMALLEST or (not mul and not pct and "." not in number and 1900 <= value <= 2100):
            continue
        if pct:
            same = [f for f in exact if _rate(f) and Decimal(f.value) == value]  # type: ignore[arg-type]
        else:
            same = [f for f in exact if not _rate(f) and _in_yuan(f) == value and _same_unit(rest, f)]
        if same and m[0] not in said:
            said.add(m[0])
            out.append((m[0], same))
    return out


def _same_unit(rest: str, f: Cited) -> bool:
    """False when the number is followed by a duration and the figure is not one (法定12天, 12台)."""
    unit = next((u for u in DURATIONS if rest.startswith(u)), "")
    return not unit or f.unit.startswith(unit)


def loose_figures(text: str, where: str, figures: Iterable[Cited], problems: list[Problem]) -> None:
    """Warn about each plain number in ``text`` equal to a figure's value this year."""
    for typed, same in repeated(text, figures):
        names = "、".join(f"“{f.label}”（{f.value_cell}）" for f in same[:3]) + ("等" if len(same) > 3 else "")
        first = same[0].label
        advice = f"，可改为〔{first}〕" if len(same) == 1 else f"；指的是哪一个就改为引用它，例如〔{first}〕"
        problems.append(
            Problem(
                Severity.WARNING,
                where,
                f"文字中的“{typed}”与指标{names}的本年数相同，但不会随数据更新{advice}。",
            )
        )
