"""Hostile and broken workbook files, made in the tests: shared by the catalogue and the measurements."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT, SAMPLE

MAX_SECONDS = 10
MAX_MB = 300

_MEASURE = """\
import resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run([sys.executable, '-m', 'generator', *sys.argv[1:]], capture_output=True)
dt = time.monotonic() - t
mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
sys.stdout.buffer.write(p.stdout + p.stderr)
print(f'@@ {p.returncode} {dt:.2f} {mb:.0f}')
"""


@dataclass(frozen=True)
class Measured:
    output: str  # stdout then stderr
    status: int
    seconds: float
    mb: float  # peak resident memory of the command's process


def measure(*args: str | Path, timeout: float = 6 * MAX_SECONDS) -> Measured:
    """``report-draft ARGS`` in a process of its own, watched by another that reads its peak memory
    (``RUSAGE_CHILDREN`` counts only the waited-for child, not the test process).  POSIX only."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, *map(str, args)], capture_output=True, cwd=ROOT, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return Measured(f"(no end after {timeout:.0f} s)", -1, timeout, float("nan"))
    text, _, tail = done.stdout.decode("utf-8", "replace").rpartition("@@ ")
    status, seconds, mb = tail.split()
    return Measured(text, int(status), float(seconds), float(mb))


def zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        with dst.open("xl/worksheets/sheet99.xml", "w") as part:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(64):
                part.write(zeros)


def xxe(path: Path) -> None:
    """A workbook whose workbook.xml declares entities (billion laughs, an external file)."""
    doctype = (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e SYSTEM "file:///etc/passwd">]>'
    )
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace('name="说明"'.encode(), b'name="&c;&e;"')
                if data.startswith(b"<?xml"):
                    declaration, _, data = data.partition(b"?>")
                    data = declaration + b"?>" + doctype + data
                else:
                    data = doctype + data
            dst.writestr(item, data)


def million_rows(path: Path) -> None:
    """The 行政执法 sheet with a million rows of varied numbers (compressing as real data does)."""
    from openpyxl import load_workbook

    wb = load_workbook(SAMPLE)
    target = f"xl/worksheets/sheet{wb.sheetnames.index('行政执法') + 1}.xml"
    rng = random.Random(7)
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != target:
                dst.writestr(item, src.read(item.filename))
                continue
            data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:F1000019"/>', src.read(item.filename))
            head, _, tail = data.partition(b"</sheetData>")
            with dst.open(item.filename, "w") as part:
                part.write(head)
                for r in range(20, 1_000_020):
                    part.write(
                        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>k{r}</t></is></c>'
                        f'<c r="C{r}"><v>{rng.randint(0, 10**9)}</v></c></row>'.encode()
                    )
                part.write(b"</sheetData>" + tail)


def truncated(path: Path) -> None:
    path.write_bytes(SAMPLE.read_bytes()[:5000])


def encrypted(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"))


def old_xls_named_xlsx(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
