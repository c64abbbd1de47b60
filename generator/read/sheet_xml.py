"""One worksheet part of an .xlsx, streamed once with expat into a :class:`~generator.read.cells.Sheet`.

What it returns matches openpyxl's ``data_only`` values: numbers as int or float as written, shared
and inline strings (rich text joined, phonetic runs left out), booleans, error values as
:class:`~generator.read.cells.ErrorValue`, numbers in a date format as ``datetime`` (or
``time``) and in an elapsed-time format as ``timedelta``.  Cells keep their number format, read by
:mod:`generator.read.numfmt` once per cell style.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, BinaryIO

from generator.read import numfmt
from generator.read.cells import EMPTY, ErrorValue, Sheet, XCell, column_index, column_letter
from generator.read.xml_stream import Stop, local, parse

_GENERAL = numfmt.builtin(0)
_REF = re.compile(r"([A-Z]+)(\d+)")


def _date(serial: float, kind: numfmt.Kind, date1904: bool) -> dt.datetime | dt.time | dt.timedelta:
    """A serial number shown as a date, a time of day or a duration (as openpyxl converts it)."""
    if kind is numfmt.Kind.DURATION:
        return dt.timedelta(days=serial)
    if not date1904 and 1 < serial < 60:
        serial += 1  # Excel counts a 29 February 1900 that never was
    day, fraction = divmod(serial, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86_400_000))
    if 0 <= serial < 1 and diff.days == 0:
        return (dt.datetime.min + diff).time()
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    return base + dt.timedelta(days=day) + diff


def read_sheet(
    stream: BinaryIO,
    name: str,
    strings: list[str],
    formats: list[numfmt.NumberFormat],
    limit: int,
    date1904: bool,
) -> Sheet:
    """The worksheet part in ``stream``, read into a :class:`Sheet` named ``name``.

    ``strings`` are the workbook's shared strings, ``formats`` its number format per cell style;
    content below row ``limit`` stops the reading and marks the sheet (``more_rows``)."""
    sheet = Sheet(name)
    rows = sheet.rows
    text: list[str] = []
    row_no = offset = phonetic = 0
    anchor: str | None = None  # the last cell reference seen in the row; later cells may omit theirs
    kind, style, raw, formula, reading = "n", "0", None, False, False

    def on_c(attrs: dict[str, str]) -> None:
        nonlocal anchor, offset, kind, style, raw, formula
        ref = attrs.get("r")
        if ref:
            anchor, offset = ref, 0
        else:
            offset += 1
        kind, style, raw, formula = attrs.get("t", "n"), attrs.get("s", "0"), None, False

    def on_row(attrs: dict[str, str]) -> None:
        nonlocal row_no, anchor, offset
        r = attrs.get("r")
        row_no, anchor, offset = (int(r) if r else row_no + 1), None, 0

    def on_text(attrs: dict[str, str]) -> None:  # <v>, or <t> of an inline string
        nonlocal reading
        if not phonetic:
            reading = True
            text.clear()

    def on_f(attrs: dict[str, str]) -> None:
        nonlocal formula
        formula = True

    def on_phonetic(attrs: dict[str, str]) -> None:
        nonlocal phonetic
        phonetic += 1

    def on_is(attrs: dict[str, str]) -> None:
        nonlocal raw
        raw = ""

    def on_merge(attrs: dict[str, str]) -> None:
        m = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", attrs.get("ref", ""))
        if m:
            sheet.merged.append((int(m[2]), column_index(m[1]), int(m[4]), column_index(m[3])))

    def end_v() -> None:
        nonlocal raw, reading
        if reading:
            raw, reading = "".join(text), False

    def end_t() -> None:
        nonlocal raw, reading
        if reading:
            raw, reading = (raw or "") + "".join(text), False

    def end_phonetic() -> None:
        nonlocal phonetic
        phonetic -= 1

    def end_c() -> None:
        if raw is None and not formula:
            return  # an empty, formatted cell: most of a sheet
        fmt = formats[index] if (index := int(style)) < len(formats) else _GENERAL
        value, shown = _value(raw, kind, fmt, strings, date1904)
        if row_no > limit:
            if value not in (None, ""):
                sheet.more_rows = True
                raise Stop  # content past the limit: the sheet is refused, no need to read on
            return
        m = _REF.match(anchor) if anchor else None
        col = (column_index(m[1]) if m else 0) + offset
        while len(rows) < row_no:
            rows.append([])
        row = rows[row_no - 1]
        while len(row) < col:
            row.append(EMPTY)
        row[col - 1] = (
            XCell(value, fmt.code) if shown is None else XCell(value, fmt.code, shown.percent, shown.percent_sign)
        )
        if formula:
            sheet.formulas.add(f"{column_letter(col)}{row_no}")

    starts = {"c": on_c, "row": on_row, "v": on_text, "t": on_text, "f": on_f, "rPh": on_phonetic}
    starts |= {"is": on_is, "mergeCell": on_merge}
    ends = {"v": end_v, "t": end_t, "rPh": end_phonetic, "c": end_c}
    start_by_tag: dict[str, Any] = {}  # the full tag, namespace and all, to its handler (or None)
    end_by_tag: dict[str, Any] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        try:
            handler = start_by_tag[tag]
        except KeyError:
            handler = start_by_tag[tag] = starts.get(local(tag))
        if handler is not None:
            handler(attrs)

    def end(tag: str) -> None:
        try:
            handler = end_by_tag[tag]
        except KeyError:
            handler = end_by_tag[tag] = ends.get(local(tag))
        if handler is not None:
            handler()

    def chars(data: str) -> None:
        if reading:
            text.append(data)

    parse(stream, start, end, chars)
    return sheet


def _value(
    raw: str | None, kind: str, fmt: numfmt.NumberFormat, strings: list[str], date1904: bool
) -> tuple[Any, numfmt.Section | None]:
    """The cell's value, and for a number the section of its format that shows it."""
    if raw is None:
        return None, None
    if kind == "s":
        return strings[int(raw)], None
    if kind in ("str", "inlineStr"):
        return raw, None
    if kind == "e":
        return ErrorValue(raw.strip()), None
    if kind == "b":
        return raw.strip() in ("1", "true"), None
    if kind == "d":
        return dt.datetime.fromisoformat(raw.strip().rstrip("Z")), None
    raw = raw.strip()
    if not raw:
        return None, None
    number: float | int = float(raw) if any(ch in raw for ch in ".eE") else int(raw)
    shown = fmt.uniform or fmt.section(number)  # reads(), inlined: this runs for every number
    if shown.kind is not numfmt.Kind.NUMBER:
        try:
            return _date(float(number), shown.kind, date1904), None
        except (OverflowError, ValueError):  # past any date: keep the number (openpyxl makes it #VALUE!)
            return number, None
    return number, shown
