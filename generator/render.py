"""Render the validated report through the Jinja2 templates into an outline.

Jinja2 lives only here.  Templates run in Jinja's sandbox with undefined names as errors; every
value they print passes :func:`_finalize`, which refuses an empty figure (a template must leave
the clause out, never print a blank).  Workbook text and figures reach the output through the
render's :class:`~generator.tokens.Tokens`, and come back from :mod:`generator.markup` as spans.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from . import catalogue as cat
from .agencies import TemplateSet, template_set
from .apparatus import add_apparatus
from .cache import cache_folder
from .citations import cited_number
from .errors import TemplateProblem
from .markup import parse
from .model import Figure, Item, Report
from .numbers import change_clause, chinese_date, plain
from .outline import Outline
from .spans import Source
from .tokens import Tokens


class EmptyFigure(Exception):
    """A template printed a figure that has no value."""


class FigureView:
    """A figure as templates see it: prints with its unit; false when the workbook left it empty."""

    def __init__(self, figure: Figure, tokens: Tokens | None = None) -> None:
        self._f = figure
        self._tokens = tokens  # the render's: a printed figure comes back as a span with its cell

    def _record(self, shown: str, prev: bool = False) -> str:
        """The printed figure, marked with its cell so that it comes back as a figure span."""
        if self._tokens is None:
            return shown
        value = self._f.prev if prev else self._f.value
        cell = self._f.prev_cell if prev else self._f.value_cell
        label = self._f.label + ("（上年）" if prev else "")
        return self._tokens.figure(Source(label, shown, cell, plain_value(value)))

    def _data(self, text: str) -> str:
        return text if self._tokens is None else self._tokens.data(text)

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
        return self._data(self._record(self._format(self._f.value)))

    @property
    def prev(self) -> str:
        if self._f.prev is None:
            return ""
        return self._data(self._record(self._format(self._f.prev, prev=True), prev=True))

    @property
    def yoy(self) -> str:
        """同比增长12.3% / 与上年持平 / 较上年提高2个百分点; empty when last year is unknown or approximate."""
        v, p = self._f.value, self._f.prev
        if (
            not isinstance(v, (int, Decimal))
            or not isinstance(p, (int, Decimal))
            or self._f.approx
            or self._f.prev_approx
        ):
            return ""
        return change_clause(Decimal(v), Decimal(p), self._f.kind is cat.Kind.RATE)

    def _format(self, value: Any, prev: bool = False) -> str:
        if value is None:
            raise EmptyFigure(self._f.label)
        approx = self._f.prev_approx if prev else self._f.approx
        return cited_number(self._f.kind, self._f.unit, value, approx)

    def __str__(self) -> str:
        text = self._format(self._f.value)
        if self._f.kind in (cat.Kind.COUNT, cat.Kind.NUMBER):
            text += self._f.unit
        return self._data(self._record(text))


class SheetView:
    """One indicator sheet: ``enforcement.penalty_cases`` is a :class:`FigureView`.

    ``lenient`` (the agency's own indicators, ``own.hospital_checks``): a key the workbook does not
    have reads as an empty figure, so a template's clause about it is left out."""

    def __init__(self, figures: dict[str, Figure], lenient: bool = False, tokens: Tokens | None = None) -> None:
        self._figures = {k: FigureView(f, tokens) for k, f in figures.items()}
        self._lenient = lenient

    def __getattr__(self, key: str) -> FigureView:
        try:
            return self._figures[key]
        except KeyError:
            if self._lenient and not key.startswith("_"):
                return FigureView(Figure(key=key, label=key, kind=cat.Kind.NUMBER, unit=""))
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
        return figure._record(zero)
    yoy = figure.yoy
    text = pattern.replace("{}", str(figure)).replace("{同比}", f"，{yoy}" if yoy else "")
    return text.replace("{上年}", figure.prev) if "{上年}" in text else text


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


def plain_value(value: object) -> str:
    return plain(value) if isinstance(value, (int, Decimal)) else str(value)


def _context(report: Report, tokens: Tokens) -> dict[str, Any]:
    data = tokens.data
    sections: dict[str, list[Item]] = {s.key: [] for s in cat.SUBSECTIONS}
    custom: dict[str, list[Item]] = {}
    for m in report.measures:
        if m.section in sections:
            sections[m.section].append(m)
        else:
            custom.setdefault(m.section or "", []).append(m)

    def special_in(section: str) -> list[str]:
        """The agency's own figures filed under a subsection, as "label number unit" clauses."""
        section = tokens.without_data(section)
        return [
            data(f"{f.label}{FigureView(f, tokens)._record(FigureView(f)._format(f.value) + f.unit)}")
            for f in report.special
            if f.section == section and f.value is not None
        ]

    def entries(items_: list[Item]) -> list[SimpleNamespace]:
        return [SimpleNamespace(title=data(i.title), text=data(i.text)) for i in items_]

    def extras(section: str) -> str:
        return join(special_in(section), lead="此外，", sep="，", end="。")

    titles = {spec.name: spec.title for spec in report.sections if spec.title}
    by_short = {sub.short: sub.key for sub in cat.SUBSECTIONS}
    key_titles = {by_short.get(name, name): title for name, title in titles.items()}

    def title_of(key: str, default: str) -> str:
        """A subsection's heading: the agency profile's title, or the template's."""
        return data(key_titles[key]) if key in key_titles else default

    def wording(name: str, default: str) -> str:
        """A recurring phrase: the agency profile's wording, or the template's."""
        return data(report.wording[name]) if name in report.wording else default

    # item 一's subsections: the profile's order first, then the standard ones, then the clerk's own
    order: list[str] = [by_short.get(spec.name, spec.name) for spec in report.sections]
    order += [sub.key for sub in cat.SUBSECTIONS if sub.key not in order]
    order += [name for name in custom if name not in order]
    section_list = [
        SimpleNamespace(
            key=key,
            standard=key in sections,
            title=data(key_titles.get(key, key)),
            measures=entries(sections.get(key) or custom.get(key, [])),
        )
        for key in order
        if key in sections or key in custom
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
        "special_in": special_in,
        "extras": extras,
        "sections": section_list,
        "title_of": title_of,
        "wording": wording,
        "items": items,
        "phrase": phrase,
        "join": join,
        "sentence": sentence,
        "ordinal": ordinal,
    }
    for key, figures in report.figures.items():
        ctx[key] = SheetView(figures, tokens=tokens)
    ctx["own"] = SheetView({f.key: f for f in report.special}, lenient=True, tokens=tokens)
    return ctx


RENDER_TIMEOUT_S = 5.0  # an agency template that runs longer is stopped (an endless or huge loop)
MAX_REPEAT = 100_000  # the longest string or list a template may make with * (memory)


class RenderTimeout(Exception):
    """A template ran past the time limit."""


class ReportSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with * and ** limited so a template cannot fill the memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise SecurityError("乘方的指数过大")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_REPEAT:
                    raise SecurityError("用 * 生成的文字或列表过长")
        return super().call_binop(context, operator, left, right)


_ENVIRONMENTS: dict[tuple[str, str], SandboxedEnvironment] = {}


def make_environment(templates: TemplateSet) -> SandboxedEnvironment:
    """The sandboxed environment: the agency's folder first, then the default set as ``default/``.

    One per template set and process, so a batch compiles each template once (Jinja reloads a
    template whose file changed)."""
    key = (str(templates.folder), str(templates.default))
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(templates)
    return _ENVIRONMENTS[key]


def _new_environment(templates: TemplateSet) -> SandboxedEnvironment:
    loaders: list[BaseLoader] = []
    if templates.folder is not None:
        loaders.append(FileSystemLoader(str(templates.folder), encoding="utf-8"))
    loaders.append(PrefixLoader({"default": FileSystemLoader(str(templates.default), encoding="utf-8")}))
    env = ReportSandbox(
        loader=ChoiceLoader(loaders),
        bytecode_cache=_bytecode_cache(),
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


class _QuietCache(FileSystemBytecodeCache):
    """Jinja's compiled templates kept between runs; a cache that cannot be read or written is skipped."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or foreign file: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs (a later run skips compiling them, about 50 ms).  Jinja
    keys each entry by template path and source checksum, so an edited agency template is compiled
    again."""
    folder = cache_folder("templates")
    return _QuietCache(str(folder)) if folder is not None else None


def _where(exc: BaseException, fallback: str) -> str:
    """The template file and line an exception came from (Jinja rewrites tracebacks to templates)."""
    found = fallback
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2") or name.startswith("<template>"):
            found = f"{name}：第{tb.tb_lineno}行"
        tb = tb.tb_next
    return found


def _vocabulary(ctx: dict[str, Any]) -> list[str]:
    names = [k for k in ctx if not k.startswith("_")]
    names += [i.key for spec in cat.INDICATOR_SHEETS for i in spec.indicators]
    names += ["label", "number", "prev", "yoy", "is_zero", "title", "text"]
    return names


def _suggest(message: str, vocabulary: list[str]) -> str:
    m = re.search(r"'([^']+)' is undefined", message) or re.search(r"has no attribute '([^']+)'", message)
    if not m:
        return ""
    import difflib  # only when a template has a mistake

    close = difflib.get_close_matches(m[1], vocabulary, n=3, cutoff=0.6)
    return f"“{m[1]}”不存在" + (f"，是不是想写：{'、'.join(close)}？" if close else "。")


def render_text(report: Report, templates: TemplateSet | None = None, tokens: Tokens | None = None) -> str:
    """The templates' output before parsing, workbook text and figures marked with ``tokens``
    (:mod:`generator.tokens`); every template mistake becomes a TemplateProblem."""
    templates = templates or template_set()
    env = make_environment(templates)
    ctx = _context(report, tokens or Tokens())
    box: dict[str, Any] = {}

    deadline = time.monotonic() + RENDER_TIMEOUT_S

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        """Line by line, stop a template that runs past the deadline (loops have no other hook)."""
        if time.monotonic() > deadline:
            raise RenderTimeout
        return tracer

    def work() -> None:
        if templates.folder is not None:  # an agency's templates are not ours: watch the clock
            sys.settrace(tracer)
        try:
            box["text"] = env.get_template(templates.main).render(ctx)
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc
        finally:
            sys.settrace(None)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(RENDER_TIMEOUT_S + 5)
    error = box.get("error")
    if worker.is_alive() or isinstance(error, RenderTimeout):
        where = _where(error, templates.main) if error is not None else templates.main
        raise TemplateProblem(
            f"{where}：模板“{templates.name}”运行超过 {RENDER_TIMEOUT_S:g} 秒仍未结束，已停止。请检查模板中的循环。"
        )
    if error is None:
        return str(box["text"])
    where = _where(error, templates.main)
    if isinstance(error, TemplateSyntaxError):
        raise TemplateProblem(
            f"{error.filename or error.name}：第{error.lineno}行：模板语法错误：{error.message}"
        ) from error
    if isinstance(error, UndefinedError):
        hint = _suggest(str(error.message), _vocabulary(ctx))
        raise TemplateProblem(f"{where}：模板引用了不存在的名称：{hint or error.message}") from error
    if isinstance(error, EmptyFigure):
        raise TemplateProblem(
            f"{where}：模板直接输出了空的指标“{error.args[0]}”。"
            "请在模板中用 phrase() 或 {% if %} 判断，没有数据时不写这一句。"
        ) from error
    if isinstance(error, SecurityError):
        raise TemplateProblem(f"{where}：模板做了不允许的操作（{error}）。模板只能输出文字。") from error
    if isinstance(error, TemplateNotFound):
        raise TemplateProblem(
            f"{where}：找不到模板“{error.name}”。模板只能引用模板文件夹中的文件（默认模板写作 default/…）。"
        ) from error
    if isinstance(error, RecursionError):
        raise TemplateProblem(f"{where}：模板中的宏无限地调用自身，已停止。") from error
    if isinstance(error, OverflowError):
        raise TemplateProblem(f"{where}：模板中的 range() 范围过大（{error}）。") from error
    if isinstance(error, TemplateError):
        raise TemplateProblem(f"{where}：模板出错：{error}") from error
    if isinstance(error, Exception):
        raise TemplateProblem(f"{where}：模板运行出错（{type(error).__name__}：{error}）。") from error
    raise error


def render_outline(report: Report, templates: TemplateSet | None = None) -> Outline:
    """Render and parse: the numbered outline the DOCX writer lays out, with the apparatus added."""
    templates = templates or template_set()
    tokens = Tokens()
    outline = parse(render_text(report, templates, tokens), templates.main, tokens)
    return add_apparatus(outline, report)


_WORDING = re.compile(r"wording\(\s*[\"']([^\"']+)[\"']")


def wording_names(templates: TemplateSet) -> set[str]:
    """The names of the recurring phrases the templates use (what a profile's 用语 may set)."""
    files = [templates.default / "report.j2"]
    if templates.folder is not None:
        files += sorted(templates.folder.glob("*.j2"))
    return {m[1] for f in files for m in _WORDING.finditer(f.read_text(encoding="utf-8"))}


_BLOCK_TAG = re.compile(r"{%-?\s*(block\s+(\w+)|endblock)\b[^%]*-?%}")


def default_blocks(templates: TemplateSet | None = None) -> list[tuple[str, str]]:
    """The default template's blocks, outermost first, each with its source text (for scaffolds)."""
    templates = templates or template_set()
    source = (templates.default / "report.j2").read_text(encoding="utf-8")
    out: list[tuple[str, str]] = []
    stack: list[tuple[str, int]] = []
    for m in _BLOCK_TAG.finditer(source):
        if m[2]:
            stack.append((m[2], m.end()))
            out.append((m[2], ""))
        elif stack:
            name, start = stack.pop()
            out[[n for n, _ in out].index(name)] = (name, source[start : m.start()])
    return out


def block_sources(templates: TemplateSet) -> list[tuple[str, str]]:
    """Which file each block of the report comes from: the agency's or the default's."""
    env = make_environment(templates)
    default_file = str(templates.default / "report.j2")
    own: set[str] = set()
    if templates.main == "report.j2" and templates.folder is not None:
        own = set(env.get_template("report.j2").blocks)
    agency_file = str(templates.folder / "report.j2") if templates.folder else ""
    return [(name, agency_file if name in own else default_file) for name, _ in default_blocks(templates)]
