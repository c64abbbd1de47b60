"""A list of departments (机关名称, 机关自称, 主送机关) in an .xlsx, for the collecting office: read
with the same bounded reader as the report's workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputProblems, Problem, Severity
from generator.read.cells import column_letter
from generator.read.container import open_workbook, unreadable
from generator.read.xlsx import Unreadable

COLUMNS = ("机关名称", "机关自称", "主送机关")
MAX_ROWS = 2000
HEADER_ROWS = 5  # the header may sit under a title row or two


@dataclass(frozen=True)
class Entry:
    name: str
    self_name: str
    recipient: str
    cell: str  # where the name is, 工作表!A2


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def read_roster(path: Path, shown: str | None = None) -> list[Entry]:
    """The departments listed on the first sheet under a header row naming 机关名称 (the other two
    columns optional).  Raise :class:`InputProblems` naming cells: no header, one name twice."""
    shown = shown or str(path)
    try:
        book = open_workbook(path, MAX_ROWS)
        try:
            sheet = book[book.sheetnames[0]] if book.sheetnames else None
        finally:
            book.close()
    except Unreadable as exc:
        raise unreadable(path) from exc
    rows = [[_text(c.value) for c in row] for row in (sheet.rows if sheet else [])]
    header = next((i for i, row in enumerate(rows[:HEADER_ROWS]) if COLUMNS[0] in row), None)
    if sheet is None or header is None:
        raise InputProblems(
            [
                Problem(
                    Severity.ERROR,
                    shown,
                    "第一张工作表的前几行里没有“机关名称”这一列标题。"
                    "请在第一行写“机关名称”（可再加“机关自称”“主送机关”），下面每行一个部门。",
                )
            ]
        )
    where = {name: rows[header].index(name) for name in COLUMNS if name in rows[header]}
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for r, row in enumerate(rows[header + 1 :], start=header + 2):
        values = {name: row[i] if i < len(row) else "" for name, i in where.items()}
        name = values[COLUMNS[0]]
        if not name:
            continue
        cell = f"{sheet.title}!{column_letter(where[COLUMNS[0]] + 1)}{r}"
        if name in seen:
            problems.append(Problem(Severity.ERROR, cell, f"“{name}”在 {seen[name]} 已经列过，请删去重复的一行。"))
            continue
        seen[name] = cell
        entries.append(Entry(name, values.get(COLUMNS[1], ""), values.get(COLUMNS[2], ""), cell))
    if problems:
        raise InputProblems(problems)
    if not entries:
        raise InputProblems([Problem(Severity.ERROR, shown, "“机关名称”一列下面没有部门。")])
    return entries
