"""Writing files safely: every output of a command whole, or none of them, and nothing lost.

Each file is first written to a temporary file beside its target, flushed and fsynced, and only
when every one of them (a draft, its sources table, its PDF, the backup of the file it replaces) is
complete are they renamed into place, one ``os.replace`` each.  If putting one in place fails, the
ones already put are taken back: what was there before is restored, a new file removed (and if
a file cannot be put back, it is left in its copy and the message says where).  Any
refusal of the operating system (no space, no permission, a name too long, a folder where a file
should be) becomes an :class:`OutputProblem` in Chinese that names the path and says that nothing
was written; temporaries never stay behind.  ``os.replace`` replaces atomically on Windows too,
unless a program holds the file open, which is reported as such there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.errors import OutputProblem

NOTHING_WRITTEN = "没有写出任何文件，原有的文件都未改动。"
WINDOWS = os.name == "nt"  # where a refused rename usually means a program holds the file
_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    getattr(errno, "EDQUOT", -1): "超出了磁盘配额",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.EROFS: "磁盘是只读的",
    errno.ENAMETOOLONG: "文件名太长；常见的上限是 255 字节，约 80 个汉字",
    errno.EISDIR: "输出路径是一个文件夹",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EIO: "读写磁盘时出错",
    errno.EEXIST: "文件已存在",
}
_WINDOWS_NAME_TOO_LONG = 206  # ERROR_FILENAME_EXCED_RANGE


def reason(exc: OSError) -> str:
    """What the operating system refused, in Chinese."""
    if getattr(exc, "winerror", None) == _WINDOWS_NAME_TOO_LONG:
        return _REASONS[errno.ENAMETOOLONG]
    return _REASONS.get(exc.errno or 0, f"系统拒绝了这个操作（错误代码 {exc.errno}）")


def os_problem(exc: OSError) -> str:
    """The message for an operating-system refusal of a path: which path, and why."""
    where = exc.filename if exc.filename is not None else "路径"
    return f"{where}：系统不接受这个路径（{reason(exc)}）。"


def os_advice(exc: OSError) -> str:
    """What to do about an operating-system refusal of a path given to a command."""
    if reason(exc) == _REASONS[errno.ENAMETOOLONG]:
        return "请换一个短一些的文件名，或把文件放到路径短一些的文件夹中。"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "请检查这个文件和所在文件夹的权限，或把文件复制到自己的文件夹后再试。"
    return "请检查路径是否正确。"


def folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def check_writable_target(path: Path) -> None:
    """Fail early, before any work, if the target cannot be written."""
    folder = folder_of(path)
    try:
        if path.is_dir():
            raise OutputProblem(
                f"{path}：输出路径是一个文件夹，请给出要生成的文件名，例如 {path / '报告.docx'}。没有写出任何文件。"
            )
        if not folder.exists():
            raise OutputProblem(f"{path}：文件夹“{folder}”不存在，请先创建它或换一个位置。")
    except OSError as exc:
        what = "短一些的文件名" if reason(exc) == _REASONS[errno.ENAMETOOLONG] else "位置"
        raise OutputProblem(f"{path}：无法写入（{reason(exc)}）。{NOTHING_WRITTEN}请换一个{what}。") from exc


def _temporary(target: Path) -> Path:
    """An empty temporary file beside ``target`` (same folder: the rename stays on one disk)."""
    folder = folder_of(target)
    try:
        fd, name = tempfile.mkstemp(prefix=".~", suffix=target.suffix, dir=folder)
    except OSError as exc:
        raise OutputProblem(f"{target}：无法在“{folder}”中写入文件（{reason(exc)}）。请检查文件夹权限。") from exc
    os.close(fd)
    return Path(name)


def _stage(target: Path, data: bytes, like: Path | None = None) -> Path:
    """``data`` complete on disk in a temporary file beside ``target``: written, flushed, fsynced.

    The temporary takes the mode a new file would have, or ``like``'s mode and times (a backup)."""
    tmp = _temporary(target)
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _give_mode(tmp, like or target, keep_times=like is not None)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputProblem(f"{target}：无法写入（{reason(exc)}）。{NOTHING_WRITTEN}") from exc
    return tmp


def read_existing(target: Path) -> bytes | None:
    """The file about to be replaced (or backed up), read whole; None when there is none; any other
    refusal said like every other, for nothing is overwritten that could not be kept."""
    try:
        return target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputProblem(
            f"{target}：无法读取已有的这个文件（{reason(exc)}），为免丢失，没有覆盖。{NOTHING_WRITTEN}"
        ) from exc


