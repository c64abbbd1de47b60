"""The server under load (not a test): python tests/load_server.py [--departments 50] [--uploads 10]
[--database postgresql://…]

Starts ``report-draft serve`` on loopback, makes the departments, then every department uploads the
sample workbook ``--uploads`` times at once with the others (one thread each).  Prints: uploads
stored (counted on the pages), drafts equal to the library's draft of the same workbook, the
upload-to-draft latency (p50, p95, max: one POST that stores, validates, builds and answers),
drafts per second over the run and per core, and the server's peak resident memory (Linux's
VmHWM).  Bounded: the run stops at ``--timeout`` seconds."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import draft  # noqa: E402
from tests.http_client import Client  # noqa: E402
from tests.web_fixtures import start_server, stop_server  # noqa: E402

SAMPLE = ROOT / "data_inputs" / "示例县卫生健康局 2025年度数据.xlsx"


def peak_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    return kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--uploads", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    expected = draft(SAMPLE).docx
    data = SAMPLE.read_bytes()
    with tempfile.TemporaryDirectory(prefix="report-draft-load-") as tmp:
        server, dropped = start_server(Path(tmp), args.database)
        try:
            office = Client(server.url)
            office.log_in(server.office_user, server.office_password)
            office.post(
                "/office/", {"csrfmiddlewaretoken": office.token("/office/"), "year": "2025", "deadline": "2026-03-01"}
            )
            import re

            accounts = []
            for i in range(args.departments):
                name = f"负载测试部门{i + 1:02d}"
                page = office.post(
                    "/office/2025/add/",
                    {
                        "csrfmiddlewaretoken": office.token("/office/2025/"),
                        "name": name,
                        "self_name": "",
                        "recipient": "",
                    },
                ).text
                accounts.append((name, re.search(r'class="password">([^<]+)<', page)[1]))
            latencies: list[float] = []
            failures: list[str] = []
            lock = threading.Lock()
            stop_at = time.monotonic() + args.timeout

            def department(name: str, password: str) -> None:
                client = Client(server.url)
                client.log_in(name, password)
                for n in range(args.uploads):
                    if time.monotonic() > stop_at:
                        return
                    token = client.token("/department/")
                    t = time.perf_counter()
                    answer = client.post(
                        "/department/upload/", {"csrfmiddlewaretoken": token}, {"workbook": (f"第{n + 1}次.xlsx", data)}
                    )
                    took = time.perf_counter() - t
                    with lock:
                        (
                            latencies.append(took)
                            if answer.status == 302
                            else failures.append(f"{name}: {answer.status}")
                        )

            threads = [threading.Thread(target=department, args=account) for account in accounts]
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - start
            stored = same = 0
            for name, password in accounts:
                client = Client(server.url)
                client.log_in(name, password)
                page = client.get("/department/").text
                stored += len(set(re.findall(r"/department/uploads/(\d+)/workbook.xlsx", page)))
                for number in set(re.findall(r"/department/uploads/(\d+)/draft.docx", page)):
                    same += client.get(f"/department/uploads/{number}/draft.docx").body == expected
            memory = peak_mb(server.process.pid)
            if failures:
                print("".join(server.said[-60:]))
        finally:
            stop_server(server, dropped)
    q = statistics.quantiles(latencies, n=20, method="inclusive") if len(latencies) > 1 else [float("nan")] * 19
    cores = os.cpu_count() or 1
    print(f"database {args.database}; {args.departments} departments × {args.uploads} uploads at once, {cores} cores")
    print(f"uploads answered {len(latencies)}, refused {len(failures)} {failures[:3]}")
    print(f"uploads stored (on the pages) {stored}; drafts equal to the library's {same}")
    p50, p95, top = statistics.median(latencies), q[18], max(latencies)
    print(f"upload-to-draft latency p50 {p50:.2f} s, p95 {p95:.2f} s, max {top:.2f} s")
    print(f"drafts/s {len(latencies) / wall:.2f} over {wall:.1f} s; per core {len(latencies) / wall / cores:.2f}")
    print(f"server peak memory (VmHWM) {memory:.0f} MB")


if __name__ == "__main__":
    main()
