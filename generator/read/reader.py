"""Read the input workbook into plain rows that remember their cells.

Nothing here judges a value; it only finds it and records where it came from (``工作表!单元格``).
Indicators are found by their key in the 编码 column and columns by their header, so reordered
rows and columns still read.  Structural problems (a missing sheet, a missing header, an unknown
key) are collected as :class:`~generator.errors.Problem` objects, all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problem, Severity
from generator.read import catalogue as cat
from generator.read.cells import Sheet, column_letter
from generator.read.container import open_workbook, unreadable
from generator.read.xlsx import Unreadable, Workbook

HEADER_SEARCH_ROWS = 6  # the header row is looked for in the first rows of a sheet
MAX_ROWS = 5000  # rows read from a sheet; a workbook of ours never needs more
UNKNOWN_KEYS_NAMED = 3  # unknown 编码 warned about one by one; the rest in one warning


@dataclass(frozen=True)
class Cell:
    """A value with its place; ``percent`` tells that Excel shows this number times 100 with a percent
    sign (0.0%), ``percent_sign`` that it shows the number as it is followed by one (0.0"%")."""

    value: Any
    ref: str
    percent: bool = False
    percent_sign: bool = False

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class RawIndicator:
    key: str
    key_ref: str
    label: str
    value: Cell
    prev: Cell
    unit: Cell
    section: Cell | None = None  # 特色指标 only: the subsection it belongs to
    label_cell: Cell | None = None  # the 指标 cell the label was read from


@dataclass
class RawWorkbook:
    """Everything read, keyed as the catalogue keys it."""

    source: str
    info: dict[str, Cell] = field(default_factory=dict)  # InfoField.key -> cell
    dispatch: dict[str, Cell] = field(default_factory=dict)  # 发文要素, InfoField.key -> cell
    indicators: dict[str, dict[str, RawIndicator]] = field(default_factory=dict)
    special: list[RawIndicator] = field(default_factory=list)
    narratives: dict[str, list[dict[str, Cell]]] = field(default_factory=dict)
    structure: list[dict[str, Cell]] | None = None  # 报告结构 rows by column; None: no such sheet
    wording: list[dict[str, Cell]] | None = None  # 报告用语 rows by column; None: no such sheet
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Filled:
    """A cell inside a merged range, given the value of the range's first cell."""

    value: Any
    percent: bool = False
    percent_sign: bool = False


def _fill_merged(ws: Sheet, rows: list[list[Any]]) -> None:
    """Every cell of a merged range reads as the range's first cell (a clerk merges 所属分项 cells)."""
    for r1, c1, r2, c2 in sorted(set(ws.merged)):
        if r1 > len(rows) or len(rows[r1 - 1]) < c1:
            continue
        first = rows[r1 - 1][c1 - 1]
        value = first.value
        for r in range(r1, min(r2, len(rows)) + 1):
            row = rows[r - 1]
            while len(row) < c2:
                row.append(_Filled(None))
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    row[c - 1] = _Filled(value, first.percent, first.percent_sign)


def _rows(ws: Sheet, problems: list[Problem] | None = None) -> list[list[Any]]:
    """The sheet's rows, at most MAX_ROWS of them; more is reported, not read (a crafted huge sheet)."""
    if ws.more_rows and problems is not None:
        problems.append(
            Problem(
                Severity.ERROR,
                f"{ws.title}!A{MAX_ROWS + 1}",
                f"工作表“{ws.title}”超过 {MAX_ROWS} 行，不像正常填写的工作簿。请删去多余的行后重试。",
            )
        )
    rows = [list(r) for r in ws.rows]
    _fill_merged(ws, rows)
    return rows


def _cell(sheet: str, row: list[Any], col: int | None, row_no: int) -> Cell:
    ref = f"{sheet}!{column_letter((col or 0) + 1)}{row_no}"
    if col is None or col >= len(row):
        return Cell(None, ref)
    c = row[col]
    return Cell(c.value, ref, c.percent, c.percent_sign)  # an XCell or a _Filled


