"""Properties over generated workbooks: the reader and validation either accept a workbook or report
problems with their place — they never raise anything else — and what validation accepts, build
builds (what it refuses, build refuses with the same problems)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from docx import Document
from hypothesis import HealthCheck, given, settings

from generator.errors import InputProblems, Severity
from generator.model.validation import validate
from generator.pipeline import build, load
from generator.read.reader import read_workbook
from tests.workbook_strategies import workbooks

SHEETS = (
    "基本信息",
    "发文要素",
    "特色指标",
    "行政执法",
    "行政许可",
    "信访",
    "学法",
    "合法性审查",
    "复议诉讼",
    "普法",
    "政务公开",
    "建议提案",
    "主要举措",
    "不足和原因",
    "第一责任人",
    "下年安排",
    "其他事项",
)


def check(wb: Any, with_build: bool = False) -> tuple[bool, int]:
    """Read and validate ``wb`` (and build it, when asked): accepted?, and how many errors."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "随机.xlsx"
        wb.save(path)
        report, problems = validate(read_workbook(path))
        errors = [p for p in problems if p.severity is Severity.ERROR]
        assert (report is None) == bool(errors)
        for p in problems:
            assert p.where.split("!")[0] in SHEETS, p
            assert p.message
        if with_build:
            same_verdict_from_build(path, Path(tmp) / "初稿.docx", problems)
    return report is not None, len(errors)


def same_verdict_from_build(workbook: Path, out: Path, problems: list[Any]) -> None:
    """build (through the pipeline the CLI calls) agrees with validate: a draft, or the same refusal."""
    try:
        loaded = load(workbook)
    except InputProblems as exc:  # validation with the templates' names: same errors as validate's
        refused = [p for p in exc.problems if p.severity is Severity.ERROR]
        assert refused and refused == [p for p in problems if p.severity is Severity.ERROR]
        return
    assert not [p for p in problems if p.severity is Severity.ERROR]
    result = build(workbook, out)
    assert result.warnings == loaded.warnings
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert result.report.agency in text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workbooks())
def test_any_workbook_is_accepted_or_refused_with_its_problems_placed(wb: Any) -> None:
    check(wb)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workbooks())
def test_what_validate_accepts_build_builds_and_what_it_refuses_build_refuses(wb: Any) -> None:
    check(wb, with_build=True)
