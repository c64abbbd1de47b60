"""Where the data sentences go: which figures a subsection still has to say, and with which measure.

Part of the renderer, between the report and :mod:`generator.render.sentences`.  The narrative's
figures are found first (every figure a narrative cell cites, and every number typed as plain
digits that equals one figure's value): those are stated, and no sentence says them again.  The
rest of a subsection's figures are said after the measure that cites figures of the same sheet —
the measure they belong to — or after its last measure, or, when it has none, in a paragraph of
their own under its heading.
"""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from generator.model.citations import is_rate
from generator.model.loose_figures import repeated
from generator.model.report import Figure, Item, Report
from generator.model.spans import FigureRef, Spans, Text
from generator.read import catalogue as cat
from generator.render.clauses import CLAUSES, SHEET_SECTIONS
from generator.render.figure_views import FigureView, Ledger
from generator.render.sentences import Fact, own_clause, relabelled, select, sentences
from generator.render.tokens import Tokens

OWN = cat.SPECIAL_SHEET  # the group of a subsection's own figures, named as their sheet


def _narrative(report: Report) -> list[Spans]:
    bodies: list[Spans] = [i.text for i in (*report.measures, *report.duties, *report.plans, *report.others)]
    bodies += [*report.shortcomings, *report.causes, *report.texts.values()]
    bodies += [spec.lead for spec in report.sections if spec.lead]
    return bodies


def stated_cells(report: Report) -> set[str]:
    """The cells of the figures the narrative states: cited, or typed again as plain digits."""
    every = [f for sheet in report.figures.values() for f in sheet.values()] + list(report.special)
    by_cell = {f.value_cell: f for f in every}
    by_prev = {f.prev_cell: f for f in every if f.prev_cell}
    cells: set[str] = set()
    for body in _narrative(report):
        for span in body:
            if isinstance(span, FigureRef):
                f = by_cell.get(span.source.cell) or by_prev.get(span.source.cell)
                if f is not None:
                    cells.add(f.value_cell)
        text = " ".join(s.text for s in body if isinstance(s, Text))
        cells |= {same[0].value_cell for _, same in repeated(text, every) if len(same) == 1}
    return cells


def _sheets_cited(item: Item) -> set[str]:
    return {s.source.cell.split("!", 1)[0] for s in item.text if isinstance(s, FigureRef)}


class Speaker:
    """The data sentences of one render, each figure said at most once."""

    def __init__(self, report: Report, tokens: Tokens, ledger: Ledger) -> None:
        self.report, self.tokens, self.ledger = report, tokens, ledger

    def _fact(self, key: str, figure: Figure, clause_: object) -> tuple[Fact, FigureView] | None:
        view = FigureView(figure, self.tokens, self.ledger)
        if not view or not view.free:
            return None
        return Fact(key, clause_, "", view.yoy, view.is_zero), view  # type: ignore[arg-type]

    def groups(self, section: str, own_only: bool = False) -> list[tuple[str, list[Fact]]]:
        """A subsection's figures still to be said, by sheet (its Chinese name), in catalogue order,
        the department's own (特色指标) last."""
        out: list[tuple[str, list[Fact]]] = []
        for spec in () if own_only else cat.INDICATOR_SHEETS:
            found: list[tuple[Fact, FigureView]] = []
            for ind in spec.indicators:
                clause_ = CLAUSES[spec.key][ind.key]
                if (clause_.section or SHEET_SECTIONS[spec.key]) != section:
                    continue
                figure = self.report.figures[spec.key][ind.key]
                if figure.catalogue_label:
                    rate = is_rate(figure.kind, figure.unit)
                    clause_ = relabelled(clause_, figure.catalogue_label, figure.label, rate)
                pair = self._fact(ind.key, figure, clause_)
                if pair:
                    found.append(pair)
            out.append((spec.name, self._said(found)))
        own = [
            pair
            for f in self.report.special
            if f.section == section
            and (pair := self._fact(f.key, f, own_clause(f.label, is_rate(f.kind, f.unit), f.key)))
        ]
        out.append((OWN, self._said(own)))
        return [(name, facts) for name, facts in out if facts]

    def _said(self, found: list[tuple[Fact, FigureView]]) -> list[Fact]:
        """The facts that will be said, each printed (and so marked with its cell) and noted as said."""
        views = {fact.key: view for fact, view in found}
        out = []
        for fact in select([fact for fact, _ in found]):
            view = views[fact.key]
            view.said()
            shown = view._record(fact.clause.zero) if fact.zero else str(view)
            out.append(replace(fact, shown=shown))
        return out

    def paragraph(self, section: str, lead: str = "") -> str:
        """All the subsection's figures still to be said, as one paragraph ("" when none)."""
        facts = [fact for _, group in self.groups(section) for fact in group]
        return "".join(sentences(facts, lead=lead))

    def own_paragraph(self, section: str) -> str:
        """Only the subsection's own figures (特色指标), as one paragraph."""
        return "".join(sentences([fact for _, group in self.groups(section, own_only=True) for fact in group]))

    def placed(self, section: str, items: list[Item]) -> tuple[list[SimpleNamespace], str]:
        """The subsection's measures with its data sentences after the measure each belongs to, and
        the paragraph of those that have no measure to go with."""
        data = self.tokens.data
        texts = [data(i.text) for i in items]
        left = ""
        dated: set[int] = set()  # the measures whose data sentences have said "全年" once
        for sheet, facts in self.groups(section):
            citing = [n for n, item in enumerate(items) if sheet in _sheets_cited(item)]
            at = (citing[-1] if citing else len(items) - 1) if items else -1
            said = "".join(sentences(facts, year=at not in dated))
            dated.add(at)
            if at < 0:
                left += said
            else:
                texts[at] += said
        entries = [SimpleNamespace(title=data(i.title), text=t) for i, t in zip(items, texts, strict=True)]
        return entries, left


def sections_with_own(report: Report) -> list[str]:
    """The subsections the department's own figures are filed under, each once, in row order."""
    return list(dict.fromkeys(f.section for f in report.special if f.section and f.value is not None))
