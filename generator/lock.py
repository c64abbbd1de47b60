"""One run at a time on one output: the check of what is there and the writing, under one lock.

Two ``build --force`` runs on one edited draft once both found it edited, and the later one backed
up the earlier one's fresh draft.  Now the fingerprint check, the backup and every write happen
while the run holds an operating-system lock (filelock: ``flock`` on POSIX, ``msvcrt.locking`` on
Windows, so the lock also holds between two machines writing into one shared folder where the file
system passes locks on).  The lock file sits beside the output, named ``.~报告.docx.lock`` — hidden on
POSIX, and never LibreOffice's own ``.~lock.报告.docx#`` — so that every run that could touch that
output sees the same lock whatever its working folder or user.  On POSIX the empty lock file stays
(unlinking a lock file that another run has opened and is waiting on breaks mutual exclusion —
filelock's maintainers took that pattern out, and on NFS it cannot even be detected); on Windows
filelock removes it on release.  One left by a killed process holds no lock and is reused.  A run
that has waited a moment says so, and gives up after :data:`LOCK_WAIT_S` seconds.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.errors import OutputProblem
from generator.files import NOTHING_WRITTEN, folder_of, reason

LOCK_WAIT_S = 60.0  # longer than any write of ours takes; the PDF is converted before the lock is taken
NOTICE_AFTER_S = 1.0
_MAX_NAME_BYTES = 255


def lock_path(output: Path) -> Path:
    """``.~报告.docx.lock`` beside the output (a digest of the name when that would be too long)."""
    name = f".~{output.name}.lock"
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        name = f".~{hashlib.sha256(output.name.encode('utf-8')).hexdigest()[:24]}.lock"
    return folder_of(output) / name


@contextlib.contextmanager
def output_lock(output: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output's lock; ``waiting(message)`` is called once if another run holds it a while."""
    from filelock import FileLock, Timeout

    path = lock_path(output)
    lock = FileLock(str(path), thread_local=False, mode=0o666)  # other users' runs may open it too
    try:
        try:
            lock.acquire(timeout=NOTICE_AFTER_S)
        except Timeout:
            if waiting is not None:
                waiting(f"另一次生成正在写入 {output}，等待它完成（最多 {LOCK_WAIT_S:.0f} 秒）……")
            lock.acquire(timeout=LOCK_WAIT_S)
    except Timeout as exc:
        raise OutputProblem(
            f"{output}：另一次生成一直在写入这个文件，等了 {LOCK_WAIT_S:.0f} 秒仍未结束，已放弃。"
            f"{NOTHING_WRITTEN}请等它结束后再试。"
        ) from exc
    except OSError as exc:
        if path.exists():  # e.g. left by another user's run, whose file this user may not open
            raise OutputProblem(
                f"{output}：无法使用旁边的锁文件“{path.name}”（{reason(exc)}）。{NOTHING_WRITTEN}"
                "它可能是其他用户的生成留下的：确认没有人正在生成这份初稿后，删除这个文件再试。"
            ) from exc
        raise OutputProblem(
            f"{output}：无法在“{folder_of(output)}”中写入文件（{reason(exc)}）。请检查文件夹权限。"
        ) from exc
    try:
        yield
    finally:
        lock.release()
