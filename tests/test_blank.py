"""The blank workbook agrees with the reader: no validation refuses what is read, the 编码 hidden,
each banner's example on its sheet, A4 landscape one page wide (#14 item 6)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from generator.model.rates import rate_input
from generator.model.values import parse_date, typed_number
from generator.read import catalogue as cat
from generator.read.reader import Cell
from generator.workbook.blank import write_blank

# What the reader accepts, cell by cell (generator/model/values.py, generator/model/rates.py, generator/model/report.py)
COUNTS = [156, "156", "１５６", "1,860", "300余", "1800多", "10多", "超过100", "约300", "近300", "逾300"]
COUNTS += ["32万", "9427万", "1.2亿", "100万余", "0"]
AMOUNTS = [321500, 356800.5, "321,500", "35.68万", "1.2亿"]
NUMBERS = [40, 12.5, "40", "１２.５"]
RATES = [98.5, 100, 0.973, "98.5", "98.5%", "９８.５％", "100"]
# 特色指标: every figure as typed (generator/model/own_figures.py)
SPECIAL = [320, 3.5, "320", "１，２３４", "1,234", "10多", "300余", "100万余", "9427万", "95%", "95%以上"]
DATES = [dt.date(2026, 1, 20), "2026-01-20", "2026年1月20日", "2026.1.20", "2026/1/20", "２０２６年１月２０日"]
YEARS = [2025, "2025", "２０２５"]
SECTIONS = [s.short for s in cat.SUBSECTIONS] + ["食品药品安全监管"]  # a new name may be typed
TEXTS = ["本单位的说法", "〔机关名称〕关于〔年度〕年法治政府建设工作情况的报告"]  # 报告结构, 报告用语: any text
TYPED_RULES = {"whole", "decimal", "date", "time", "textLength", "custom"}


def _read_as_figure(form: Any, kind: cat.Kind) -> bool:
    if kind is cat.Kind.RATE:
        ind = cat.Indicator("r", "比率", kind, "%")
        value, _ = rate_input(Cell(form, "表!C3"), ind, [])
    else:
        value, _ = typed_number(form)
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _read_as_own_figure(form: Any) -> bool:
    """A 特色指标 row with ``form`` as its 本年 validates into a figure, with no problem said."""
    from generator.model.own_figures import validate_own
    from generator.model.sections import SectionNames
    from generator.read.reader import RawIndicator

    raw = RawIndicator(
        "",
        "特色指标!A3",
        "某项数字",
        Cell(form, "特色指标!C3"),
        Cell(None, "特色指标!D3"),
        Cell("件", "特色指标!E3"),
        Cell("行政执法", "特色指标!F3"),
        Cell("某项数字", "特色指标!B3"),
    )
    problems: list[Any] = []
    figures = validate_own([raw], problems, SectionNames())
    return problems == [] and len(figures) == 1 and figures[0].value is not None


def test_the_forms_listed_here_are_read_by_the_reader() -> None:
    """The lists are the reader's: each form reads as a number, a date or a year."""
    for forms, kind in ((COUNTS, cat.Kind.COUNT), (AMOUNTS, cat.Kind.AMOUNT), (NUMBERS, cat.Kind.NUMBER)):
        assert all(_read_as_figure(f, kind) for f in forms), forms
    assert all(_read_as_figure(f, cat.Kind.RATE) for f in RATES)
    assert all(parse_date(f) == dt.date(2026, 1, 20) for f in DATES)
    from pydantic import TypeAdapter

    from generator.model.report import CountValue

    assert all(_read_as_own_figure(f) for f in SPECIAL)
    assert all(TypeAdapter(CountValue).validate_python(f) == 2025 for f in YEARS)  # as 报告年度 reads it


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("空白 工作簿") / "空白.xlsx"
    write_blank(path)
    return load_workbook(path)


