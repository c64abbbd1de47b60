"""Property: for any workbook, the reader and validation either accept it or report problems with
their place — they never raise anything else."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from generator.errors import Severity
from generator.model import validate
from generator.workbook.reader import read_workbook
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


def check(wb: Any) -> tuple[bool, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "随机.xlsx"
        wb.save(path)
        report, problems = validate(read_workbook(path))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert (report is None) == bool(errors)
    for p in problems:
        assert p.where.split("!")[0] in SHEETS, p
        assert p.message
    return report is not None, len(errors)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workbooks())
def test_any_workbook_is_accepted_or_refused_with_its_problems_placed(wb: Any) -> None:
    check(wb)
