"""The validated report model, and validation from the raw workbook to it.

pydantic checks types and ranges; every error it reports is mapped back from its ``loc`` to the
cell the value came from and said again in Chinese.  Consistency between figures (parts and
totals) and between fields (the date and the year) is checked after that.  All problems are
collected and returned together; a model is produced only when there is no error.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError, create_model

from . import catalogue as cat
from . import error_values, structure
from .citations import Citer
from .dispatch import Dispatch, validate_dispatch
from .errors import Problem, Severity
from .numbers import plain
from .profile import Profile, SectionSpec
from .rates import rate_input
from .sections import SectionNames
from .spans import Spans
from .values import as_text, clean_text, parse_date, typed_number, typed_scale
from .workbook.reader import Cell, RawIndicator, RawWorkbook


# -- value normalisation ---------------------------------------------------------------------
def _number_in(value: Any) -> Any:
    """Accept numbers typed as text: full-width digits, thousands separators, spaces."""
    if isinstance(value, bool):
        return str(value)  # TRUE/FALSE are not numbers
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace(",", "").replace(" ", "")
        return text or None
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


# 千万亿: beyond any count, or amount in 元, a department reports in a year; more is a typing slip
MAX_FIGURE = 10**15
CountValue = Annotated[Annotated[int, Field(ge=0, le=MAX_FIGURE)] | None, BeforeValidator(_number_in)]
DecimalValue = Annotated[
    Annotated[Decimal, Field(ge=0, le=MAX_FIGURE, allow_inf_nan=False)] | None, BeforeValidator(_number_in)
]
RateValue = Annotated[Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)] | None, BeforeValidator(_number_in)]

_VALUE_TYPES: dict[cat.Kind, Any] = {
    cat.Kind.COUNT: CountValue,
    cat.Kind.AMOUNT: DecimalValue,
    cat.Kind.NUMBER: DecimalValue,
    cat.Kind.RATE: RateValue,
    cat.Kind.TEXT: str | None,
}


# -- the model ---------------------------------------------------------------------------------
class Figure(BaseModel):
    """One indicator's figures and where they came from."""

    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    kind: cat.Kind
    unit: str
    value: int | Decimal | str | None = None
    prev: int | Decimal | str | None = None
    value_cell: str = ""
    prev_cell: str = ""
    section: str | None = None  # 特色指标: the subsection key or name it belongs to
    approx: str = ""  # "余", "多" (after the number) or "超过", "约", "近", "逾" (before it): typed as approximate
    prev_approx: str = ""
    scale: str = ""  # "万" or "亿" as typed ("100万余"): the figure prints as typed
    prev_scale: str = ""
    catalogue_label: str = ""  # a built-in row the clerk relabelled: the catalogue's label
    label_cell: str = ""  # 特色指标: the 指标 cell
    section_cell: str = ""  # 特色指标: the 所属分项 cell


class Item(BaseModel):
    """One narrative entry: a run-in title and its text, with the row it came from."""

    model_config = ConfigDict(frozen=True)

    title: str = ""
    text: Spans  # the cell's text, each figure it cites a span with the figure's cell
    cell: str
    section: str | None = None  # 主要举措: subsection key (standard) or the name typed


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)

    agency: str
    self_name: str
    year: int = Field(ge=2000, le=2100)
    addressee: str  # empty: a report for publication, without a 主送 line
    leadership: str
    coordinator: str
    signature: str
    date: dt.date
    figures: dict[str, dict[str, Figure]]
    special: list[Figure]
    measures: list[Item]
    shortcomings: list[Spans]
    causes: list[Spans]
    duties: list[Item]
    plans: list[Item]
    others: list[Item]
    dispatch: Dispatch = Dispatch()
    template: str = ""  # the agency template the workbook names
    sections: tuple[SectionSpec, ...] = ()  # item 一's subsections in order, titles and leads (报告结构, 机关资料)
    wording: dict[str, str] = {}  # the agency's wording of recurring phrases
    texts: dict[str, Spans] = {}  # the 报告用语 the clerk changed (标题, 开头段落, …), placeholders filled


