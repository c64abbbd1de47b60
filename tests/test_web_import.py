"""从去年的报告开始 in a real browser (#16): a department uploads last year's report, reads what was
recognised, downloads this year's workbook made from it, and a file that is no report gets the
reader's Chinese message and stores nothing.  Debian's Chromium driven by Playwright against
``report-draft serve`` on SQLite and on PostgreSQL; the screenshot goes to docs/serve/ with
``REPORT_DRAFT_SCREENSHOTS`` (see tests/test_web_browser.py)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest

from generator.errors import ReportError
from generator.imports.api import import_report
from generator.web.account_info import fit_to_account, info_cells
from tests.conftest import ROOT
from tests.test_web_browser import SIZE, saved, shoot
from tests.test_web_browser import log_in as log_in_page
from tests.web_fixtures import Server, add_department, log_in, open_collection

REPORT = ROOT / "tests" / "fixtures" / "annual-report-yueyanglou-health-2022.txt"
NAME = "岳阳楼区卫生健康局"  # the report's own department: nothing for the clerk to check
PARTS = (
    "五个部分：一、主要举措和成效：找到；二、存在的不足和原因：找到；三、党政主要负责人履行第一责任人职责：找到；"
    "四、下一年度主要安排：找到；五、其他需要报告的情况：没有。"
)


def stored_files(server: Server) -> list[Path]:
    return sorted(p for p in (server.data_dir / "files").rglob("*") if p.is_file())


def section_titles(page: Any) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('main section h2')].map(h => h.textContent.trim())")


def test_a_department_starts_this_years_workbook_from_last_years_report(
    server: Server, browser: Any, tmp_path: Path
) -> None:
    office = browser.new_context(base_url=server.url)
    log_in(office.request, server.office_user, server.office_password)
    open_collection(office.request, year=2023, deadline="2024-03-01")
    password = add_department(office.request, NAME, year=2023)

    dept = browser.new_context(locale="zh-CN", viewport=SIZE, accept_downloads=True)
    page = log_in_page(dept, server, NAME, password)
    titles = section_titles(page)  # no workbook yet: the section comes before the upload
    assert titles.index("从去年的报告开始") < titles.index("上传填好的工作簿")
    page.set_input_files("input[name=report]", str(REPORT))
    page.click("text=上传去年的报告，生成今年的工作簿")
    assert page.url == server.url + "/department/imports/1/"
    assert "第1次导入（annual-report-yueyanglou-health-2022.txt" in page.inner_text("#imported h2")
    summary = page.inner_text("#summary")
    assert PARTS in summary
    assert "报告：岳阳楼区卫生健康局 2022年；新工作簿的报告年度为 2023" in summary
    assert "第一部分的分项 5 个" in summary and "数字 36 个" in summary and "对应到指标表 18 个" in summary
    assert page.query_selector("#notes") is None  # the report's department and year are the account's
    steps = page.inner_text("#next")
    assert "“本年”列填写今年的数字" in steps and "在“上传填好的工作簿”处上传" in steps
    shoot(page, tmp_path, "6-从去年的报告开始")

    with page.expect_download() as got:
        page.click("#download")
    assert got.value.suggested_filename == f"{NAME} 2023年度数据（从去年的报告导入）.xlsx"
    workbook = openpyxl.load_workbook(saved(got.value, tmp_path))
    assert workbook.sheetnames[:2] == ["未能归类的段落", "去年的安排"]
    info = {r[0]: r[1] for r in workbook["基本信息"].iter_rows(min_row=3, values_only=True)}
    assert info["机关名称"] == NAME and str(info["报告年度"]) == "2023" and info["成文日期"] is None
    special = [r for r in workbook["特色指标"].iter_rows(min_row=3, values_only=True) if r[1]]
    assert len(special) == 18 and all(r[2] is None and r[3] for r in special)  # 上年 given, 本年 to fill
    assert (None, "排查文件、合同及重大决策会议纪要", None, "300余", "份", None) in special
    plans = [r[0] for r in workbook["去年的安排"].iter_rows(min_row=3, values_only=True) if r[0]]
    assert plans[0] == "（引语）" and "搞好宣传发动，营造法治氛围" in plans
    before = stored_files(server)

    # files the reader refuses: the message on the page, nothing stored
    for name, data, said in [
        ("去年的报告.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "这是 PDF 文件，无法导入"),
        ("空的 报告.docx", b"", "文件是空的（0 字节），没有可导入的文字"),
    ]:
        with pytest.raises(ReportError) as library:
            import_report(data, name)
        assert str(library.value).startswith(f"{name}：{said}")
        page.set_input_files(
            "input[name=report]", {"name": name, "mimeType": "application/octet-stream", "buffer": data}
        )
        page.click("text=上传去年的报告，生成今年的工作簿")
        refused = page.inner_text("#refused")
        assert f"没有导入：{name}" in refused and str(library.value) in refused, refused
        assert page.query_selector("#imported") is None
    assert stored_files(server) == before
    page.goto(server.url + "/department/")
    listed = page.inner_text("#from-last-year")
    assert "第1次导入（annual-report-yueyanglou-health-2022.txt" in listed and "第2次导入" not in listed
    for ctx in (office, dept):
        ctx.close()


def test_what_the_report_leaves_blank_is_filled_from_the_account_and_a_mismatch_is_told() -> None:
    """基本信息 against the account: blanks filled (机关名称, 主送机关, 报告年度), nothing written over."""
    made = import_report(REPORT).workbook
    cells = info_cells(made)
    cells["机关名称"].value = None
    cells["报告年度"].value = " "
    account = SimpleNamespace(name="某区卫生健康局", self_name="本局", recipient="区人民政府")
    notes = fit_to_account(made, account, SimpleNamespace(year=2023))
    assert [cells[k].value for k in ("机关名称", "机关自称", "主送机关", "报告年度")] == [
        "某区卫生健康局",
        "我局",  # the report's own, kept
        "区人民政府",
        2023,
    ]
    assert notes == [
        "去年的报告中没有写的，已按本单位的账号和本次收集填入“基本信息”表：机关名称“某区卫生健康局”、主送机关“区人民政府”、报告年度“2023”。"
    ]
    again = import_report(REPORT).workbook
    told = fit_to_account(again, account, SimpleNamespace(year=2025))
    assert info_cells(again)["机关名称"].value == NAME and info_cells(again)["报告年度"].value == 2023
    assert len(told) == 3 and told[1].startswith("去年的报告是“岳阳楼区卫生健康局”的，本单位的账号是“某区卫生健康局”")
    assert told[2].startswith("新工作簿的报告年度是 2023，本次收集的是 2025 年度")
    assert fit_to_account(openpyxl.Workbook(), account, SimpleNamespace(year=2023)) == []
