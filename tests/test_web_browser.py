"""The whole path in a real browser (#15): Debian's Chromium driven by Playwright against
``report-draft serve`` on SQLite and on PostgreSQL; the tests assert what the pages show.

With ``REPORT_DRAFT_SCREENSHOTS=folder`` the screenshots of the user guide's chapter on ``serve``
are written there too (docs/serve/ holds the committed ones)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from docx import Document

from generator.check.audit import audit
from tests.conftest import SAMPLE
from tests.web_fixtures import Server

A = "示例县卫生健康局"
B = "示例县市场监督管理局"
SIZE = {"width": 1366, "height": 768}


def shoot(page: Any, tmp: Path, name: str) -> None:
    """A screenshot of the page, which fits 1366 px without scrolling sideways and prints without its forms."""
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZE["width"], name
    page.emulate_media(media="print")
    assert all(not form.is_visible() for form in page.query_selector_all("main form")), name
    page.emulate_media(media="screen")
    page.screenshot(path=str(tmp / f"{name}.png"), full_page=True)
    folder = os.environ.get("REPORT_DRAFT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def saved(download: Any, folder: Path) -> Path:
    """A download under the name the server gave it."""
    path = folder / download.suggested_filename
    download.save_as(str(path))
    return path


def log_in(context: Any, server: Server, username: str, password: str) -> Any:
    page = context.new_page()
    page.goto(server.url + "/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    return page


def broken_workbook(folder: Path) -> tuple[Path, str]:
    """The sample with a figure typed as words: the error names its cell."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["行政执法"]
    ws["D3"] = "很多"
    path = folder / "有错误的 工作簿.xlsx"
    wb.save(path)
    return path, "行政执法!D3"


def changed_workbook(folder: Path) -> Path:
    """The sample with one figure corrected."""
    wb = openpyxl.load_workbook(SAMPLE)
    wb["行政执法"]["C3"] = 2000
    path = folder / "改了数字的 工作簿.xlsx"
    wb.save(path)
    return path


