"""Carry a workbook made by an older ``init`` into the current layout (``report-draft upgrade``).

A fresh blank workbook (:func:`generator.workbook.blank.blank_workbook`) receives every value of the
old one, each where the reader of the current layout looks for it:

- 基本信息 and 发文要素 row by row by the label in 项目;
- the indicator sheets by the 编码 of each row (by the 指标 label when the old sheet lost its 编码
  column), the clerk's 指标 and 单位 wording included;
- every other sheet the new layout has (特色指标, the narrative sheets, and any sheet added since) row
  by row: its rows replace the blank's (the 特色指标 example too);
- columns by their header, read as the reader reads them (renamed headers, "2025年"/"2024年");
- a sheet, column or row the new layout has no place for is copied as it is (a row at the end of its
  sheet, a column after the last, a sheet after the others), each with a notice saying where.

Values are read by the project's own reader (:mod:`generator.read.container`), so a bad old file
is refused with the same Chinese message ``build`` gives.  A cell keeps its number format (a percent,
"@" text, a date); text stays text ("300余", "0012", "=…").  A formula is carried as its result, said
in a notice.  Only cells are carried: comments, pictures, charts, colours and column widths are not
(the new layout's own are kept).  The 说明 sheet, each sheet's banner and header rows belong to the
layout: the new ones are kept.  Nothing is written here; :func:`write_upgrade` writes NEW as ``build`` writes a draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook as OpenWorkbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from generator.errors import OutputProblem, WorkbookUnreadable
from generator.read import catalogue as cat
from generator.read.cells import ErrorValue, Sheet, XCell, column_index, column_letter
from generator.read.container import open_workbook, unreadable
from generator.read.reader import HEADER_SEARCH_ROWS, MAX_ROWS, _canonical
from generator.read.xlsx import Unreadable, Workbook
from generator.workbook.blank import blank_workbook
from generator.workbook.output import check_new_workbook, same_file, workbook_bytes, write_new_workbook

_PAIRS = {cat.INFO_SHEET: "项目", cat.DISPATCH_SHEET: "项目"}  # sheet -> the column its rows are found by
_KEYED = {s.name for s in cat.INDICATOR_SHEETS}  # found by 编码 (or 指标)
_LAYOUT_ONLY = {cat.README_SHEET}  # instructions only: the new layout's are kept


@dataclass
class Upgraded:
    """NEW, in memory, and what happened on the way: ``moved`` maps each carried old cell
    (``工作表!单元格``) to where it is in NEW; ``notices`` (Chinese) say what went where it had no place."""

    workbook: OpenWorkbook
    moved: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    backup: Path | None = None  # where --force kept the file NEW replaced


def _text(cell: XCell) -> str:
    return str(cell.value).strip() if cell.value is not None else ""


def _empty(row: list[XCell]) -> bool:
    return all(_text(c) == "" for c in row)


def _new_header(ws: Any) -> tuple[int, dict[str, int]] | None:
    """The blank sheet's header row (the first with two names or more) and its columns, 1-based."""
    for r in range(1, HEADER_SEARCH_ROWS + 1):
        names = [str(c.value).strip() if c.value is not None else "" for c in ws[r]]
        if sum(1 for n in names if n) >= 2:
            return r, {n: j for j, n in enumerate(names, start=1) if n}
    return None


def _old_header(sheet: Sheet, wanted: dict[str, int]) -> tuple[int, list[str]] | None:
    """The old sheet's header row (1-based) and its names as the reader reads them (one the new
    header lacks as typed): the first row that names two of the new header's columns."""
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], start=1):
        names = _canonical([_text(c) for c in row])
        if len(set(names) & set(wanted)) >= min(2, len(wanted)):
            return r, [n if n in wanted else _text(c) for n, c in zip(names, row, strict=True)]
    return None


def _filled(sheet: Sheet) -> list[list[XCell]]:
    """The rows, every cell of a merged range given the range's first cell (as the reader reads them)."""
    rows = [list(r) for r in sheet.rows]
    for r1, c1, r2, c2 in sheet.merged:
        if r1 > len(rows) or len(rows[r1 - 1]) < c1:
            continue
        first = rows[r1 - 1][c1 - 1]
        for r in range(r1, min(r2, len(rows)) + 1):
            row = rows[r - 1]
            row += [XCell()] * (c2 - len(row))
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    row[c - 1] = first
    return rows


def _ref_order(ref: str) -> tuple[int, int]:
    letters = ref.rstrip("0123456789")
    return int(ref[len(letters) :]), column_index(letters)


