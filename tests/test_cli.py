"""The commands as a clerk uses them: init, validate, build, help, and the README that documents them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli.app import main
from generator.read import catalogue as cat
from generator.read.reader import read_workbook
from tests.conftest import ROOT, SAMPLE

COMMANDS = tuple(main.commands)  # every command the CLI has
SUBCOMMANDS = [("templates", name) for name in main.commands["templates"].commands]  # type: ignore[attr-defined]


def test_init_writes_every_sheet_with_banners_headers_and_dropdowns(tmp_path: Path) -> None:
    path = tmp_path / "新 建" / "2025年 数据.xlsx"
    path.parent.mkdir()
    result = CliRunner().invoke(main, ["init", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"已生成空白工作簿：{path}"
    wb = load_workbook(path)
    expected = [cat.README_SHEET, cat.INFO_SHEET, cat.DISPATCH_SHEET, *(s.name for s in cat.INDICATOR_SHEETS)]
    expected += [cat.SPECIAL_SHEET]
    expected += [s.name for s in cat.NARRATIVE_SHEETS]
    expected += [cat.STRUCTURE_SHEET, cat.WORDING_SHEET]
    assert wb.sheetnames == expected
    for name in expected[1:]:
        banner = wb[name]["A1"].value
        assert "例" in banner, f"{name} has no example"
    measures = wb["主要举措"]
    lists = [dv for dv in measures.data_validations.dataValidation if dv.type == "list"]
    assert lists and "党的领导" in lists[0].formula1
    enforcement = wb["行政执法"]
    kinds = {dv.type for dv in enforcement.data_validations.dataValidation}
    assert kinds == {None, "list"}  # input messages on the figures, the 金额单位 dropdown (tests/test_blank.py)
    keys = [row[0].value for row in enforcement.iter_rows(min_row=3) if row[0].value]
    assert keys == [i.key for i in cat.SHEETS_BY_NAME["行政执法"].indicators]


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "已有.xlsx"
    path.write_bytes(b"clerk's data")
    result = CliRunner().invoke(main, ["init", str(path)])
    assert result.exit_code == 1
    assert "文件已存在，没有覆盖" in result.output
    assert path.read_bytes() == b"clerk's data"


def test_blank_workbook_reads_and_lists_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "空白.xlsx"
    CliRunner().invoke(main, ["init", str(path)])
    raw = read_workbook(path)
    assert not raw.problems
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert "错误：基本信息!B3：请填写“机关名称”" in result.output
    assert "错误：主要举措!A3：“主要举措”表没有内容" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [(c,) for c in COMMANDS] + SUBCOMMANDS)
def test_every_command_has_chinese_help_with_an_example(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "用法：" in result.output and "示例：" in result.output
    assert "Show this message" not in result.output


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["build"], "错误：缺少参数 'WORKBOOKS...'."),
        (["build", "数据.xlsx", "-j", "0"], "错误：'-j' / '--jobs' 的值不正确：0 超出了范围（x>=1）。"),
        (["build", "数据.xlsx", "-j", "两个"], "错误：'-j' / '--jobs' 的值不正确：'两个' 不是整数。"),
        (["build", "数据.xlsx", "--forse"], "错误：没有这个选项：'--forse'。"),
        (["biuld"], "错误：没有这个命令：'biuld'。"),
        (["init", "{tmp}"], "错误：'PATH' 的值不正确：文件 '{tmp}' 是文件夹，这里需要文件。"),
    ],
)
def test_usage_errors_are_in_chinese(args: list[str], error: str, tmp_path: Path) -> None:
    """click's own messages come out in Chinese, suggestions too (click words them differently
    from one version to the next: generator/cli/i18n.py carries both wordings)."""
    result = CliRunner().invoke(main, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    [line] = [line for line in result.output.splitlines() if line.startswith("错误：")]
    assert line.startswith(error.format(tmp=tmp_path)), result.output
    assert not re.search(r"[A-Za-z]{3,}", re.sub(r"'[^']*'", "", line)), line  # English outside the quotes


def test_help_shows_defaults_in_chinese() -> None:
    result = CliRunner().invoke(main, ["templates", "new", "--help"])
    assert "[默认：" in result.output and "default" not in result.output


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"report-draft {command}" in readme
    for group, command in SUBCOMMANDS:
        assert f"report-draft {group} {command}" in readme or f"{command} 名称" in readme
    assert "python3 tests/run.py" in readme and "python3 -m venv .venv && .venv/bin/python -m pip install ." in readme
    assert "tests/run.py" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_python_m_generator_runs_the_same_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, cwd=ROOT, check=False)
    assert result.returncode == 0
    assert "report-draft" in result.stdout.decode("utf-8") or "用法" in result.stdout.decode("utf-8")


def test_the_console_entry_exits_with_the_status_and_all_the_output(tmp_path: Path) -> None:
    """``run`` ends the process without the interpreter's teardown: the output must still arrive
    through a pipe, the draft be complete, and the exit status say what happened."""
    out = tmp_path / "草稿 一.docx"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "generator", *args]
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=False)

    done = cli("build", str(SAMPLE), "-o", str(out))
    assert (done.returncode, done.stdout.strip()) == (0, f"已生成报告初稿：{out}（39 个标题，0 处提醒）")
    assert out.exists()
    refused = cli("build", str(tmp_path / "没有这个文件.xlsx"), "-o", str(tmp_path / "另一份.docx"))
    assert refused.returncode == 1 and refused.stderr.startswith("错误：") and "找不到这个文件" in refused.stderr
    typo = cli("buld")
    assert typo.returncode == 2 and "没有这个命令" in typo.stderr


def test_same_input_gives_the_same_bytes_in_any_folder(tmp_path: Path) -> None:
    outs = []
    for folder in ("甲 目录", "乙"):
        (tmp_path / folder).mkdir()
        out = tmp_path / folder / "报告.docx"
        assert CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out)]).exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_build_names_the_draft_beside_the_workbook_by_default(tmp_path: Path) -> None:
    copy = tmp_path / "我的 数据.xlsx"
    copy.write_bytes(SAMPLE.read_bytes())
    result = CliRunner().invoke(main, ["build", str(copy)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "我的 数据_报告初稿.docx").exists()


def test_committed_sample_holds_what_make_sample_writes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "data_inputs"))
    import make_sample

    fresh = tmp_path / "fresh.xlsx"
    make_sample.sample_workbook().save(fresh)

    def values(path: Path) -> dict[str, object]:
        raw = read_workbook(path)
        out: dict[str, object] = {f"info.{k}": c.value for k, c in raw.info.items()}
        for sheet, figures in raw.indicators.items():
            out.update({f"{sheet}.{k}": (f.value.value, f.prev.value, f.unit.value) for k, f in figures.items()})
        for sheet, rows in raw.narratives.items():
            out[sheet] = [{k: c.value for k, c in row.items()} for row in rows]
        out["special"] = [(s.key, s.value.value, s.prev.value) for s in raw.special]
        return out

    assert values(SAMPLE) == values(fresh)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_draft_gets_the_mode_of_a_new_file_not_the_temporary_files(tmp_path: Path) -> None:
    import os

    out = tmp_path / "报告.docx"
    assert CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out)]).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_build_pdf_writes_a_pdf_beside_the_draft(tmp_path: Path) -> None:
    out = tmp_path / "带 空格" / "报告 初稿.docx"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert f"已生成 PDF：{pdf}" in result.output


def test_build_pdf_without_libreoffice_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.docx.pdf

    monkeypatch.setattr(generator.docx.pdf, "find_soffice", lambda: None)
    out = tmp_path / "报告.docx"
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--pdf"])
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []  # all or nothing: no draft without its PDF
    assert result.output == (
        "错误：未找到 LibreOffice，无法生成 PDF。请安装 LibreOffice（免费，www.libreoffice.org），"
        "或在 Word / WPS 中打开初稿，选择“另存为”→ PDF。没有写出任何文件；去掉 --pdf 可以只生成 Word 初稿。\n"
    )


def test_the_wheel_carries_the_templates_and_examples(tmp_path: Path) -> None:
    """A non-editable install works from any folder: the templates travel inside the package."""
    import zipfile

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "generator/templates/default/report.j2" in names
    assert "generator/templates/agencies/某市卫生健康委员会/机关资料.toml" in names
    assert "generator/templates/agencies/某县市场监督管理局/report.j2" in names
