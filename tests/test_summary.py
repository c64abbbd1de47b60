"""The county's 汇总 (``report-draft summary``): three departments' workbooks, one broken, summed into
one xlsx that the test opens; and every refusal and warning, word for word."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli.app import main
from generator.pipeline import load
from generator.summary import summarize, summary_workbook
from tests.conftest import ROOT, WorkbookMaker, find_row

NOT_A_WORKBOOK = (
    "无法作为 Excel 工作簿（.xlsx）打开（文件可能已损坏、加密或不是工作簿）。"
    "请用 Excel 或 WPS 打开确认，另存为 .xlsx 后重试。"
)


def _department(
    name: str, figures: dict[tuple[str, str], Any], own: tuple[tuple[Any, ...], ...] = ()
) -> Callable[[Any], None]:
    """The sample as department ``name``: figures (sheet, 编码) → 本年 changed, own rows added below the sample's."""

    def edit(wb: Any) -> None:
        ws = wb["基本信息"]
        for label in ("机关名称", "署名"):
            ws.cell(row=find_row(ws, label), column=2).value = name
        for (sheet, key), value in figures.items():
            ws = wb[sheet]
            ws.cell(row=find_row(ws, key), column=3).value = value
        for r, values in enumerate(own, start=5):
            for c, value in enumerate(values, start=1):
                wb["特色指标"].cell(row=r, column=c).value = value

    return edit


A = _department(
    "示例县甲局",
    {("行政执法", "penalty_cases"): 100, ("行政执法", "fines"): "32万余", ("普法", "materials"): "300余"},
    ((None, "追回医保基金", 9427, None, "万元", "行政执法"),),
)
B = _department(
    "示例县乙局",
    {
        ("行政执法", "penalty_cases"): 50,
        ("普法", "materials"): "约1000",
        ("信访", "satisfaction"): 90,
        ("特色指标", "family_doctor_disputes"): 10,
    },
)
C = _department("示例县丙局", {("普法", "events"): -5})


@pytest.fixture
def county(make_workbook: WorkbookMaker) -> Path:
    for edit, name in ((A, "甲局.xlsx"), (B, "乙局 数据.xlsx"), (C, "丙局.xlsx")):
        folder = make_workbook(edit, name).parent
    (folder / "~$甲局.xlsx").write_bytes(b"Excel's lock file")
    return folder


def _sheet(path: Path, name: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in load_workbook(path)[name].iter_rows(values_only=True)]


def _rows(path: Path) -> dict[str, tuple[Any, ...]]:
    """The 汇总 sheet by 指标 (单位 and the rest of the row)."""
    return {row[0]: row[1:] for row in _sheet(path, "汇总")[1:]}


def test_three_departments_one_broken(county: Path, tmp_path: Path) -> None:
    out = tmp_path / "县 汇总" / "2025年 汇总.xlsx"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["summary", str(county), "-o", str(out)])
    assert result.exit_code == 1, result.output  # a workbook had errors: said, as build says a failed batch
    assert result.output.splitlines() == [
        f"已生成汇总表：{out}（74 项指标）",
        "汇总了 2 个部门：示例县乙局、示例县甲局。",
        "1 个工作簿有错误，没有计入（全部问题见汇总表的“问题”表，可发回各部门改正）：",
        "  丙局.xlsx（示例县丙局）：1 处错误，第一处："
        "错误：普法!C3：普法宣传活动：不能是负数，现在是“-5”。请填写 0 或正数。",
    ]
    header, *_ = _sheet(out, "汇总")
    assert header == ("指标", "单位", "示例县乙局", "示例县甲局", "合计")  # files in order; the broken one: no column
    rows = _rows(out)
    assert rows["行政处罚案件"] == ("起", 50, 100, 150)
    assert rows["罚没款金额"] == ("万元", 35.68, "32余", "67.68余")  # 元 → 万元; a total of "余" parts is "余"
    assert rows["发放宣传资料"] == ("份", "约1000", "300余", "约1300")  # with a 约 among them: 约
    assert rows["群众满意度"] == ("%", 90, 97.3, "比率不合计")
    assert rows["人均法治培训学时"] == ("学时", 42, 42, "平均数不合计")
    assert rows["成功调解医疗纠纷"] == ("件", 10, 37, 47)  # a 特色指标 both departments have
    assert rows["追回医保基金"] == ("万元", None, 9427, 9427)  # one department's own figure
    assert rows["行政复议被纠错"] == ("件", 0, 0, 0)
    assert list(rows)[-3:] == ["开展医疗机构依法执业专项检查", "成功调解医疗纠纷", "追回医保基金"]  # own figures last
    issues = _sheet(out, "问题")
    assert issues[0] == ("机关", "文件", "严重程度", "位置", "说明")
    assert issues[1:] == [
        ("示例县丙局", "丙局.xlsx", "错误", "普法!C3", "普法宣传活动：不能是负数，现在是“-5”。请填写 0 或正数。")
    ]
    guide = "".join(str(row[0]) for row in _sheet(out, "说明"))
    assert "汇总了 2 个部门的工作簿；1 个工作簿有错误，没有计入" in guide
    assert "比率（%）和人均、平均数不能相加，合计栏写“比率不合计”“平均数不合计”" in guide
    assert "含有“约”“近”时写成“约1234”" in guide
    wb = load_workbook(out)
    totals = wb["汇总"]
    assert totals.freeze_panes == "C2" and wb["问题"].freeze_panes == "A2"
    for ws in wb:
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert (
            ws.page_setup.fitToWidth == 1
            and ws.page_setup.fitToHeight == 0
            and ws.sheet_properties.pageSetUpPr.fitToPage
        )
    assert totals.column_dimensions["A"].width >= 28  # the longest label, 14 characters
    assert totals.print_title_rows == "$1:$1" and totals.print_title_cols == "$A:$B"