def test_the_office_and_two_departments_walk_the_whole_path(server: Server, browser: Any, tmp_path: Path) -> None:
    office = browser.new_context(locale="zh-CN", viewport=SIZE, accept_downloads=True)
    page = log_in(office, server, server.office_user, server.office_password)
    assert "开始一个年度的收集" in page.inner_text("main")
    page.fill("input[name=year]", "2025")
    page.fill("input[name=deadline]", "2026-03-01")
    page.click("text=开始收集")
    assert "2025年度法治政府建设报告 收集情况" in page.inner_text("h1")
    passwords = {}
    for name in (A, B):
        page.fill("input[name=name]", name)
        page.click("button:has-text('添加')")
        given = page.inner_text("#given")
        assert f"用户名：{name}" in given
        passwords[name] = page.inner_text("#given .password")
    assert "共 2 个部门：未提交 2" in page.inner_text("main")

    # department A: its workbook, an upload with an error, the fix, the draft
    dept = browser.new_context(locale="zh-CN", viewport=SIZE, accept_downloads=True)
    a = log_in(dept, server, A, passwords[A])
    assert f"{A} · 2025年度法治政府建设报告" in a.inner_text("h1")
    assert a.inner_text("#state") == "未提交"
    with a.expect_download() as got:
        a.click("text=下载本单位的工作簿")
    blank = openpyxl.load_workbook(saved(got.value, tmp_path))
    assert "基本信息" in blank.sheetnames and got.value.suggested_filename == f"{A} 2025年度数据.xlsx"
    shoot(a, tmp_path, "1-部门首页")

    wrong, cell = broken_workbook(tmp_path)
    a.set_input_files("input[name=workbook]", str(wrong))
    a.click("text=上传并生成初稿")
    assert a.inner_text("#state") == "有错误"
    result = a.inner_text("#result")
    assert "没有生成初稿" in result and "很多" in result
    problem = a.inner_text(f"#result tr:has(td:text-is('{cell}'))")
    assert problem.split("\t")[:3] == ["错误", cell, "很多"]  # where, and what the cell holds
    shoot(a, tmp_path, "2-工作簿有错误")

    a.set_input_files("input[name=workbook]", str(SAMPLE))
    a.click("text=上传并生成初稿")
    assert a.inner_text("#state") == "已生成"
    assert "已生成初稿" in a.inner_text("#result")
    with a.expect_download() as got:
        a.click("#result >> text=下载初稿（Word）")
    draft = saved(got.value, tmp_path)
    texts = [p.text for p in Document(str(draft)).paragraphs]
    assert texts[0].startswith(A) and "法治政府建设" in texts[0]
    assert audit(draft) == []  # GB/T 9704 and the five items, as `check` sees them
    preview = a.get_attribute("#result >> text=预览（PDF）", "href")
    pdf = a.request.get(server.url + str(preview))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"
    history = a.inner_text("table")
    assert "第2次" in history and "第1次" in history  # both uploads kept
    shoot(a, tmp_path, "3-已生成初稿")

    # a corrected figure: the diff against the previous upload, tracked changes, then the 定稿
    a.set_input_files("input[name=workbook]", str(changed_workbook(tmp_path)))
    a.click("text=上传并生成初稿")
    a.click("#result >> text=与上一次比较")
    assert "第3次上传与第2次相比" in a.inner_text("h1")
    cells = a.inner_text("#cells")
    assert "行政执法!C3\t监督检查户次（本年）\t1926\t2000" in cells
    sentences = a.inner_text("#sentences")
    assert "1926" in sentences and "2000" in sentences
    shoot(a, tmp_path, "5-与上一次比较")
    with a.expect_download() as got:
        a.click("text=下载修订稿")
    tracked = zipfile.ZipFile(saved(got.value, tmp_path)).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in tracked and "<w:del " in tracked and "2000" in tracked
    a.goto(server.url + "/department/uploads/3/")
    with a.expect_download() as got:
        a.click("#result >> text=下载初稿（Word）")
    a.set_input_files("input[name=final]", str(saved(got.value, tmp_path)))
    a.click("text=上传审定后的 Word 定稿")
    assert a.inner_text("#state") == "已定稿"
    a.set_input_files("input[name=workbook]", str(SAMPLE))  # a rebuild after the 定稿
    a.click("text=上传并生成初稿")
    assert "修订稿（对照第1次定稿标出改动）" in a.inner_text("#against-final")
    with a.expect_download() as got:
        a.click("#against-final >> text=修订稿")
    marked = zipfile.ZipFile(saved(got.value, tmp_path)).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in marked and "<w:del " in marked  # 2000 back to 1926, marked on the 定稿
    a.set_input_files("input[name=final]", str(saved(got.value, tmp_path)))
    a.click("text=上传审定后的 Word 定稿")
    assert a.inner_text("#state") == "已定稿"

    # department B sees nothing of A's
    other = browser.new_context(locale="zh-CN", viewport=SIZE)
    b = log_in(other, server, B, passwords[B])
    assert b.inner_text("#state") == "未提交"
    for path in ("/department/uploads/2/", "/department/uploads/2/draft.docx", "/department/uploads/1/workbook.xlsx"):
        response = b.request.get(server.url + path)
        assert response.status == 404, path
    for path in ("/office/", "/office/2025/", "/office/audit/", "/office/2025/drafts.zip"):
        response = b.goto(server.url + path)
        assert response is not None and response.status == 403, path
        assert "无权访问" in b.inner_text("main")

    # the office sees both states and gets the drafts and the problems
    page.goto(server.url + "/office/2025/")
    rows = page.inner_text("#departments")
    assert f"{A}\t已定稿" in rows and f"{B} 逾期\t未提交" in rows
    assert f"已过截止日期仍未交齐：{B}（未提交）" in page.inner_text("#late")
    shoot(page, tmp_path, "4-收集情况")
    with page.expect_download() as got:
        page.click("text=下载全部初稿（zip）")
    with zipfile.ZipFile(got.value.path()) as archive:
        assert archive.namelist() == [f"{A} 2025年度法治政府建设报告（定稿）.docx"]  # its 定稿, not a draft
        assert Document(io.BytesIO(archive.read(archive.namelist()[0]))).paragraphs[0].text == texts[0]
    with page.expect_download() as got:
        page.click("text=下载问题清单（xlsx）")
    listed = [
        [c.value for c in row] for row in openpyxl.load_workbook(saved(got.value, tmp_path)).active.iter_rows(min_row=2)
    ]
    assert [B, "未提交", None, None, None, None, "尚未上传工作簿"] in listed
    with page.expect_download() as got:
        page.click("text=下载数据汇总表（xlsx）")
    summed = openpyxl.load_workbook(saved(got.value, tmp_path))["汇总"]
    row = next(r for r in summed.iter_rows(values_only=True) if r[0] == "监督检查户次")
    assert row[2] == 1926 and row[-1] == 1926  # A's latest figure, and the county's total of the one department
    page.goto(server.url + "/office/audit/")
    log = page.inner_text("table")
    assert "上传工作簿" in log and "下载初稿" in log and A in log

    # next year: A's workbook comes with last year's figures as 上年
    page.goto(server.url + "/office/2025/")
    page.fill("section >> nth=-1 >> input[name=year]", "2026")
    page.fill("section >> nth=-1 >> input[name=deadline]", "2027-03-01")
    page.click("text=开始新年度的收集")
    page.fill("input[name=name]", A)
    page.click("button:has-text('添加')")
    assert "该部门已有账号，已加入本年度" in page.inner_text("#given")
    a.goto(server.url + "/department/")
    assert "2026年度" in a.inner_text("h1")
    with a.expect_download() as got:
        a.click("text=下载本单位的工作簿")
    next_year = openpyxl.load_workbook(saved(got.value, tmp_path))
    assert next_year["行政执法"]["C3"].value is None and next_year["行政执法"]["D3"].value == 1926
    info = {r[0]: r[1] for r in next_year["基本信息"].iter_rows(min_row=3, values_only=True)}
    assert info["机关名称"] == A and str(info["报告年度"]) == "2026"
