"""Validation of the indicator sheets: each figure checked by pydantic, its errors said in Chinese.

pydantic checks types and ranges; every error it reports is mapped back from its ``loc`` to the cell
the value came from and said again in Chinese.  Consistency between figures (parts and totals) and
far jumps from last year are checked after that.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter, ValidationError, create_model

from generator.errors import Problem, Severity
from generator.model.numbers import plain
from generator.model.rates import rate_input
from generator.model.report import VALUE_TYPES, Figure
from generator.model.values import as_text, clean_text, typed_number, typed_scale
from generator.read import catalogue as cat
from generator.read.reader import Cell, RawIndicator


# -- messages ---------------------------------------------------------------------------------
def _short(value: Any) -> str:
    """A value for a message: a pasted paragraph or a run of digits shown by its start."""
    text = as_text(value)
    return text if len(text) <= 30 else text[:30] + "…"


def as_typed(cell: Cell) -> str:
    """A cell's value as the clerk sees it: 0.973 in a percentage cell as 97.3%, text in half-width."""
    value = cell.value
    if cell.percent and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{plain(Decimal(repr(float(value))) * 100)}%"
    return unicodedata.normalize("NFKC", as_text(value)).strip()


def error_message(error: dict[str, Any], kind: cat.Kind, typed: str | None = None) -> str:
    """The Chinese for one of pydantic's errors; ``typed`` is the cell's value as the clerk typed it
    (a number and the same number typed as text are shown alike)."""
    kind_type = error["type"]
    shown = _short(typed if typed is not None else error.get("input"))
    if kind_type in ("int_parsing", "decimal_parsing", "int_type", "decimal_type", "string_type"):
        return f"应填写数字，现在是“{shown}”。只填阿拉伯数字，单位写在“单位”列；没有数据请留空。"
    if kind_type in ("int_from_float", "decimal_max_places"):
        return f"应填写整数，现在是“{shown}”。"
    if kind_type == "greater_than_equal":
        return f"不能是负数，现在是“{shown}”。请填写 0 或正数。"
    if kind_type == "less_than_equal" and kind is cat.Kind.RATE:
        return f"比率不能超过100%，现在是“{shown}”。请按百分数填写，例如 98.5 表示 98.5%。"
    if kind_type in ("less_than_equal", "int_parsing_size"):
        return f"数字过大（“{shown}”），请核对是否多打了零。"
    if kind_type in ("finite_number",):
        return f"不是有效的数字：“{shown}”。"
    return f"无法识别的值“{shown}”。请只填阿拉伯数字；没有数据请留空。"


# -- figures ------------------------------------------------------------------------------------
_PAIRS: dict[cat.Kind, Any] = {
    kind: create_model(f"Pair_{kind.value}", value=(value_type, None), prev=(value_type, None))
    for kind, value_type in VALUE_TYPES.items()
}  # one model per kind of figure: this year's and last year's value
# A sheet's figures are checked as one mapping per kind, indicator key → pair: five validators in
# all, where a model per sheet cost ten times as long to build at every start (10–14 ms).
_PAIR_MAPS: dict[cat.Kind, TypeAdapter[dict[str, Any]]] = {
    kind: TypeAdapter(dict[str, pair]) for kind, pair in _PAIRS.items()
}


def _cell_input(cell: Cell, ind: cat.Indicator, unit: str, problems: list[Problem]) -> tuple[Any, str]:
    """The value pydantic should check, and its approximation mark, from a cell as typed."""
    value = cell.value
    kind = ind.kind
    if kind is cat.Kind.TEXT:
        return clean_text(value) or None, ""
    if kind is cat.Kind.RATE:
        return rate_input(cell, ind, problems)
    units = (ind.unit, "元", "万元") if kind is cat.Kind.AMOUNT else (ind.unit, unit)
    if kind is cat.Kind.AMOUNT and unit == "万元" and isinstance(value, str) and ("万" in value or "亿" in value):
        problems.append(
            Problem(
                Severity.ERROR,
                cell.ref,
                f"{ind.label}：单位列已是“万元”，数值中不要再写“万”或“亿”（现在是“{value}”）。",
            )
        )
        return None, ""
    return typed_number(value, tuple(u for u in units if u))


