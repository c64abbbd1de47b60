"""What a department may reach, CSRF, throttled logins and hostile uploads (#15 item 5), against
the real server on SQLite and PostgreSQL, through Playwright's HTTP client (no browser needed)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from generator.errors import ReportError
from generator.imports.api import import_report
from generator.pipeline import load
from tests.conftest import ROOT, SAMPLE
from tests.hostile_files import encrypted, old_xls_named_xlsx, truncated, zip_bomb
from tests.web_fixtures import (
    Server,
    add_department,
    import_last_year,
    log_in,
    open_collection,
    text_of,
    token,
    upload,
)

A = "甲 测试局"
B = "乙 测试局"
REPORT = ROOT / "tests" / "fixtures" / "annual-report-yueyanglou-health-2022.txt"  # 2022's, of another department


@pytest.fixture(scope="module")
def site(server: Server) -> Iterator[dict[str, Any]]:
    """The server with a collection, departments A and B, an upload of A's and a workbook A made
    from last year's report; HTTP clients for the office, A and B, and one not logged in."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:

        def client() -> Any:
            return p.request.new_context(base_url=server.url, max_redirects=0)

        office = client()
        log_in(office, server.office_user, server.office_password)
        open_collection(office)
        passwords = {name: add_department(office, name) for name in (A, B)}
        a, b, nobody = client(), client(), client()
        log_in(a, A, passwords[A])
        log_in(b, B, passwords[B])
        sent = upload(a, "甲的 工作簿.xlsx", SAMPLE.read_bytes())
        assert sent.status == 302
        imported = import_last_year(a, "去年的 报告.txt", REPORT.read_bytes())
        assert imported.status == 302 and imported.headers["location"] == "/department/imports/1/"
        a_page = next(
            m
            for m in re.findall(r'href="(/office/2025/departments/(\d+)/)"', office.get("/office/2025/").text())
            if A in office.get(m[0]).text()
        )
        upload_id = re.search(r"/office/uploads/(\d+)/draft", office.get(a_page[0]).text())[1]
        yield {
            "office": office,
            "a": a,
            "b": b,
            "nobody": nobody,
            "passwords": passwords,
            "upload_id": upload_id,
            "a_id": a_page[1],
            "server": server,
            "client": client,
        }
        for ctx in (office, a, b, nobody):
            ctx.dispose()


DEPARTMENT_ROUTES = [
    "/department/uploads/1/",
    "/department/uploads/1/workbook.xlsx",
    "/department/uploads/1/draft.docx",
    "/department/finals/1.docx",
    "/department/imports/1/",
    "/department/imports/1/workbook.xlsx",
]


def test_a_department_reaches_its_own_files_and_nothing_of_anothers(site: dict[str, Any]) -> None:
    a, b = site["a"], site["b"]
    assert a.get("/department/uploads/1/draft.docx").status == 200
    assert a.get("/department/uploads/1/workbook.xlsx").body()[:2] == b"PK"
    imported = a.get("/department/imports/1/workbook.xlsx")
    assert imported.status == 200 and imported.body()[:2] == b"PK"
    named = "甲 测试局 2025年度数据（从去年的报告导入）.xlsx"
    assert f"filename*=utf-8''{quote(named)}" in imported.headers["content-disposition"]
    for path in DEPARTMENT_ROUTES:  # B asks for A's upload 1 by its number: B has none
        assert b.get(path).status == 404, path
    office_routes = [
        "/office/",
        "/office/2025/",
        "/office/audit/",
        "/office/2025/drafts.zip",
        "/office/2025/problems.xlsx",
        f"/office/uploads/{site['upload_id']}/draft",
        f"/office/uploads/{site['upload_id']}/workbook",
    ]
    for path in office_routes:
        refused = b.get(path)
        assert refused.status == 403 and "无权访问" in text_of(refused), path
    form = {"csrfmiddlewaretoken": token(b, "/department/"), "name": "丙局", "self_name": "", "recipient": ""}
    assert b.post("/office/2025/add/", form=form).status == 403
    assert (
        b.post("/office/departments/1/reset/", form={"csrfmiddlewaretoken": form["csrfmiddlewaretoken"]}).status == 403
    )
    assert "丙局" not in text_of(site["office"].get("/office/2025/"))


def test_nobody_logged_in_is_sent_to_the_login_page(site: dict[str, Any]) -> None:
    for path in [*DEPARTMENT_ROUTES, "/department/", "/department/blank.xlsx", "/office/", "/office/2025/"]:
        answer = site["nobody"].get(path)
        assert answer.status == 302 and answer.headers["location"].startswith("/login/"), path


def test_a_post_without_the_csrf_token_is_refused_and_nothing_is_stored(site: dict[str, Any]) -> None:
    a = site["a"]
    before = text_of(a.get("/department/"))
    refused = a.post(
        "/department/upload/",
        multipart={
            "workbook": {"name": "x.xlsx", "mimeType": "application/octet-stream", "buffer": SAMPLE.read_bytes()}
        },
    )
    assert refused.status == 403
    report = {"name": "报告.txt", "mimeType": "text/plain", "buffer": REPORT.read_bytes()}
    assert a.post("/department/import/", multipart={"report": report}).status == 403
    shown = text_of(a.get("/department/"))
    assert shown.count("第2次") == before.count("第2次") == 0 and "第2次导入" not in shown


def test_ten_wrong_passwords_are_throttled_and_the_right_one_then_waits(site: dict[str, Any]) -> None:
    ctx = site["client"]()
    said = [text_of(log_in(ctx, B, f"wrong-{i}")) for i in range(10)]
    assert all("用户名或密码不对" in s for s in said[:5])
    assert all("登录失败次数过多，请 15 分钟后再试；忘记密码请联系司法局重置。" in s for s in said[5:])
    right = log_in(ctx, B, site["passwords"][B])
    assert right.status == 401 and "登录失败次数过多" in text_of(right)
    ctx.dispose()


