"""The validated report model: the figures, narratives and texts a draft is made from.

Plain pydantic models and the value types a figure's cell is checked against.  Validation from the
raw workbook to this model is :mod:`generator.model.validation` (the whole) and
:mod:`generator.model.figure_checks` (the indicator sheets).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from generator.model.dispatch import Dispatch
from generator.model.profile import SectionSpec
from generator.model.spans import Spans
from generator.read import catalogue as cat


# -- value normalisation ---------------------------------------------------------------------
def number_in(value: Any) -> Any:
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
CountValue = Annotated[Annotated[int, Field(ge=0, le=MAX_FIGURE)] | None, BeforeValidator(number_in)]
DecimalValue = Annotated[
    Annotated[Decimal, Field(ge=0, le=MAX_FIGURE, allow_inf_nan=False)] | None, BeforeValidator(number_in)
]
RateValue = Annotated[Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)] | None, BeforeValidator(number_in)]

VALUE_TYPES: dict[cat.Kind, Any] = {
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
