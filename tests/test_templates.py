"""Agency templates: override only what differs; hostile or broken templates end in a clear error."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.check.audit import audit
from generator.cli.app import main
from tests.conftest import SAMPLE

ITEMS = "【事项一】一\n甲\n【事项二】二\n乙\n【事项三】三\n丙\n【事项四】四\n丁\n"


def paragraphs(docx: Path) -> list[str]:
    return [p.text for p in Document(str(docx)).paragraphs]


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An office's folder, the current directory, as a clerk's would be."""
    folder = tmp_path / "办公室 文件"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_a_scaffolded_agency_with_one_block_overridden_differs_only_there(office: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["templates", "new", "某县司法局"])
    assert result.exit_code == 0, result.output
    main_j2 = office / "templates" / "agencies" / "某县司法局" / "report.j2"
    source = main_j2.read_text(encoding="utf-8")
    assert source.count("{% block ") >= 12 and '{% extends "default/report.j2" %}' in source
    opening = re.search(r"\{# ---- opening ----\n(.*?)\n#\}\n", source, re.S)
    assert opening
    override = "{% block opening %}\n本局开头段落，{{ year }}年。\n{% endblock %}"
    main_j2.write_text(source.replace(opening.group(0), override + "\n"), encoding="utf-8")

    default_out, agency_out = office / "默认.docx", office / "机关.docx"
    assert runner.invoke(main, ["build", str(SAMPLE), "-o", str(default_out)]).exit_code == 0
    result = runner.invoke(main, ["build", str(SAMPLE), "-o", str(agency_out), "--agency", "某县司法局"])
    assert result.exit_code == 0, result.output
    a, b = paragraphs(default_out), paragraphs(agency_out)
    assert len(a) == len(b)
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    assert len(differ) == 1 and differ[0][1] == "本局开头段落，2025年。"
    assert audit(agency_out) == []

    shown = runner.invoke(main, ["templates", "show", "某县司法局"]).output.splitlines()
    sources = dict(line.split("\t") for line in shown)
    assert sources["opening"] == str(main_j2)
    assert sources["enforcement"].endswith(os.path.join("default", "report.j2"))
    listed = runner.invoke(main, ["templates", "list"]).output
    assert "某县司法局" in listed and "默认" in listed


def test_the_workbook_can_name_the_agency(office: Path, make_workbook) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import find_row

    CliRunner().invoke(main, ["templates", "new", "某县卫健局"])
    j2 = office / "templates" / "agencies" / "某县卫健局" / "report.j2"
    j2.write_text('{% extends "default/report.j2" %}{% block opening %}卫健局的开头。{% endblock %}', encoding="utf-8")

    def name_it(wb) -> None:  # type: ignore[no-untyped-def]
        ws = wb["基本信息"]
        ws.cell(row=find_row(ws, "报告模板"), column=2).value = "某县卫健局"

    path = make_workbook(name_it)
    out = office / "按工作簿.docx"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "卫健局的开头。" in paragraphs(out)


def test_an_unknown_agency_is_named_with_the_known_ones(office: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(office / "x.docx"), "--agency", "不存在的局"])
    assert result.exit_code == 1
    assert "找不到名为“不存在的局”的机关模板" in result.output
    assert not (office / "x.docx").exists()