@pytest.mark.parametrize("make", [zip_bomb, truncated, encrypted, old_xls_named_xlsx])
def test_a_hostile_workbook_gets_the_readers_message_and_no_draft(
    site: dict[str, Any], make: Any, tmp_path: Path
) -> None:
    path = tmp_path / "坏的 工作簿.xlsx"
    make(path)
    with pytest.raises(ReportError) as cli:
        load(path)
    expected = str(cli.value).replace(str(path), path.name)
    a = site["a"]
    sent = upload(a, path.name, path.read_bytes())
    shown = text_of(a.get(sent.headers["location"]))
    assert " ".join(expected.split()) in " ".join(shown.split())
    assert "没有生成初稿" in shown and "下载初稿（Word）" not in shown


def test_a_file_over_the_limit_or_not_xlsx_is_refused_by_the_form(site: dict[str, Any]) -> None:
    a = site["a"]
    for name, data, said in [
        ("大.xlsx", b"PK" + b"\0" * (21 * 1024 * 1024), "文件有 21 MB，超过了 20 MB 的上限。"),
        ("报告.docx", b"PK\0\0", "请上传 .xlsx 文件（Excel 或 WPS 表格另存为 .xlsx）。"),
    ]:
        refused = upload(a, name, data)
        assert refused.status == 400 and said in text_of(refused), name


def test_last_years_report_refused_or_too_large_stores_nothing(site: dict[str, Any]) -> None:
    """A file the reader refuses gets its message on the page (400), one over the limit the form's;
    no file is stored, no import numbered."""
    a = site["a"]
    files = site["server"].data_dir / "files"
    before = sorted(files.rglob("*"))
    notice = "关于召开2024年安全生产工作会议的通知\n各科室：\n定于下周一召开安全生产工作会议，请准时参加。\n".encode()
    cases = [("大的 报告.docx", b"PK" + b"\0" * (21 * 1024 * 1024), "文件有 21 MB，超过了 20 MB 的上限。")]
    for name, data in [("会议 通知.txt", notice), ("去年的报告.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")]:
        with pytest.raises(ReportError) as library:
            import_report(data, name)
        cases.append((name, data, str(library.value)))
    assert "不像法治政府建设年度报告" in cases[1][2] and "这是 PDF 文件" in cases[2][2]
    for name, data, said in cases:
        refused = import_last_year(a, name, data)
        shown = " ".join(text_of(refused).split())
        assert refused.status == 400 and " ".join(said.split()) in shown, (name, shown[:600])
        assert "已生成今年的工作簿" not in shown
    assert sorted(files.rglob("*")) == before
    assert "第2次导入" not in text_of(a.get("/department/"))


def test_an_imported_report_of_another_department_and_year_is_told(site: dict[str, Any]) -> None:
    """A's workbook came from 岳阳楼区卫生健康局's report of 2022, for A's collection of 2025: the page
    says both, and the office's log has the import and its download."""
    shown = text_of(site["a"].get("/department/imports/1/"))
    assert "去年的报告是“岳阳楼区卫生健康局”的，本单位的账号是“甲 测试局”" in shown
    assert "新工作簿的报告年度是 2023，本次收集的是 2025 年度：如果选错了文件，请导入 2024 年的报告" in shown
    assert "数字 36 个" in shown
    site["a"].get("/department/imports/1/workbook.xlsx")
    log = text_of(site["office"].get("/office/audit/"))
    assert "从去年的报告导入" in log and "第1次：去年的 报告.txt" in log
    assert "甲 测试局 2025年度数据（从去年的报告导入）.xlsx" in log


ROUTES = re.findall(r'path\("([^"]*)"', (ROOT / "generator" / "web" / "urls.py").read_text(encoding="utf-8"))
OPEN = {"", "login/", "logout/"}  # for anyone
OWN = {  # one's own, by the login
    "department/",
    "department/blank.xlsx",
    "department/upload/",
    "department/final/",
    "department/import/",
}


def concrete(route: str, site: dict[str, Any]) -> str:
    """The route with A's ids in it: A's upload number 1, A's department and upload ids, this year."""
    path = route.replace("<int:number>", "1").replace("<int:year>", "2025").replace("<str:kind>", "draft")
    path = path.replace("<int:department_id>", site["a_id"]).replace("<int:upload_id>", site["upload_id"])
    return "/" + path


def test_every_route_gives_department_b_nothing_of_as(site: dict[str, Any]) -> None:
    """Each address the server has, asked by B with A's numbers and ids, by GET and by POST with B's
    own CSRF token: the office's are refused (403), A's files are not found among B's (404), B's own
    pages show B; no answer holds A's name or A's draft."""
    b = site["b"]
    csrf = token(b, "/department/")
    a_draft = site["a"].get("/department/uploads/1/draft.docx").body()
    assert len(ROUTES) >= 20
    for route in ROUTES:
        path = concrete(route, site)
        asked = [b.get(path)] + ([] if route == "logout/" else [b.post(path, form={"csrfmiddlewaretoken": csrf})])
        for answer in asked:
            body = answer.body()
            assert A.encode() not in body and a_draft not in body, path
            if route in OPEN or route in OWN:
                assert answer.status in (200, 302, 400, 401, 405), (path, answer.status)
            elif route.startswith("office/"):
                assert answer.status in (403, 405), (path, answer.status)
            else:
                assert route.startswith("department/") and answer.status in (404, 405), (path, answer.status)
    assert "/department/" in b.get("/").headers["location"]  # still B, logged in, throughout
