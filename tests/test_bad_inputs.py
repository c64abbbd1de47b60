"""The bad-input catalogue (README, developer section): every case with the exact text the clerk sees.

Each case is a whole run of ``report-draft build``: the complete output, word for word, with its cells;
the exit status; and, for a refusal, that no draft (nor a temporary file) appeared and the workbook is
unchanged.  The README's table lists the same case names; ``test_the_readme_lists_every_case`` keeps
the two together.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.app import main
from tests.conftest import ROOT, SAMPLE, WorkbookMaker, files_in, find_row
from tests.hostile_files import encrypted, million_rows, old_xls_named_xlsx, truncated, xxe, zip_bomb

DONE = "改正错误后再生成；没有写出任何文件。"
SAVE_AS = "无法直接读取。请用 Excel 或 WPS 打开后，选择“另存为”→“Excel 工作簿（*.xlsx）”，再用新文件生成报告。"


def _figure(sheet: str, key: str, value: Any, column: int = 3) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        ws = wb[sheet]
        ws.cell(row=find_row(ws, key), column=column, value=value)

    return edit


def _cite(text: str, figure: tuple[str, str, int, Any] | None = None) -> Callable[[Any], None]:
    """The first measure's text set to ``text``; ``figure`` (sheet, 编码, column, value) changed too."""

    def edit(wb: Any) -> None:
        wb["主要举措"].cell(row=3, column=3).value = text
        if figure is not None:
            sheet, key, column, value = figure
            ws = wb[sheet]
            ws.cell(row=find_row(ws, key), column=column).value = value

    return edit


def _own_row(values: tuple[Any, ...], row: int = 5) -> Callable[[Any], None]:
    """One more 特色指标 row (编码, 指标, 本年, 上年, 单位, 所属分项) below the sample's two."""

    def edit(wb: Any) -> None:
        for column, value in enumerate(values, start=1):
            wb["特色指标"].cell(row=row, column=column).value = value

    return edit


def _info(label: str, value: Any) -> Callable[[Any], None]:
    return _figure("基本信息", label, value, column=2)


def _clear(sheet: str, key: str, column: int = 2) -> Callable[[Any], None]:
    """Empty a cell (``ws.cell(value=None)`` would leave it as it is)."""

    def edit(wb: Any) -> None:
        ws = wb[sheet]
        ws.cell(row=find_row(ws, key), column=column).value = None

    return edit


