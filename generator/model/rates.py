"""Rates as clerks type them: 97.3, 0.973, "0.973", "９７.３", "97.3%", or 0.973 in a percentage cell.

Every way reads as the same share of 100 and meets the same rules; a number from 0 to 1 that is
not marked as a percentage is read as a fraction, with a warning that says how it was read.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from generator.errors import Problem, Severity
from generator.model.numbers import plain
from generator.model.values import APPROX_SUFFIXES, typed_number
from generator.read import catalogue as cat
from generator.read.reader import Cell


def share(fraction: Decimal) -> Decimal:
    """A fraction as a share of 100, as the percentage shows it: 0.005 → 0.5, 0.973 → 97.3."""
    return Decimal(plain(fraction * 100))


def rate_input(cell: Cell, ind: cat.Indicator, problems: list[Problem]) -> tuple[Any, str]:
    """A rate as typed: 0.973, "0.973", "９７.３" and "97.3%" meet the same rules as the number they are."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if cell.percent:  # 95% typed into a percentage cell is stored as 0.95
            return share(Decimal(repr(float(value)))), ""
        if cell.percent_sign:  # 0.5 in a 0.0"%" cell shows as 0.5%: it is the percentage
            return typed_number(value)
        typed = str(value)
    elif isinstance(value, str):
        typed = unicodedata.normalize("NFKC", value).strip()
        number, sign, after = typed.rpartition("%")
        if sign and (not after or after in APPROX_SUFFIXES):  # typed as a percentage: 97.3%, 95%以上
            return typed_number(number + after)
    else:
        return typed_number(value)
    number, approx = (Decimal(value), "") if isinstance(value, int) else typed_number(value)
    if isinstance(number, Decimal) and 0 < number <= 1:  # documented rule: a fraction is a share of 100
        shown = share(number)
        problems.append(
            Problem(
                Severity.WARNING,
                cell.ref,
                f"{ind.label}：填的是 {typed}，按 {plain(shown.normalize())}% 理解。"
                f"如果实际是 {typed}%，请填写“{typed}%”。",
            )
        )
        return shown, approx
    return number, approx
