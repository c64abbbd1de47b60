"""The core's small error hierarchy: every problem knows where it is and what to do.

No click in here; the CLI turns these into messages and exit statuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "错误"
    WARNING = "提醒"


@dataclass(frozen=True)
class Problem:
    """One finding about the input: where (``工作表!单元格`` or a file), what, and what to do."""

    severity: Severity
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity.value}：{self.where}：{self.message}"


class ReportError(Exception):
    """Anything the user can fix; the message is Chinese and complete."""


class InputProblems(ReportError):
    """The workbook has errors; ``problems`` lists all of them (warnings too)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity is Severity.ERROR]
        super().__init__(f"工作簿有 {len(errors)} 处错误")


class WorkbookUnreadable(ReportError):
    """The file is not a workbook we can open (missing, wrong format, damaged)."""


class TemplateProblem(ReportError):
    """A template failed to render; the message names its file and line."""


class OutputProblem(ReportError):
    """The draft cannot be written where asked."""


class DocumentUnreadable(ReportError):
    """A Word document given to us (``check``, ``--against``) cannot be read or is out of bounds."""


class NotAReport(ReportError):
    """A document given to ``import`` is readable but is not an annual report we can read back."""
