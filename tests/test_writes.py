"""Every output of one command whole or absent, every refusal of the system said in Chinese, one run
at a time on one output.

The full disk is a real one where the tests run as root (a small tmpfs, mounted here and unmounted
after); elsewhere those cases skip, and the same failure is simulated by a write that raises.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.app import main
from generator.docx.fingerprint import docx_parts, read_stamp
from tests.conftest import ROOT, SAMPLE
from tests.test_edits import rezip

NOTHING = "没有写出任何文件，原有的文件都未改动。"
LONG = "法治政府建设年度报告初稿" * 8  # 96 characters, 288 bytes in UTF-8: past the 255 of ext4, tmpfs …


def build(out: Path, *extra: str, workbook: Path = SAMPLE) -> Any:
    return CliRunner().invoke(main, ["build", str(workbook), "-o", str(out), *extra])


def edited_draft(out: Path) -> bytes:
    """A draft of ours at ``out`` with one paragraph changed by hand; its bytes."""
    assert build(out).exit_code == 0
    doc = docx_parts(out)["word/document.xml"].replace("县委、县政府：".encode(), "县委、县政府领导：".encode())
    tmp = out.with_name("改过.docx.tmp")
    rezip(out, tmp, **{"word/document.xml": doc})
    os.replace(tmp, out)
    return out.read_bytes()


def files_in(folder: Path) -> set[str]:
    """The files of a folder but the outputs' empty lock files (they stay on POSIX: generator/lock.py)."""
    return {p.name for p in folder.iterdir() if not (p.name.startswith(".~") and p.name.endswith(".docx.lock"))}


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (root only); unmounted after the test."""
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root on Linux; the simulated failures below run everywhere")
    disk = tmp_path / "小 磁盘"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"mount -t tmpfs was refused here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def fill(disk: Path, leave: int) -> None:
    """Fill the disk until only ``leave`` bytes are free (page-rounded by tmpfs)."""
    filler = disk / "占满.bin"
    filler.unlink(missing_ok=True)
    stat = os.statvfs(disk)
    with open(filler, "wb") as f:
        f.write(b"\0" * max(0, stat.f_bavail * stat.f_frsize - leave))


def test_a_full_disk_leaves_no_half_backup_nor_half_draft(small_disk: Path) -> None:
    out = small_disk / "报告.docx"
    edited = edited_draft(out)
    fill(small_disk, leave=4096)  # not room for the backup
    result = build(out, "--force")
    assert result.exit_code == 1
    assert re.fullmatch(
        rf"错误：{re.escape(str(out.parent))}/报告\.\d{{8}}-\d{{6}}\.备份\.docx：无法写入（磁盘空间不足）。{NOTHING}\n",
        result.output,
    ), result.output
    assert files_in(small_disk) == {"报告.docx", "占满.bin"} and out.read_bytes() == edited

    fill(small_disk, leave=len(edited) + 8192)  # room for the backup, not for the new draft as well
    result = build(out, "--force")
    assert (result.exit_code, result.output) == (1, f"错误：{out}：无法写入（磁盘空间不足）。{NOTHING}\n")
    assert files_in(small_disk) == {"报告.docx", "占满.bin"} and out.read_bytes() == edited

    (small_disk / "占满.bin").unlink()
    result = build(out, "--force")
    assert result.exit_code == 0, result.output
    [backup] = small_disk.glob("报告.*.备份.docx")
    assert backup.read_bytes() == edited


def test_a_full_disk_on_the_sources_table_writes_neither_file(small_disk: Path) -> None:
    out = small_disk / "报告.docx"
    assert build(out).exit_code == 0
    draft = out.read_bytes()
    pages = -(-len(draft) // 4096) * 4096  # tmpfs counts whole pages
    fill(small_disk, leave=pages + 1024)  # the new draft fits, its sources table does not
    result = build(out, "--sources")
    assert (result.exit_code, result.output) == (
        1,
        f"错误：{out.with_suffix('.sources.csv')}：无法写入（磁盘空间不足）。{NOTHING}\n",
    )
    assert files_in(small_disk) == {"报告.docx", "占满.bin"} and out.read_bytes() == draft


def failing_fsync(monkeypatch: pytest.MonkeyPatch, on_call: int) -> None:
    """``os.fsync`` fails with 'no space' on its ``on_call``-th call (1-based), as a full disk does."""
    real, calls = os.fsync, [0]

    def fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] == on_call:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_failing_write_of_the_backup_leaves_everything_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "报告.docx"
    edited = edited_draft(out)
    failing_fsync(monkeypatch, on_call=1)  # the backup is written first
    result = build(out, "--force")
    assert result.exit_code == 1
    assert re.fullmatch(
        rf"错误：.*[/\\]报告\.\d{{8}}-\d{{6}}\.备份\.docx：无法写入（磁盘空间不足）。{NOTHING}\n", result.output
    )
    assert files_in(tmp_path) == {"报告.docx"} and out.read_bytes() == edited


def test_a_failing_write_of_the_draft_removes_the_backup_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "报告.docx"
    edited = edited_draft(out)
    failing_fsync(monkeypatch, on_call=2)
    result = build(out, "--force", "--sources")
    assert (result.exit_code, result.output) == (1, f"错误：{out}：无法写入（磁盘空间不足）。{NOTHING}\n")
    assert files_in(tmp_path) == {"报告.docx"} and out.read_bytes() == edited


def test_when_one_output_cannot_be_put_in_place_the_others_are_put_back(
    make_workbook: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_reruns import correct

    out = tmp_path / "输出" / "报告.docx"
    out.parent.mkdir()
    assert build(out, "--sources").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.parent.iterdir()}
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if str(dst).endswith(".sources.csv"):
            raise PermissionError(errno.EACCES, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = build(out, "--sources", workbook=make_workbook(correct))
    assert result.exit_code == 1
    assert (
        result.output == f"错误：{out.with_suffix('.sources.csv')}：无法覆盖这个文件（没有访问权限）。{NOTHING}"
        "请检查这个文件和所在文件夹的权限。\n"
    )
    assert {p.name: p.read_bytes() for p in out.parent.iterdir()} == before  # the new draft was taken back


def test_when_a_replaced_file_cannot_be_put_back_it_is_kept_and_its_place_said(
    make_workbook: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sources table cannot be put in place, and then the edited draft cannot be put back: the
    reviewer's work stays in its copy and in the backup, and the message says where."""
    from tests.test_reruns import correct

    out = tmp_path / "报告.docx"
    edited = edited_draft(out)
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if str(dst).endswith(".sources.csv") or (
            str(dst) == str(out) and Path(src).name.startswith(".~") and Path(src).read_bytes() == edited
        ):
            raise PermissionError(errno.EACCES, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = build(out, "--sources", "--force", workbook=make_workbook(correct))
    monkeypatch.undo()
    assert result.exit_code == 1
    match = re.fullmatch(
        rf"错误：{re.escape(str(out.with_suffix('.sources.csv')))}：无法覆盖这个文件（没有访问权限）。"
        r"请检查这个文件和所在文件夹的权限。把原有的文件放回原处时也出错了，但没有丢失："
        rf"“{re.escape(str(out))}”原来的内容在“(.+)”。请把它改回原来的文件名。\n",
        result.output,
    )
    assert match, result.output
    assert Path(match[1]).read_bytes() == edited
    [backup] = tmp_path.glob("报告.*.备份.docx")
    assert backup.read_bytes() == edited


def test_a_folder_given_for_the_output_file(tmp_path: Path) -> None:
    folder = tmp_path / "初稿.docx"
    folder.mkdir()
    result = build(folder)
    assert (result.exit_code, result.output) == (
        1,
        f"错误：{folder}：输出路径是一个文件夹，请给出要生成的文件名，例如 {folder / '报告.docx'}。"
        "没有写出任何文件。\n",
    )
    assert list(tmp_path.rglob("*")) == [folder]


def test_an_unreadable_output_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "报告.docx"
    out.write_bytes(b"a colleague's file")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == out:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = build(out, "--force")
    assert (result.exit_code, result.output) == (
        1,
        f"错误：{out}：无法读取已有的这个文件（没有访问权限），为免丢失，没有覆盖。{NOTHING}\n",
    )
    monkeypatch.undo()
    assert files_in(tmp_path) == {"报告.docx"} and out.read_bytes() == b"a colleague's file"


TOO_LONG = "文件名太长；常见的上限是 255 字节，约 80 个汉字"


@pytest.mark.parametrize("command", ["build", "validate", "check"])
def test_an_input_name_too_long_is_said_in_chinese(tmp_path: Path, command: str) -> None:
    path = tmp_path / f"{LONG}.{'docx' if command == 'check' else 'xlsx'}"
    result = CliRunner().invoke(main, [command, str(path)])
    assert (result.exit_code, result.output) == (
        1,
        f"错误：{path}：系统不接受这个路径（{TOO_LONG}）。请换一个短一些的文件名，或把文件放到路径短一些的文件夹中。\n",
    )


def test_init_with_a_name_too_long_is_said_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / f"{LONG}.xlsx"
    result = CliRunner().invoke(main, ["init", str(path)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"错误：{path}：") and TOO_LONG in result.output, result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["validate", "check"])
def test_an_unreadable_input_is_exit_1_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """A file the user may not read (another user's, 0600): the reason and what to do, exit 1 —
    not click's own check (exit 2, as for a mistyped command, with no reason)."""
    path = tmp_path / ("别人的.xlsx" if command == "validate" else "别人的.docx")
    path.write_bytes(b"secret")
    real = open

    def refused(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refused)
    monkeypatch.setattr("io.open", refused)
    monkeypatch.setattr(os, "access", lambda *a, **k: False)  # what click would have asked
    result = CliRunner().invoke(main, [command, str(path)])
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert "没有访问权限" in result.output and str(path) in result.output, result.output


def test_an_output_name_too_long_is_said_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / f"{LONG}.docx"
    result = build(out, "--sources")
    assert (result.exit_code, result.output) == (
        1,
        f"错误：{out}：无法写入（{TOO_LONG}）。{NOTHING}请换一个短一些的文件名。\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_run_waits_for_another_on_the_same_output_and_gives_up_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.lock

    out = tmp_path / "报告.docx"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire();"
            " print('held', flush=True); time.sleep(30)",
            str(generator.lock.lock_path(out)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        monkeypatch.setattr(generator.lock, "NOTICE_AFTER_S", 0.2)
        monkeypatch.setattr(generator.lock, "LOCK_WAIT_S", 1.0)
        started = time.monotonic()
        result = build(out)
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert result.output == (
        f"另一次生成正在写入 {out}，等待它完成（最多 1 秒）……\n"
        f"错误：{out}：另一次生成一直在写入这个文件，等了 1 秒仍未结束，已放弃。{NOTHING}请等它结束后再试。\n"
    )
    assert not out.exists()


RACES = 40


def test_two_forced_builds_on_one_edited_draft_keep_exactly_its_backup(tmp_path: Path) -> None:
    """40 races of two real processes started together: never a lost or a confused backup."""
    out = tmp_path / "同一 初稿.docx"
    edited = edited_draft(out)
    command = [sys.executable, "-m", "generator", "build", str(SAMPLE), "-o", str(out), "--force"]
    # byte-compiled once, outside the work tree (this machine's PYTHONDONTWRITEBYTECODE would
    # otherwise compile every module in every one of the 80 processes)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path.parent / "pycache")
    started = time.monotonic()
    for race in range(RACES):
        out.write_bytes(edited)
        runs = [
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], outputs
        backups = list(tmp_path.glob("同一 初稿.*.备份.docx"))
        assert len(backups) == 1, (race, backups)
        assert backups[0].read_bytes() == edited, race
        stamp = read_stamp(out)
        assert stamp.stored is not None and stamp.stored == stamp.now, race
        assert files_in(tmp_path) == {out.name, backups[0].name}, race  # no temporary left
        backups[0].unlink()
    print(f"{RACES} races in {time.monotonic() - started:.1f} s")


def test_a_name_that_leaves_no_room_for_the_backups_date_still_gets_a_backup(tmp_path: Path) -> None:
    """80 Chinese characters build (245 bytes), and the dated backup's name is shortened to fit."""
    out = tmp_path / f"{'法治政府建设年度报告' * 8}.docx"
    edited = edited_draft(out)
    result = build(out, "--force")
    assert result.exit_code == 0, result.output
    [backup] = tmp_path.glob("*.备份.docx")
    assert len(backup.name.encode("utf-8")) <= 255 and backup.read_bytes() == edited
    assert out.stem.startswith(backup.name.split(".")[0])
