"""The 基本信息 of a workbook made from last year's report, set against the department's account
and the collection it is made for (no Django here: plain attributes are read)."""

from __future__ import annotations

from typing import Protocol

from openpyxl import Workbook
from openpyxl.cell import Cell


class Account(Protocol):
    name: str
    self_name: str
    recipient: str


class ForYear(Protocol):
    year: int


INFO_SHEET = "基本信息"


def info_cells(workbook: Workbook) -> dict[str, Cell]:
    """The 基本信息 sheet's 内容 cells by their 项目 (机关名称, 报告年度 …)."""
    if INFO_SHEET not in workbook.sheetnames:
        return {}
    rows = workbook[INFO_SHEET].iter_rows(min_row=3, max_col=2)
    return {str(label.value).strip(): value for label, value in rows if label.value is not None}


def _blank(cell: Cell) -> bool:
    return cell.value is None or not str(cell.value).strip()


def fit_to_account(workbook: Workbook, department: Account, collection: ForYear) -> list[str]:
    """Fill what the report left blank in 基本信息 from the department's account and this
    collection; the notes where the report and they disagree (a report of another department or
    year chosen by mistake, or a name written otherwise), for the clerk to check."""
    cells = info_cells(workbook)
    if not cells:
        return []
    notes = []
    filled = []
    given = {"机关名称": department.name, "机关自称": department.self_name, "主送机关": department.recipient}
    given["报告年度"] = collection.year
    for label, value in given.items():
        cell = cells.get(label)
        if cell is not None and value and _blank(cell):
            cell.value = value
            filled.append(f"{label}“{value}”")
    if filled:
        notes.append("去年的报告中没有写的，已按本单位的账号和本次收集填入“基本信息”表：" + "、".join(filled) + "。")
    name = cells.get("机关名称")
    if name is not None and str(name.value).strip() != department.name:
        notes.append(
            f"去年的报告是“{str(name.value).strip()}”的，本单位的账号是“{department.name}”：如果选错了文件，"
            "请重新导入本单位的报告；没有选错时，请核对“基本信息”表中的机关名称。"
        )
    year = cells.get("报告年度")
    if year is not None and str(year.value).strip() != str(collection.year):
        notes.append(
            f"新工作簿的报告年度是 {str(year.value).strip()}，本次收集的是 {collection.year} 年度：如果选错了文件，"
            f"请导入 {collection.year - 1} 年的报告；没有选错时，请在“基本信息”表改正报告年度，"
            "并核对“上年”列的数字是不是上一年的。"
        )
    return notes
