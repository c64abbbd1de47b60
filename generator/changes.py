"""What changed between two workbooks, and which sentences of the draft change as a result.

The cells are compared as the reader found them (every cell the report can use, by its place);
the sentences are compared after both workbooks went through validation and the templates, so
the account shows exactly what a reviewer will see differ in the new draft.  :func:`compare` is
the whole of it, for ``report-draft diff`` and the web alike: each workbook is read once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generator.pipeline import load
from generator.read import catalogue as cat
from generator.read.reader import Cell, RawWorkbook, read_workbook
from generator.render.engine import render_outline
from generator.render.outline import Outline, split_sentences


@dataclass(frozen=True)
class CellChange:
    cell: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class SentenceChange:
    old: str  # "" when the sentence is new
    new: str  # "" when the sentence is gone


def shown_value(value: Any) -> str:
    """A cell's value as the account shows it (whole floats without .0, an empty cell as （空）)."""
    if value is None:
        return "（空）"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or "（空）"


def labelled_cells(raw: RawWorkbook) -> dict[str, tuple[str, Any]]:
    """Every cell the report can draw on: its place → (what it is, its value)."""
    out: dict[str, tuple[str, Any]] = {}

    def put(cell: Cell | None, label: str) -> None:
        if cell is not None:
            out[cell.ref] = (label, cell.value)

    info = {f.key: f.label for f in (*cat.INFO_FIELDS, *cat.DISPATCH_FIELDS)}
    for key, cell in (*raw.info.items(), *raw.dispatch.items()):
        put(cell, info.get(key, key))
    for sheet in raw.indicators.values():
        for ind in sheet.values():
            put(ind.value, f"{ind.label}（本年）")
            put(ind.prev, f"{ind.label}（上年）")
            put(ind.unit, f"{ind.label}（单位）")
    for ind in raw.special:
        put(ind.value, f"{ind.label}（本年）")
        put(ind.prev, f"{ind.label}（上年）")
        put(ind.unit, f"{ind.label}（单位）")
        put(ind.section, f"{ind.label}（所属分项）")
        put(ind.label_cell, "指标")
    for rows in (*raw.narratives.values(), raw.structure or [], raw.wording or []):
        for row in rows:
            for column, cell in row.items():
                put(cell, column)
    return out


def _row_order(ref: str) -> tuple[str, int, str]:
    sheet, _, place = ref.partition("!")
    m = re.match(r"([A-Z]+)(\d+)", place)
    return (sheet, int(m[2]), m[1]) if m else (sheet, 0, place)


def cell_changes(old: RawWorkbook, new: RawWorkbook) -> list[CellChange]:
    a, b = labelled_cells(old), labelled_cells(new)
    out = []
    for ref in sorted(set(a) | set(b), key=_row_order):
        label = (b.get(ref) or a.get(ref) or ("", None))[0]
        before, after = shown_value(a.get(ref, ("", None))[1]), shown_value(b.get(ref, ("", None))[1])
        if before != after:
            out.append(CellChange(ref, label, before, after))
    return out


def sentences(outline: Outline) -> list[str]:
    return [s.strip() for line in outline.text().splitlines() for s in split_sentences(line)]


def sentence_changes(old: Outline, new: Outline) -> list[SentenceChange]:
    a, b = sentences(old), sentences(new)
    out: list[SentenceChange] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            out.append(SentenceChange(olds[k] if k < len(olds) else "", news[k] if k < len(news) else ""))
    return out


@dataclass(frozen=True)
class Comparison:
    """Two workbooks compared: the cells that differ and the draft's sentences that change with them."""

    old: str  # the workbooks as the account names them (their paths)
    new: str
    cells: list[CellChange] = field(default_factory=list)
    sentences: list[SentenceChange] = field(default_factory=list)

    def as_text(self) -> str:
        """The account ``report-draft diff`` prints: the cells, then the sentences, old above new."""
        lines = [f"比较：{self.old} → {self.new}", "", f"单元格的变化（{len(self.cells)} 处）："]
        lines += [f"  {c.cell}  {c.label}：{c.old} → {c.new}" for c in self.cells] or ["  （没有）"]
        lines += ["", f"报告中随之变化的句子（{len(self.sentences)} 处）："]
        for s in self.sentences:
            if s.old:
                lines.append(f"  原：{s.old}")
            if s.new:
                lines.append(f"  新：{s.new}")
            lines.append("")
        if not self.sentences:
            lines.append("  （没有）")
        return "\n".join(lines).rstrip() + "\n"

    def as_json(self) -> dict[str, Any]:
        """The same account as plain data (``diff --json``): ``cells`` and ``sentences``."""
        return {"cells": [asdict(c) for c in self.cells], "sentences": [asdict(s) for s in self.sentences]}


def compare(
    old: Path | RawWorkbook,
    new: Path | RawWorkbook,
    agency: str | None = None,
    templates: Path | None = None,
) -> Comparison:
    """Compare two versions of a workbook, each given as its path or as read already.

    Both are read before either is validated, so an unreadable file is said first; each is then
    validated and rendered with the templates ``load`` chooses (``agency``, ``templates``).  Raise
    :class:`~generator.errors.WorkbookUnreadable` or :class:`~generator.errors.InputProblems` for
    the first workbook that has them, :class:`~generator.errors.TemplateProblem` for the templates."""
    raws = [w if isinstance(w, RawWorkbook) else read_workbook(w) for w in (old, new)]
    outlines = []
    for raw in raws:
        loaded = load(raw, agency, templates)
        outlines.append(render_outline(loaded.report, loaded.templates))
    return Comparison(raws[0].source, raws[1].source, cell_changes(*raws), sentence_changes(*outlines))
