"""The department's own figures (特色指标): read as the indicator sheets read theirs, none dropped unsaid.

A row's figures are typed as the clerk types every figure ("10多", "100万余", "9427万", "95%以上"),
read by :func:`generator.model.values.typed_number` and printed as typed.  No English code is asked of the
clerk: a blank 编码 takes the row's label as its key (templates reach it as ``own["label"]``), and a
编码 may be in any script.  A row that cannot reach the draft is said with its cell: a label without
figures, figures without a label, a blank 所属分项 that no narrative cites, a new 所属分项 with no
measure to stand beside.  Two figures with one label — two rows here, or a row labelled like one of
the indicator sheets' — would make 〔label〕 ambiguous, so they are an error naming both cells.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from generator.errors import Problem, Severity
from generator.model.citations import CITATION
from generator.model.rates import rate_input
from generator.model.sections import SectionNames
from generator.model.values import clean_text, typed_number, typed_scale
from generator.read import catalogue as cat
from generator.read.reader import Cell, RawIndicator

if TYPE_CHECKING:
    from generator.model.report import Figure, Item

_PERCENT_UNITS = ("%", "％")


def _typed_percent(cell: Cell) -> bool:
    value = cell.value
    return cell.percent or cell.percent_sign or (isinstance(value, str) and "%" in unicodedata.normalize("NFKC", value))


def _kind(raw: RawIndicator, unit: str) -> cat.Kind:
    """A row's kind from its unit and how its figures were typed: a rate keeps its %, money its 万元."""
    if unit in _PERCENT_UNITS or _typed_percent(raw.value) or _typed_percent(raw.prev):
        return cat.Kind.RATE
    return cat.Kind.AMOUNT if unit in cat.AMOUNT_UNITS else cat.Kind.NUMBER


@functools.cache
def _adapters() -> dict[cat.Kind, TypeAdapter[Any]]:
    """The indicator sheets' rules for a figure (report.py's types), built once."""
    from generator.model.report import DecimalValue, RateValue

    decimal: TypeAdapter[Any] = TypeAdapter(DecimalValue)
    return {cat.Kind.RATE: TypeAdapter(RateValue), cat.Kind.AMOUNT: decimal, cat.Kind.NUMBER: decimal}


def _read_value(
    cell: Cell, ind: cat.Indicator, kind: cat.Kind, problems: list[Problem]
) -> tuple[int | Decimal | None, str, str] | None:
    """One figure as typed: (number, approximation mark, 万/亿 as typed); ``None`` when refused."""
    from generator.model.figure_checks import as_typed, error_message

    if kind is cat.Kind.RATE:
        value, approx = rate_input(cell, ind, problems)
        scale = ""
    else:
        units = tuple(u for u in (ind.unit,) if u)
        value, approx = typed_number(cell.value, units)
        scale = typed_scale(cell.value) if kind is cat.Kind.NUMBER else ""
    try:
        number = _adapters()[kind].validate_python(value)
    except ValidationError as exc:
        message = error_message(exc.errors()[0], kind, as_typed(cell))
        problems.append(Problem(Severity.ERROR, cell.ref, f"{ind.label}：{message}"))
        return None
    return number, (approx if number is not None else ""), (scale if number is not None else "")