def _forms(blank: Any) -> dict[tuple[str, str], tuple[list[Any], bool]]:
    """Every cell the reader reads a value from that a clerk types into: the forms it accepts, and
    whether it is a figure or date cell."""
    out: dict[tuple[str, str], tuple[list[Any], bool]] = {}
    for spec in cat.INDICATOR_SHEETS:
        for i, ind in enumerate(spec.indicators, start=3):
            forms = {cat.Kind.COUNT: COUNTS, cat.Kind.AMOUNT: AMOUNTS, cat.Kind.NUMBER: NUMBERS}.get(ind.kind, RATES)
            if ind.kind is not cat.Kind.TEXT:
                out[(spec.name, f"C{i}")] = out[(spec.name, f"D{i}")] = (forms, True)
            out[(spec.name, f"E{i}")] = (list(cat.AMOUNT_UNITS) if ind.kind is cat.Kind.AMOUNT else [ind.unit], False)
    for row in range(3, 501):
        out[(cat.SPECIAL_SHEET, f"C{row}")] = out[(cat.SPECIAL_SHEET, f"D{row}")] = (SPECIAL, True)
        out[(cat.SPECIAL_SHEET, f"F{row}")] = (SECTIONS, False)
        out[(cat.MEASURES.name, f"A{row}")] = (SECTIONS, False)
        out[(cat.SHORTCOMINGS.name, f"A{row}")] = (list(cat.SHORTCOMING_KINDS), False)
    for row in range(3, 201):
        out[(cat.STRUCTURE_SHEET, f"A{row}")] = (SECTIONS, False)
        out[(cat.STRUCTURE_SHEET, f"B{row}")] = out[(cat.STRUCTURE_SHEET, f"C{row}")] = (TEXTS, False)
    for row in range(3, 3 + len(cat.WORDINGS)):
        out[(cat.WORDING_SHEET, f"B{row}")] = (TEXTS, False)
    for sheet, fields in ((cat.INFO_SHEET, cat.INFO_FIELDS), (cat.DISPATCH_SHEET, cat.DISPATCH_FIELDS)):
        for i, field in enumerate(fields, start=3):
            if field.key in ("date", "print_date"):
                out[(sheet, f"B{i}")] = (DATES, True)
            elif field.key == "year":
                out[(sheet, f"B{i}")] = (YEARS, True)
            elif field.choices:
                out[(sheet, f"B{i}")] = (list(field.choices), False)
    return out


def _cells(dv: DataValidation) -> Iterator[str]:
    for rng in dv.sqref.ranges:
        for row in rng.rows:
            for r, c in row:
                yield f"{_letter(c)}{r}"


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _passes(dv: DataValidation, form: Any) -> bool:
    """Would Excel let ``form`` into a cell with this validation?  A rule without a stop alert lets
    everything through; a list lets its options through; a typed rule refuses text."""
    if dv.type is None or not dv.showErrorMessage or dv.errorStyle in ("warning", "information"):
        return True
    if dv.type == "list":
        options = dv.formula1.strip('"').split(",")
        return str(form) in options or (form == "" and dv.allow_blank)
    return False  # whole, decimal, date …: a form typed as text ("300余", "2026.1.20") is refused


def test_no_typed_rule_with_a_stop_alert_covers_a_figure_or_a_date(blank: Any) -> None:
    forms = _forms(blank)
    refusing = [
        (ws.title, cell, dv.type)
        for ws in blank.worksheets
        for dv in ws.data_validations.dataValidation
        if dv.type in TYPED_RULES and dv.showErrorMessage and dv.errorStyle in (None, "stop")
        for cell in _cells(dv)
        if forms.get((ws.title, cell), ([], False))[1]
    ]
    assert refusing == []


def test_every_validated_cell_lets_through_every_form_the_reader_accepts(blank: Any) -> None:
    forms = _forms(blank)
    refused: list[tuple[str, str, Any]] = []
    unknown: list[tuple[str, str]] = []
    for ws in blank.worksheets:
        for dv in ws.data_validations.dataValidation:
            for cell in _cells(dv):
                if (ws.title, cell) not in forms:
                    unknown.append((ws.title, cell))
                    continue
                refused += [(ws.title, cell, f) for f in forms[(ws.title, cell)][0] if not _passes(dv, f)]
    assert unknown == []  # a validation on a cell this test knows no forms for
    assert refused == []


def test_the_figure_cells_say_in_their_input_message_what_is_read(blank: Any) -> None:
    ws = blank["行政执法"]
    [dv] = [dv for dv in ws.data_validations.dataValidation if "C6" in set(_cells(dv))]
    assert dv.showInputMessage and "300余" in dv.prompt and "32万" in dv.prompt
    assert all(len(v.prompt or "") <= 255 for w in blank.worksheets for v in w.data_validations.dataValidation)


def test_the_section_dropdowns_let_a_new_name_through(blank: Any) -> None:
    for sheet in (cat.MEASURES.name, cat.SPECIAL_SHEET, cat.STRUCTURE_SHEET):
        lists = [dv for dv in blank[sheet].data_validations.dataValidation if dv.type == "list"]
        assert lists and all(not dv.showErrorMessage for dv in lists), sheet


