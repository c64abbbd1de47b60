"""A number typed as text meets exactly the rules of the number: same figure, same errors, same warnings.

The property compares two validations of the sample workbook that differ in one cell only: the cell
holding a number, and the cell holding the same number as text (as typed, or in full-width digits).
Every problem (severity, cell, message) and every figure must be the same.  Cells cover each kind of
figure and each kind of rule: a count that is a total of parts, a part of a whole, an amount, a rate,
and a 特色指标 figure.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.validation import validate
from generator.read.reader import Cell, RawWorkbook, read_workbook
from tests.conftest import SAMPLE

CELLS = [
    ("petitions", "total"),  # the total of a sum rule
    ("petitions", "letters"),  # a part of that sum
    ("disputes", "litigation_lost"),  # a part that may not exceed its whole
    ("enforcement", "fines"),  # an amount
    ("enforcement", "random_rate"),  # a rate
    ("petitions", "satisfaction"),  # a rate
    ("special", "hospital_checks"),  # 特色指标
]
FULL_WIDTH = str.maketrans("0123456789.-+e", "０１２３４５６７８９．－＋ｅ")


@cache
def sample() -> RawWorkbook:
    return read_workbook(SAMPLE)


def with_value(sheet: str, key: str, value: Any, percent: bool = False) -> RawWorkbook:
    raw = sample()
    if sheet == "special":
        special = [
            dataclasses.replace(s, value=Cell(value, s.value.ref, percent)) if s.key == key else s for s in raw.special
        ]
        return dataclasses.replace(raw, special=special)
    ind = raw.indicators[sheet][key]
    changed = dataclasses.replace(ind, value=Cell(value, ind.value.ref, percent))
    return dataclasses.replace(raw, indicators={**raw.indicators, sheet: {**raw.indicators[sheet], key: changed}})


def verdict(raw: RawWorkbook, sheet: str, key: str) -> tuple[Any, ...]:
    report, problems = validate(raw)
    said = [(p.severity, p.where, p.message) for p in problems]
    if report is None:
        return said, None
    figures = report.special if sheet == "special" else report.figures[sheet].values()
    figure = next(f for f in figures if f.key == key)
    return said, figure.value, figure.approx


NUMBERS = st.one_of(
    st.sampled_from([0, 1, 0.5, 0.973, 1.0, 97.3, 100, 100.5, 103.5, -0.5, -3, 2.5, 1e-05, 1e16, 5.0, 7, 8]),
    st.integers(min_value=-(10**17), max_value=10**17),
    st.floats(min_value=-1e18, max_value=1e18, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=150, deadline=None)
@given(where=st.sampled_from(CELLS), number=NUMBERS, full_width=st.booleans())
def test_a_number_typed_as_text_is_judged_as_the_number(where: tuple[str, str], number: Any, full_width: bool) -> None:
    text = repr(number) if isinstance(number, float) else str(number)
    typed = text.translate(FULL_WIDTH) if full_width else text
    assert verdict(with_value(*where, typed), *where) == verdict(with_value(*where, number), *where)


@pytest.mark.parametrize("typed", ["0.973", "０.９７３", " 0.973 ", ".973"])
def test_a_rate_typed_as_a_fraction_in_text_is_read_as_a_share_of_100_with_the_warning(typed: str) -> None:
    said, value, _ = verdict(with_value("petitions", "satisfaction", typed), "petitions", "satisfaction")
    shown = typed.strip().replace("０.９７３", "0.973")
    assert value == Decimal("97.3")
    assert next(s for s in said if s[1] == "信访!C14")[2] == (
        f"群众满意度：填的是 {shown}，按 97.3% 理解。如果实际是 {shown}%，请填写“{shown}%”。"
    )


@pytest.mark.parametrize(("number", "typed"), [(0.973, "97.3%"), (0.005, "0.5%"), (1.035, "103.5%"), (0, "0%")])
def test_a_percentage_cell_and_a_percentage_typed_as_text_agree(number: float, typed: str) -> None:
    numeric = verdict(with_value("petitions", "satisfaction", number, percent=True), "petitions", "satisfaction")
    text = verdict(with_value("petitions", "satisfaction", typed), "petitions", "satisfaction")
    assert numeric == text


def test_a_rate_over_100_typed_as_text_is_refused_as_the_number_is() -> None:
    said, *_ = verdict(with_value("petitions", "satisfaction", "103.5"), "petitions", "satisfaction")
    assert said == [
        (
            said[0][0],
            "信访!C14",
            "群众满意度：比率不能超过100%，现在是“103.5”。请按百分数填写，例如 98.5 表示 98.5%。",
        )
    ]
    assert said[0][0].name == "ERROR"


def test_a_fraction_in_a_format_that_only_writes_a_percent_sign_is_read_as_it_shows() -> None:
    """0.5 in 0.0"%" shows as 0.5%: it is 0.5 %, with no warning about fractions."""
    raw = sample()
    ind = raw.indicators["petitions"]["satisfaction"]
    cell = Cell(0.5, ind.value.ref, percent_sign=True)
    changed = dataclasses.replace(ind, value=cell, prev=Cell(0.6, ind.prev.ref, percent_sign=True))
    raw = dataclasses.replace(
        raw, indicators={**raw.indicators, "petitions": {**raw.indicators["petitions"], "satisfaction": changed}}
    )
    assert verdict(raw, "petitions", "satisfaction") == ([], Decimal("0.5"), "")