def validate_own(raws: list[RawIndicator], problems: list[Problem], sections: SectionNames) -> list[Figure]:
    """The 特色指标 rows as figures; every row that cannot print is said with its cell."""
    from generator.model.report import Figure

    out: list[Figure] = []
    seen: dict[str, str] = {}  # key -> the cell it was typed in
    for raw in raws:
        label_cell = raw.label_cell or Cell(raw.label, raw.key_ref)
        label = clean_text(raw.label)
        unit = clean_text(raw.unit.value)
        has_values = not (raw.value.empty and raw.prev.empty)
        if not label:
            if has_values:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        label_cell.ref,
                        "这一行填了数值，但“指标”为空。请填写指标名称（报告和引用〔〕都按它写），或删除这一行。",
                    )
                )
            elif raw.key or unit or (raw.section is not None and not raw.section.empty):
                problems.append(Problem(Severity.WARNING, label_cell.ref, "这一行没有填写“指标”和数值，已忽略。"))
            continue
        if not has_values and not raw.key and label == cat.SPECIAL_EXAMPLE[0]:
            continue  # the blank's example row, untouched: not a figure of the department's
        key = raw.key or label  # no English code asked of a clerk: the label keys the row
        if key in seen:
            problems.append(
                Problem(Severity.ERROR, raw.key_ref, f"编码“{key}”重复（另一处在 {seen[key]}）。请改用不同的编码。")
            )
            continue
        seen[key] = raw.key_ref
        if raw.value.empty:
            said = "只填了上年数值" if has_values else "没有填写本年和上年数值"
            problems.append(
                Problem(
                    Severity.WARNING,
                    raw.value.ref,
                    f"特色指标“{label}”{said}，报告中不写这一项。有数据请填在“本年”列；不需要时可删除这一行。",
                )
            )
        kind = _kind(raw, unit)
        ind = cat.Indicator(key, label, kind, "%" if kind is cat.Kind.RATE else unit)
        this, last = (_read_value(c, ind, kind, problems) for c in (raw.value, raw.prev))
        if this is None or last is None:
            continue
        section = clean_text(raw.section.value) if raw.section is not None else ""
        out.append(
            Figure(
                key=key,
                label=label,
                kind=kind,
                unit=ind.unit,
                value=this[0],
                prev=last[0],
                value_cell=raw.value.ref,
                prev_cell=raw.prev.ref,
                section=sections(section, raw.section.ref, problems) if section and raw.section else None,
                approx=this[1],
                prev_approx=last[1],
                scale=this[2],
                prev_scale=last[2],
                label_cell=label_cell.ref,
                section_cell=raw.section.ref if raw.section is not None else label_cell.ref,
            )
        )
    return out


def builtin_labels(raw_sheets: Mapping[str, Mapping[str, RawIndicator]]) -> list[tuple[str, str]]:
    """Each indicator sheet's figure labels as the draft uses them (the clerk's, or the catalogue's),
    with the cell each label is in (the sheet, for a row the workbook lacks)."""
    out: list[tuple[str, str]] = []
    for spec in cat.INDICATOR_SHEETS:
        rows = raw_sheets.get(spec.key)
        if rows is None:
            continue
        for ind in spec.indicators:
            raw = rows.get(ind.key)
            if raw is None:
                out.append((ind.label, spec.name))
                continue
            cell = raw.label_cell
            out.append((clean_text(raw.label) or ind.label, cell.ref if cell is not None else raw.key_ref))
    return out


def check_labels(labels: Iterable[tuple[str, str]], problems: list[Problem]) -> None:
    """Two figures with one label: 〔label〕 could not tell them apart, and the draft would say both alike."""
    first: dict[str, str] = {}
    for label, cell in labels:
        if label in first:
            problems.append(
                Problem(
                    Severity.ERROR,
                    cell,
                    f"指标名称“{label}”在 {first[label]} 和 {cell} 重复。报告和叙述中的引用〔{label}〕"
                    "都按名称区分指标，请把其中一个改为不同的名称。",
                )
            )
        else:
            first[label] = cell


def cited_labels(narratives: Mapping[str, list[dict[str, Cell]]]) -> set[str]:
    """The labels the narrative cells cite, 〔label〕 or 〔label|…〕."""
    out: set[str] = set()
    for rows in narratives.values():
        for row in rows:
            for cell in row.values():
                if isinstance(cell.value, str):
                    out |= {m[1].split("|")[0].strip() for m in CITATION.finditer(cell.value)}
    return out


def check_placement(special: list[Figure], measures: list[Item], cited: set[str], problems: list[Problem]) -> None:
    """Warn of a figure that would appear nowhere: no 所属分项 and no citation.  A 分项 with figures
    but no measures prints its heading and the figures' sentences."""
    for f in special:
        if f.value is None:
            continue  # said already: it has no figure to print
        if f.section is None and f.label not in cited:
            problems.append(
                Problem(
                    Severity.WARNING,
                    f.section_cell,
                    f"特色指标“{f.label}”没有填写所属分项，也没有叙述引用它，报告中不会出现。"
                    f"请选择所属分项，或在叙述中写〔{f.label}〕引用它。",
                )
            )
