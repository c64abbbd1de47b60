"""``report-draft serve``'s own bad inputs: each a Chinese message, exit 1, nothing started."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "serve", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return int(free.getsockname()[1])


def test_a_port_in_use_is_said_and_the_office_account_is_not_made_unseen(tmp_path: Path) -> None:
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        data = tmp_path / "数据 目录"
        said = serve("--data", str(data), "--port", str(port))
    assert said.returncode == 1
    assert said.stderr == (
        f"错误：127.0.0.1:{port}：这个端口已被占用（可能已有一个 report-draft serve 在运行）。"
        f"请先停止它，或换一个端口，例如 --port {port + 1}。\n"
    )
    assert "密码" not in said.stdout
    again = serve("--data", str(data), "--port", str(port), "--host", "10.255.255.254")  # not this machine's
    assert again.returncode == 1
    assert again.stderr == (
        "错误：10.255.255.254：不是本机的地址。请写本机的局域网地址，或 0.0.0.0（所有地址），或不写（只供本机访问）。\n"
    )


def test_a_database_address_it_cannot_use_is_said_without_its_password(tmp_path: Path) -> None:
    said = serve("--data", str(tmp_path), "--database", "mysql://u:secret@127.0.0.1/x")
    assert said.returncode == 1
    assert said.stderr == (
        "错误：--database mysql://…：不认识的数据库地址。请写 postgresql://用户:密码@主机:端口/库名，"
        "或不写这一项，使用数据目录中的 SQLite 文件。\n"
    )
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]  # nobody listens there once it is closed
    said = serve(
        "--data",
        str(tmp_path),
        "--port",
        "0" if False else "8",
        "--database",
        f"postgresql://report:secret@127.0.0.1:{port}/report",
    )
    assert said.returncode == 1
    assert said.stderr.startswith(f"错误：postgresql://report:***@127.0.0.1:{port}/report：无法打开数据库（")
    assert said.stderr.endswith("）。请检查数据库地址、用户名和密码，以及数据库服务是否已启动。\n")
    assert "secret" not in said.stderr
