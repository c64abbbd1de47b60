"""Shared fixtures: the sample workbook, filled copies to break, and the built draft."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the tests keep their compiled templates and DOCX skeleton apart from the developer's cache
if "REPORT_DRAFT_CACHE_DIR" not in os.environ:
    os.environ["REPORT_DRAFT_CACHE_DIR"] = tempfile.mkdtemp(prefix="report-draft-test-cache-")
    atexit.register(shutil.rmtree, os.environ["REPORT_DRAFT_CACHE_DIR"], ignore_errors=True)
sys.path.insert(0, str(ROOT / "data_inputs"))

import make_sample  # noqa: E402

from generator.pipeline import build  # noqa: E402
from tests.pdf_layout import to_pdf  # noqa: E402
from tests.web_fixtures import browser, server  # noqa: E402, F401  (the web tests' fixtures)

SAMPLE = make_sample.SAMPLE_PATH


def find_row(ws: Any, key: str, column: int = 1) -> int:
    """The row whose cell in ``column`` holds ``key`` (indicators by 编码, info by 项目)."""
    for row in ws.iter_rows(min_row=1):
        if row[column - 1].value == key:
            return row[0].row
    raise KeyError(key)


def files_in(folder: Path) -> list[Path]:
    """A folder's files but the outputs' empty lock files, which stay on POSIX (generator/lock.py)."""
    return sorted(p for p in folder.iterdir() if not (p.name.startswith(".~") and p.name.endswith(".docx.lock")))


WorkbookMaker = Callable[..., Path]


@pytest.fixture
def make_workbook(tmp_path: Path) -> WorkbookMaker:
    """Write the sample workbook, changed by ``edit(wb)``, to a path with Chinese and spaces."""

    def make(edit: Callable[[Any], None] | None = None, name: str = "测试 工作簿.xlsx") -> Path:
        wb = make_sample.sample_workbook()
        if edit is not None:
            edit(wb)
        folder = tmp_path / "输入 文件"
        folder.mkdir(exist_ok=True)
        path = folder / name
        wb.save(path)
        return path

    return make


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("样例 输出") / "示例 报告.docx"
    build(SAMPLE, out)
    return out


@pytest.fixture(scope="session")
def sample_pdf(sample_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return to_pdf(sample_docx, tmp_path_factory.mktemp("pdf"))