# Headers as clerks rename them: each name is read as the column it stands for.
HEADER_SYNONYMS = {
    "本年数": "本年",
    "本年数值": "本年",
    "本年度": "本年",
    "今年": "本年",
    "本期": "本年",
    "上年数": "上年",
    "上年数值": "上年",
    "上年度": "上年",
    "去年": "上年",
    "上期": "上年",
    "上年同期": "上年",
    "代码": "编码",
    "指标名称": "指标",
    "名称": "指标",
    "备注": "说明",
    "计量单位": "单位",
    "分项": "所属分项",
    "标题": "小标题",
    "正文": "内容",
    "类型": "类别",
}
_YEAR_HEADER = re.compile(r"^(\d{4})\s*年?(度)?(数|数值)?$")


def _canonical(names: list[str], synonyms: bool = True) -> list[str]:
    """Header names read as the columns they stand for; of two year headers the later is 本年."""
    out = [HEADER_SYNONYMS.get(n, n) for n in names] if synonyms else list(names)
    years = sorted((int(m[1]), j) for j, n in enumerate(names) if (m := _YEAR_HEADER.match(n)))
    if len(years) == 2:
        out[years[0][1]], out[years[1][1]] = "上年", "本年"
    return out


def _header(
    sheet: str, rows: list[list[Any]], columns: tuple[str, ...], problems: list[Problem], synonyms: bool = True
) -> tuple[int, dict[str, int]] | None:
    """Find the header row and each expected column's index; report missing ones.  ``synonyms``:
    headers as clerks rename them are read too (not on 报告结构, where 分项 is a column of its own)."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = _canonical([str(getattr(c, "value", "") or "").strip() for c in row], synonyms)
        if columns[0] in names or columns[1] in names:
            index = {n: j for j, n in enumerate(names) if n}
            missing = [c for c in columns if c not in index]
            for name in missing:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        f"{sheet}!{i + 1}行",
                        f"表头缺少“{name}”列。请恢复这一列的表头（可从 report-draft init 生成的空白工作簿复制）。",
                    )
                )
            return (i, index) if not missing else None
    problems.append(
        Problem(
            Severity.ERROR,
            f"{sheet}!A1",
            f"找不到表头行（应有“{'”“'.join(columns)}”等列）。"
            "请恢复表头，或从 report-draft init 生成的空白工作簿重新填写。",
        )
    )
    return None


def _missing_sheet(name: str) -> Problem:
    return Problem(
        Severity.ERROR,
        name,
        f"缺少工作表“{name}”。请不要删除或改名工作表；可用 report-draft init 生成空白工作簿对照恢复。",
    )


def _read_pairs(
    wb: Any,
    name: str,
    fields: dict[str, cat.InfoField],
    into: dict[str, Cell],
    problems: list[Problem],
    optional: bool = False,
) -> None:
    """A sheet of 项目 / 内容 rows, found by the label in 项目."""
    if name not in wb.sheetnames:
        if not optional:
            problems.append(_missing_sheet(name))
        return
    rows = _rows(wb[name], problems)
    found = _header(name, rows, ("项目", "内容"), problems)
    if found is None:
        return
    head, cols = found
    for offset, row in enumerate(rows[head + 1 :]):
        row_no = head + 2 + offset
        label = _cell(name, row, cols["项目"], row_no).value
        field_ = fields.get(str(label).strip()) if label is not None else None
        if field_ is not None:
            into[field_.key] = _cell(name, row, cols["内容"], row_no)


def _read_indicator_rows(
    sheet: str, rows: list[list[Any]], columns: tuple[str, ...], problems: list[Problem], keyed: bool = True
) -> list[RawIndicator]:
    """The rows with a 编码 (``keyed``: the indicator sheets), or with anything typed in them (特色指标,
    where no code is asked of the clerk)."""
    found = _header(sheet, rows, columns, problems)
    if found is None:
        return []
    head, cols = found
    out: list[RawIndicator] = []
    for offset, row in enumerate(rows[head + 1 :]):
        row_no = head + 2 + offset
        key_cell = _cell(sheet, row, cols["编码"], row_no)
        if key_cell.empty and (keyed or all(_cell(sheet, row, cols[c], row_no).empty for c in columns)):
            continue
        label = _cell(sheet, row, cols["指标"], row_no)
        out.append(
            RawIndicator(
                key="" if key_cell.empty else str(key_cell.value).strip(),
                key_ref=key_cell.ref,
                label=str(label.value).strip() if label.value is not None else "",
                label_cell=label,
                value=_cell(sheet, row, cols["本年"], row_no),
                prev=_cell(sheet, row, cols["上年"], row_no),
                unit=_cell(sheet, row, cols["单位"], row_no),
                section=_cell(sheet, row, cols["所属分项"], row_no) if "所属分项" in cols else None,
            )
        )
    return out


def _unknown_keys(unknown: list[RawIndicator]) -> list[Problem]:
    """A warning for each of the first few unknown keys, then one for the rest."""
    where = f"本单位特有的指标请填在“{cat.SPECIAL_SHEET}”表。"
    out = [
        Problem(Severity.WARNING, ind.key_ref, f"编码“{ind.key}”不是本表的指标，已忽略。{where}")
        for ind in unknown[:UNKNOWN_KEYS_NAMED]
    ]
    if len(unknown) > UNKNOWN_KEYS_NAMED:
        rest = unknown[UNKNOWN_KEYS_NAMED:]
        out.append(
            Problem(
                Severity.WARNING,
                rest[0].key_ref,
                f"从这里起另有 {len(rest)} 个编码不是本表的指标，已忽略。{where}",
            )
        )
    return out


def _read_indicators(wb: Any, raw: RawWorkbook) -> None:
    for spec in cat.INDICATOR_SHEETS:
        if spec.name not in wb.sheetnames:
            raw.problems.append(_missing_sheet(spec.name))
            continue
        known = {i.key for i in spec.indicators}
        found: dict[str, RawIndicator] = {}
        before = len(raw.problems)
        rows = _read_indicator_rows(spec.name, _rows(wb[spec.name], raw.problems), cat.INDICATOR_COLUMNS, raw.problems)
        refused = any(p.severity is Severity.ERROR for p in raw.problems[before:])
        unknown = [ind for ind in rows if ind.key not in known]
        if not refused:  # a sheet refused as a whole needs no word on each of its rows
            raw.problems += _unknown_keys(unknown)
        for ind in rows:
            if ind.key not in known:
                continue
            if ind.key in found:
                raw.problems.append(
                    Problem(
                        Severity.ERROR,
                        ind.value.ref,
                        f"编码“{ind.key}”出现了两次（另一处在 {found[ind.key].value.ref}）。请删除重复的一行。",
                    )
                )
                continue
            found[ind.key] = ind
        raw.indicators[spec.key] = found


def _read_special(wb: Any, raw: RawWorkbook) -> None:
    if cat.SPECIAL_SHEET not in wb.sheetnames:
        raw.problems.append(_missing_sheet(cat.SPECIAL_SHEET))
        return
    raw.special = _read_indicator_rows(
        cat.SPECIAL_SHEET, _rows(wb[cat.SPECIAL_SHEET], raw.problems), cat.SPECIAL_COLUMNS, raw.problems, keyed=False
    )


def _table(
    wb: Any, name: str, columns: tuple[str, ...], problems: list[Problem], synonyms: bool = True
) -> list[dict[str, Cell]] | None:
    """A sheet's rows below its header, each a cell per column; blank rows skipped.  ``None`` when
    the header cannot be found (reported)."""
    rows = _rows(wb[name], problems)
    found = _header(name, rows, columns, problems, synonyms)
    if found is None:
        return None
    head, cols = found
    items: list[dict[str, Cell]] = []
    for offset, row in enumerate(rows[head + 1 :]):
        row_no = head + 2 + offset
        cells = {c: _cell(name, row, cols[c], row_no) for c in columns}
        if all(c.empty for c in cells.values()):
            continue  # blank rows between entries are fine
        items.append(cells)
    return items


def _read_narratives(wb: Any, raw: RawWorkbook) -> None:
    for spec in cat.NARRATIVE_SHEETS:
        if spec.name not in wb.sheetnames:
            raw.problems.append(_missing_sheet(spec.name))
            continue
        items = _table(wb, spec.name, spec.columns, raw.problems)
        if items is not None:
            raw.narratives[spec.key] = items


def _read_structure(wb: Any, raw: RawWorkbook) -> None:
    """报告结构 and 报告用语, when the workbook has them (one made by an older ``init`` has not)."""
    if cat.STRUCTURE_SHEET in wb.sheetnames:
        raw.structure = _table(wb, cat.STRUCTURE_SHEET, cat.STRUCTURE_COLUMNS, raw.problems, synonyms=False)
    if cat.WORDING_SHEET in wb.sheetnames:
        raw.wording = _table(wb, cat.WORDING_SHEET, cat.WORDING_COLUMNS[:2], raw.problems, synonyms=False)


def _check_formulas(wb: Workbook, raw: RawWorkbook, sheets: list[str]) -> None:
    """A formula that was never calculated reads as empty: say so, with its cell, instead."""
    formulas = {f"{name}!{ref}" for name in sheets for ref in wb[name].formulas}
    if not formulas:
        return
    cells: list[Cell] = [*raw.info.values(), *raw.dispatch.values()]
    for sheet in raw.indicators.values():
        for ind in sheet.values():
            cells += [ind.value, ind.prev]
    for ind in raw.special:
        cells += [ind.value, ind.prev]
    for rows in [*raw.narratives.values(), raw.structure or [], raw.wording or []]:
        for row in rows:
            cells += list(row.values())
    for cell in cells:
        if cell.value is None and cell.ref in formulas:
            raw.problems.append(
                Problem(
                    Severity.ERROR,
                    cell.ref,
                    "这里是公式，但文件中没有它的计算结果（文件可能由其他程序生成）。"
                    "请用 Excel 或 WPS 打开工作簿并保存一次，再重试。",
                )
            )


def read_workbook(path: Path) -> RawWorkbook:
    """Read every sheet the catalogue knows; raise :class:`WorkbookUnreadable` if it cannot open."""
    try:
        return _read(path)
    except Unreadable as exc:  # a sheet or a part that does not parse
        raise unreadable(path) from exc


def _read(path: Path) -> RawWorkbook:
    wb = open_workbook(path, MAX_ROWS)
    try:
        raw = RawWorkbook(source=str(path))
        _read_pairs(wb, cat.INFO_SHEET, cat.INFO_BY_LABEL, raw.info, raw.problems)
        _read_pairs(wb, cat.DISPATCH_SHEET, cat.DISPATCH_BY_LABEL, raw.dispatch, raw.problems, optional=True)
        _read_indicators(wb, raw)
        _read_special(wb, raw)
        _read_narratives(wb, raw)
        _read_structure(wb, raw)
        known = {cat.README_SHEET, cat.INFO_SHEET, cat.DISPATCH_SHEET, cat.SPECIAL_SHEET, *cat.REFERENCE_SHEETS}
        known |= {cat.STRUCTURE_SHEET, cat.WORDING_SHEET}
        known |= {s.name for s in cat.INDICATOR_SHEETS} | {s.name for s in cat.NARRATIVE_SHEETS}
        for name in wb.sheetnames:
            if name not in known:
                raw.problems.append(Problem(Severity.WARNING, name, f"工作表“{name}”不是模板中的工作表，已忽略。"))
        # 说明 holds no cell the report reads: no need to parse it for formulas
        _check_formulas(
            wb, raw, [n for n in wb.sheetnames if n in known and n not in (cat.README_SHEET, *cat.REFERENCE_SHEETS)]
        )
        return raw
    finally:
        wb.close()
