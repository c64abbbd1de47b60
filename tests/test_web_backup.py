"""A backup made while the server runs, restored into a new data folder and served again (#15 item 6)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from tests.conftest import ROOT, SAMPLE
from tests.web_fixtures import add_department, log_in, open_collection, start_server, stop_server, upload

A = "备份 测试局"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        encoding="utf-8",
        check=False,
    )


def test_a_backup_taken_while_uploads_go_on_restores_and_serves_every_kept_draft(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    server, _ = start_server(tmp_path)
    try:
        with sync_playwright() as p:
            office = p.request.new_context(base_url=server.url, max_redirects=0)
            log_in(office, server.office_user, server.office_password)
            open_collection(office)
            password = add_department(office, A)
            a = p.request.new_context(base_url=server.url, max_redirects=0)
            log_in(a, A, password)
            assert upload(a, "第一次.xlsx", SAMPLE.read_bytes()).status == 302
            first = a.get("/department/uploads/1/draft.docx").body()
            target = tmp_path / "备份 文件.zip"
            made: list[subprocess.CompletedProcess[str]] = []
            backing_up = threading.Thread(
                target=lambda: made.append(cli("backup", str(target), "--data", str(server.data_dir)))
            )
            backing_up.start()  # the server goes on taking uploads meanwhile
            assert upload(a, "第二次.xlsx", SAMPLE.read_bytes()).status == 302
            backing_up.join()
            assert made[0].returncode == 0, made[0].stderr
            assert made[0].stdout.startswith("已备份数据库和 ") and str(target) in made[0].stdout
    finally:
        stop_server(server, None)

    restored_dir = tmp_path / "恢复 的数据"
    done = cli("restore", str(target), "--data", str(restored_dir))
    assert done.returncode == 0, done.stderr
    again, _ = start_server(tmp_path, data_dir=restored_dir)
    try:
        with sync_playwright() as p:
            a = p.request.new_context(base_url=again.url, max_redirects=0)
            assert log_in(a, A, password).status == 302  # the accounts came back
            assert a.get("/department/uploads/1/draft.docx").body() == first
            second = a.get("/department/uploads/2/draft.docx")  # kept if the backup began after it
            assert second.status in (200, 404)
    finally:
        stop_server(again, None)

    refused = cli("restore", str(target), "--data", str(restored_dir))
    assert refused.returncode == 1
    assert (
        refused.stderr
        == f"错误：{restored_dir}：数据目录不是空的，为免覆盖现有数据，没有恢复。请指定一个新的（或空的）目录。\n"
    )


def test_backup_and_restore_refuse_what_is_not_theirs(tmp_path: Path) -> None:
    empty = tmp_path / "空 目录"
    empty.mkdir()
    said = cli("backup", str(tmp_path / "b.zip"), "--data", str(empty))
    assert said.returncode == 1
    assert said.stderr == (
        f"错误：{empty}：这里没有服务的数据库文件（report-draft.sqlite3），请用 --data 指定 serve 使用的数据目录。\n"
    )
    not_backup = tmp_path / "别的.zip"
    import zipfile

    with zipfile.ZipFile(not_backup, "w") as z:
        z.writestr("../outside.txt", "x")
    said = cli("restore", str(not_backup), "--data", str(tmp_path / "新"))
    assert said.returncode == 1
    assert said.stderr == f"错误：{not_backup}：不是本程序的备份文件（其中有不属于数据目录的内容）。\n"
    assert not (tmp_path / "outside.txt").exists() and not (tmp_path / "新").exists()
