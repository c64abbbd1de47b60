"""What templates see: the report's figures as views that print themselves, and the helpers.

Part of the renderer (:mod:`generator.render.engine` runs the templates).  Each value a template prints
from the workbook goes through the render's :class:`~generator.render.tokens.Tokens`, so that it comes back
from :mod:`generator.render.markup` as text that stays text, and each figure as a span with its cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from jinja2 import TemplateError

from generator.model.numbers import chinese_date
from generator.model.report import Item, Report
from generator.model.spans import Spans, Text
from generator.model.spans import plain as plain_text
from generator.read import catalogue as cat
from generator.render.figure_views import EmptyFigure, FigureView, Ledger, SheetView, phrase
from generator.render.outline import chinese_numeral
from generator.render.said import Speaker, sections_with_own, stated_cells
from generator.render.tokens import Tokens

__all__ = ["EmptyFigure", "finalize", "template_context"]


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
    return "\n".join(f"【{level}】{e.title}【正文】{e.text}" if e.title else e.text for e in entries)


def finalize(value: Any) -> Any:
    """Every printed value passes here: a blank where a figure should be is an error."""
    if value is None:
        raise EmptyFigure("空值（None）")
    if isinstance(value, FigureView) and not value:
        raise EmptyFigure(value.label)
    return value


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

    ledger = Ledger(stated_cells(report))
    speaker = Speaker(report, tokens, ledger)

    def entries(items_: list[Item]) -> list[SimpleNamespace]:
        return [SimpleNamespace(title=data(i.title), text=data(i.text)) for i in items_]

    def extras(section: str) -> str:
        """The subsection's own figures (特色指标) not stated by the narrative, in sentences."""
        return speaker.own_paragraph(tokens.without_data(section))

    def said_in(section: str, lead: str = "") -> str:
        """All the subsection's figures not stated by the narrative nor said yet, one paragraph."""
        return speaker.paragraph(tokens.without_data(section), lead=lead)

    def subsection(key: str) -> str:
        """A subsection of item 一: its heading, lead, measures and the data sentences with them."""
        key = tokens.without_data(key)
        measures_, left = speaker.placed(key, sections.get(key) or custom.get(key, []))
        return "\n".join(
            part for part in (f"【二级】{title_of(key)}", lead_of(key).rstrip("\n"), left, items(measures_)) if part
        )

    titles = {spec.name: spec.title for spec in report.sections if spec.title}
    by_short = {sub.short: sub.key for sub in cat.SUBSECTIONS}
    key_titles = {by_short.get(name, name): title for name, title in titles.items()}
    leads = {by_short.get(spec.name, spec.name): spec.lead for spec in report.sections if spec.lead}
    default_titles = {sub.key: sub.title for sub in cat.SUBSECTIONS}

    def title_of(key: str, default: str = "") -> str:
        """A subsection's heading: the workbook's (报告结构) or the agency profile's title, else the
        template's ``default``, else the catalogue's; a subsection of the clerk's own is titled by its
        name, which is workbook text like any other (a 【】 in it prints, it marks nothing)."""
        if key in key_titles:
            return data(key_titles[key])
        return default or default_titles.get(key) or data(key)

    def lead_of(key: str) -> str:
        """A subsection's lead paragraph (报告结构's 引语), a paragraph of its own; "" when none."""
        return data(leads[key]) + "\n" if key in leads else ""

    def title_text(body: Spans) -> str:
        """The clerk's title, free to break where the cell has a line break, else after the agency's
        name, as the default title's 【换行】 does (:mod:`generator.docx.title_layout`)."""
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
    own_sections = sections_with_own(report)
    order += [name for name in [*custom, *own_sections] if name not in order]
    section_list = [
        SimpleNamespace(
            key=key,
            standard=key in sections,
            title=data(key_titles.get(key, key)),
            lead=lead_of(key),
            measures=entries(sections.get(key) or custom.get(key, [])),
        )
        for key in order
        if key in sections or key in custom or key in leads or key in own_sections
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
        "extras": extras,
        "said_in": said_in,
        "subsection": subsection,
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
        ctx[key] = SheetView(figures, tokens=tokens, ledger=ledger)
    ctx["own"] = SheetView({f.key: f for f in report.special}, lenient=True, tokens=tokens, ledger=ledger)
    return ctx
