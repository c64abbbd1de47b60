"""Writing a workbook we made for the clerk (``init``, ``upgrade``) as ``build`` writes a draft.

Computing and writing are apart: :func:`workbook_bytes` is what the web stores, :func:`write_new_workbook`
what the CLI writes.  The file is written whole or not at all, under its lock
(:func:`generator.lock.output_lock`), and never over an existing file unless asked (``force``), and
then only after the file's bytes are kept in a dated backup beside it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from generator.errors import OutputProblem
from generator.files import backup_path, check_writable_target, read_existing, write_together
from generator.lock import output_lock


def _exists(path: Path) -> OutputProblem:
    return OutputProblem(f"{path}：文件已存在，没有覆盖。换一个文件名，或加 --force 覆盖（原文件会先备份在旁边）。")


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file (by path, or by the file system: a link, another spelling)."""
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.exists() and a.samefile(b))
    except OSError:
        return False  # the OS's own refusal of either path is said when it is used


def workbook_bytes(wb: Workbook) -> bytes:
    """The .xlsx file of ``wb``, in memory."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def check_new_workbook(path: Path, force: bool = False) -> None:
    """Fail before any work if ``path`` cannot take a new workbook: not .xlsx, no such folder, a
    folder, or an existing file without ``force``."""
    if path.suffix.lower() != ".xlsx":
        raise OutputProblem(f"{path}：工作簿文件名应以 .xlsx 结尾。")
    check_writable_target(path)
    if path.exists() and not force:
        raise _exists(path)


def write_new_workbook(
    path: Path, data: bytes, force: bool = False, waiting: Callable[[str], None] | None = None
) -> Path | None:
    """Write ``data`` to ``path`` whole, under its lock; an existing file is replaced only with
    ``force``, after a dated backup.  Return the backup's path (None when nothing was replaced)."""
    check_new_workbook(path, force)
    with output_lock(path, waiting):
        held = read_existing(path)
        backup = None
        if held is not None:
            if not force:  # it appeared while we worked
                raise _exists(path)
            backup = (backup_path(path, dt.datetime.now()), held, path)
        write_together([(path, data)], backup)
    return backup[0] if backup else None
