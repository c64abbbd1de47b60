"""Render the validated report through the Jinja2 templates into an outline.

Jinja2 lives here (and in :mod:`generator.render.template_context`, what templates see).  Templates run
in Jinja's sandbox with undefined names as errors; every value they print passes
:func:`~generator.render.template_context.finalize`, which refuses an empty figure (a template must leave
the clause out, never print a blank).  Workbook text and figures reach the output through the
render's :class:`~generator.render.tokens.Tokens`, and come back from :mod:`generator.render.markup` as spans.
"""

from __future__ import annotations

import re
import sys
import threading
import time
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

from generator.cache import cache_folder
from generator.errors import TemplateProblem
from generator.model.report import Report
from generator.read import catalogue as cat
from generator.render.agencies import TemplateSet, default_blocks, template_set
from generator.render.apparatus import add_apparatus
from generator.render.markup import parse
from generator.render.outline import Outline
from generator.render.template_context import EmptyFigure, finalize, template_context
from generator.render.tokens import Tokens

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
        finalize=finalize,
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
    (:mod:`generator.render.tokens`); every template mistake becomes a TemplateProblem."""
    templates = templates or template_set()
    env = make_environment(templates)
    ctx = template_context(report, tokens or Tokens())
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


def block_sources(templates: TemplateSet) -> list[tuple[str, str]]:
    """Which file each block of the report comes from: the agency's or the default's."""
    env = make_environment(templates)
    default_file = str(templates.default / "report.j2")
    own: set[str] = set()
    if templates.main == "report.j2" and templates.folder is not None:
        own = set(env.get_template("report.j2").blocks)
    agency_file = str(templates.folder / "report.j2") if templates.folder else ""
    return [(name, agency_file if name in own else default_file) for name, _ in default_blocks(templates)]
