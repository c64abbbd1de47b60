"""Figures cited in narrative cells: 〔行政处罚案件〕 becomes the figure, and follows its corrections.

A clerk writes "全年办理行政处罚案件〔行政处罚案件〕，〔行政处罚案件|同比〕" in Excel; the label in 〔〕
is looked up among the indicators (and the agency's own indicators) and replaced by the figure as
the report writes it, with its unit: "156起", "35.68万元", "98.5%".  After a bar (| or ｜) a form
asks for another figure worked out from the same row:

- ``〔X|上年〕``  last year's value with its unit: "145起";
- ``〔X|同比〕``  the change: "同比增长7.6%", "与上年持平", for rates "较上年提高1.5个百分点";
- ``〔X|增减〕``  the difference: "增加11起", "减少3起", for rates "提高1.5个百分点";
- ``〔X|占Y〕``   X as a share of the figure Y: "占受理信访事项合计的7.4%".

Workbooks written when a count came without its unit ("〔行政处罚案件〕起") keep printing "156起":
when the text right after the citation starts with the unit (or, for a count, with any measure
word), the unit is not added again.  Brackets holding only digits (发文字号 such as 〔2026〕) are
left alone.  The text comes back as spans (:mod:`generator.model.spans`), each cited figure a span that
knows its cell(s).  Plain digits that repeat a figure are pointed out (:mod:`generator.model.loose_figures`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Protocol

from generator.errors import Problem, Severity
from generator.model.loose_figures import loose_figures
from generator.model.numbers import change_clause, money, plain, scaled
from generator.model.spans import FigureRef, Operand, Source, Span, Spans, spans
from generator.model.values import APPROX_PREFIXES
from generator.read import catalogue as cat

CITATION = re.compile(r"〔([^〔〕]+)〕")
BAR = re.compile(r"[|｜]")
FORMS = "竖线后可写 上年、同比、增减，或“占”加另一个指标的名称（例如〔来信|占受理信访事项合计〕）"
# a count's measure words: "〔行政处罚案件〕宗" is the clerk's own word for the unit, printed instead of it
MEASURE_WORDS = frozenset("起件宗人名户家个项次场期篇份条台套所批张册本卷例")
WAN, YI = Decimal(10_000), Decimal(100_000_000)


class Cited(Protocol):
    """What the Citer reads of a figure (the model's ``Figure``)."""

    @property
    def label(self) -> str: ...
    @property
    def kind(self) -> cat.Kind: ...
    @property
    def unit(self) -> str: ...
    @property
    def value(self) -> object: ...
    @property
    def prev(self) -> object: ...
    @property
    def value_cell(self) -> str: ...
    @property
    def prev_cell(self) -> str: ...
    @property
    def approx(self) -> str: ...
    @property
    def prev_approx(self) -> str: ...
    @property
    def scale(self) -> str: ...  # the 万 or 亿 this year's figure was typed with, if any
    @property
    def prev_scale(self) -> str: ...


Say = Callable[[str], None]


def is_rate(kind: cat.Kind, unit: str) -> bool:
    return kind is cat.Kind.RATE or unit in ("%", "％")


def is_money(kind: cat.Kind, unit: str) -> bool:
    return kind is cat.Kind.AMOUNT or unit in ("元", "万元", "亿元")


def large(value: Decimal | int) -> str:
    """A count as the genre writes it: 1000000 → 100万, 515000000 → 5.15亿, 123456 stays."""
    v = Decimal(value)
    if v >= YI and v % (YI / 100) == 0:
        return f"{plain(v / YI)}亿"
    if v >= 10 * WAN and v % (WAN / 10) == 0:
        return f"{plain(v / WAN)}万"
    return plain(v)


def number_and_unit(kind: cat.Kind, unit: str, value: object, approx: str = "", scale: str = "") -> tuple[str, str]:
    """The figure as the report writes it, split before its unit: ("300余", "份"), ("32万余", "元");
    a count typed with 万 or 亿 (``scale``) keeps it: ("100万余", "人次")."""
    if not isinstance(value, (int, Decimal)):
        return str(value), ""
    if is_rate(kind, unit):
        number, unit = plain(value), "%"
    elif is_money(kind, unit):
        yuan = Decimal(value) * (YI if unit == "亿元" else 1)
        number, unit = money(yuan, "元" if unit == "亿元" else unit)[:-1], "元"
    else:
        number = scaled(value, scale) if scale else large(value)
    if approx in APPROX_PREFIXES:
        return approx + number, unit
    if unit == "%" and approx:  # 95%以上, not 95以上%
        return number, unit + approx
    return number + approx, unit


def with_unit(kind: cat.Kind, unit: str, value: object, approx: str = "") -> str:
    """The figure with its unit, approximate marks kept: 300余份, 超过100件, 32万余元, 98.5%."""
    number, unit = number_and_unit(kind, unit, value, approx)
    return number + unit


def cited_number(kind: cat.Kind, unit: str, value: object, approx: str = "") -> str:
    """The figure as templates' ``.number`` gives it: a count alone ("300余"), money and rates with
    the unit that is part of the form ("32万余元", "98.5%")."""
    number, shown_unit = number_and_unit(kind, unit, value, approx)
    return number + shown_unit if is_rate(kind, unit) or is_money(kind, unit) else number


def _unit_follows(after: str, kind: cat.Kind, unit: str) -> bool:
    """Whether the clerk typed the unit after the citation ("〔行政处罚案件〕起", "〔满意度〕%")."""
    after = unicodedata.normalize("NFKC", after[:4])
    if not after or not unit:
        return False
    head = unicodedata.normalize("NFKC", unit).split("(")[0] or unit
    if after.startswith(head):
        return True
    return not is_rate(kind, unit) and not is_money(kind, unit) and after[0] in MEASURE_WORDS


def _held(value: object) -> str:
    return plain(value) if isinstance(value, (int, Decimal)) else str(value)


class Citer:
    """Replaces 〔label〕 in narrative text; reports unknown labels, empty cells and unusable forms."""

    def __init__(self, figures: list[Cited], problems: list[Problem], unread: frozenset[str] = frozenset()) -> None:
        # two figures with one label are an error of the figures' validation (own_figures.check_labels);
        # here the first keeps the label, so a citation of it reads one figure
        self.figures: dict[str, Cited] = {}
        for f in figures:
            self.figures.setdefault(f.label, f)
        self.unread = unread  # labels on sheets that could not be read: already reported there

    def _find(self, label: str, cited: str, where: str, problems: list[Problem]) -> Cited | None:
        if label in self.figures:
            return self.figures[label]
        close = difflib.get_close_matches(label, list(self.figures), n=3, cutoff=0.3)
        hint = f"最接近的指标：{'、'.join(close)}" if close else "请核对指标表中的名称"
        problems.append(Problem(Severity.ERROR, where, f"引用的指标“{cited}”不存在（{hint}）。"))
        return None

    def __call__(self, text: str, where: str, problems: list[Problem]) -> Spans:
        def error(message: str) -> None:
            problems.append(Problem(Severity.ERROR, where, message))

        def replace(m: re.Match[str]) -> str | Span:
            inner = m[1].strip()
            label, form = [*(part.strip() for part in BAR.split(inner, 1)), ""][:2]
            if label.isdigit() or label in self.unread:
                return m[0]
            f = self._find(label, m[0], where, problems)
            if f is None:
                return m[0]
            if f.value is None:
                error(f"引用了指标“{m[0]}”，但它在指标表中没有填写本年数值（{f.value_cell}）。请补填或改写这句话。")
                return m[0]
            after = text[m.end() :]
            shown = _form(f, form, m[0], after, error, lambda name: self._find(name, m[0], where, problems))
            return m[0] if shown is None else shown

        parts: list[str | Span] = []
        pos = 0
        for m in CITATION.finditer(text):
            parts += [text[pos : m.start()], replace(m)]
            pos = m.end()
        parts.append(text[pos:])
        loose_figures(text, where, self.figures.values(), problems)
        return spans(*parts)


def _exact(f: Cited, which: str, cited: str, say: Say) -> Decimal | None:
    """This year's (or last year's) value as an exact number, or an error saying why it cannot be used."""
    value, approx, cell = (f.value, f.approx, f.value_cell) if which == "本年" else (f.prev, f.prev_approx, f.prev_cell)
    if value is None:
        say(f"引用了“{cited}”，但{cell}（{f.label}的{which}数值）是空的。请在该单元格填写{which}数值，或改写这句话。")
        return None
    if not isinstance(value, (int, Decimal)) or approx:
        shown = cited_number(f.kind, f.unit, value, approx)
        say(f"引用了“{cited}”，但{cell}的“{shown}”不是确切的数，无法计算。请填写确切数值，或改写这句话。")
        return None
    return Decimal(value)


Find = Callable[[str], "Cited | None"]


def _form(f: Cited, form: str, cited: str, after: str, say: Say, find: Find) -> FigureRef | None:
    """The span a citation form prints, or None after reporting why it cannot."""
    this = Operand(f.label, f.value_cell, _held(f.value))
    if form == "":
        number, unit = number_and_unit(f.kind, f.unit, f.value, f.approx, f.scale)
        shown = number if _unit_follows(after, f.kind, unit) else number + unit
        return FigureRef(shown, Source(f.label, shown, f.value_cell, this.value))
    if form in ("上年", "上年数"):
        if f.prev is None:
            _exact(f, "上年", cited, say)  # reports the empty cell
            return None
        number, unit = number_and_unit(f.kind, f.unit, f.prev, f.prev_approx, f.prev_scale)
        shown = number if _unit_follows(after, f.kind, unit) else number + unit
        return FigureRef(shown, Source(f.label, shown, f.prev_cell, _held(f.prev)))
    if form in ("同比", "增减"):
        value, prev = _exact(f, "本年", cited, say), _exact(f, "上年", cited, say)
        if value is None or prev is None:
            return None
        last = Operand(f"{f.label}（上年）", f.prev_cell, _held(f.prev))
        if form == "同比":
            shown = change_clause(value, prev, is_rate(f.kind, f.unit))
            if not shown:
                say(f"“{cited}”：上年数值为0（{f.prev_cell}），无法计算增长百分比。可改用〔{f.label}|增减〕。")
                return None
        else:
            shown = _difference(f, value, prev, after)
        return FigureRef(shown, Source(f.label, shown, f.value_cell, this.value, (last,)))
    if form.startswith("占") and len(form) > 1:
        whole = find(form[1:].strip())
        if whole is None:
            return None
        if is_rate(f.kind, f.unit) or is_rate(whole.kind, whole.unit):
            say(f"“{cited}”：百分比不能再算占比，“占”只用于数量和金额。")
            return None
        part, total = _exact(f, "本年", cited, say), _exact(whole, "本年", cited, say)
        if part is None or total is None:
            return None
        if total == 0:
            say(f"“{cited}”：{whole.label}的本年数值为0（{whole.value_cell}），无法计算占比。")
            return None
        scale = (WAN if f.unit == "万元" else Decimal(1)) / (WAN if whole.unit == "万元" else Decimal(1))
        ratio = (part * scale / total * 100).quantize(Decimal("0.1"))
        shown = f"占{whole.label}的{plain(ratio)}%"
        other = Operand(whole.label, whole.value_cell, _held(whole.value))
        return FigureRef(shown, Source(f.label, shown, f.value_cell, this.value, (other,)))
    say(f"“{cited}”的写法无法识别：{FORMS}。")
    return None


def _difference(f: Cited, value: Decimal, prev: Decimal, after: str) -> str:
    """增加12起 / 减少3起 / 与上年持平; rates change in 百分点."""
    if value == prev:
        return "与上年持平"
    diff = abs(value - prev)
    if is_rate(f.kind, f.unit):
        return f"{'提高' if value > prev else '下降'}{plain(diff)}个百分点"
    number, unit = number_and_unit(f.kind, f.unit, diff)
    return f"{'增加' if value > prev else '减少'}{number}{'' if _unit_follows(after, f.kind, unit) else unit}"
