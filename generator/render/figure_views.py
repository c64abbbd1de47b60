"""Figures as templates see them: views that print themselves with their unit and cell.

Part of the renderer.  A view prints through the render's :class:`~generator.render.tokens.Tokens`, so the
figure comes back from :mod:`generator.render.markup` as a span with its cell; it notes in the render's
:class:`Ledger` that it was said, so that no figure is said twice (a figure the narrative states is
in the ledger before the templates run).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.model.citations import cited_number, is_rate
from generator.model.numbers import change_clause, plain, scaled
from generator.model.report import Figure
from generator.model.spans import Source
from generator.model.values import APPROX_PREFIXES
from generator.read import catalogue as cat
from generator.render.sentences import in_clerks_words
from generator.render.tokens import Tokens


class Ledger:
    """The figures (by this year's cell) the narrative states and the draft has said so far."""

    def __init__(self, stated: set[str] | None = None) -> None:
        self.stated = set(stated or ())
        self.said: set[str] = set()

    def free(self, figure: Figure) -> bool:
        """True when the figure is neither stated by the narrative nor said already."""
        return figure.value_cell not in self.stated and figure.value_cell not in self.said

    def say(self, figure: Figure) -> None:
        self.said.add(figure.value_cell)


class EmptyFigure(Exception):
    """A template printed a figure that has no value."""


class FigureView:
    """A figure as templates see it: prints with its unit; false when the workbook left it empty."""

    def __init__(self, figure: Figure, tokens: Tokens | None = None, ledger: Ledger | None = None) -> None:
        self._f = figure
        self._tokens = tokens  # the render's: a printed figure comes back as a span with its cell
        self._ledger = ledger  # the render's: what the narrative states and what was said

    @property
    def free(self) -> bool:
        """Not yet stated by the narrative nor said by a sentence of the draft."""
        return self._ledger is None or self._ledger.free(self._f)

    def said(self) -> None:
        if self._ledger is not None:
            self._ledger.say(self._f)

    def _record(self, shown: str, prev: bool = False) -> str:
        """The printed figure, marked with its cell so that it comes back as a figure span."""
        if self._tokens is None:
            return shown
        value = self._f.prev if prev else self._f.value
        cell = self._f.prev_cell if prev else self._f.value_cell
        label = self._f.label + ("（上年）" if prev else "")
        return self._tokens.figure(Source(label, shown, cell, plain_value(value)))

    def _data(self, text: str) -> str:
        return text if self._tokens is None else self._tokens.data(text)

    def __bool__(self) -> bool:
        return self._f.value is not None

    @property
    def is_zero(self) -> bool:
        return isinstance(self._f.value, (int, Decimal)) and self._f.value == 0

    @property
    def label(self) -> str:
        return self._f.label

    @property
    def number(self) -> str:
        """The number alone, as written in the text (money includes its 万元)."""
        return self._data(self._record(self._format(self._f.value)))

    @property
    def prev(self) -> str:
        if self._f.prev is None:
            return ""
        return self._data(self._record(self._format(self._f.prev, prev=True), prev=True))

    @property
    def yoy(self) -> str:
        """同比增长12.3% / 与上年持平 / 较上年提高2个百分点; empty when last year is unknown or approximate."""
        v, p = self._f.value, self._f.prev
        if (
            not isinstance(v, (int, Decimal))
            or not isinstance(p, (int, Decimal))
            or self._f.approx
            or self._f.prev_approx
        ):
            return ""
        return change_clause(Decimal(v), Decimal(p), is_rate(self._f.kind, self._f.unit))

    def _format(self, value: Any, prev: bool = False) -> str:
        if value is None:
            raise EmptyFigure(self._f.label)
        approx = self._f.prev_approx if prev else self._f.approx
        scale = self._f.prev_scale if prev else self._f.scale
        if scale and isinstance(value, (int, Decimal)) and self._f.kind in (cat.Kind.COUNT, cat.Kind.NUMBER):
            text = scaled(value, scale)  # as typed: 100万余, not 1000000余
            return approx + text if approx in APPROX_PREFIXES else text + approx
        return cited_number(self._f.kind, self._f.unit, value, approx)

    def _shown(self) -> str:
        """This year's figure with its unit, as the draft prints it: 300余份, 100万余人次, 10件以上."""
        text = self._format(self._f.value)
        if self._f.kind in (cat.Kind.COUNT, cat.Kind.NUMBER):
            more = "以上" if self._f.approx == "以上" else ""
            text = text.removesuffix(more) + self._f.unit + more
        return text

    def __str__(self) -> str:
        return self._data(self._record(self._shown()))


class SheetView:
    """One indicator sheet: ``enforcement.penalty_cases`` is a :class:`FigureView`.

    ``lenient`` (the agency's own indicators, ``own.hospital_checks``): a key the workbook does not
    have reads as an empty figure, so a template's clause about it is left out."""

    def __init__(
        self,
        figures: dict[str, Figure],
        lenient: bool = False,
        tokens: Tokens | None = None,
        ledger: Ledger | None = None,
    ) -> None:
        self._figures = {k: FigureView(f, tokens, ledger) for k, f in figures.items()}
        self._lenient = lenient

    def __getattr__(self, key: str) -> FigureView:
        try:
            return self._figures[key]
        except KeyError:
            if self._lenient and not key.startswith("_"):
                return FigureView(Figure(key=key, label=key, kind=cat.Kind.NUMBER, unit=""))
            raise AttributeError(key) from None

    def __getitem__(self, key: str) -> FigureView:
        return self._figures[key]


def phrase(figure: FigureView, pattern: str, zero: str | None = None) -> str:
    """A clause about one figure, or "" when it is empty: ``phrase(f, "办理案件{}{同比}")``.

    ``{}`` is the figure with its unit, ``{上年}`` last year's, ``{同比}`` "，同比增长12.3%" (or
    nothing when last year is unknown).  ``zero`` is said instead when the figure is 0 ("无败诉案件");
    without it a zero is left out.  A figure the narrative states, or one said already, is left out.
    """
    if not figure or not figure.free:
        return ""  # empty, or stated by the narrative or said already: never said twice
    figure.said()
    old = figure._f.catalogue_label
    if old:  # relabelled by the clerk: the clerk's words in the template's clause, with its verb
        said, kept = in_clerks_words(pattern, old, figure.label, is_rate(figure._f.kind, figure._f.unit))
        if not kept:  # the clerk's label on its own keeps the template's 全年 and 同比
            said = ("全年" if pattern.startswith("全年") else "") + said + ("{同比}" if "{同比}" in pattern else "")
        pattern, zero = said, None  # the template's words for a zero are about its own label
    if figure.is_zero:  # said in words when the template gives them, else left out (never "0件")
        return figure._record(zero) if zero else ""
    yoy = figure.yoy
    text = pattern.replace("{}", str(figure)).replace("{同比}", f"，{yoy}" if yoy else "")
    return text.replace("{上年}", figure.prev) if "{上年}" in text else text


def plain_value(value: object) -> str:
    return plain(value) if isinstance(value, (int, Decimal)) else str(value)
