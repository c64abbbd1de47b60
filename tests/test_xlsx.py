"""The workbook reader of our own (generator.read.xlsx, sheet_xml) against files written by hand and by openpyxl.

Hand-written parts stand for what Excel, WPS and other programs write that openpyxl does not: a
namespace prefix on every element, cells and rows without ``r``, rich and phonetic text, the East
Asian built-in date formats, the 1904 date system, inline strings, booleans and error values.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from generator.read.cells import ErrorValue, column_index, column_letter
from generator.read.xlsx import Workbook
from generator.read.xml_stream import Unreadable
from tests.conftest import SAMPLE

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def write(path: Path, sheet: str, strings: str = "", styles: str = "", workbook_pr: str = "") -> Path:
    parts = {
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="r1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<x:workbook xmlns:x="{MAIN}" xmlns:r="{REL}">{workbook_pr}<x:sheets>'
        '<x:sheet name="表一" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>{sheet}</x:sheetData></x:worksheet>',
        "xl/sharedStrings.xml": f'<x:sst xmlns:x="{MAIN}">{strings}</x:sst>',
        "xl/styles.xml": f'<x:styleSheet xmlns:x="{MAIN}">{styles}</x:styleSheet>',
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return path


STYLES = (
    '<x:numFmts><x:numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
    '<x:numFmt numFmtId="177" formatCode="0&quot;起&quot;"/></x:numFmts>'
    '<x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="14"/><x:xf numFmtId="31"/><x:xf numFmtId="57"/>'
    '<x:xf numFmtId="176"/><x:xf numFmtId="177"/><x:xf numFmtId="10"/></x:cellXfs>'
)


def values(path: Path) -> list[list[object]]:
    wb = Workbook(path, 5000)
    try:
        return [[c.value for c in row] for row in wb["表一"].rows]
    finally:
        wb.close()


def test_values_of_every_kind(tmp_path: Path) -> None:
    strings = (
        "<x:si><x:t>普通</x:t></x:si>"
        "<x:si><x:r><x:t>富</x:t></x:r><x:r><x:t>文本</x:t></x:r><x:rPh><x:t>フリガナ</x:t></x:rPh></x:si>"
    )
    sheet = (
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>'
        '<x:row><x:c><x:v>156</x:v></x:c><x:c><x:v>97.3</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c>'
        '<x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="inlineStr"><x:is><x:t>行内</x:t></x:is></x:c></x:row>'
        '<x:row r="4"><x:c r="B4" s="1"><x:v>46042</x:v></x:c><x:c s="2"><x:v>46042</x:v></x:c>'
        '<x:c s="3"><x:v>46042</x:v></x:c><x:c s="4"><x:v>46042</x:v></x:c><x:c s="5"><x:v>12</x:v></x:c>'
        '<x:c s="6"><x:v>0.973</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>普通</x:v></x:c></x:row>'
    )
    path = write(tmp_path / "手写 表.xlsx", sheet, strings, STYLES)
    day = dt.datetime(2026, 1, 20)
    assert values(path) == [
        ["普通", None, "富文本"],
        [156, 97.3, True, ErrorValue("#N/A"), "行内"],
        [],
        [None, day, day, day, day, 12, 0.973, "普通"],
    ]
    wb = Workbook(path, 5000)
    cells = wb["表一"].rows[3]
    assert [c.number_format for c in cells[5:7]] == ['0"起"', "0.00%"]
    assert wb["表一"].formulas == {"H4"}
    wb.close()


def test_the_1904_date_system(tmp_path: Path) -> None:
    sheet = '<x:row r="1"><x:c r="A1" s="1"><x:v>44580</x:v></x:c></x:row>'
    path = write(tmp_path / "1904.xlsx", sheet, styles=STYLES, workbook_pr='<x:workbookPr date1904="1"/>')
    assert values(path) == [[dt.datetime(2026, 1, 20)]]


def test_a_formula_without_a_cached_value_is_kept_as_an_empty_formula_cell(tmp_path: Path) -> None:
    sheet = '<x:row r="2"><x:c r="B2"><x:f>1+1</x:f></x:c></x:row>'
    wb = Workbook(write(tmp_path / "公式.xlsx", sheet), 5000)
    assert [[c.value for c in r] for r in wb["表一"].rows] == [[], [None, None]]
    assert wb["表一"].formulas == {"B2"}
    wb.close()


def test_reading_stops_at_content_past_the_row_limit(tmp_path: Path) -> None:
    rows = "".join(f'<x:row r="{r}"><x:c r="A{r}"><x:v>{r}</x:v></x:c></x:row>' for r in range(1, 12))
    wb = Workbook(write(tmp_path / "多行.xlsx", rows), 10)
    sheet = wb["表一"]
    assert sheet.more_rows and len(sheet.rows) == 10
    wb.close()
    empty_after = rows[: rows.index('<x:row r="11">')] + '<x:row r="11"><x:c r="A11"/></x:row>'
    wb = Workbook(write(tmp_path / "空行.xlsx", empty_after), 10)
    assert not wb["表一"].more_rows
    wb.close()


def test_a_doctype_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "实体.xlsx", "")
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + parts["xl/worksheets/sheet1.xml"]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    wb = Workbook(path, 10)
    with pytest.raises(Unreadable):
        wb["表一"]
    wb.close()


def test_the_sample_reads_as_openpyxl_reads_it() -> None:
    """Every non-empty value and number format of the bundled workbook, compared with openpyxl's."""
    from openpyxl import load_workbook

    ours = Workbook(SAMPLE, 5000)
    theirs = load_workbook(SAMPLE, read_only=True, data_only=True)
    assert ours.sheetnames == theirs.sheetnames
    for name in ours.sheetnames:
        mine = {
            (r, c): (cell.value, cell.number_format)
            for r, row in enumerate(ours[name].rows, 1)
            for c, cell in enumerate(row, 1)
            if cell.value is not None
        }
        other = {
            (cell.row, cell.column): (cell.value, cell.number_format if "%" in cell.number_format else "")
            for row in theirs[name].iter_rows()
            for cell in row
            if getattr(cell, "value", None) is not None
        }
        assert {k: (v, f if "%" in f else "") for k, (v, f) in mine.items()} == other, name
    ours.close()
    theirs.close()


