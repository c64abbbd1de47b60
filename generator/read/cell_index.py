"""Every cell the reader read, by its place (``工作表!单元格``): what a problem's place held."""

from __future__ import annotations

from typing import Any

from generator.read.reader import Cell, RawIndicator, RawWorkbook


def _cells(raw: RawWorkbook) -> list[Cell]:
    found: list[Cell] = [*raw.info.values(), *raw.dispatch.values()]
    indicators: list[RawIndicator] = [i for sheet in raw.indicators.values() for i in sheet.values()]
    for indicator in [*indicators, *raw.special]:
        found += [indicator.value, indicator.prev, indicator.unit]
        found += [c for c in (indicator.section, indicator.label_cell) if c is not None]
    for rows in [*raw.narratives.values(), raw.structure or [], raw.wording or []]:
        for row in rows:
            found += row.values()
    return found


def values_by_place(raw: RawWorkbook) -> dict[str, Any]:
    """``{"行政执法!C3": 1926, …}`` for every cell read with a value."""
    return {cell.ref: cell.value for cell in _cells(raw) if not cell.empty}