# -- messages ---------------------------------------------------------------------------------
def _short(value: Any) -> str:
    """A value for a message: a pasted paragraph or a run of digits shown by its start."""
    text = as_text(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _as_typed(cell: Cell) -> str:
    """A cell's value as the clerk sees it: 0.973 in a percentage cell as 97.3%, text in half-width."""
    value = cell.value
    if cell.percent and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{plain(Decimal(repr(float(value))) * 100)}%"
    return unicodedata.normalize("NFKC", as_text(value)).strip()


def _message(error: dict[str, Any], kind: cat.Kind, typed: str | None = None) -> str:
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
    for kind, value_type in _VALUE_TYPES.items()
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


def _validate_sheet(
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
                message = f"{kinds[key].label}：{_message(error, kind, _as_typed(cell))}"
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


def _check_changes(figures: dict[str, dict[str, Figure]], problems: list[Problem]) -> None:
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


def _check_rules(figures: dict[str, dict[str, Figure]], problems: list[Problem]) -> None:
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


# -- basic information ----------------------------------------------------------------------------
def _info(raw: RawWorkbook, problems: list[Problem], profile: Profile) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in cat.INFO_FIELDS:
        cell = raw.info.get(field.key)
        given = profile.names.get(field.key, "")
        if given and (cell is None or cell.empty):
            out[field.key] = given  # the agency profile fills what the workbook leaves empty
            continue
        if given and clean_text(cell.value).rstrip("：:") != given:  # type: ignore[union-attr]
            problems.append(
                Problem(
                    Severity.WARNING,
                    cell.ref,  # type: ignore[union-attr]
                    f"“{field.label}”与机关资料（{profile.path}）中的“{given}”不同，本次使用工作簿中的“{clean_text(cell.value)}”。",  # type: ignore[union-attr]
                )
            )
        if cell is None:
            if field.required and cat.INFO_SHEET not in {p.where.split("!")[0] for p in problems}:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        cat.INFO_SHEET,
                        f"找不到“{field.label}”这一行。请在“项目”列加上“{field.label}”，并在“内容”列填写（例如：{field.example}）。",
                    )
                )
            continue
        where = cell.ref
        if cell.empty:
            if field.required:
                problems.append(
                    Problem(Severity.ERROR, where, f"请填写“{field.label}”（{field.help}，例如：{field.example}）。")
                )
            continue
        if field.key == "year":
            year = _number_in(cell.value)
            try:
                y = int(Decimal(str(year)))
                if not 2000 <= y <= 2100 or Decimal(str(year)) != y:
                    raise ValueError
                out["year"] = y
            except (ValueError, ArithmeticError):
                problems.append(
                    Problem(Severity.ERROR, where, f"报告年度应为四位年份，例如 2025，现在是“{cell.value}”。")
                )
        elif field.key == "date":
            day = parse_date(cell.value)
            if day is None:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        where,
                        f"成文日期无法识别：“{cell.value}”。请填写日期，例如 2026-01-20 或 2026年1月20日。",
                    )
                )
            else:
                out["date"] = day
                out["date_ref"] = where
        else:
            text = clean_text(cell.value)
            if field.key == "addressee":
                text = text.rstrip("：:")
            out[field.key] = text
    return out


def _check_date(info: dict[str, Any], problems: list[Problem]) -> None:
    day, year = info.get("date"), info.get("year")
    if day is None or year is None:
        return
    where = info["date_ref"]
    if day.year != year + 1:
        problems.append(
            Problem(
                Severity.ERROR,
                where,
                f"成文日期 {day.year}年{day.month}月{day.day}日 不在报告年度的次年（{year + 1}年）。"
                "年度报告应在次年成文，请核对成文日期或报告年度。",
            )
        )
    elif day > dt.date(year + 1, 3, 1):
        problems.append(
            Problem(
                Severity.WARNING,
                where,
                f"成文日期晚于{year + 1}年3月1日。按规定，政府部门应在每年3月1日前报送上一年度的报告。",
            )
        )


