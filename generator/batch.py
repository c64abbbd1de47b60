"""Many workbooks at once: every draft of a county in one run, one broken workbook stopping none.

Jobs run in worker processes (``-j N``; spawn-safe, so Windows works too) or in this process for
``-j 1``.  Each job returns a plain result; nothing is shared between jobs but the output folder,
and drafts are named so that no two jobs write the same file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputProblems, ReportError, Severity, WorkbookUnreadable

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Job:
    workbook: Path
    output: Path
    agency: str | None = None
    templates: Path | None = None
    force: bool = False
    sources: bool = False
    annotate: bool = False


@dataclass(frozen=True)
class Outcome:
    job: Job
    ok: bool
    warnings: int
    error: str  # the first error, for the summary


def collect(paths: list[Path]) -> list[Path]:
    """The workbooks named, folders expanded (their .xlsx and .xlsm, not Excel's ~$ lock files).

    Raise :class:`WorkbookUnreadable` for a folder that holds none."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith(("~$", ".~"))
            )
            if not inside:
                raise WorkbookUnreadable(
                    f"{path}：这个文件夹中没有工作簿（.xlsx 或 .xlsm）。"
                    "请把工作簿放进这个文件夹，或直接写出工作簿的路径。"
                )
            found += inside
        else:
            found.append(path)
    return found


def plan(workbooks: list[Path], folder: Path | None, **options: object) -> list[Job]:
    """One job per workbook, each draft named from its workbook and never the same as another's."""
    jobs: list[Job] = []
    taken: set[str] = set()
    for wb in workbooks:
        target = folder if folder is not None else wb.parent
        stem, n = f"{wb.stem}_报告初稿", 1
        name = stem
        while str((target / f"{name}.docx").resolve()).lower() in taken:  # same name in two folders
            n += 1
            name = f"{stem}_{n}"
        out = target / f"{name}.docx"
        taken.add(str(out.resolve()).lower())
        jobs.append(Job(wb, out, **options))  # type: ignore[arg-type]
    return jobs


def run_job(job: Job) -> Outcome:
    """Build one draft; a user's mistake becomes the outcome's error, never an exception."""
    from generator.pipeline import build

    try:
        result = build(job.workbook, job.output, job.agency, job.templates, job.force, job.sources, None, job.annotate)
    except InputProblems as exc:
        first = next((p for p in exc.problems if p.severity is Severity.ERROR), None)
        return Outcome(job, False, 0, str(first) if first else str(exc))
    except ReportError as exc:
        return Outcome(job, False, 0, str(exc))
    except Exception as exc:  # a bug of ours: reported, the other jobs go on
        return Outcome(job, False, 0, f"程序内部错误（{type(exc).__name__}: {exc}）")
    return Outcome(job, True, len(result.warnings), "")


def run_all(jobs: list[Job], workers: int, started: Callable[[Job], None] | None = None) -> Iterator[Outcome]:
    """Outcomes as jobs finish; ``workers`` processes (1: in this process)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            if started:
                started(job)
            yield run_job(job)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed  # a single build never needs them

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_job, job): job for job in jobs}
        for future in as_completed(futures):
            if started:
                started(futures[future])
            yield future.result()


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)
