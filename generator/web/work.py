"""What the server does with a stored upload: validate it and build its draft, through the library."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import timezone

from generator.changes import labelled_cells, shown_value
from generator.errors import InputProblems, Problem, ReportError, Severity
from generator.pipeline import draft
from generator.read.reader import RawWorkbook, read_workbook
from generator.web.models import Collection, Department, Final, Upload
from generator.web.storage import store_bytes, stored_path


@dataclass(frozen=True)
class State:
    label: str  # 未提交 / 生成中 / 有错误 / 已生成 / 已定稿
    last: Upload | None
    final: Final | None


def as_rows(
    problems: list[Problem], stored: Path, shown: str, values: dict[str, Any] | None = None
) -> list[dict[str, str]]:
    """The problems for the page, errors first, the stored file named as the department named it,
    each with what its cell holds (``values``: place → value, :func:`generator.changes.labelled_cells`)."""
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    ranked = sorted(problems, key=lambda p: order[p.severity])
    return [
        {
            "severity": p.severity.value,
            "where": named(p.where, stored, shown),
            "value": shown_value(values[p.where]) if values and p.where in values else "",
            "message": named(p.message, stored, shown),
        }
        for p in ranked
    ]


def cell_values(raw: RawWorkbook | None) -> dict[str, Any]:
    """What each cell read holds, by its place, for the problems' table."""
    cells = labelled_cells(raw) if raw is not None else {}
    return {ref: value for ref, (_label, value) in cells.items() if value is not None}


def named(text: str, stored: Path, shown: str) -> str:
    """``text`` with the server's path of an upload replaced by the name it was uploaded under."""
    return text.replace(str(stored), shown)


def process(upload: Upload) -> Upload:
    """Validate the stored workbook and, without an error, build and store its draft.  The upload
    itself is already stored and committed: whatever happens here, it stays."""
    path = stored_path(upload.file)
    raw: RawWorkbook | None = None
    try:
        raw = read_workbook(path)  # read once: for the draft, and for what the problems' cells hold
        made = draft(raw)
    except InputProblems as exc:
        upload.problems = as_rows(exc.problems, path, upload.original_name, cell_values(raw))
    except ReportError as exc:  # not a workbook, unreadable, a template's failure
        said = named(str(exc), path, upload.original_name)
        upload.problems = [{"severity": Severity.ERROR.value, "where": upload.original_name, "message": said}]
    else:
        upload.problems = as_rows(made.loaded.warnings, path, upload.original_name, cell_values(raw))
        upload.draft = store_bytes(upload.department, made.docx, ".docx")
        upload.built_at = timezone.now()
    upload.errors = sum(p["severity"] == Severity.ERROR.value for p in upload.problems)
    upload.warnings = sum(p["severity"] == Severity.WARNING.value for p in upload.problems)
    upload.checked_at = timezone.now()
    upload.save(update_fields=["problems", "errors", "warnings", "draft", "built_at", "checked_at"])
    return upload


def finish_pending() -> int:
    """Validate and build the uploads a stopped server left stored but unchecked; how many."""
    pending = list(Upload.objects.filter(checked_at__isnull=True).select_related("department"))
    for upload in pending:
        process(upload)
    return len(pending)


def state_of(department: Department, collection: Collection) -> State:
    last = department.uploads.filter(collection=collection).order_by("-number").first()
    final = department.finals.filter(collection=collection).order_by("-number").first()
    if last is None:
        return State("未提交", None, final)
    if last.checked_at is None:
        return State("生成中", last, final)
    if last.errors:
        return State("有错误", last, final)
    if final is not None and final.uploaded_at >= (last.built_at or last.uploaded_at):
        return State("已定稿", last, final)
    return State("已生成", last, final)


def current_collection(department: Department) -> Collection | None:
    return department.collections.order_by("-year").first()