def test_the_code_column_is_hidden_on_the_indicator_sheets(blank: Any) -> None:
    for spec in cat.INDICATOR_SHEETS:
        ws = blank[spec.name]
        assert ws.column_dimensions["A"].hidden, spec.name
        assert ws["A2"].value == "编码" and ws["A3"].value == spec.indicators[0].key  # still there for the reader
        assert not ws.column_dimensions["B"].hidden


def test_every_sheet_prints_on_a4_landscape_one_page_wide(blank: Any) -> None:
    for ws in blank.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9), ws.title
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title


def test_each_banner_names_an_example_on_its_sheet(blank: Any) -> None:
    for spec in cat.INDICATOR_SHEETS:
        banner = blank[spec.name]["A1"].value
        named = re.search(r"例：“([^”]+)”本年填 (\S+?)。", banner)
        assert named, (spec.name, banner)
        labels = {ind.label: ind.example for ind in spec.indicators}
        assert labels.get(named[1]) == named[2], (spec.name, named.groups())
    for ws in blank.worksheets[1:]:  # the others: a header of the sheet, or a value on it, in the example
        example = ws["A1"].value.split("例", 1)[1]
        headers = {str(c.value) for c in ws[2] if c.value}
        values = {str(c.value) for row in ws.iter_rows(min_row=3) for c in row if c.value is not None}
        values |= {
            o
            for dv in ws.data_validations.dataValidation
            if dv.type == "list"
            for o in dv.formula1.strip('"').split(",")
        }
        named = [h for h in headers if h in example] + [v for v in values if f"“{v}”" in example]
        assert named, (ws.title, example)


def test_the_structure_sheets_hold_the_built_in_defaults(blank: Any) -> None:
    """报告结构: the eight subsections in order with their default titles and no lead; 报告用语: the
    default texts, which the default template writes (tests/test_report_sheets.py builds them)."""
    ws = blank[cat.STRUCTURE_SHEET]
    assert [c.value for c in ws[2]] == list(cat.STRUCTURE_COLUMNS)
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=3, max_col=3) if row[0].value]
    assert rows == [(s.short, s.title, None) for s in cat.SUBSECTIONS]
    ws = blank[cat.WORDING_SHEET]
    assert [c.value for c in ws[2]] == list(cat.WORDING_COLUMNS)
    rows = [tuple(c.value for c in row[:2]) for row in ws.iter_rows(min_row=3) if row[0].value]
    assert rows == [(w.name, w.default or None) for w in cat.WORDINGS]


def test_the_own_figures_sheet_asks_no_english_code(blank: Any) -> None:
    """特色指标: 编码 hidden and optional; the instructions no longer ask for letters; label, unit,
    本年, 上年 and 所属分项 visible; the banner's example is the sheet's first row."""
    ws = blank[cat.SPECIAL_SHEET]
    assert ws.column_dimensions["A"].hidden and ws["A2"].value == "编码"
    assert [ws.cell(row=2, column=c).value for c in range(2, 7)] == ["指标", "本年", "上年", "单位", "所属分项"]
    assert not any(ws.column_dimensions[c].hidden for c in "BCDEF")
    said = [ws["A1"].value, *(str(c.value) for c in blank[cat.README_SHEET]["A"] if c.value)]
    said += [dv.prompt or "" for dv in ws.data_validations.dataValidation]
    assert not [s for s in said if "英文" in s or ("特色指标" in s and "编码用" in s)]
    label, unit, section, value = cat.SPECIAL_EXAMPLE
    assert [ws[f"{c}3"].value for c in "ABCDEF"] == [None, label, None, None, unit, section]
    assert f"“{label}”，单位“{unit}”，本年填 {value}，所属分项“{section}”" in ws["A1"].value


def test_the_untouched_example_row_is_no_figure_and_draws_no_warning(tmp_path: Path) -> None:
    """A workbook that leaves the example as it is reads as if 特色指标 were empty; filled in, it is read."""
    from generator.model.own_figures import validate_own
    from generator.model.sections import SectionNames
    from generator.read.reader import read_workbook

    path = tmp_path / "空白.xlsx"
    write_blank(path)
    problems: list[Any] = []
    assert validate_own(read_workbook(path).special, problems, SectionNames()) == [] and problems == []
    wb = load_workbook(path)
    wb[cat.SPECIAL_SHEET]["C3"] = "300余"
    wb.save(path)
    [figure] = validate_own(read_workbook(path).special, problems, SectionNames())
    assert (figure.label, figure.unit, figure.approx, problems) == (cat.SPECIAL_EXAMPLE[0], "家次", "余", [])
