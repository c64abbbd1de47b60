"""Figures cited in narrative cells: 〔行政处罚案件〕 becomes the figure, and follows its corrections.

A clerk writes "全年办理行政处罚案件〔行政处罚案件〕起" in Excel; the label in 〔〕 is looked up among
the indicators (and the agency's own indicators) and replaced by the figure as the report writes it:
the number alone for counts ("168"), with its unit where the unit is part of the form ("35.68万元",
"98.5%").  Brackets holding only digits (发文字号 such as 〔2026〕) are left alone.  The text comes
back as spans (:mod:`generator.spans`), each cited figure a span that knows its cell.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal

from . import catalogue as cat
from .errors import Problem, Severity
from .numbers import money, percent, plain
from .spans import FigureRef, Source, Span, Spans, spans
from .values import APPROX_PREFIXES

CITATION = re.compile(r"〔([^〔〕]+)〕")


def cited_number(kind: cat.Kind, unit: str, value: object, approx: str = "") -> str:
    """The figure as the report writes it, approximate marks kept: 300余, 超过100, 32万余元."""
    if kind is cat.Kind.AMOUNT:
        text = money(Decimal(str(value)), unit)
    elif kind is cat.Kind.RATE:
        text = percent(Decimal(str(value)))
    elif isinstance(value, (int, Decimal)):
        text = plain(value)
    else:
        return str(value)
    if approx in APPROX_PREFIXES:
        return approx + text
    if approx and text.endswith("元"):
        return text[:-1] + approx + "元"
    return text + approx


class Citer:
    """Replaces 〔label〕 in narrative text; reports unknown or empty labels with their cell."""

    def __init__(
        self, figures: dict[str, tuple[cat.Kind, str, object, str, str]], unread: frozenset[str] = frozenset()
    ) -> None:
        self.figures = figures  # label -> (kind, unit, value, cell, approximation mark)
        self.unread = unread  # labels on sheets that could not be read: already reported there

    def __call__(self, text: str, where: str, problems: list[Problem]) -> Spans:
        def replace(m: re.Match[str]) -> str | Span:
            label = m[1].strip()
            if label.isdigit() or label in self.unread:
                return m[0]
            if label not in self.figures:
                close = difflib.get_close_matches(label, list(self.figures), n=3, cutoff=0.3)
                hint = f"最接近的指标：{'、'.join(close)}" if close else "请核对指标表中的名称"
                problems.append(Problem(Severity.ERROR, where, f"引用的指标“〔{label}〕”不存在（{hint}）。"))
                return m[0]
            kind, unit, value, cell, approx = self.figures[label]
            if value is None:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        where,
                        f"引用了指标“〔{label}〕”，但它在指标表中没有填写本年数值。请补填或改写这句话。",
                    )
                )
                return m[0]
            shown = cited_number(kind, unit, value, approx)
            cell_value = plain(value) if isinstance(value, (int, Decimal)) else str(value)
            return FigureRef(shown, Source(label, shown, cell, cell_value))

        parts: list[str | Span] = []
        pos = 0
        for m in CITATION.finditer(text):
            parts += [text[pos : m.start()], replace(m)]
            pos = m.end()
        parts.append(text[pos:])
        return spans(*parts)