@pytest.mark.parametrize(("letters", "index"), [("A", 1), ("Z", 26), ("AA", 27), ("AZ", 52), ("XFD", 16384)])
def test_column_names(letters: str, index: int) -> None:
    assert column_index(letters) == index and column_letter(index) == letters


def test_times_and_durations_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    styles = (
        '<x:numFmts><x:numFmt numFmtId="176" formatCode="[h]:mm"/></x:numFmts>'
        '<x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="20"/><x:xf numFmtId="176"/><x:xf numFmtId="14"/></x:cellXfs>'
    )
    sheet = (
        '<x:row r="1"><x:c r="A1" s="1"><x:v>0.5</x:v></x:c><x:c r="B1" s="2"><x:v>1.5</x:v></x:c>'
        '<x:c r="C1" s="3"><x:v>0</x:v></x:c><x:c r="D1" s="3"><x:v>59</x:v></x:c></x:row>'
    )
    assert values(write(tmp_path / "时间.xlsx", sheet, styles=styles)) == [
        [dt.time(12, 0), dt.timedelta(days=1.5), dt.time(0, 0), dt.datetime(1900, 2, 28)]
    ]


def test_a_number_past_any_date_in_a_date_format_stays_a_number(tmp_path: Path) -> None:
    sheet = '<x:row r="1"><x:c r="A1" s="1"><x:v>1e20</x:v></x:c><x:c r="B1" s="1"><x:v>99999999999</x:v></x:c></x:row>'
    assert values(write(tmp_path / "大数.xlsx", sheet, styles=STYLES)) == [[1e20, 99999999999]]


@pytest.mark.parametrize("cell", ['<x:c r="A1" s="x"><x:v>1</x:v></x:c>', '<x:c r="A1" t="s"><x:v>7</x:v></x:c>'])
def test_a_malformed_cell_makes_the_sheet_unreadable_not_a_crash(tmp_path: Path, cell: str) -> None:
    wb = Workbook(write(tmp_path / "坏.xlsx", f'<x:row r="1">{cell}</x:row>'), 10)
    with pytest.raises(Unreadable):
        wb["表一"]
    wb.close()


def custom_formats(codes: list[str], then: int) -> str:
    """A styles part whose cell styles 1… use ``codes`` as custom formats, then built-in ``then``."""
    formats = "".join(
        f'<x:numFmt numFmtId="{176 + i}" formatCode="{c.replace(chr(34), "&quot;")}"/>' for i, c in enumerate(codes)
    )
    xfs = "".join(f'<x:xf numFmtId="{176 + i}"/>' for i in range(len(codes)))
    return f'<x:numFmts>{formats}</x:numFmts><x:cellXfs><x:xf numFmtId="0"/>{xfs}<x:xf numFmtId="{then}"/></x:cellXfs>'