def test_a_rerun_keeps_the_old_summary_and_skips_it_in_the_folder(county: Path) -> None:
    out = county / "汇总.xlsx"  # inside the folder it sums: the next run must not take it for a department
    first = CliRunner().invoke(main, ["summary", str(county), "-o", str(out)])
    assert first.exit_code == 1, first.output
    before = out.read_bytes()
    refused = CliRunner().invoke(main, ["summary", str(county), "-o", str(out)])
    assert refused.exit_code == 1
    assert (
        refused.output
        == f"错误：{out}：文件已存在，没有覆盖。换一个文件名，或加 --force 覆盖（原文件会先备份在旁边）。\n"
    )
    assert out.read_bytes() == before
    again = CliRunner().invoke(main, ["summary", str(county), "-o", str(out), "--force"])
    assert again.exit_code == 1, again.output
    lines = again.output.splitlines()
    assert lines[0] == f"已跳过：{out}（这是本程序生成的汇总表，不是部门的工作簿）"
    [backup] = [p for p in county.iterdir() if ".备份." in p.name]
    assert lines[2] == f"原文件已备份为：{backup}"
    assert backup.read_bytes() == before
    assert lines[3] == "汇总了 2 个部门：示例县乙局、示例县甲局。"


def test_a_summary_from_loaded_reports_as_the_web_holds_them(make_workbook: WorkbookMaker) -> None:
    a, b = make_workbook(A, "甲.xlsx"), make_workbook(B, "乙.xlsx")
    summary = summarize([("甲局的上传.xlsx", load(a)), ("乙局的上传.xlsx", load(b))])
    assert [(d.name, d.source) for d in summary.departments] == [
        ("示例县甲局", "甲局的上传.xlsx"),
        ("示例县乙局", "乙局的上传.xlsx"),
    ]
    [penalties] = [r for r in summary.rows if r.label == "行政处罚案件"]
    assert [v.cell for v in penalties.values if v] == ["行政执法!C6", "行政执法!C6"]
    assert penalties.total_shown == "150"
    ws = summary_workbook(summary)["汇总"]
    assert [c.value for c in ws[1]] == ["指标", "单位", "示例县甲局", "示例县乙局", "合计"]


def _run(args: list[str]) -> Any:
    return CliRunner().invoke(main, ["summary", *args])


