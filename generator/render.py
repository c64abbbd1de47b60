"""Render the validated report through the Jinja2 templates into an outline.

Jinja2 lives only here.  Templates run in Jinja's sandbox with undefined names as errors; every
value they print passes :func:`_finalize`, which refuses an empty figure (a template must leave
the clause out, never print a blank) and marks workbook text as data for :mod:`generator.markup`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from . import catalogue as cat
from .apparatus import add_apparatus
from .errors import TemplateProblem
from .markup import DATA_BREAK, DATA_CLOSE, DATA_OPEN, parse
from .model import Figure, Item, Report
from .numbers import change_clause, chinese_date, money, percent, plain
from .outline import Outline


def _default_templates() -> Path:
    """The default templates: installed with the package, or ``templates/`` of a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "templates" / "default"
    return installed if installed.is_dir() else here.parent / "templates" / "default"


DEFAULT_TEMPLATES = _default_templates()
MAIN_TEMPLATE = "report.j2"


class EmptyFigure(Exception):
    """A template printed a figure that has no value."""


class FigureView:
    """A figure as templates see it: prints with its unit; false when the workbook left it empty."""

    def __init__(self, figure: Figure) -> None:
        self._f = figure

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
        return data(self._format(self._f.value))

    @property
    def prev(self) -> str:
        return data(self._format(self._f.prev)) if self._f.prev is not None else ""

    @property
    def yoy(self) -> str:
        """同比增长12.3% / 与上年持平 / 较上年提高2个百分点; empty when last year is unknown."""
        v, p = self._f.value, self._f.prev
        if not isinstance(v, (int, Decimal)) or not isinstance(p, (int, Decimal)):
            return ""
        return change_clause(Decimal(v), Decimal(p), self._f.kind is cat.Kind.RATE)

    def _format(self, value: Any) -> str:
        kind = self._f.kind
        if value is None:
            raise EmptyFigure(self._f.label)
        if kind is cat.Kind.AMOUNT:
            return money(Decimal(value), self._f.unit)
        if kind is cat.Kind.RATE:
            return percent(Decimal(value))
        if kind is cat.Kind.TEXT:
            return str(value)
        return plain(value)

    def __str__(self) -> str:
        text = self._format(self._f.value)
        if self._f.kind in (cat.Kind.COUNT, cat.Kind.NUMBER):
            text += self._f.unit
        return data(text)


class SheetView:
    """One indicator sheet: ``enforcement.penalty_cases`` is a :class:`FigureView`."""

    def __init__(self, figures: dict[str, Figure]) -> None:
        self._figures = {k: FigureView(f) for k, f in figures.items()}

    def __getattr__(self, key: str) -> FigureView:
        try:
            return self._figures[key]
        except KeyError:
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
    if zero is not None and figure.is_zero:
        return zero
    yoy = figure.yoy
    text = pattern.replace("{}", str(figure)).replace("{同比}", f"，{yoy}" if yoy else "")
    return text.replace("{上年}", figure.prev)


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
    from .outline import chinese_numeral

    return lead + "；".join(f"{chinese_numeral(i)}是{t}" for i, t in enumerate(items, start=1)) + end


def data(value: Any) -> str:
    """Mark workbook text as data, so markers typed into a cell are never read as structure."""
    text = "" if value is None else str(value)
    text = text.replace(DATA_OPEN, "").replace(DATA_CLOSE, "")
    text = text.replace("\r\n", "\n").replace("\n", DATA_BREAK)
    return f"{DATA_OPEN}{text}{DATA_CLOSE}" if text else ""


def _unmark(text: str) -> str:
    return text.replace(DATA_OPEN, "").replace(DATA_CLOSE, "")


def items(entries: list[Any], level: str = "三级") -> str:
    """Narrative entries as run-in headings: 【三级】title【正文】text, one a line."""
    if level not in ("二级", "三级", "四级"):
        raise TemplateError(f"items() 的层级只能是 二级、三级 或 四级，现在是“{level}”")
    return "\n".join(f"【{level}】{e.title}【正文】{e.text}" for e in entries)


def _finalize(value: Any) -> Any:
    """Every printed value passes here: a blank where a figure should be is an error."""
    if value is None:
        raise EmptyFigure("空值（None）")
    if isinstance(value, FigureView) and not value:
        raise EmptyFigure(value.label)
    return value


def _context(report: Report) -> dict[str, Any]:
    sections: dict[str, list[Item]] = {s.key: [] for s in cat.SUBSECTIONS}
    custom: dict[str, list[Item]] = {}
    for m in report.measures:
        if m.section in sections:
            sections[m.section].append(m)
        else:
            custom.setdefault(m.section or "", []).append(m)

    def special_in(section: str) -> list[str]:
        """The agency's own figures filed under a subsection, as "label number unit" clauses."""
        section = _unmark(section)
        return [
            data(f"{f.label}{FigureView(f)._format(f.value)}{f.unit}")
            for f in report.special
            if f.section == section and f.value is not None
        ]

    def entries(items_: list[Item]) -> list[SimpleNamespace]:
        return [SimpleNamespace(title=data(i.title), text=data(i.text)) for i in items_]

    def extras(section: str) -> str:
        return join(special_in(section), lead="此外，", sep="，", end="。")

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
        "items": items,
        "phrase": phrase,
        "join": join,
        "sentence": sentence,
        "ordinal": ordinal,
    }
    for key, figures in report.figures.items():
        ctx[key] = SheetView(figures)
    return ctx


def make_environment(search_path: list[Path]) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader([str(p) for p in search_path], encoding="utf-8"),
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_text(report: Report, search_path: list[Path] | None = None) -> str:
    """The templates' output before parsing (for debugging templates)."""
    env = make_environment(search_path or [DEFAULT_TEMPLATES])
    try:
        template = env.get_template(MAIN_TEMPLATE)
        return template.render(_context(report))
    except TemplateSyntaxError as exc:
        raise TemplateProblem(f"{exc.filename or exc.name}：第{exc.lineno}行：模板语法错误：{exc.message}") from exc
    except UndefinedError as exc:
        raise TemplateProblem(f"模板引用了不存在的名称：{exc.message}") from exc
    except EmptyFigure as exc:
        raise TemplateProblem(
            f"模板直接输出了空的指标“{exc.args[0]}”。请在模板中用 phrase() 或 {{% if %}} 判断，没有数据时不写这一句。"
        ) from exc
    except TemplateError as exc:
        raise TemplateProblem(f"模板出错：{exc}") from exc


def render_outline(report: Report, search_path: list[Path] | None = None) -> Outline:
    """Render and parse: the numbered outline the DOCX writer lays out, with the apparatus added."""
    return add_apparatus(parse(render_text(report, search_path), MAIN_TEMPLATE), report)
