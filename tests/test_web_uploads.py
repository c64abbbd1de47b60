"""Nothing is lost (#15 item 6): uploads of one department at once are all kept, numbered in order;
a server killed while it builds keeps the upload and builds it when it starts again."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
import time
from pathlib import Path

from generator.pipeline import draft
from tests.conftest import SAMPLE
from tests.http_client import Client
from tests.web_fixtures import Server, start_server, stop_server

A = "并发 测试局"


def department(server: Server, name: str) -> tuple[Client, str]:
    office = Client(server.url)
    office.log_in(server.office_user, server.office_password)
    office.post("/office/", {"csrfmiddlewaretoken": office.token("/office/"), "year": "2025", "deadline": "2026-03-01"})
    page = office.post(
        "/office/2025/add/",
        {"csrfmiddlewaretoken": office.token("/office/2025/"), "name": name, "self_name": "", "recipient": ""},
    ).text
    password = re.search(r'class="password">([^<]+)<', page)[1]
    client = Client(server.url)
    assert client.log_in(name, password).status == 302
    return client, password


def send(client: Client, name: str) -> int:
    token = client.token("/department/")
    return client.post(
        "/department/upload/", {"csrfmiddlewaretoken": token}, {"workbook": (name, SAMPLE.read_bytes())}
    ).status


def test_six_uploads_of_one_department_at_once_are_all_kept_in_order(server: Server) -> None:
    client, _ = department(server, A)
    statuses: list[int] = []
    threads = [
        threading.Thread(target=lambda i=i: statuses.append(send(client, f"同时第{i}份.xlsx"))) for i in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * 6
    page = client.get("/department/").text
    numbers = sorted({int(n) for n in re.findall(r"/department/uploads/(\d+)/workbook.xlsx", page)})
    assert numbers == [1, 2, 3, 4, 5, 6]
    names = set(re.findall(r"同时第\d份\.xlsx", page))
    assert len(names) == 6  # each upload its own row, none written over another
    expected = draft(SAMPLE).docx
    assert all(client.get(f"/department/uploads/{n}/draft.docx").body == expected for n in numbers)


def test_a_server_killed_while_it_builds_keeps_the_upload_and_builds_it_at_its_next_start(tmp_path: Path) -> None:
    server, _ = start_server(tmp_path)
    database = server.data_dir / "report-draft.sqlite3"
    try:
        client, password = department(server, A)

        def cut_short() -> None:
            with contextlib.suppress(OSError):  # the server dies before it answers
                send(client, "被打断的.xlsx")

        sending = threading.Thread(target=cut_short)
        sending.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the upload is stored: its row is committed before the build
            with sqlite3.connect(database, timeout=5) as db:
                if db.execute("SELECT count(*) FROM web_upload").fetchone()[0]:
                    break
            time.sleep(0.005)
        server.process.kill()  # mid-build, most likely; the assertions hold either way
        sending.join()
        with sqlite3.connect(database) as db:
            stored = db.execute("SELECT number, original_name, checked_at FROM web_upload").fetchall()
        assert [(n, name) for n, name, _ in stored] == [(1, "被打断的.xlsx")]
    finally:
        stop_server(server, None)
    again, _ = start_server(tmp_path, data_dir=server.data_dir)
    try:
        print("killed mid-build" if stored[0][2] is None else "killed after the build")
        if stored[0][2] is None:  # it was cut short: the new start says so and builds it
            assert "上次停止时有 1 次上传尚未生成初稿，已补做。" in "".join(again.said)
        client = Client(again.url)
        assert client.log_in(A, password).status == 302
        assert client.get("/department/uploads/1/draft.docx").body == draft(SAMPLE).docx
    finally:
        stop_server(again, None)
