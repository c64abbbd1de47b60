"""The collecting office adds departments from a list (#15 item 4), against the real server."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from generator.errors import InputProblems
from generator.read.roster import read_roster
from tests.web_fixtures import Server, add_department, log_in, open_collection, text_of, token


def roster(path: Path, rows: list[list[Any]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_the_list_is_read_under_its_header_with_the_optional_columns(tmp_path: Path) -> None:
    path = roster(
        tmp_path / "部门 名单.xlsx",
        [
            ["2025年度报送部门"],
            ["序号", "机关名称", "主送机关"],
            [1, " 县教育局 ", "县人民政府"],
            [2, None, None],
            [3, "县民政局", None],
        ],
    )
    entries = read_roster(path)
    assert [(e.name, e.self_name, e.recipient, e.cell) for e in entries] == [
        ("县教育局", "", "县人民政府", "名单!B3"),
        ("县民政局", "", "", "名单!B5"),
    ]


def test_a_list_without_its_header_or_with_a_name_twice_is_refused_naming_the_cells(tmp_path: Path) -> None:
    with pytest.raises(InputProblems) as refused:
        read_roster(roster(tmp_path / "无表头.xlsx", [["县教育局"], ["县民政局"]]), "无表头.xlsx")
    assert [str(p) for p in refused.value.problems] == [
        "错误：无表头.xlsx：第一张工作表的前几行里没有“机关名称”这一列标题。"
        "请在第一行写“机关名称”（可再加“机关自称”“主送机关”），下面每行一个部门。"
    ]
    with pytest.raises(InputProblems) as refused:
        read_roster(roster(tmp_path / "重复.xlsx", [["机关名称"], ["县教育局"], ["县民政局"], ["县教育局"]]))
    assert [str(p) for p in refused.value.problems] == [
        "错误：名单!A4：“县教育局”在 名单!A2 已经列过，请删去重复的一行。"
    ]


def test_the_office_adds_a_list_and_an_existing_account_keeps_its_password(server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        office = p.request.new_context(base_url=server.url, max_redirects=0)
        log_in(office, server.office_user, server.office_password)
        open_collection(office)
        kept = add_department(office, "县教育局")
        path = roster(tmp_path / "名单.xlsx", [["机关名称", "机关自称"], ["县教育局", "我局"], ["县民政局", "我局"]])
        sent = office.post(
            "/office/2025/import/",
            multipart={
                "csrfmiddlewaretoken": token(office, "/office/2025/"),
                "departments": {"name": path.name, "mimeType": "application/octet-stream", "buffer": path.read_bytes()},
            },
        )
        shown = " ".join(text_of(sent).split())
        assert "用户名： 县教育局 该部门已有账号，已加入本年度" in shown
        new = re.search(r"用户名： 县民政局 初始密码： (\S+)", shown)
        assert new is not None
        dept = p.request.new_context(base_url=server.url, max_redirects=0)
        assert log_in(dept, "县民政局", new[1]).status == 302
        assert log_in(p.request.new_context(base_url=server.url, max_redirects=0), "县教育局", kept).status == 302
        bad = roster(tmp_path / "坏 名单.xlsx", [["名称"], ["县教育局"]])
        refused = office.post(
            "/office/2025/import/",
            multipart={
                "csrfmiddlewaretoken": token(office, "/office/2025/"),
                "departments": {"name": bad.name, "mimeType": "application/octet-stream", "buffer": bad.read_bytes()},
            },
        )
        assert refused.status == 400
        assert "坏 名单.xlsx 第一张工作表的前几行里没有“机关名称”这一列标题。" in " ".join(text_of(refused).split())
