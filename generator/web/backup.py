"""A consistent backup of a running server's data folder, and its restoring.

SQLite's online backup API copies the database page by page while the server goes on writing;
the files are copied after it.  A file is written before the row naming it is committed and is
never changed afterwards, so every file the copied database names is there to copy.  For
PostgreSQL the database is backed up with its own tool (pg_dump); this copies the files."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import OutputProblem
from generator.files import check_writable_target, read_existing, write_together
from generator.web.settings import DATABASE_FILE

SECRET = "secret_key.txt"


@dataclass(frozen=True)
class Backup:
    path: Path
    files: int  # stored uploads, drafts and 定稿 in it
    database: bool  # the SQLite database is in it (not for PostgreSQL)


def make_backup(data_dir: Path, target: Path, postgres: bool = False) -> Backup:
    """Zip the data folder's database (SQLite) and files into ``target``, never over a file."""
    database = data_dir / DATABASE_FILE
    if not postgres and not database.exists():
        raise OutputProblem(
            f"{data_dir}：这里没有服务的数据库文件（{DATABASE_FILE}），请用 --data 指定 serve 使用的数据目录。"
        )
    check_writable_target(target)
    if read_existing(target) is not None:
        raise OutputProblem(f"{target}：文件已存在，没有覆盖。请换一个文件名。")
    with tempfile.TemporaryDirectory(prefix="report-draft-backup-") as tmp:
        copy = Path(tmp) / DATABASE_FILE
        if not postgres:
            source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
            dest = sqlite3.connect(copy)
            with dest:
                source.backup(dest)
            source.close()
            dest.close()
        stored = (
            sorted(p for p in (data_dir / "files").rglob("*") if p.is_file()) if (data_dir / "files").is_dir() else []
        )
        zipped = Path(tmp) / "backup.zip"
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
            if not postgres:
                archive.write(copy, DATABASE_FILE)
            if (data_dir / SECRET).exists():
                archive.write(data_dir / SECRET, SECRET)
            for path in stored:
                archive.write(path, path.relative_to(data_dir).as_posix())
        write_together([(target, zipped.read_bytes())])
    return Backup(target, len(stored), not postgres)


def restore_backup(backup: Path, data_dir: Path) -> int:
    """Unpack ``backup`` into a new or empty data folder; the count of files restored."""
    if data_dir.exists() and any(data_dir.iterdir()):
        raise OutputProblem(f"{data_dir}：数据目录不是空的，为免覆盖现有数据，没有恢复。请指定一个新的（或空的）目录。")
    try:
        archive = zipfile.ZipFile(backup)
    except (OSError, zipfile.BadZipFile) as exc:
        raise OutputProblem(f"{backup}：不是本程序的备份文件（{exc}）。") from exc
    with archive:
        names = archive.namelist()
        unsafe = [n for n in names if n.startswith(("/", "\\")) or ".." in Path(n).parts or ":" in n]
        known = [n for n in names if n in (DATABASE_FILE, SECRET) or n.startswith("files/")]
        if unsafe or len(known) != len(names) or not names:
            raise OutputProblem(f"{backup}：不是本程序的备份文件（其中有不属于数据目录的内容）。")
        data_dir.mkdir(parents=True, exist_ok=True)
        archive.extractall(data_dir)
    return sum(n.startswith("files/") for n in names)
