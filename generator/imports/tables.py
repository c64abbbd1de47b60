"""The figures of a table in last year's report (表1 2025年行政执法主要数据).

A table has no place in the workbook, but its figures do.  The first row is the header; the first
column names each row.  Which cells are figures:

- a table with a year column (2025年, 本年, 本年度) — like this program's own attachment table
  (项目 | 单位 | 2025年 | 2024年 | 同比) — gives one figure a row, from the report year's column, its
  unit from a 单位 column, or from the cell (100%);
- a table without one gives a figure for each numeric cell, its label the row's name and the column's
  (建筑工程施工许可 + 受理（件） → 建筑工程施工许可受理), its unit from the header's brackets.

A cell that is no number as the genre writes it (—, 持平, 增长14.1%) gives none.  The rows stay in
未能归类的段落, as the table itself has no place in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.imports.document import Block
from generator.imports.figures import typed_as_written

_WHERE = re.compile(r"^表格(\d+)第(\d+)行第(\d+)列")
_VALUE = re.compile(r"^(超过|突破|不少于|不足|约|近|逾)?(\d+(?:\.\d+)?)(万|亿)?(余|多)?\s*(%|％)?(以上)?$")
_UNIT_IN_HEADER = re.compile(r"[（(]([^）)]{1,4})[）)]\s*$")


@dataclass(frozen=True)
class TableFigure:
    label: str
    typed: str  # as a clerk types it: "412.6万", "300余", "100%"
    unit: str
    printed: str  # the cell as written, with the unit: "412.6万元"
    where: str  # the table row, for the comment: "表格1第4行"
    row_text: str  # the whole row, cells joined by " | "


def _cells(blocks: list[Block]) -> dict[int, dict[int, dict[int, str]]]:
    tables: dict[int, dict[int, dict[int, str]]] = {}
    for b in blocks:
        m = _WHERE.match(b.where)
        if m:
            t, r, c = (int(x) for x in m.groups())
            tables.setdefault(t, {}).setdefault(r, {})[c] = b.text.strip()
    return tables


def _typed(cell: str, unit: str) -> tuple[str, str] | None:
    m = _VALUE.match(cell.replace(",", "").replace("，", ""))
    if not m:
        return None
    pre, number, mul, suf1, percent, suf2 = m.groups()
    return typed_as_written(pre, number, mul, suf1, suf2, "%" if percent else unit)


def table_figures(blocks: list[Block], year: int | None) -> list[TableFigure]:
    """The figures of every table among ``blocks`` (see the module's docstring)."""
    out: list[TableFigure] = []
    for number, rows in sorted(_cells(blocks).items()):
        if len(rows) < 2:
            continue
        first = min(rows)
        header = rows[first]
        unit_col = next((c for c, h in header.items() if h in ("单位", "计量单位")), None)
        year_words = (f"{year}年", f"{year}", "本年", "本年度", "今年") if year else ("本年", "本年度", "今年")
        year_col = next((c for c, h in header.items() if h.replace(" ", "").startswith(year_words)), None)
        for r in sorted(rows)[1:]:
            row = rows[r]
            name = row.get(min(row), "")
            if not name or _VALUE.match(name):
                continue
            text = " | ".join(row[c] for c in sorted(row))
            columns = [year_col] if year_col is not None else [c for c in sorted(row) if c != min(row)]
            for c in columns:
                if c is None or c == unit_col or c not in row:
                    continue
                head = header.get(c, "")
                unit = row.get(unit_col, "") if unit_col is not None else ""
                hm, nm = _UNIT_IN_HEADER.search(head), _UNIT_IN_HEADER.search(name)
                unit = unit or (nm[1] if nm else "") or (hm[1] if hm else "")  # 受理行政许可事项（件）
                typed = _typed(row[c], unit)
                if typed is None or (not typed[1] and "%" not in row[c]):
                    continue
                bare = _UNIT_IN_HEADER.sub("", name).strip()
                label = bare if year_col is not None else bare + _UNIT_IN_HEADER.sub("", head).strip()
                printed = row[c] + ("" if typed[1] == "%" or row[c].endswith(typed[1]) else unit)
                out.append(TableFigure(label, typed[0], typed[1], printed, f"表格{number}第{r}行", text))
    return out