HOSTILE = {
    "python internals": ("{{ ''.__class__.__mro__ }}", "模板做了不允许的操作"),
    "reading a file": ("{% include '/etc/passwd' %}", "找不到模板“/etc/passwd”"),
    "endless recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "模板中的宏无限地调用自身"),
    "huge range": ("{{ range(10**9)|list|length }}", "range() 范围过大"),
    "huge string": ("{{ 'x' * 1000000000 }}", "用 * 生成的文字或列表过长"),
    "endless loop": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "运行超过 5 秒仍未结束，已停止",
    ),
    "typo": ("{{ enforcment.penalty_cases }}", "“enforcment”不存在，是不是想写：enforcement"),
    "attribute typo": ("{{ enforcement.penalty_case }}", "是不是想写：penalty_cases"),
    "syntax error": ("{% if %}", "模板语法错误"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_or_broken_templates_end_in_a_clear_error_and_write_nothing(tmp_path: Path, case: str) -> None:
    body, message = HOSTILE[case]
    folder = tmp_path / "恶意 模板"
    folder.mkdir()
    (folder / "report.j2").write_text(f"{ITEMS}第一行\n{body}\n", encoding="utf-8")
    out = tmp_path / "报告.docx"
    started = time.monotonic()
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--templates", str(folder)])
    elapsed = time.monotonic() - started
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    if case != "syntax error":
        assert "report.j2：第10行" in result.output  # the template's file and line
    assert not out.exists()
    assert elapsed < 15


def test_a_template_that_leaves_out_item_three_fails_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "缺项"
    folder.mkdir()
    (folder / "report.j2").write_text(ITEMS.replace("【事项三】三\n丙\n", ""), encoding="utf-8")
    out = tmp_path / "报告.docx"
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--templates", str(folder)])
    assert result.exit_code == 1
    assert "缺少第三部分“党政主要负责人履行推进法治建设第一责任人职责的情况”" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ('"主送机构" = "市委"', "“主送机构”：不是机关资料中的项目，是不是想写：主送机关"),
        (
            '"不写的指标" = ["行政执法.penalty_case"]',
            "“不写的指标”：没有指标“行政执法.penalty_case”，是不是想写：行政执法.penalty_cases",
        ),
        ('["用语"]\n"开 头" = "x"', "“用语.开 头”：模板中没有名为“开 头”的用语，是不是想写：开头"),
        ('["发文要素"]\n"使用版头" = "也许"', "“使用版头”只能填 是、否，现在是“也许”"),
        ('"主送机关" = ', "机关资料文件格式有误"),
        ('"不写的指标" = "行政执法.penalty_cases"', "“不写的指标”：应为用方括号括起来的列表"),
        ('"分项" = [{"名称" = ""}]', "“分项.第1项.名称”：不能为空。"),
        ('"分项" = [{"名称" = "x", "说明" = "y"}]', "“分项.第1项.说明”：不是这里能写的项目"),
        ('"用语" = "x"', "“用语”：应为单独的一节"),
        ('["发文要素"]\n"联系人" = 5', "“发文要素.联系人”：应为文字，用英文双引号括起来。\n共 1 处错误"),
    ],
)
def test_a_bad_profile_is_reported_with_its_file_and_key(tmp_path: Path, profile: str, message: str) -> None:
    folder = tmp_path / "某局"
    folder.mkdir()
    (folder / "机关资料.toml").write_text(profile, encoding="utf-8")
    out = tmp_path / "报告.docx"
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--templates", str(folder)])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output and not out.exists()
    assert not re.search(r"Input should|not permitted|should have|Field required", result.output)  # pydantic's


def test_the_profile_fills_what_the_workbook_leaves_empty(tmp_path: Path, make_workbook) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import find_row

    folder = tmp_path / "某局"
    folder.mkdir()
    (folder / "机关资料.toml").write_text('"机关自称" = "我委"\n"署名" = "某某委员会"\n', encoding="utf-8")

    def clear(wb) -> None:  # type: ignore[no-untyped-def]
        ws = wb["基本信息"]
        for label in ("机关自称", "署名"):
            ws.cell(row=find_row(ws, label), column=2).value = None

    out = tmp_path / "报告.docx"
    result = CliRunner().invoke(main, ["build", str(make_workbook(clear)), "-o", str(out), "--templates", str(folder)])
    assert result.exit_code == 0, result.output
    text = paragraphs(out)
    assert text[-2] == "某某委员会" and any(
        t.startswith("2025年，在县委、县政府的正确领导下") and "我委坚持" in t for t in text
    )