def test_percent_is_read_from_the_section_that_shows_the_number(tmp_path: Path) -> None:
    codes = ['0.0"%"', "0.0\\%", '0"%"', "0.0%", "0.0%;-0.0", "0.00%"]
    styles = custom_formats(codes, then=10)
    cells = "".join(f'<x:c s="{i + 1}"><x:v>0.5</x:v></x:c>' for i in range(len(codes)))
    sheet = f'<x:row r="1">{cells}<x:c s="5"><x:v>-0.5</x:v></x:c><x:c s="7"><x:v>0.5</x:v></x:c></x:row>'
    wb = Workbook(write(tmp_path / "百分号.xlsx", sheet, styles=styles), 10)
    row = wb["表一"].rows[0]
    assert [(c.value, c.percent, c.percent_sign) for c in row] == [
        (0.5, False, True),  # 0.0"%": 0.5 shown as 0.5%
        (0.5, False, True),
        (0.5, False, True),
        (0.5, True, False),  # 0.0%: 0.5 shown as 50.0%
        (0.5, True, False),
        (0.5, True, False),
        (-0.5, False, False),  # the negative section has no %
        (0.5, True, False),  # built-in 10
    ]
    wb.close()


def test_formats_that_only_look_like_dates_keep_the_number_and_46_is_a_duration(tmp_path: Path) -> None:
    codes = ["0_d;-0", "General;General;General;[h]:mm", '0"天"', "[DBNum1][$-804]General", "0;yyyy-mm-dd"]
    styles = custom_formats(codes, then=46)
    cells = "".join(f'<x:c s="{i + 1}"><x:v>2025</x:v></x:c>' for i in range(len(codes)))
    sheet = f'<x:row r="1">{cells}<x:c s="5"><x:v>-1</x:v></x:c><x:c s="6"><x:v>1.5</x:v></x:c></x:row>'
    assert values(write(tmp_path / "像日期.xlsx", sheet, styles=styles)) == [
        [2025, 2025, 2025, 2025, 2025, dt.datetime(1899, 12, 29), dt.timedelta(days=1.5)]
    ]


def test_error_values_are_typed_apart_from_text(tmp_path: Path) -> None:
    codes = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
    cells = "".join(f'<x:c t="e"><x:v>{c}</x:v></x:c>' for c in codes)
    sheet = (
        f'<x:row r="1">{cells}</x:row>'
        '<x:row r="2"><x:c r="A2" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>'
        '<x:c r="B2" t="str"><x:v>#N/A</x:v></x:c></x:row>'
    )
    wb = Workbook(write(tmp_path / "错误值.xlsx", sheet), 10)
    rows = [[c.value for c in r] for r in wb["表一"].rows]
    assert rows == [[ErrorValue(c) for c in codes], [ErrorValue("#DIV/0!"), "#N/A"]]
    assert str(rows[1][0]) == "#DIV/0!" and wb["表一"].formulas == {"A2"}
    wb.close()


def test_parts_are_found_by_their_relationships_wherever_they_are(tmp_path: Path) -> None:
    """Sheets, shared strings and styles under other names and folders, with absolute and relative targets."""
    ct = "http://schemas.openxmlformats.org/package/2006/content-types"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{ct}"/>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="r1" '
        f'Type="{REL}/officeDocument" Target="/book/main.xml"/></Relationships>',
        "book/main.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="表一" sheetId="1" r:id="a"/><sheet name="图表" sheetId="2" r:id="b"/>'
        '<sheet name="表二" sheetId="3" r:id="c"/></sheets></workbook>',
        "book/_rels/main.xml.rels": f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="a" Type="{REL}/worksheet" Target="/xl/sheets/sheet1.xml"/>'
        f'<Relationship Id="b" Type="{REL}/chartsheet" Target="charts/sheet.xml"/>'
        f'<Relationship Id="c" Type="{REL}/worksheet" Target="../elsewhere/two.xml"/>'
        f'<Relationship Id="s" Type="{REL}/sharedStrings" Target="text/strings.xml"/>'
        f'<Relationship Id="t" Type="{REL}/styles" Target="/look/styles.xml"/></Relationships>',
        "xl/sheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'
        '<c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.5</v></c></row></sheetData></worksheet>',
        "elsewhere/two.xml": f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'
        '<c r="A1"><v>7</v></c></row></sheetData></worksheet>',
        "book/charts/sheet.xml": f'<chartsheet xmlns="{MAIN}"/>',
        "book/text/strings.xml": f'<sst xmlns="{MAIN}"><si><t>找到了</t></si></sst>',
        "look/styles.xml": f'<styleSheet xmlns="{MAIN}"><cellXfs><xf numFmtId="0"/><xf numFmtId="9"/></cellXfs>'
        "</styleSheet>",
    }
    path = tmp_path / "别处 的表.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    wb = Workbook(path, 10)
    assert wb.sheetnames == ["表一", "图表", "表二"]
    assert [(c.value, c.percent) for c in wb["表一"].rows[0]] == [("找到了", False), (0.5, True)]
    assert wb["图表"].rows == [] and [[c.value for c in r] for r in wb["表二"].rows] == [[7]]
    wb.close()