def _give_mode(tmp: Path, source: Path, keep_times: bool = False) -> None:
    """A temporary file is private (0600); give it the mode the file it stands for has or would have."""
    if keep_times and source.exists():
        stat = source.stat()
        os.utime(tmp, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    if os.name != "posix":
        return
    mode = source.stat().st_mode & 0o777 if source.exists() else 0o666 & ~_umask()
    os.chmod(tmp, mode)


@functools.cache
def _umask() -> int:
    """The process's umask, read once (reading it means setting it: not safe to repeat in threads)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _replace(tmp: Path, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except PermissionError as exc:
        if WINDOWS:  # Windows refuses to replace a file another program holds open
            held = "它可能正在 Word、WPS、Excel 或 PDF 阅读器中打开。"
            raise OutputProblem(f"{target}：无法覆盖这个文件，{held}{NOTHING_WRITTEN}请关闭它后重试。") from exc
        raise OutputProblem(
            f"{target}：无法覆盖这个文件（没有访问权限）。{NOTHING_WRITTEN}请检查这个文件和所在文件夹的权限。"
        ) from exc
    except OSError as exc:
        raise OutputProblem(f"{target}：无法写入（{reason(exc)}）。{NOTHING_WRITTEN}") from exc


def write_together(outputs: Sequence[tuple[Path, bytes]], backup: tuple[Path, bytes, Path] | None = None) -> None:
    """Write every ``(path, data)`` of ``outputs``, and ``backup`` = (backup path, data, the file it
    keeps) first, all or none: see the module's docstring."""
    items = ([(backup[0], backup[1], backup[2])] if backup else []) + [(p, d, None) for p, d in outputs]
    staged: list[tuple[Path, Path]] = []  # (temporary, target)
    kept: list[Path] = []  # copies of files about to be replaced, for taking a failure back
    done: list[tuple[Path, Path | None]] = []  # (target put in place, the copy of what it replaced)
    try:
        for target, data, like in items:
            staged.append((_stage(target, data, like), target))
        for i, (tmp, target) in enumerate(staged):
            previous = None
            held = read_existing(target) if i < len(staged) - 1 else None  # the last needs no copy
            if held is not None:
                previous = _stage(target, held, target)
                kept.append(previous)
            _replace(tmp, target)
            done.append((target, previous))
        _sync_folders({folder_of(t) for _, t in staged})
    except BaseException as exc:
        stranded = _take_back(done, kept)
        if stranded and isinstance(exc, OutputProblem):
            where = "；".join(f"“{target}”原来的内容在“{copy}”" for target, copy in stranded)
            raise OutputProblem(
                str(exc).replace(NOTHING_WRITTEN, "")
                + f"把原有的文件放回原处时也出错了，但没有丢失：{where}。请把它改回原来的文件名。"
            ) from exc
        raise
    finally:
        for tmp in [t for t, _ in staged] + kept:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


def _take_back(done: list[tuple[Path, Path | None]], kept: list[Path]) -> list[tuple[Path, Path]]:
    """Undo the renames of ``done``, last first: a new file removed, a replaced one put back.

    A file that cannot be put back is left in its copy (taken out of ``kept``, so it is not deleted),
    and then no new file is removed either — the backup among them holds the reviewer's work too.
    Returns (target, copy) for each file left in its copy."""
    stranded: list[tuple[Path, Path]] = []
    for target, previous in reversed(done):
        if previous is None:
            if not stranded:
                with contextlib.suppress(OSError):
                    target.unlink()
            continue
        try:
            os.replace(previous, target)
        except OSError:
            kept.remove(previous)
            stranded.append((target, previous))
    return stranded


def _sync_folders(folders: set[Path]) -> None:
    """Make the renames durable (POSIX: fsync the folder; Windows has no such call and needs none)."""
    if os.name != "posix":
        return
    for folder in folders:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    check_writable_target(path)
    write_together([(path, data)])


_MAX_NAME_BYTES = 255  # ext4, NTFS (255 UTF-16 units), tmpfs …: what a name may hold


def backup_path(output: Path, now: dt.datetime) -> Path:
    """``报告.20260120-093000.备份.docx`` beside the output, never an existing file's name; the
    stem shortened when the output's own name leaves no room for the date (a name of 76–83
    Chinese characters builds, and its backup must be possible too)."""
    stamp_text = now.strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        tail = f".{stamp_text}{'' if n == 1 else f'-{n}'}.备份{output.suffix}"
        stem = output.stem
        while stem and len((stem + tail).encode("utf-8")) > _MAX_NAME_BYTES:
            stem = stem[:-1]
        backup = output.with_name(stem + tail)
        if not backup.exists():
            return backup
        n += 1