def test_bad_summary_inputs(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    """Refusals: nothing is written, the whole message said."""
    out = tmp_path / "汇总.xlsx"
    empty = tmp_path / "空 文件夹"
    empty.mkdir()
    (empty / "说明.txt").write_text("not a workbook", encoding="utf-8")
    result = _run([str(empty), "-o", str(out)])
    assert (result.exit_code, result.output) == (
        1,
        f"错误：{empty}：这个文件夹中没有工作簿（.xlsx 或 .xlsm）。"
        "请把各部门的工作簿放进这个文件夹，或直接写出工作簿的路径。没有写出汇总表。\n",
    )
    missing = tmp_path / "没有的 文件夹"
    result = _run([str(missing), "-o", str(out)])
    assert (result.exit_code, result.output) == (
        1,
        f"错误：{missing}：找不到这个文件夹或文件，请检查路径是否正确。没有写出汇总表。\n",
    )
    result = _run([str(empty), "-o", str(tmp_path / "汇总.csv")])
    assert (result.exit_code, result.output) == (
        1,
        f"错误：{tmp_path / '汇总.csv'}：汇总表的文件名应以 .xlsx 结尾，例如 汇总.xlsx。\n",
    )
    a = make_workbook(A, "甲.xlsx")
    result = _run([str(a), "-o", str(a), "--force"])
    assert (result.exit_code, result.output) == (
        1,
        f"错误：{a}：这是要汇总的一个工作簿，汇总表不能写在它上面，请换一个文件名。\n",
    )
    out.write_bytes(b"the office's own table")
    result = _run([str(a), "-o", str(out)])
    assert (result.exit_code, result.output) == (
        1,
        f"错误：{out}：文件已存在，没有覆盖。换一个文件名，或加 --force 覆盖（原文件会先备份在旁边）。\n",
    )
    assert out.read_bytes() == b"the office's own table"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["汇总.xlsx", "空 文件夹", "输入 文件"]


def test_a_file_that_is_no_workbook_is_listed_and_the_others_summed(
    make_workbook: WorkbookMaker, tmp_path: Path
) -> None:
    folder = make_workbook(A, "甲.xlsx").parent
    (folder / "通知.xlsx").write_text("其实是一段文字", encoding="utf-8")
    out = tmp_path / "汇总.xlsx"
    result = _run([str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"已生成汇总表：{out}（74 项指标）",
        "汇总了 1 个部门：示例县甲局。",
        "1 个工作簿有错误，没有计入（全部问题见汇总表的“问题”表，可发回各部门改正）：",
        f"  通知.xlsx：1 处错误，第一处：错误：通知.xlsx：{NOT_A_WORKBOOK}",
    ]
    assert _sheet(out, "问题")[1:] == [("—", "通知.xlsx", "错误", "通知.xlsx", NOT_A_WORKBOOK)]


def test_one_agency_name_twice(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    folder = make_workbook(A, "甲.xlsx").parent
    make_workbook(A, "甲（第二次）.xlsx")
    out = tmp_path / "汇总.xlsx"
    result = _run([str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    warning = (
        "提醒：甲.xlsx、甲（第二次）.xlsx：2 个工作簿的机关名称都是“示例县甲局”（基本信息表），都已汇总，"
        "列标题后加了文件名以示区别。如果是同一部门交了两次，请删去其中一份后重新汇总。"
    )
    assert result.output.splitlines() == [
        warning,
        f"已生成汇总表：{out}（74 项指标）",
        "汇总了 2 个部门：示例县甲局（甲.xlsx）、示例县甲局（甲（第二次）.xlsx）。",
    ]
    assert _sheet(out, "汇总")[0][2:4] == ("示例县甲局（甲.xlsx）", "示例县甲局（甲（第二次）.xlsx）")
    assert _sheet(out, "问题")[1:] == [
        ("示例县甲局", "甲.xlsx、甲（第二次）.xlsx", "提醒", "甲.xlsx、甲（第二次）.xlsx", warning.split("：", 2)[2])
    ]


def test_one_label_in_two_units(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    def relabel(unit: str) -> Callable[[Any], None]:
        def edit(wb: Any) -> None:
            ws = wb["特色指标"]
            ws.cell(row=find_row(ws, "family_doctor_disputes"), column=5).value = unit

        return edit

    folder = make_workbook(A, "甲.xlsx").parent
    make_workbook(lambda wb: (B(wb), relabel("起")(wb)), "乙.xlsx")
    out = tmp_path / "汇总.xlsx"
    result = _run([str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    warning = (
        "提醒：特色指标!C4（乙.xlsx）、特色指标!C4（甲.xlsx）：指标“成功调解医疗纠纷”各部门填写的单位不同："
        "示例县乙局是“起”，示例县甲局是“件”。已按单位分作 2 行，各自合计。如果是同一指标，请统一单位后重新汇总。"
    )
    assert result.output.splitlines()[0] == warning
    rows = [row for row in _sheet(out, "汇总") if row[0] == "成功调解医疗纠纷"]
    assert rows == [("成功调解医疗纠纷", "起", 10, None, 10), ("成功调解医疗纠纷", "件", None, 37, 37)]


SUMMARY_CASES = (
    "summary: empty folder",
    "summary: missing folder",
    "summary: output not .xlsx",
    "summary: output is a department's workbook",
    "summary: output exists",
    "summary: a file that is no workbook",
    "summary: a workbook with errors",
    "summary: one 机关名称 twice",
    "summary: one label in two units",
    "summary: our own 汇总 in the folder",
)


def test_the_readme_lists_every_summary_case() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in SUMMARY_CASES if f"`{name}`" not in readme] == []