class _Carrier:
    """Copies the old workbook's cells into NEW, remembering where each went."""

    def __init__(self, path: Path, old: Workbook) -> None:
        self.path, self.old = path, old
        self.out = Upgraded(blank_workbook())
        self.new = self.out.workbook

    def put(self, old_ref: str, cell: XCell, ws: Any, row: int, col: int) -> None:
        """One value, with its number format; text stays text, an error value an error value."""
        value: Any = cell.value
        if value is None or value == "":
            return
        if isinstance(value, ErrorValue):
            value = value.code  # openpyxl writes a known error code as an error cell
        elif isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            self.out.notices.append(f"{old_ref}：含有 Excel 不接受的控制字符，已删去。")
        target = ws.cell(row=row, column=col)
        target.value = value
        if isinstance(cell.value, str):
            target.data_type = "s"  # "=…" typed as text stays text, not a formula
        if cell.number_format and cell.number_format != "General":
            target.number_format = cell.number_format
        self.out.moved[old_ref] = f"{ws.title}!{target.coordinate}"

    def put_row(self, name: str, r: int, row: list[XCell], ws: Any, new_row: int, columns: list[int]) -> None:
        for j, cell in enumerate(row):
            if j < len(columns) and columns[j]:
                self.put(f"{name}!{column_letter(j + 1)}{r}", cell, ws, new_row, columns[j])

    def columns(
        self, name: str, names: list[str], rows: list[list[XCell]], ws: Any, new: tuple[int, dict[str, int]]
    ) -> list[int]:
        """Each old column's new column (0: nothing in it to carry); one the new header lacks goes
        after the last, under its old header, with a notice."""
        head_row, cols = new
        width = max([len(names)] + [len(r) for r in rows])
        out: list[int] = []
        for j in range(width):
            n = names[j] if j < len(names) else ""
            if n in cols:
                out.append(cols[n])
                continue
            if all(j >= len(r) or _text(r[j]) == "" for r in rows):
                out.append(0)
                continue
            header = n or f"原{column_letter(j + 1)}列"
            cols[header] = col = ws.max_column + 1
            ws.cell(row=head_row, column=col, value=header)
            out.append(col)
            self.out.notices.append(
                f"{name}!{column_letter(j + 1)}列（{header}）：新版工作表没有这一列，"
                f"已原样放在 {ws.title}!{column_letter(col)}列，程序不读它。"
            )
        return out

    def sheet(self, name: str) -> None:
        sheet = self.old[name]
        if sheet.more_rows:
            raise WorkbookUnreadable(
                f"{self.path}：工作表“{name}”超过 {MAX_ROWS} 行，不像正常填写的工作簿，没有转换。请删去多余的行后重试。"
            )
        if name in _LAYOUT_ONLY:
            return
        if not sheet.rows:
            if name not in self.new.sheetnames:
                self.out.notices.append(f"工作表“{name}”：没有单元格内容（图表、图片不会转换），没有复制。")
            return
        if name not in self.new.sheetnames:
            self.copy(name, sheet, "新版工作簿没有这张表")
            return
        ws = self.new[name]
        new = _new_header(ws)
        old = _old_header(sheet, new[1]) if new else None
        if new is None or old is None:
            self.copy(name, sheet, "找不到它的表头，无法逐行转换；新版的“" + name + "”表是空白的，请对照填写")
            return
        if name in _PAIRS:
            self.by_key(name, sheet, ws, new, old, ("项目",))
        elif name in _KEYED:
            self.by_key(name, sheet, ws, new, old, ("编码", "指标"))
        else:
            self.by_row(name, sheet, ws, new, old)
        self.formulas(name, sheet)

    def by_key(
        self,
        name: str,
        sheet: Sheet,
        ws: Any,
        new: tuple[int, dict[str, int]],
        old: tuple[int, list[str]],
        keys: tuple[str, ...],
    ) -> None:
        """Each old row to the new row with its key (编码, else 指标; 项目); one without goes last."""
        head, names = old
        head_row, cols = new
        key = next(k for k in keys if k in names and k in cols)
        old_col, new_col = names.index(key), cols[key]
        places = {}
        for r in range(head_row + 1, ws.max_row + 1):
            value = ws.cell(row=r, column=new_col).value
            if value is not None:
                places.setdefault(str(value).strip(), r)
        rows = _filled(sheet)[head:]
        columns = self.columns(name, names, rows, ws, new)
        for r, row in enumerate(rows, start=head + 1):
            if _empty(row):
                continue
            found = _text(row[old_col]) if old_col < len(row) else ""
            target = places.pop(found, None) if found else None
            if target is None:
                target = ws.max_row + 1
                what = f"{key}“{found}”" if found else f"没有{key}的一行"
                self.out.notices.append(
                    f"{name}!{r}行（{what}）：新版工作表没有这一行（或它重复了），已原样放在 {ws.title}!{target}行。"
                )
            self.put_row(name, r, row, ws, target, columns)

    def by_row(
        self, name: str, sheet: Sheet, ws: Any, new: tuple[int, dict[str, int]], old: tuple[int, list[str]]
    ) -> None:
        """Old rows in place of the blank's, in their order, blank rows between them kept; merged
        ranges merged again where their columns stay side by side, else each cell given the value."""
        head, names = old
        head_row, _ = new
        for r in range(head_row + 1, ws.max_row + 1):  # the blank's rows (the 特色指标 example) give way
            for c in ws[r]:
                c.value = None
        rows = [list(r) for r in sheet.rows[head:]]
        columns = self.columns(name, names, rows, ws, new)
        shift = head_row - head
        for r, row in enumerate(rows, start=head + 1):
            if not _empty(row):
                self.put_row(name, r, row, ws, r + shift, columns)
        for r1, c1, r2, c2 in sheet.merged:
            if r1 <= head or c2 > len(columns) or columns[c1 - 1] == 0:
                continue
            mapped = columns[c1 - 1 : c2]
            if mapped == list(range(mapped[0], mapped[0] + len(mapped))):
                ws.merge_cells(start_row=r1 + shift, start_column=mapped[0], end_row=r2 + shift, end_column=mapped[-1])
                continue
            first = ws.cell(row=r1 + shift, column=mapped[0])
            for r in range(r1, r2 + 1):
                for col in mapped:
                    if ws.cell(row=r + shift, column=col).value is None:
                        ws.cell(row=r + shift, column=col).value = first.value
                        ws.cell(row=r + shift, column=col).number_format = first.number_format

    def copy(self, name: str, sheet: Sheet, why: str) -> None:
        """The whole sheet as it is (values, number formats, merged ranges) after NEW's sheets."""
        title, n = name, 1
        while title in self.new.sheetnames:
            title = f"{name}（原表{'' if n == 1 else n}）"[:31]
            n += 1
        ws = self.new.create_sheet(title)
        for r, row in enumerate(sheet.rows, start=1):
            for j, cell in enumerate(row, start=1):
                self.put(f"{name}!{column_letter(j)}{r}", cell, ws, r, j)
        for r1, c1, r2, c2 in sheet.merged:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        self.out.notices.append(f"工作表“{name}”：{why}，已原样复制为“{title}”。")
        self.formulas(name, sheet)

    def formulas(self, name: str, sheet: Sheet) -> None:
        """A formula is carried as its result: said, with its cells; one with no result refuses the whole."""
        if not sheet.formulas:
            return
        refs = sorted(sheet.formulas, key=_ref_order)
        for ref in refs:
            row, col = _ref_order(ref)
            if (
                row <= len(sheet.rows)
                and col <= len(sheet.rows[row - 1])
                and sheet.rows[row - 1][col - 1].value is not None
            ):
                continue
            raise WorkbookUnreadable(
                f"{self.path}：{name}!{ref} 是公式，但文件中没有它的计算结果（文件可能由其他程序生成），没有转换。"
                "请用 Excel 或 WPS 打开旧工作簿并保存一次，再重试。"
            )
        shown = "、".join(refs[:5]) + (f" 等 {len(refs)} 个单元格" if len(refs) > 5 else "")
        self.out.notices.append(f"{name}!{shown}：是公式，新工作簿中换成了它的计算结果。")


def upgrade_workbook(old: Path) -> Upgraded:
    """NEW in memory: a blank of the current layout holding every value of the workbook at ``old``.
    Raise :class:`WorkbookUnreadable` with the reader's message when ``old`` cannot be read."""
    wb = open_workbook(old, MAX_ROWS)
    try:
        carrier = _Carrier(old, wb)
        for name in wb.sheetnames:
            carrier.sheet(name)
        return carrier.out
    except Unreadable as exc:  # a sheet that does not parse
        raise unreadable(old) from exc
    finally:
        wb.close()


def write_upgrade(old: Path, new: Path, force: bool = False, waiting: Any = None) -> Upgraded:
    """Convert ``old`` and write NEW to ``new`` whole, under its lock, as ``build`` writes a draft:
    never over ``old``, never over an existing file unless ``force`` (and then after a dated backup)."""
    if same_file(old, new):
        raise OutputProblem(f"{new}：新工作簿不能与旧工作簿是同一个文件，请换一个文件名。旧工作簿没有改动。")
    check_new_workbook(new, force)
    out = upgrade_workbook(old)
    out.backup = write_new_workbook(new, workbook_bytes(out.workbook), force, waiting)
    return out
