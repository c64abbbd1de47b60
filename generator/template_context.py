"""What templates see: the report's figures as views that print themselves, and the helpers.

Part of the renderer (:mod:`generator.render` runs the templates).  Each value a template prints
from the workbook goes through the render's :class:`~generator.tokens.Tokens`, so that it comes back
from :mod:`generator.markup` as text that stays text, and each figure as a span with its cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from jinja2 import TemplateError

from . import catalogue as cat
from .citations import cited_number, is_rate
from .model import Figure, Item, Report
from .numbers import change_clause, chinese_date, plain, scaled
from .outline import chinese_numeral
from .spans import Source, Spans, Text
from .spans import plain as plain_text
from .tokens import Tokens
from .values import APPROX_PREFIXES


class EmptyFigure(Exception):
    """A template printed a figure that has no value."""


class FigureView:
    """A figure as templates see it: prints with its unit; false when the workbook left it empty."""

    def __init__(self, figure: Figure, tokens: Tokens | None = None) -> None:
        self._f = figure
        self._tokens = tokens  # the render's: a printed figure comes back as a span with its cell

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

    def __init__(self, figures: dict[str, Figure], lenient: bool = False, tokens: Tokens | None = None) -> None:
        self._figures = {k: FigureView(f, tokens) for k, f in figures.items()}
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
    nothing when last year is unknown).  ``zero`` is said instead when the figure is 0
    ("" leaves the clause out, "无败诉案件" says so in words).
    """
    if not figure:
        return ""
    if figure._f.catalogue_label:  # relabelled by the clerk: the clerk's words, not the template's
        lead = "全年" if pattern.startswith("全年") else ""
        pattern = lead + figure.label + "{}" + ("{同比}" if "{同比}" in pattern else "")
        zero = None if zero else zero  # the template's words for a zero are about its own label
    if zero is not None and figure.is_zero:
        return figure._record(zero)
    yoy = figure.yoy
    text = pattern.replace("{}", str(figure)).replace("{同比}", f"，{yoy}" if yoy else "")
    return text.replace("{上年}", figure.prev) if "{上年}" in text else text


