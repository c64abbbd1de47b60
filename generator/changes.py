"""What changed between two workbooks, and which sentences of the draft change as a result.

The cells are compared as the reader found them (every cell the report can use, by its place);
the sentences are compared after both workbooks went through validation and the templates, so
the account shows exactly what a reviewer will see differ in the new draft.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator.read import catalogue as cat
from generator.read.reader import Cell, RawWorkbook
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


def _shown(value: Any) -> str:
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
    for rows in raw.narratives.values():
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
        before, after = _shown(a.get(ref, ("", None))[1]), _shown(b.get(ref, ("", None))[1])
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


def as_text(cells: list[CellChange], changed: list[SentenceChange], old: Path, new: Path) -> str:
    lines = [f"比较：{old} → {new}", "", f"单元格的变化（{len(cells)} 处）："]
    lines += [f"  {c.cell}  {c.label}：{c.old} → {c.new}" for c in cells] or ["  （没有）"]
    lines += ["", f"报告中随之变化的句子（{len(changed)} 处）："]
    for s in changed:
        if s.old:
            lines.append(f"  原：{s.old}")
        if s.new:
            lines.append(f"  新：{s.new}")
        lines.append("")
    if not changed:
        lines.append("  （没有）")
    return "\n".join(lines).rstrip() + "\n"


def as_json(cells: list[CellChange], changed: list[SentenceChange]) -> dict[str, Any]:
    return {"cells": [asdict(c) for c in cells], "sentences": [asdict(s) for s in changed]}