def _check_addressee(raw: RawWorkbook, info: dict[str, Any], dispatch: Dispatch, problems: list[Problem]) -> None:
    """No 主送机关 makes a report for publication: a warning; but a 上行文 (版头) needs one, and the
    opening's 在……的正确领导下 needs a 领导机关 from one of the two."""
    if info.get("addressee"):
        return
    cell = raw.info.get("addressee")
    where = cell.ref if cell is not None else cat.INFO_SHEET
    example = cat.INFO_BY_LABEL["主送机关"].example
    if dispatch.masthead:
        problems.append(
            Problem(
                Severity.ERROR,
                where,
                f"使用了版头（上行文），必须填写“主送机关”（例如：{example}）。"
                "按 GB/T 9704-2012 7.3.2，主送机关写在标题下一行，顶格。",
            )
        )
    else:
        problems.append(
            Problem(
                Severity.WARNING,
                where,
                "没有填写“主送机关”。按 GB/T 9704-2012 7.3.2，报送的报告在标题下一行顶格写主送机关"
                f"（例如：{example}）；"
                "本次初稿不写主送机关，适用于向社会公开的文本。报送上级时请填写。",
            )
        )
    if not info.get("leadership"):
        lead = raw.info.get("leadership")
        problems.append(
            Problem(
                Severity.ERROR,
                lead.ref if lead is not None else cat.INFO_SHEET,
                "没有填写“主送机关”时，请填写“领导机关”（开头“在……的正确领导下”中的机关，"
                f"例如：{cat.INFO_BY_LABEL['领导机关'].example}）。",
            )
        )


# -- narratives ----------------------------------------------------------------------------------
MAX_TEXT = 5000  # characters in one narrative cell

_TYPED_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[①-⑳])\s*"
)


def _title(cell: Cell, problems: list[Problem]) -> str:
    text = clean_text(cell.value)
    stripped = _TYPED_NUMBER.sub("", text)
    if stripped != text:
        problems.append(Problem(Severity.WARNING, cell.ref, f"小标题“{text}”自带编号，已去掉；编号由程序自动生成。"))
    return stripped.rstrip("。.；;，,")


def _items(
    spec: cat.NarrativeSheet, rows: list[dict[str, Cell]], problems: list[Problem], cite: Citer, sections: SectionNames
) -> list[Item]:
    out: list[Item] = []
    for row in rows:
        text_cell = row["内容"]
        text = clean_text(text_cell.value)
        if len(text) > MAX_TEXT:
            problems.append(
                Problem(
                    Severity.ERROR,
                    text_cell.ref,
                    f"内容过长（{len(text)} 字）。一项举措的内容一般不超过 {MAX_TEXT} 字，请拆成几行或删减。",
                )
            )
            continue
        if not text:
            problems.append(
                Problem(Severity.ERROR, text_cell.ref, "这一行填了小标题但“内容”为空。请补写内容，或删除这一行。")
            )
            continue
        section: str | None = None
        if "所属分项" in row:
            sec_cell = row["所属分项"]
            name = clean_text(sec_cell.value)
            if not name:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        sec_cell.ref,
                        f"请选择“所属分项”（{'、'.join(s.short for s in cat.SUBSECTIONS)}，或填写新的分项名称）。",
                    )
                )
                continue
            section = sections(name, sec_cell.ref, problems)
        title = _title(row["小标题"], problems) if "小标题" in row else ""
        if "小标题" in row and not title:
            problems.append(
                Problem(Severity.ERROR, row["小标题"].ref, "请填写小标题（一句话概括这项工作，不要编号）。")
            )
            continue
        out.append(Item(title=title, text=cite(text, text_cell.ref, problems), cell=text_cell.ref, section=section))
    if spec.required and not out and not any(p.where.startswith(spec.name + "!") for p in problems):
        problems.append(
            Problem(
                Severity.ERROR,
                f"{spec.name}!A3",
                f"“{spec.name}”表没有内容。报告第{'一二三四五'[spec.item - 1]}部分是规定的必备内容，请至少填写一行。",
            )
        )
    return out