def _no_causes(wb: Any) -> None:
    """Every 原因 row of 不足和原因 made a 不足: the published reports often analyse no cause."""
    ws = wb["不足和原因"]
    for row in range(3, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == "原因":
            ws.cell(row=row, column=1).value = "不足"


def _cells(sheet: str, *cells: tuple[int, int, Any]) -> Callable[[Any], None]:
    """Cells (row, column, value) of a sheet set."""

    def edit(wb: Any) -> None:
        for row, column, value in cells:
            wb[sheet].cell(row=row, column=column).value = value

    return edit


def _edits(*edits: Callable[[Any], None]) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        for e in edits:
            e(wb)

    return edit


def _delete_rows(sheet: str, key: str | None = None) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        ws = wb[sheet]
        if key is None:
            ws.delete_rows(3, ws.max_row)
        else:
            ws.delete_rows(find_row(ws, key))

    return edit


def _too_many_rows(wb: Any) -> None:
    ws = wb["主要举措"]
    for row in range(3, 5010):
        ws.cell(row=row, column=1, value="党的领导")
        ws.cell(row=row, column=2, value="标题")
        ws.cell(row=row, column=3, value="内容。")


def _enormous_cell(path: Path) -> None:
    """A 10 MB cell in 主要举措 (openpyxl would cut a value to Excel's 32,767 characters; the XML is written)."""
    from openpyxl import load_workbook

    wb = load_workbook(SAMPLE)
    wb["主要举措"].cell(row=3, column=3, value="@@BIGCELL@@")
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    rng = random.Random(6)
    chars = "法治政府建设年度报告行政执法许可复议诉讼普法公开信访学习审查顾问"
    big = "".join(rng.choices(chars, k=3_500_000)).encode()  # 10.5 MB that does not compress like a bomb
    marker = b"@@BIGCELL@@"
    [part] = [name for name, data in parts.items() if marker in data]  # shared or inline string
    parts[part] = parts[part].replace(marker, big)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _unknown_keys(wb: Any) -> None:
    ws = wb["行政执法"]
    for n in range(5):
        ws.append([f"my_key_{n}", "本局自定", 1, 2])


def _own(*cells: Any, row: int = 5) -> Callable[[Any], None]:
    """A 特色指标 row: 编码, 指标, 本年, 上年, 单位, 所属分项 (None for a blank cell)."""

    def edit(wb: Any) -> None:
        ws = wb["特色指标"]
        for col, value in enumerate(cells, start=1):
            ws.cell(row=row, column=col).value = value

    return edit


def _raw(path: Path, content: bytes) -> None:
    path.write_bytes(content)


def _formula_without_result(path: Path) -> None:
    """What openpyxl (or a script) leaves: a formula, and no cached value because nothing calculated it."""
    from openpyxl import load_workbook

    wb = load_workbook(SAMPLE)
    ws = wb["行政执法"]
    ws.cell(row=find_row(ws, "penalty_cases"), column=3).value = "=10+20"
    wb.save(path)


def _formula_error_in_text(path: Path) -> None:
    """A 主要举措 内容 cell whose formula failed: Excel keeps the error as the formula's cached value."""
    from openpyxl import load_workbook

    wb = load_workbook(SAMPLE)
    wb["主要举措"].cell(row=3, column=3).value = "@@FORMULA@@"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    part = f"xl/worksheets/sheet{wb.sheetnames.index('主要举措') + 1}.xml"
    cell = b'<c r="C3" t="e"><f>VLOOKUP(A3,\xe5\x85\xb6\xe4\xbb\x96!A:C,3,FALSE)</f><v>#N/A</v></c>'
    parts[part] = re.sub(rb'<c r="C3"[^>]*>.*?</c>', cell, parts[part], count=1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _word_document(path: Path) -> None:
    from docx import Document

    Document().save(str(path))


def _presentation(path: Path) -> None:
    """The parts of a .pptx that say what it is (python-pptx is not a dependency)."""
    ct = "http://schemas.openxmlformats.org/package/2006/content-types"
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{ct}"><Override PartName="/ppt/presentation.xml" ContentType="{main}"/></Types>',
        )
        z.writestr("ppt/presentation.xml", "<p:presentation/>")


@dataclass(frozen=True)
class Case:
    """One bad input.  ``make`` edits the sample workbook (a function of the workbook) or writes the
    file itself (a function of the path, ``raw=True``); ``output`` is the whole expected output, with
    ``{wb}`` for the workbook's path, ``{out}`` for the draft's and ``{folder}`` for the draft's folder."""

    make: Callable[..., None] | None
    output: str
    exit_code: int = 1
    raw: bool = False
    name: str = "测试 工作簿.xlsx"
    out: str = "输出 报告.docx"


CASES: dict[str, Case] = {
    "text in a number cell": Case(
        _figure("行政执法", "penalty_cases", "一百五十六起"),
        "错误：行政执法!C6：行政处罚案件：应填写数字，现在是“一百五十六起”。"
        "只填阿拉伯数字，单位写在“单位”列；没有数据请留空。\n共 1 处错误、0 处提醒。" + DONE,
    ),
    "a range instead of a number": Case(
        _figure("信访", "total", "100-120"),
        (
            "错误：信访!C3：受理信访事项合计：应填写数字，现在是“100-120”。只填阿拉伯数字，"
            "单位写在“单位”列；没有数据请留空。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "negative count": Case(
        _figure("普法", "events", -3),
        ("错误：普法!C3：普法宣传活动：不能是负数，现在是“-3”。请填写 0 或正数。\n共 1 处错误、0 处提醒。" + DONE),
    ),
    "rate over 100": Case(
        _figure("信访", "satisfaction", 103.5),
        (
            "错误：信访!C14：群众满意度：比率不能超过100%，现在是“103.5”。请按百分数填写"
            "，例如 98.5 表示 98.5%。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "a number past any count": Case(
        _figure("行政执法", "penalty_cases", 1560000000000000000),
        (
            "错误：行政执法!C6：行政处罚案件：数字过大（“1.56e+18”），请核对是否多打了零。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "five thousand digits": Case(
        _figure("行政执法", "fines", "9" * 5000),
        (
            "错误：行政执法!C7：罚没款金额：数字过大（“999999999999999999999999999999…”），请核对是否多打了零。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "万 typed where the unit is 万元": Case(
        _edits(_figure("行政执法", "fines", "32万"), _figure("行政执法", "fines", "万元", column=5)),
        (
            "错误：行政执法!C7：罚没款金额：单位列已是“万元”，数值中不要再写“万”或“亿”（现在是"
            "“32万”）。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "parts that do not add up": Case(
        _figure("政务公开", "requests", 5),
        (
            "错误：政务公开!C4：收到政府信息公开申请是5，但予以公开、部分公开、不予公开、本机关不掌"
            "握相关信息、其他处理合计7，两者应当相等。请核对这几项数字。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "a part larger than its whole": Case(
        _figure("复议诉讼", "litigation_lost", 4),
        (
            "错误：复议诉讼!C6：行政诉讼败诉（4）不能大于行政诉讼案件（1，复议诉讼!C5）。请核对"
            "。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "date outside the following year": Case(
        _info("成文日期", "2025-12-30"),
        (
            "错误：基本信息!B10：成文日期 2025年12月30日 不在报告年度的次年（2026年）"
            "。年度报告应在次年成文，请核对成文日期或报告年度。\n"
            "提醒：发文要素!B9：发文字号的年份与成文日期（2025年）不一致，请核对。\n"
            "共 1 处错误、1 处提醒。" + DONE
        ),
    ),
    "a date that is no date": Case(
        _info("成文日期", "明年一月"),
        (
            "错误：基本信息!B10：成文日期无法识别：“明年一月”。请填写日期，例如 2026-01-"
            "20 或 2026年1月20日。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "an error value in a text cell": Case(
        _info("机关名称", "#N/A"),
        (
            "错误：基本信息!B3：机关名称：应填写文字，现在是错误值“#N/A”（公式没能算出结果）。"
            "请改正这个单元格的公式，或直接填写文字。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "a formula's error in a narrative cell": Case(
        _formula_error_in_text,
        (
            "错误：主要举措!C3：内容：应填写文字，现在是错误值“#N/A”（公式没能算出结果）。"
            "请改正这个单元格的公式，或直接填写文字。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
        raw=True,
    ),
    "missing sheet": Case(
        lambda wb: wb.remove(wb["信访"]),
        (
            "错误：信访：缺少工作表“信访”。请不要删除或改名工作表；可用 report-draft i"
            "nit 生成空白工作簿对照恢复。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "deleted 基本信息 row": Case(
        _delete_rows("基本信息", "机关名称"),
        (
            "错误：基本信息：找不到“机关名称”这一行。请在“项目”列加上“机关名称”，并在“内容”列填"
            "写（例如：示例县卫生健康局）。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "empty required narrative sheet": Case(
        _delete_rows("下年安排"),
        (
            "错误：下年安排!A3：“下年安排”表没有内容。报告第四部分是规定的必备内容，请至少填写一行"
            "。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "no 主送机关 on a 上行文": Case(
        _edits(_clear("基本信息", "主送机关"), _figure("发文要素", "使用版头", "是", column=2)),
        (
            "错误：基本信息!B6：使用了版头（上行文），必须填写“主送机关”（例如：县委、县政府）。"
            "按 GB/T 9704-2012 7.3.2，主送机关写在标题下一行，顶格。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "neither 主送机关 nor 领导机关": Case(
        _edits(_clear("基本信息", "主送机关"), _clear("基本信息", "领导机关")),
        (
            "提醒：基本信息!B6：没有填写“主送机关”。按 GB/T 9704-2012 7.3.2，报送的报告在标题下一行顶格写"
            "主送机关（例如：县委、县政府）；本次初稿不写主送机关，适用于向社会公开的文本。报送上级时请填写。\n"
            "错误：基本信息!B7：没有填写“主送机关”时，请填写“领导机关”（开头“在……的正确领导下”中的机关，"
            "例如：县委、县政府）。\n"
            "共 1 处错误、1 处提醒。" + DONE
        ),
    ),
    "unknown 〔label〕 in a narrative cell": Case(
        lambda wb: wb["主要举措"].cell(row=3, column=3, value="共办理〔行政处罚案〕起。"),
        (
            "错误：主要举措!C3：引用的指标“〔行政处罚案〕”不存在（最接近的指标：行政处罚案件、行政"
            "诉讼案件、行政复议案件）。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "citing a figure left empty": Case(
        _cite("配备〔执法记录仪等执法装备〕。", ("行政执法", "equipment", 3, None)),
        (
            "错误：主要举措!C3：引用了指标“〔执法记录仪等执法装备〕”，但它在指标表中没有填写本年数值（行政执法!C14）。"
            "请补填或改写这句话。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "〔label｜同比〕 with last year empty": Case(
        _cite("网上信访〔网上信访|同比〕。"),
        (
            "错误：主要举措!C3：引用了“〔网上信访|同比〕”，但信访!D7（网上信访的上年数值）是空的。请在该单元格填写"
            "上年数值，或改写这句话。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "〔label｜同比〕 over a zero": Case(
        _cite("网上信访〔网上信访|同比〕。", ("信访", "online", 4, 0)),
        (
            "错误：主要举措!C3：“〔网上信访|同比〕”：上年数值为0（信访!D7），无法计算增长百分比。可改用〔网上信访|增减〕。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "〔label｜增减〕 of an approximate figure": Case(
        _cite("比上年〔行政处罚案件｜增减〕。", ("行政执法", "penalty_cases", 3, "160余")),
        (
            "错误：主要举措!C3：引用了“〔行政处罚案件｜增减〕”，但行政执法!C6的“160余”不是确切的数，无法计算。"
            "请填写确切数值，或改写这句话。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "unknown citation form": Case(
        _cite("〔行政处罚案件|环比〕。"),
        (
            "错误：主要举措!C3：“〔行政处罚案件|环比〕”的写法无法识别：竖线后可写 上年、同比、增减，或“占”加另一个"
            "指标的名称（例如〔来信|占受理信访事项合计〕）。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "share of a rate": Case(
        _cite("〔群众满意度|占受理信访事项合计〕。"),
        (
            "错误：主要举措!C3：“〔群众满意度|占受理信访事项合计〕”：百分比不能再算占比，“占”只用于数量和金额。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "share of a zero": Case(
        _cite("〔来信|占不予公开〕。"),
        (
            "错误：主要举措!C3：“〔来信|占不予公开〕”：不予公开的本年数值为0（政务公开!C7），无法计算占比。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "plain digits equal to a figure": Case(
        _cite("全年办理行政处罚案件168起。"),
        (
            "提醒：主要举措!C3：文字中的“168”与指标“行政处罚案件”（行政执法!C6）的本年数相同，但不会随数据更新，"
            "可改为〔行政处罚案件〕。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "plain digits equal to several figures": Case(
        _cite("按时办结率100%。"),
        (
            "提醒：主要举措!C3：文字中的“100%”与指标““双随机、一公开”抽查任务完成率”（行政执法!C5）、“按时办结率”"
            "（行政许可!C6）、“按期办结率”（信访!C12）等的本年数相同，但不会随数据更新；指的是哪一个就改为引用它，"
            "例如〔“双随机、一公开”抽查任务完成率〕。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "formula never calculated": Case(
        _formula_without_result,
        (
            "错误：行政执法!C6：这里是公式，但文件中没有它的计算结果（文件可能由其他程序生成）。请用"
            " Excel 或 WPS 打开工作簿并保存一次，再重试。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
        raw=True,
    ),
    "sheet over 5,000 rows": Case(
        _too_many_rows,
        (
            "错误：主要举措!A5001：工作表“主要举措”超过 5000 行，不像正常填写的工作簿。请"
            "删去多余的行后重试。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "10 MB cell": Case(
        _enormous_cell,
        (
            "错误：主要举措!C3：内容过长（3500000 字）。一项举措的内容一般不超过 5000 "
            "字，请拆成几行或删减。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
        raw=True,
    ),
    "not a workbook, named .xlsx": Case(
        lambda p: _raw(p, b"this is not a zip file"),
        (
            "错误：{wb}：无法作为 Excel 工作簿（.xlsx）打开（文件可能已损坏、加密或不是"
            "工作簿）。请用 Excel 或 WPS 打开确认，另存为 .xlsx 后重试。"
        ),
        raw=True,
    ),
    ".xls": Case(
        lambda p: _raw(p, b"\xd0\xcf\x11\xe0"),
        "错误：{wb}：这是旧版 Excel（.xls）文件，" + SAVE_AS,
        raw=True,
        name="旧版 数据.xls",
    ),
    ".et": Case(
        lambda p: _raw(p, b"\xd0\xcf\x11\xe0"),
        "错误：{wb}：这是 WPS 表格（.et）文件，" + SAVE_AS,
        raw=True,
        name="WPS 数据.et",
    ),
    ".csv": Case(
        lambda p: _raw(p, b"a,b\n1,2\n"), "错误：{wb}：这是 CSV 文本文件，" + SAVE_AS, raw=True, name="导出 数据.csv"
    ),
    ".ods": Case(
        lambda p: _raw(p, b"PK\x03\x04"),
        "错误：{wb}：这是 OpenDocument（.ods）表格，" + SAVE_AS,
        raw=True,
        name="数据.ods",
    ),
    "password-protected": Case(
        encrypted,
        (
            "错误：{wb}：工作簿设置了打开密码，无法读取。请在 Excel 或 WPS 中打开，取消"
            "密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），保存后重试。"
        ),
        raw=True,
    ),
    ".xls content named .xlsx": Case(
        old_xls_named_xlsx, "错误：{wb}：这是旧版 Excel（.xls）或 WPS 表格（.et）格式的文件，" + SAVE_AS, raw=True
    ),
    ".docx named .xlsx": Case(
        _word_document,
        (
            "错误：{wb}：这是 Word 文档，不是 Excel 工作簿，无法读取。请指定填写数据的工作簿（.xlsx）；"
            "还没有工作簿的，可用 report-draft init 生成空白工作簿。"
        ),
        raw=True,
    ),
    ".pptx named .xlsx": Case(
        _presentation,
        (
            "错误：{wb}：这是 PowerPoint 演示文稿，不是 Excel 工作簿，无法读取。请指定填写数据的工作簿（.xlsx）；"
            "还没有工作簿的，可用 report-draft init 生成空白工作簿。"
        ),
        raw=True,
    ),
    "zip bomb": Case(
        zip_bomb,
        (
            "错误：{wb}：工作簿解压后异常庞大（64 MB），不像正常填写的工作簿，已拒绝读取。请用"
            " report-draft init 生成的空白工作簿重新填写。"
        ),
        raw=True,
    ),
    "a million rows": Case(
        million_rows,
        (
            "错误：行政执法!A5001：工作表“行政执法”超过 5000 行，不像正常填写的工作簿。请"
            "删去多余的行后重试。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
        raw=True,
    ),
    "unknown 编码 rows": Case(
        _unknown_keys,
        (
            "提醒：行政执法!A15：编码“my_key_0”不是本表的指标，已忽略。本单位特有的指标请"
            "填在“特色指标”表。\n"
            "提醒：行政执法!A16：编码“my_key_1”不是本表的指标，已忽略。本单位特有的指标请"
            "填在“特色指标”表。\n"
            "提醒：行政执法!A17：编码“my_key_2”不是本表的指标，已忽略。本单位特有的指标请"
            "填在“特色指标”表。\n"
            "提醒：行政执法!A18：从这里起另有 2 个编码不是本表的指标，已忽略。本单位特有的指标请"
            "填在“特色指标”表。\n"
            "已生成报告初稿：{out}（39 个标题，4 处提醒）"
        ),
        exit_code=0,
    ),
    "XML entities": Case(
        xxe,
        (
            "错误：{wb}：无法作为 Excel 工作簿（.xlsx）打开（文件可能已损坏、加密或不是"
            "工作簿）。请用 Excel 或 WPS 打开确认，另存为 .xlsx 后重试。"
        ),
        raw=True,
    ),
    "truncated file": Case(
        truncated,
        (
            "错误：{wb}：无法作为 Excel 工作簿（.xlsx）打开（文件可能已损坏、加密或不是"
            "工作簿）。请用 Excel 或 WPS 打开确认，另存为 .xlsx 后重试。"
        ),
        raw=True,
    ),
    "a folder in place of the workbook": Case(
        lambda p: p.mkdir(),
        ("错误：{wb}：这个文件夹中没有工作簿（.xlsx 或 .xlsm）。请把工作簿放进这个文件夹，或直接写出工作簿的路径。"),
        raw=True,
        name="数据 文件夹",
    ),
    "missing path": Case(
        lambda p: None, "错误：{wb}：找不到这个文件，请检查路径是否正确。", raw=True, name="没有 这个.xlsx"
    ),
    "output folder missing": Case(
        None, "错误：{out}：文件夹“{folder}”不存在，请先创建它或换一个位置。", out="没有 这个文件夹/报告.docx"
    ),
    "output is the workbook": Case(
        None, "错误：{wb}：输出文件不能与输入的工作簿相同，请换一个文件名。", out="../输入 文件/测试 工作簿.xlsx"
    ),
    # warnings: the draft is written
    "rate typed as a fraction": Case(
        _figure("信访", "satisfaction", 0.973),
        (
            "提醒：信访!C14：群众满意度：填的是 0.973，按 97.3% 理解。如果实际是 0."
            "973%，请填写“0.973%”。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "rate typed as a fraction, as text": Case(
        _figure("信访", "satisfaction", "0.973"),
        (
            "提醒：信访!C14：群众满意度：填的是 0.973，按 97.3% 理解。如果实际是 0."
            "973%，请填写“0.973%”。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "unknown sheet": Case(
        lambda wb: wb.create_sheet("我的备注"),
        ("提醒：我的备注：工作表“我的备注”不是模板中的工作表，已忽略。\n已生成报告初稿：{out}（39 个标题，1 处提醒）"),
        exit_code=0,
    ),
    "heading typed with its number": Case(
        lambda wb: wb["主要举措"].cell(row=3, column=2, value="（一）健全法治建设领导机制"),
        (
            "提醒：主要举措!B3：小标题“（一）健全法治建设领导机制”自带编号，已去掉；编号由程序自动"
            "生成。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "no 主送机关 (a report for publication)": Case(
        _clear("基本信息", "主送机关"),
        (
            "提醒：基本信息!B6：没有填写“主送机关”。按 GB/T 9704-2012 7.3.2，报送的报告在标题下一行顶格写"
            "主送机关（例如：县委、县政府）；本次初稿不写主送机关，适用于向社会公开的文本。报送上级时请填写。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "no 原因 entries": Case(
        _no_causes,
        (
            "提醒：不足和原因!A3：没有类别为“原因”的条目。按规定，报告第二部分应写明存在的不足和原因；"
            "本次初稿第二部分只写不足，不写原因分析。需要时请加一行类别为“原因”的条目。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "no 不足 entries": Case(
        _delete_rows("不足和原因"),
        (
            "错误：不足和原因!A3：没有类别为“不足”的条目。报告第二部分须写明存在的不足，请至少填写一条。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "a new 分项 close to a listed one": Case(
        lambda wb: wb["主要举措"].cell(row=3, column=1, value="党的领导工作"),
        (
            "提醒：主要举措!A3：所属分项“党的领导工作”不是列表中的分项，将作为新的分项另起一个二级标题。"
            "是否指“党的领导”？如果是，请改为“党的领导”。\n"
            "已生成报告初稿：{out}（40 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "a figure tenfold last year's": Case(
        _figure("行政执法", "penalty_cases", 1680),
        (
            "提醒：行政执法!C6：行政处罚案件：本年 1680（行政执法!C6），上年 156（行政执"
            "法!D6），相差超过10倍，请核对是否填错。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "a 特色指标 without 所属分项, cited nowhere": Case(
        _own(None, "家庭医生签约", 1200, None, "人", None),
        (
            "提醒：特色指标!F5：特色指标“家庭医生签约”没有填写所属分项，也没有叙述引用它，报告中不会出现。"
            "请选择所属分项，或在叙述中写〔家庭医生签约〕引用它。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "a 特色指标 label without figures": Case(
        _own(None, "家庭医生签约", None, None, "人", "行政执法"),
        (
            "提醒：特色指标!C5：特色指标“家庭医生签约”没有填写本年和上年数值，报告中不写这一项。"
            "有数据请填在“本年”列；不需要时可删除这一行。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "a 特色指标 row without label or figures": Case(
        _own("family_doctor", None, None, None, "人", None),
        ("提醒：特色指标!B5：这一行没有填写“指标”和数值，已忽略。\n已生成报告初稿：{out}（39 个标题，1 处提醒）"),
        exit_code=0,
    ),
    "figures without a 特色指标 label": Case(
        _own(None, None, 1200, 1100, "人", "行政执法"),
        (
            "错误：特色指标!B5：这一行填了数值，但“指标”为空。请填写指标名称（报告和引用〔〕都按它写），或删除这一行。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "a 特色指标 labelled like a built-in one": Case(
        _own(None, "来信", 12, None, "件", "行政执法"),
        (
            "错误：特色指标!B5：指标名称“来信”在 信访!B4 和 特色指标!B5 重复。"
            "报告和叙述中的引用〔来信〕都按名称区分指标，请把其中一个改为不同的名称。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "two 特色指标 with one label": Case(
        _own(None, "成功调解医疗纠纷", 12, None, "件", "行政执法"),
        (
            "错误：特色指标!B5：指标名称“成功调解医疗纠纷”在 特色指标!B4 和 特色指标!B5 重复。"
            "报告和叙述中的引用〔成功调解医疗纠纷〕都按名称区分指标，请把其中一个改为不同的名称。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "a 特色指标 编码 typed twice": Case(
        _own("hospital_checks", "其他检查", 12, None, "件", "行政执法"),
        (
            "错误：特色指标!A5：编码“hospital_checks”重复（另一处在 特色指标!A3）。请改用不同的编码。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    # 报告结构 and 报告用语 (#14 item 4)
    "a 报告结构 row without 分项": Case(
        _cells("报告结构", (11, 2, "新的二级标题")),
        (
            "提醒：报告结构!A11：这一行填了二级标题或引语，但“分项”是空的，这一行已忽略。请填写分项名称（党的领导、"
            "学法用法、依法决策、政务服务、行政执法、化解矛盾、监督公开、普法宣传，或新的分项名称）。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "a 分项 listed twice in 报告结构": Case(
        _cells("报告结构", (11, 1, "行政执法"), (11, 2, "另一个标题")),
        (
            "错误：报告结构!A11：分项“行政执法”出现了两次（另一处在 报告结构!A7）。"
            "每个分项只写一行，请删除或合并重复的一行。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "a new 分项 in 报告结构 close to a listed one": Case(
        _cells("报告结构", (11, 1, "行政执法工作")),
        (
            "提醒：报告结构!A11：所属分项“行政执法工作”不是列表中的分项，将作为新的分项另起一个二级标题。"
            "是否指“行政执法”？如果是，请改为“行政执法”。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "a placeholder of a blank 基本信息 field": Case(
        _edits(
            _clear("基本信息", "法治建设议事协调机构"),
            _cells("报告用语", (4, 2, "〔年度〕年，在〔法治建设议事协调机构〕的指导下，〔机关自称〕依法行政。")),
        ),
        (
            "错误：报告用语!B4：用了〔法治建设议事协调机构〕，但“基本信息”表的“法治建设议事协调机构”没有填写"
            "（基本信息!B8）。请填写“法治建设议事协调机构”，或删去〔法治建设议事协调机构〕。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "an unknown placeholder": Case(
        _cells("报告用语", (3, 2, "〔机关名〕〔年度〕年法治政府建设工作报告")),
        (
            "错误：报告用语!B3：“〔机关名〕”不是可用的占位符，也不是指标名称。是否指“〔机关名称〕”？"
            "可用的占位符：〔年度〕〔下年〕〔机关名称〕〔机关自称〕〔领导机关〕〔法治建设议事协调机构〕〔主送机关〕"
            "（换成“基本信息”表中的内容）；引用数字时〔〕中写指标表中的指标名称。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
    "an unknown 用语": Case(
        _cells("报告用语", (10, 1, "开头"), (10, 2, "坚持依法行政。")),
        (
            "提醒：报告用语!A10：“开头”不是报告用语中的项目，这一行已忽略。“用语”只能是：标题、开头段落、第一部分引语、"
            "不足引语、原因引语、第三部分引语、第四部分引语。是否指“开头段落”？\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "a 报告用语 row without 用语": Case(
        _cells("报告用语", (10, 2, "坚持依法行政。")),
        (
            "提醒：报告用语!A10：这一行填了内容，但“用语”是空的，这一行已忽略。“用语”只能是：标题、开头段落、第一部分引语、"
            "不足引语、原因引语、第三部分引语、第四部分引语。\n"
            "已生成报告初稿：{out}（39 个标题，1 处提醒）"
        ),
        exit_code=0,
    ),
    "a 用语 given twice": Case(
        _cells("报告用语", (8, 1, "标题"), (8, 2, "〔机关名称〕工作报告")),
        (
            "错误：报告用语!A8：用语“标题”出现了两次（另一处在 报告用语!A3）。请删除重复的一行。\n"
            "共 1 处错误、0 处提醒。" + DONE
        ),
    ),
}


def _run(case: Case, make_workbook: WorkbookMaker, tmp_path: Path) -> tuple[Any, Path, Path]:
    folder = tmp_path / "输入 文件"
    folder.mkdir(exist_ok=True)
    if case.raw:
        path = folder / case.name
        if case.make is not None:
            case.make(path)
    else:
        path = make_workbook(case.make, name=case.name)
    out_folder = tmp_path / "输出 文件"
    out_folder.mkdir()
    out = (out_folder / case.out).resolve()
    return CliRunner().invoke(main, ["build", str(path), "-o", str(out)]), path, out


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name: str, make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    case = CASES[name]
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result, path, out = _run(case, make_workbook, tmp_path)
    expected = case.output.format(wb=path, out=out, folder=out.parent)
    assert result.output == expected + "\n", result.output
    assert result.exit_code == case.exit_code
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(result.exception, SystemExit)
    if case.exit_code:
        drafts = [p for p in tmp_path.rglob("*") if p.suffix == ".docx" or p.name.startswith(".~")]
        assert drafts == []
        assert all(p.read_bytes() == data for p, data in before.items() if p.exists())
    else:
        assert out.exists()


@pytest.mark.parametrize("windows", [True, False], ids=["Windows", "POSIX"])
def test_locked_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, windows: bool) -> None:
    """A draft open in Word: Windows refuses to replace it; elsewhere the refusal is a permission."""
    import generator.files

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    monkeypatch.setattr(generator.files, "WINDOWS", windows)
    out = tmp_path / "报告.docx"
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 1
    nothing = "没有写出任何文件，原有的文件都未改动。"
    if windows:
        said = f"无法覆盖这个文件，它可能正在 Word、WPS、Excel 或 PDF 阅读器中打开。{nothing}请关闭它后重试。"
    else:
        said = f"无法覆盖这个文件（没有访问权限）。{nothing}请检查这个文件和所在文件夹的权限。"
    assert result.output == f"错误：{out}：{said}\n"
    assert files_in(tmp_path) == []


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    out = tmp_path / "只读" / "报告.docx"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == f"错误：{out}：无法在“{out.parent}”中写入文件（没有访问权限）。请检查文件夹权限。\n"
    assert files_in(out.parent) == []


def test_the_readme_lists_every_case() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    elsewhere = [  # whole messages asserted in tests/test_writes.py, test_edits.py and test_cli.py
        "locked draft",
        "read-only folder",
        "edited draft",
        "old-scheme fingerprint",
        "no space for the backup",
        "no space for the draft",
        "no space for the sources table",
        "one output cannot be put in place",
        "a folder for the output file",
        "input name too long",
        "output name too long",
        "existing output unreadable",
        "another run on the output",
        "--pdf without LibreOffice",
        "upgrade: OLD locked",
    ]
    missing = [name for name in [*CASES, *elsewhere, *UPGRADE_CASES] if f"`{name}`" not in readme]
    assert missing == []


# ``report-draft upgrade OLD NEW`` (tests/test_upgrade.py has the conversions).  A bad OLD is said as
# ``build`` says it: the reader's cases above, run through ``upgrade``, must give the same message.
UPGRADE_AS_THE_READER = [
    "not a workbook, named .xlsx",
    ".xls",
    ".et",
    "password-protected",
    ".xls content named .xlsx",
    ".docx named .xlsx",
    "truncated file",
    "missing path",
]
EXISTS = "文件已存在，没有覆盖。换一个文件名，或加 --force 覆盖（原文件会先备份在旁边）。"
UPGRADE_CASES: dict[str, tuple[Callable[[Path, Path], tuple[Path, Path]], str]] = {
    "upgrade: NEW is OLD": (
        lambda old, new: (old, old.parent / ".." / old.parent.name / old.name),
        "错误：{new}：新工作簿不能与旧工作簿是同一个文件，请换一个文件名。旧工作簿没有改动。",
    ),
    "upgrade: NEW exists": (lambda old, new: (old, _exists(new)), "错误：{new}：" + EXISTS),
    "upgrade: NEW not .xlsx": (
        lambda old, new: (old, new.with_suffix(".xls")),
        "错误：{new}：工作簿文件名应以 .xlsx 结尾。",
    ),
    "upgrade: a formula never calculated": (
        lambda old, new: (_made(old, _formula_without_result), new),
        "错误：{old}：行政执法!C6 是公式，但文件中没有它的计算结果（文件可能由其他程序生成），没有转换。"
        "请用 Excel 或 WPS 打开旧工作簿并保存一次，再重试。",
    ),
}


def _exists(path: Path) -> Path:
    path.write_bytes(b"someone's workbook")
    return path


def _made(path: Path, make: Callable[[Path], None]) -> Path:
    make(path)
    return path


def _upgrade_run(old: Path, new: Path) -> Any:
    return CliRunner().invoke(main, ["upgrade", str(old), str(new)])


@pytest.mark.parametrize("name", UPGRADE_AS_THE_READER)
def test_a_bad_old_workbook_is_said_by_upgrade_as_by_build(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    old = tmp_path / "旧 文件" / case.name
    old.parent.mkdir()
    if case.make is not None:
        case.make(old)
    new = tmp_path / "新版 工作簿.xlsx"
    result = _upgrade_run(old, new)
    assert (result.exit_code, result.output) == (1, case.output.format(wb=old) + "\n")
    assert not new.exists() and [p.name for p in tmp_path.iterdir()] == ["旧 文件"]


@pytest.mark.parametrize("name", list(UPGRADE_CASES))
def test_bad_upgrade(name: str, tmp_path: Path) -> None:
    arrange, said = UPGRADE_CASES[name]
    folder = tmp_path / "工作 簿"
    folder.mkdir()
    old, new = folder / "旧版 数据.xlsx", folder / "新版 数据.xlsx"
    old.write_bytes(SAMPLE.read_bytes())
    old, new = arrange(old, new)
    before = {p: p.read_bytes() for p in folder.iterdir()}
    result = _upgrade_run(old, new)
    assert (result.exit_code, result.output) == (1, said.format(old=old, new=new) + "\n")
    assert {p: p.read_bytes() for p in folder.iterdir()} == before  # nothing written, nothing changed


def test_a_locked_old_workbook_is_said_by_upgrade_as_by_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`upgrade: OLD locked`: a workbook the system will not let us read (held by Excel on Windows, or
    no permission) is said with its path and reason, as ``build`` says it."""
    old = tmp_path / "旧版 数据.xlsx"
    old.write_bytes(SAMPLE.read_bytes())
    real_open = Path.open

    def refused(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == old:
            raise PermissionError(13, "Permission denied", str(old))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refused)
    said = [_upgrade_run(old, tmp_path / "新.xlsx"), CliRunner().invoke(main, ["validate", str(old)])]
    expected = (
        f"错误：{old}：系统不接受这个路径（没有访问权限）。"
        "请检查这个文件和所在文件夹的权限，或把文件复制到自己的文件夹后再试。\n"
    )
    assert [(r.exit_code, r.output) for r in said] == [(1, expected), (1, expected)]