def _flatten(parts: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if isinstance(p, (list, tuple)):
            out.extend(_flatten(p))
        elif isinstance(p, FigureView):
            if p:
                out.append(str(p))
        elif p:
            out.append(str(p))
    return out


def join(*parts: Any, sep: str = "，", lead: str = "", end: str = "") -> str:
    """Join the non-empty parts; "" when all are empty, so a sentence with no figures disappears."""
    kept = _flatten(parts)
    if not kept:
        return ""
    return lead + sep.join(kept) + end


def sentence(*parts: Any, lead: str = "") -> str:
    """Clauses joined with "，" into one sentence ending in "。"; "" when every clause is empty."""
    return join(*parts, sep="，", lead=lead, end="。")


def ordinal(items: list[str], lead: str = "", end: str = "。") -> str:
    """一是……；二是…… ; a single item without the ordinal."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return lead + items[0] + end
    return lead + "；".join(f"{chinese_numeral(i)}是{t}" for i, t in enumerate(items, start=1)) + end


def items(entries: list[Any], level: str = "三级") -> str:
    """Narrative entries as run-in headings: 【三级】title【正文】text, one a line."""
    if level not in ("二级", "三级", "四级"):
        raise TemplateError(f"items() 的层级只能是 二级、三级 或 四级，现在是“{level}”")
    return "\n".join(f"【{level}】{e.title}【正文】{e.text}" for e in entries)


def finalize(value: Any) -> Any:
    """Every printed value passes here: a blank where a figure should be is an error."""
    if value is None:
        raise EmptyFigure("空值（None）")
    if isinstance(value, FigureView) and not value:
        raise EmptyFigure(value.label)
    return value


def plain_value(value: object) -> str:
    return plain(value) if isinstance(value, (int, Decimal)) else str(value)


def template_context(report: Report, tokens: Tokens) -> dict[str, Any]:
    """The names a template sees: the report's values printed through ``tokens``, and the helpers."""
    data = tokens.data
    sections: dict[str, list[Item]] = {s.key: [] for s in cat.SUBSECTIONS}
    custom: dict[str, list[Item]] = {}
    for m in report.measures:
        if m.section in sections:
            sections[m.section].append(m)
        else:
            custom.setdefault(m.section or "", []).append(m)

    def special_in(section: str) -> list[str]:
        """The agency's own figures filed under a subsection, as "label number unit" clauses."""
        section = tokens.without_data(section)
        return [
            data(f"{f.label}{FigureView(f, tokens)._record(FigureView(f)._shown())}")
            for f in report.special
            if f.section == section and f.value is not None
        ]

    def entries(items_: list[Item]) -> list[SimpleNamespace]:
        return [SimpleNamespace(title=data(i.title), text=data(i.text)) for i in items_]

    def extras(section: str) -> str:
        return join(special_in(section), lead="此外，", sep="，", end="。")

    titles = {spec.name: spec.title for spec in report.sections if spec.title}
    by_short = {sub.short: sub.key for sub in cat.SUBSECTIONS}
    key_titles = {by_short.get(name, name): title for name, title in titles.items()}
    leads = {by_short.get(spec.name, spec.name): spec.lead for spec in report.sections if spec.lead}
    default_titles = {sub.key: sub.title for sub in cat.SUBSECTIONS}

    def title_of(key: str, default: str = "") -> str:
        """A subsection's heading: the workbook's (报告结构) or the agency profile's title, else the
        template's ``default``, else the catalogue's."""
        return data(key_titles[key]) if key in key_titles else default or default_titles.get(key, key)

    def lead_of(key: str) -> str:
        """A subsection's lead paragraph (报告结构's 引语), a paragraph of its own; "" when none."""
        return data(leads[key]) + "\n" if key in leads else ""

    def title_text(body: Spans) -> str:
        """The clerk's title, free to break where the cell has a line break, else after the agency's
        name, as the default title's 【换行】 does (:mod:`generator.title_layout`)."""
        if any(not isinstance(s, Text) for s in body):
            return data(body)
        text = plain_text(body)
        pieces = [p.strip() for p in text.split("\n") if p.strip()]
        at = text.find(report.agency) + len(report.agency) if report.agency else -1
        if len(pieces) == 1 and 0 < at < len(text):
            pieces = [text[:at], text[at:]]
        return "【换行】".join(data(p) for p in pieces)

    def wording(name: str, default: str = "") -> str:
        """A text of the report: the workbook's (报告用语), or the agency profile's wording, or the
        template's ``default``."""
        if name in report.texts:
            return title_text(report.texts[name]) if name == "标题" else data(report.texts[name])
        return data(report.wording[name]) if name in report.wording else default

    # item 一's subsections: the profile's order first, then the standard ones, then the clerk's own
    order: list[str] = [by_short.get(spec.name, spec.name) for spec in report.sections]
    order += [sub.key for sub in cat.SUBSECTIONS if sub.key not in order]
    order += [name for name in custom if name not in order]
    section_list = [
        SimpleNamespace(
            key=key,
            standard=key in sections,
            title=data(key_titles.get(key, key)),
            lead=lead_of(key),
            measures=entries(sections.get(key) or custom.get(key, [])),
        )
        for key in order
        if key in sections or key in custom or key in leads
    ]

    ctx: dict[str, Any] = {
        "agency": data(report.agency),
        "self_name": data(report.self_name),
        "year": report.year,
        "next_year": report.year + 1,
        "addressee": data(report.addressee),
        "leadership": data(report.leadership),
        "coordinator": data(report.coordinator),
        "signature": data(report.signature),
        "date": data(chinese_date(report.date)),
        "measures": {k: entries(v) for k, v in sections.items()},
        "custom_sections": {data(k): entries(v) for k, v in custom.items()},
        "shortcomings": [data(t) for t in report.shortcomings],
        "causes": [data(t) for t in report.causes],
        "duties": entries(report.duties),
        "plans": entries(report.plans),
        "others": entries(report.others),
        "special_in": special_in,
        "extras": extras,
        "sections": section_list,
        "title_of": title_of,
        "lead_of": lead_of,
        "wording": wording,
        "items": items,
        "phrase": phrase,
        "join": join,
        "sentence": sentence,
        "ordinal": ordinal,
    }
    for key, figures in report.figures.items():
        ctx[key] = SheetView(figures, tokens=tokens)
    ctx["own"] = SheetView({f.key: f for f in report.special}, lenient=True, tokens=tokens)
    return ctx