def _shortcomings(rows: list[dict[str, Cell]], problems: list[Problem], cite: Citer) -> tuple[list[Spans], list[Spans]]:
    found: dict[str, list[Spans]] = {k: [] for k in cat.SHORTCOMING_KINDS}
    for row in rows:
        kind = clean_text(row["类别"].value)
        text = clean_text(row["内容"].value).rstrip("。；;，,")
        if kind not in found:
            problems.append(Problem(Severity.ERROR, row["类别"].ref, f"类别应为“不足”或“原因”，现在是“{kind}”。"))
            continue
        if not text:
            problems.append(Problem(Severity.ERROR, row["内容"].ref, "“内容”为空。请补写，或删除这一行。"))
            continue
        found[kind].append(cite(text, row["内容"].ref, problems))
    spec = cat.SHORTCOMINGS
    if not any(p.where.startswith(spec.name + "!") for p in problems):
        if not found["不足"]:  # without it the draft has no part 二, which the 规定 makes compulsory
            problems.append(
                Problem(
                    Severity.ERROR,
                    f"{spec.name}!A3",
                    "没有类别为“不足”的条目。报告第二部分须写明存在的不足，请至少填写一条。",
                )
            )
        elif not found["原因"]:  # the 规定 asks for the causes, but published reports often give none
            problems.append(
                Problem(
                    Severity.WARNING,
                    f"{spec.name}!A3",
                    "没有类别为“原因”的条目。按规定，报告第二部分应写明存在的不足和原因；"
                    "本次初稿第二部分只写不足，不写原因分析。需要时请加一行类别为“原因”的条目。",
                )
            )
    return found["不足"], found["原因"]


# -- the whole --------------------------------------------------------------------------------
def validate(raw: RawWorkbook, profile: Profile | None = None) -> tuple[Report | None, list[Problem]]:
    """Check everything; return the model (``None`` if any error) and every problem found.

    ``profile`` is the agency's 机关资料: it fills names the workbook leaves empty, hides indicators,
    orders item 一's subsections and gives the wording of recurring phrases."""
    from . import own_figures as own  # it builds on this module's figure types

    profile = profile or Profile()
    problems = [*raw.problems, *error_values.check(raw)]
    info = _info(raw, problems, profile)
    _check_date(info, problems)
    dispatch = validate_dispatch(raw.dispatch, problems, info.get("agency", ""), info.get("date"), profile.dispatch)
    _check_addressee(raw, info, dispatch, problems)
    figures = {
        spec.key: _validate_sheet(spec, raw.indicators.get(spec.key, {}), problems) for spec in cat.INDICATOR_SHEETS
    }
    _check_rules(figures, problems)
    _check_changes(figures, problems)
    for hidden in profile.hidden:  # the agency leaves these out of its report
        sheet, key = hidden.split(".", 1)
        figures[sheet][key] = figures[sheet][key].model_copy(update={"value": None, "prev": None})
    sections = SectionNames(spec.name for spec in profile.sections)
    structure_rows = structure.read_rows(raw.structure, sections, problems)
    special = own.validate_own(raw.special, problems, sections)
    own.check_labels([*own.builtin_labels(raw.indicators), *((f.label, f.label_cell) for f in special)], problems)
    narratives = raw.narratives
    unread = frozenset(
        i.label for spec in cat.INDICATOR_SHEETS if spec.key not in raw.indicators for i in spec.indicators
    )
    every = [*(f for sheet in figures.values() for f in sheet.values()), *special]
    cite = Citer(every, problems, unread)  # two figures with one label are an error here

    def items(spec: cat.NarrativeSheet) -> list[Item]:
        return _items(spec, narratives[spec.key], problems, cite, sections) if spec.key in narratives else []

    measures, duties, plans, others = items(cat.MEASURES), items(cat.DUTIES), items(cat.PLANS), items(cat.OTHERS)
    shortcomings, causes = (
        _shortcomings(narratives["shortcomings"], problems, cite) if "shortcomings" in narratives else ([], [])
    )
    fill = structure.Filler(info, raw.info, cite, problems)
    report_sections = structure.report_sections(structure_rows, profile, fill, lambda cell: _title(cell, problems))
    texts = structure.report_wording(raw.wording, fill, problems)
    own.check_placement(special, measures, own.cited_labels(narratives), problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    agency = info["agency"]
    report = Report(
        agency=agency,
        self_name=info.get("self_name") or "我局",
        year=info["year"],
        addressee=info.get("addressee", ""),
        leadership=info.get("leadership") or info.get("addressee", ""),
        coordinator=info.get("coordinator", ""),
        signature=info.get("signature") or agency,
        date=info["date"],
        figures=figures,
        special=special,
        measures=measures,
        shortcomings=shortcomings,
        causes=causes,
        duties=duties,
        plans=plans,
        others=others,
        dispatch=dispatch,
        template=info.get("template", ""),
        sections=report_sections,
        wording=profile.wording,
        texts=texts,
    )
    return report, problems
