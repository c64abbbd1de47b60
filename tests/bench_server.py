"""The benchmark's server rows (not a test): the load run of tests/load_server.py, and one
department's uploads one after another on a warm server."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data_inputs" / "示例县卫生健康局 2025年度数据.xlsx"


def load_run(departments: int, uploads: int, timeout: float) -> tuple[dict[str, float], str]:
    """tests/load_server.py as it is, in its own process: its figures, and what it printed."""
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "load_server.py"),
            "--departments",
            str(departments),
            "--uploads",
            str(uploads),
            "--timeout",
            str(timeout),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=timeout + 300,
    )
    said = out.stdout + out.stderr
    figures: dict[str, float] = {}
    patterns = {
        "answered": r"uploads answered (\d+)",
        "refused": r"refused (\d+)",
        "same": r"drafts equal to the library's (\d+)",
        "p50": r"p50 ([\d.]+) s",
        "p95": r"p95 ([\d.]+) s",
        "max": r"max ([\d.]+) s",
        "rate": r"drafts/s ([\d.]+) over",
        "wall": r"over ([\d.]+) s",
        "per_core": r"per core ([\d.]+)",
        "memory": r"\(VmHWM\) ([\d.]+) MB",
    }
    for name, pattern in patterns.items():
        found = re.search(pattern, said)
        if found:
            figures[name] = float(found[1])
    return figures, said


def sequential(uploads: int, warmup: int = 2) -> tuple[float, list[float], float]:
    """One department, one client: ``warmup`` uploads, then ``uploads`` timed one after another.
    Drafts per second, the latencies, and the server's peak memory (MB)."""
    from tests.http_client import Client
    from tests.load_server import peak_mb
    from tests.web_fixtures import start_server, stop_server

    data = SAMPLE.read_bytes()
    with tempfile.TemporaryDirectory(prefix="report-draft-bench-") as tmp:
        server, dropped = start_server(Path(tmp))
        try:
            office = Client(server.url)
            office.log_in(server.office_user, server.office_password)
            office.post(
                "/office/", {"csrfmiddlewaretoken": office.token("/office/"), "year": "2025", "deadline": "2026-03-01"}
            )
            page = office.post(
                "/office/2025/add/",
                {
                    "csrfmiddlewaretoken": office.token("/office/2025/"),
                    "name": "基准测试部门",
                    "self_name": "",
                    "recipient": "",
                },
            ).text
            password = re.search(r'class="password">([^<]+)<', page)[1]  # type: ignore[index]
            client = Client(server.url)
            client.log_in("基准测试部门", password)
            latencies: list[float] = []
            start = 0.0
            for n in range(warmup + uploads):
                if n == warmup:
                    start = time.perf_counter()
                token = client.token("/department/")
                t = time.perf_counter()
                answer = client.post(
                    "/department/upload/", {"csrfmiddlewaretoken": token}, {"workbook": (f"第{n + 1}次.xlsx", data)}
                )
                if answer.status != 302:
                    raise RuntimeError(f"upload {n + 1} answered {answer.status}: {''.join(server.said[-20:])}")
                if n >= warmup:
                    latencies.append(time.perf_counter() - t)
            wall = time.perf_counter() - start
            memory = peak_mb(server.process.pid)
        finally:
            stop_server(server, dropped)
    return uploads / wall, latencies, memory


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