def validate_sheet(
    spec: cat.IndicatorSheet, raws: dict[str, RawIndicator], problems: list[Problem]
) -> dict[str, Figure]:
    kinds = {i.key: i for i in spec.indicators}
    data: dict[str, dict[str, Any]] = {}
    approx: dict[tuple[str, str], str] = {}
    for key, r in raws.items():
        unit = clean_text(r.unit.value) or kinds[key].unit
        data[key] = {}
        for which, cell in (("value", r.value), ("prev", r.prev)):
            data[key][which], approx[(key, which)] = _cell_input(cell, kinds[key], unit, problems)
    by_kind: dict[cat.Kind, dict[str, dict[str, Any]]] = {}
    for key, pair in data.items():
        by_kind.setdefault(kinds[key].kind, {})[key] = pair
    order = {ind.key: i for i, ind in enumerate(spec.indicators)}
    failed: list[tuple[int, int, Problem]] = []  # the sheet's errors, put in the catalogue's order
    parsed: dict[str, dict[str, Any]] = {}
    for kind, group in by_kind.items():
        adapter = _PAIR_MAPS[kind]
        try:
            checked = adapter.validate_python(group)
        except ValidationError as exc:
            for error in exc.errors():
                key, which = str(error["loc"][0]), str(error["loc"][1])
                cell = raws[key].value if which == "value" else raws[key].prev
                message = f"{kinds[key].label}：{error_message(error, kind, as_typed(cell))}"
                failed.append((order[key], which == "prev", Problem(Severity.ERROR, cell.ref, message)))
                group[key][which] = None  # keep the sheet's other figures, so the rules still check them
            checked = adapter.validate_python(group)
        parsed |= {key: pair.model_dump() for key, pair in checked.items()}
    problems += [problem for *_, problem in sorted(failed, key=lambda f: f[:2])]
    out: dict[str, Figure] = {}
    for ind in spec.indicators:
        raw = raws.get(ind.key)
        pair = parsed.get(ind.key) or {}
        unit = ind.unit  # a rate stays in %; a count or money in the unit the clerk typed
        if raw is not None and ind.kind in (cat.Kind.COUNT, cat.Kind.NUMBER, cat.Kind.AMOUNT):
            unit = clean_text(raw.unit.value) or ind.unit
            if ind.kind is cat.Kind.AMOUNT and unit not in cat.AMOUNT_UNITS:
                problems.append(
                    Problem(Severity.ERROR, raw.unit.ref, f"{ind.label}：单位只能是“元”或“万元”，现在是“{unit}”。")
                )
        label = (clean_text(raw.label) if raw is not None else "") or ind.label  # the clerk's words
        scaled = ind.kind in (cat.Kind.COUNT, cat.Kind.NUMBER) and raw is not None
        out[ind.key] = Figure(
            key=ind.key,
            label=label,
            catalogue_label=ind.label if label != ind.label else "",
            kind=ind.kind,
            unit=unit,
            value=pair.get("value"),
            prev=pair.get("prev"),
            value_cell=raw.value.ref if raw else "",
            prev_cell=raw.prev.ref if raw else "",
            approx=approx.get((ind.key, "value"), "") if pair.get("value") is not None else "",
            prev_approx=approx.get((ind.key, "prev"), "") if pair.get("prev") is not None else "",
            scale=typed_scale(raw.value.value) if scaled and pair.get("value") is not None else "",  # type: ignore[union-attr]
            prev_scale=typed_scale(raw.prev.value) if scaled and pair.get("prev") is not None else "",  # type: ignore[union-attr]
        )
    return out


TENFOLD = 10  # a figure this many times larger or smaller than last year's is probably mistyped
RATE_JUMP = 50  # percentage points a rate rarely moves in a year


def check_changes(figures: dict[str, dict[str, Figure]], problems: list[Problem]) -> None:
    """Warn where this year's figure is far from last year's: probably a typing error."""
    for sheet in figures.values():
        for f in sheet.values():
            v, p = f.value, f.prev
            if not isinstance(v, (int, Decimal)) or not isinstance(p, (int, Decimal)) or f.approx or f.prev_approx:
                continue
            both = f"本年 {v}（{f.value_cell}），上年 {p}（{f.prev_cell}）"
            if f.kind is cat.Kind.RATE:
                if abs(v - p) > RATE_JUMP:
                    problems.append(
                        Problem(
                            Severity.WARNING,
                            f.value_cell,
                            f"{f.label}：{both}，变化超过{RATE_JUMP}个百分点，请核对是否填错。",
                        )
                    )
            elif (p > 0 and v > p * TENFOLD) or (v > 0 and p > v * TENFOLD):
                problems.append(
                    Problem(Severity.WARNING, f.value_cell, f"{f.label}：{both}，相差超过{TENFOLD}倍，请核对是否填错。")
                )


def check_rules(figures: dict[str, dict[str, Figure]], problems: list[Problem]) -> None:
    def num(sheet: str, key: str) -> Figure | None:
        """An exact figure; an approximate one ("300余") cannot be added up or compared."""
        f = figures.get(sheet, {}).get(key)
        return f if f is not None and isinstance(f.value, (int, Decimal)) and not f.approx else None

    for rule in cat.RULES:
        if isinstance(rule, cat.SumRule):
            total = num(rule.sheet, rule.total)
            parts = [p for p in (num(rule.sheet, k) for k in rule.parts) if p is not None]
            if total is None or not parts:
                continue
            summed = sum(p.value for p in parts)  # type: ignore[misc]
            names = "、".join(p.label for p in parts)
            complete = len(parts) == len(rule.parts)
            if summed > total.value or (complete and summed != total.value):  # type: ignore[operator]
                problems.append(
                    Problem(
                        Severity.ERROR,
                        total.value_cell,
                        f"{total.label}是{total.value}，但{names}合计{summed}，两者应当相等。请核对这几项数字。",
                    )
                )
        else:
            part, whole = num(rule.sheet, rule.part), num(rule.sheet, rule.whole)
            if part is None or whole is None or part.value <= whole.value:  # type: ignore[operator]
                continue
            if rule.warning:
                problems.append(
                    Problem(
                        Severity.WARNING,
                        part.value_cell,
                        f"{part.label}（{part.value}）大于{whole.label}（{whole.value}，{whole.value_cell}）。{rule.warning}。",
                    )
                )
            else:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        part.value_cell,
                        f"{part.label}（{part.value}）不能大于{whole.label}（{whole.value}，{whole.value_cell}）。请核对。",
                    )
                )
