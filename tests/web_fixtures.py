"""The web server as the tests use it: ``report-draft serve`` in its own process (waitress, the real
database), in a data folder with Chinese and spaces in its path, on a free loopback port.

The database is SQLite, or PostgreSQL when ``REPORT_DRAFT_TEST_POSTGRES`` names a server
(postgresql://user:pw@127.0.0.1:5432/postgres; tests/run.py starts one in CI): each server gets a
database of its own there, dropped at the end."""

from __future__ import annotations

import html
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("REPORT_DRAFT_TEST_POSTGRES", "")
DATABASES = ["sqlite", "postgresql"]


@dataclass
class Server:
    url: str
    data_dir: Path
    office_user: str
    office_password: str
    process: subprocess.Popen[str]
    database: str
    said: list[str]  # what the server printed (read by a thread, so that its pipe never fills)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _postgres_database() -> tuple[str, str]:
    """A new, empty database on the test server: its URL and its name."""
    import psycopg

    name = f"report_draft_{secrets.token_hex(4)}"
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(POSTGRES)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _drop_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(folder: Path, database: str = "sqlite", data_dir: Path | None = None) -> tuple[Server, str | None]:
    """A server on a new data folder in ``folder`` (or on ``data_dir`` as it is, whose office
    password was shown at its first start: the Server's is then "")."""
    data_dir = data_dir or folder / "报告 收集数据"
    args = [sys.executable, "-m", "generator", "serve", "--data", str(data_dir), "--port", str(port := _free_port())]
    dropped = None
    if database == "postgresql":
        if not POSTGRES:
            if os.environ.get("CI"):
                pytest.fail("REPORT_DRAFT_TEST_POSTGRES is not set: tests/run.py starts PostgreSQL in CI")
            pytest.skip("no PostgreSQL server for the tests (REPORT_DRAFT_TEST_POSTGRES)")
        url, dropped = _postgres_database()
        args += ["--database", url]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", env=env
    )
    said: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        said.append(line)
        if "Ctrl+C" in line:
            break
    found = re.search(r"收集管理员账号：(\S+)　密码：(\S+)", "".join(said)) or re.search(
        r"收集管理员账号：(\S+)（()", "".join(said)
    )
    assert found, "".join(said)
    threading.Thread(target=lambda: said.extend(process.stdout or []), daemon=True).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return Server(f"http://127.0.0.1:{port}", data_dir, found[1], found[2], process, database, said), dropped


def stop_server(server: Server, dropped: str | None) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
    if dropped:
        _drop_postgres(dropped)


@pytest.fixture(scope="module", params=DATABASES)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running, dropped = start_server(tmp_path_factory.mktemp("web"), request.param)
    try:
        yield running
    finally:
        stop_server(running, dropped)


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: tests/run.py installs Debian's chromium")
        pytest.skip("no Chromium on this machine")
    return found


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=zh-CN",  # the browser's own words (the file input's button) in Chinese
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def token(ctx: Any, path: str) -> str:
    """The CSRF token of the form on ``path``, as a browser would send it back."""
    page = ctx.get(path).text()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, page[:300]
    return found[1]


def log_in(ctx: Any, username: str, password: str) -> Any:
    form = {"csrfmiddlewaretoken": token(ctx, "/login/"), "username": username, "password": password}
    return ctx.post("/login/", form=form)


def text_of(response: Any) -> str:
    """A page's text, tags dropped."""
    return html.unescape(re.sub(r"<[^>]+>", " ", response.text()))


def open_collection(office: Any, year: int = 2025, deadline: str = "2026-03-01") -> None:
    office.post(
        "/office/", form={"csrfmiddlewaretoken": token(office, "/office/"), "year": str(year), "deadline": deadline}
    )


def add_department(office: Any, name: str, year: int = 2025) -> str:
    """Add ``name`` to the collection; its initial password."""
    form = {"csrfmiddlewaretoken": token(office, f"/office/{year}/"), "name": name, "self_name": "", "recipient": ""}
    done = office.post(f"/office/{year}/add/", form=form)
    found = re.search(r'class="password">([^<]+)<', done.text())
    assert found, done.text()[:500]
    return found[1]


def upload(ctx: Any, name: str, data: bytes) -> Any:
    workbook = {"name": name, "mimeType": "application/octet-stream", "buffer": data}
    return ctx.post(
        "/department/upload/", multipart={"csrfmiddlewaretoken": token(ctx, "/department/"), "workbook": workbook}
    )


def import_last_year(ctx: Any, name: str, data: bytes) -> Any:
    """Upload ``data`` as last year's report (从去年的报告开始)."""
    report = {"name": name, "mimeType": "application/octet-stream", "buffer": data}
    return ctx.post(
        "/department/import/", multipart={"csrfmiddlewaretoken": token(ctx, "/department/"), "report": report}
    )
