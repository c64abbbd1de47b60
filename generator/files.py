"""Writing files safely: a temporary file beside the target, then one rename.

An interrupted run leaves the old file whole; a failure is reported in Chinese with the path.
Works the same on Windows (``os.replace`` replaces atomically there too, unless Word holds the file
open, which is reported as such).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputProblem


def check_writable_target(path: Path) -> None:
    """Fail early, before any work, if the target cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputProblem(f"{path}：这是一个文件夹，请给出要生成的文件名，例如 {path / '报告.docx'}。")
    if not folder.exists():
        raise OutputProblem(f"{path}：文件夹“{folder}”不存在，请先创建它或换一个位置。")


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path`` in one step."""
    check_writable_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~", suffix=path.suffix, dir=folder)
    except OSError as exc:
        raise OutputProblem(f"{path}：无法在“{folder}”中写入文件（{exc.strerror}）。请检查文件夹权限。") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _give_mode(tmp, path)
        try:
            os.replace(tmp, path)
        except PermissionError as exc:
            raise OutputProblem(f"{path}：无法覆盖这个文件，它可能正在 Word 或 WPS 中打开。请关闭后重试。") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def _give_mode(tmp: Path, target: Path) -> None:
    """A temporary file is private (0600); give the draft the mode a new file would have had."""
    if os.name != "posix":
        return
    if target.exists():
        mode = target.stat().st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_write(path) as tmp:
        tmp.write_bytes(data)
