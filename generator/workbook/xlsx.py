"""A small, fast reader of .xlsx sheets: values, number formats, merged ranges, formulas.

openpyxl builds an object for every style, cell and workbook part; for our 18 small sheets that is
about 50 ms a workbook after a 190 ms import, most of a run.  This reader streams each sheet once
with expat and keeps only what :mod:`generator.workbook.reader` asks for.  What it returns matches
openpyxl's ``data_only`` values: numbers as int or float as written, shared and inline strings (rich
text joined, phonetic runs left out), booleans, error values as :class:`ErrorValue`, numbers in a date
format as ``datetime`` (or ``time``) and in an elapsed-time format as ``timedelta``.  Number formats are
read by :mod:`generator.workbook.numfmt`, once per cell style.  Parts are found by their relationships,
wherever the file puts them.  A DOCTYPE is refused outright (Excel never writes one), which stops entity expansion
and external entities before they start.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from xml.parsers import expat

from . import numfmt

_GENERAL = numfmt.builtin(0)
_REF = re.compile(r"([A-Z]+)(\d+)")


class Unreadable(Exception):
    """The file is not a workbook this reader can make sense of."""


class _Stop(Exception):
    """Raised inside a parse to stop it early."""


@dataclass(frozen=True, slots=True)
class ErrorValue:
    """An error value (#N/A, #REF!, #DIV/0! …) a cell shows: typed apart from text that looks like it."""

    code: str

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class XCell:
    value: Any = None
    number_format: str = ""
    percent: bool = False  # a number shown by a section of its format with an unquoted % (times 100)
    percent_sign: bool = False  # ... with a quoted or escaped % (0.0"%": the number is the percentage)


EMPTY = XCell()


@dataclass
class Sheet:
    """One sheet, read: rows from row 1 (each a list from column A), merged ranges, formula cells."""

    title: str
    rows: list[list[XCell]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2, 1-based
    formulas: set[str] = field(default_factory=set)  # "A1" of cells holding a formula
    more_rows: bool = False  # content beyond the row limit


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letter(index: int) -> str:
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _parser(start: Callable[..., None], end: Callable[[str], None] | None, text: Callable[[str], None] | None) -> Any:
    p = expat.ParserCreate(namespace_separator="}")
    p.buffer_text = True

    def refuse(*_: Any) -> None:
        raise Unreadable("DOCTYPE")

    p.StartDoctypeDeclHandler = refuse
    p.EntityDeclHandler = refuse
    p.ExternalEntityRefHandler = refuse
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.StartElementHandler = start
    if end is not None:
        p.EndElementHandler = end
    if text is not None:
        p.CharacterDataHandler = text
    return p


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _attrs(attrs: dict[str, str]) -> dict[str, str]:
    return {_local(k): v for k, v in attrs.items()}


def _parse(stream: BinaryIO, start: Callable[..., None], end: Any = None, text: Any = None) -> None:
    try:
        _parser(start, end, text).ParseFile(stream)
    except _Stop:
        pass
    except expat.ExpatError as exc:
        raise Unreadable(str(exc)) from exc


class Workbook:
    """The sheets of an .xlsx file, by name, in the workbook's order."""

    def __init__(self, path: Path, max_rows: int) -> None:
        self.path = path
        self.max_rows = max_rows
        try:
            self._zip = zipfile.ZipFile(path)
            self._load()
        except (KeyError, ValueError, OSError, OverflowError, zipfile.BadZipFile, IndexError) as exc:
            raise Unreadable(str(exc)) from exc

    def close(self) -> None:
        self._zip.close()

    # -- workbook parts --------------------------------------------------------------------------
    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type's last word, target part name) of ``part``."""
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        out: dict[str, tuple[str, str]] = {}
        if rels_name not in self._zip.NameToInfo:
            return out

        def start(tag: str, attrs: dict[str, str]) -> None:
            if _local(tag) == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs["Target"]
                full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                out[attrs["Id"]] = (attrs["Type"].rpartition("/")[2], posixpath.normpath(full))

        with self._zip.open(rels_name) as f:
            _parse(f, start)
        return out

    def _load(self) -> None:
        main = next(t for kind, t in self._rels("").values() if kind == "officeDocument")
        rels = self._rels(main)
        sheets: list[tuple[str, str]] = []
        self.date1904 = False

        def start(tag: str, attrs: dict[str, str]) -> None:
            name = _local(tag)
            if name == "sheet":
                a = _attrs(attrs)
                sheets.append((a["name"], rels[a["id"]]))
            elif name == "workbookPr":
                self.date1904 = _attrs(attrs).get("date1904") in ("1", "true")

        with self._zip.open(main) as f:
            _parse(f, start)
        self._parts = dict(sheets)  # name -> (relationship type, part): a worksheet or a chartsheet
        self.sheetnames = [name for name, _ in sheets]
        by_kind = {kind: target for kind, target in rels.values()}
        self._strings = self._shared_strings(by_kind.get("sharedStrings"))
        self._formats = self._cell_formats(by_kind.get("styles"))
        self._read: dict[str, Sheet] = {}

    def _shared_strings(self, part: str | None) -> list[str]:
        strings: list[str] = []
        if part is None or part not in self._zip.NameToInfo:
            return strings
        pieces: list[str] = []
        state = {"t": False, "phonetic": 0}

        def start(tag: str, attrs: dict[str, str]) -> None:
            name = _local(tag)
            if name == "si":
                pieces.clear()
            elif name == "rPh":
                state["phonetic"] += 1
            elif name == "t" and not state["phonetic"]:
                state["t"] = True

        def end(tag: str) -> None:
            name = _local(tag)
            if name == "si":
                strings.append("".join(pieces))
            elif name == "rPh":
                state["phonetic"] -= 1
            elif name == "t":
                state["t"] = False

        def text(data: str) -> None:
            if state["t"]:
                pieces.append(data)

        with self._zip.open(part) as f:
            _parse(f, start, end, text)
        return strings

    def _cell_formats(self, part: str | None) -> list[numfmt.NumberFormat]:
        """Per cell style index, its number format, parsed once for every style that uses it."""
        if part is None or part not in self._zip.NameToInfo:
            return []
        custom: dict[int, str] = {}
        ids: list[int] = []
        where = {"xfs": False}

        def start(tag: str, attrs: dict[str, str]) -> None:
            name = _local(tag)
            if name == "numFmt":
                a = _attrs(attrs)
                custom[int(a["numFmtId"])] = a.get("formatCode", "")
            elif name == "cellXfs":
                where["xfs"] = True
            elif name == "xf" and where["xfs"]:
                ids.append(int(_attrs(attrs).get("numFmtId", "0")))

        def end(tag: str) -> None:
            if _local(tag) == "cellXfs":
                where["xfs"] = False

        with self._zip.open(part) as f:
            _parse(f, start, end)
        parsed: dict[int, numfmt.NumberFormat] = {}
        for i in set(ids):
            parsed[i] = numfmt.parse(custom[i]) if custom.get(i) else numfmt.builtin(i)
        return [parsed[i] for i in ids]

    # -- sheets ----------------------------------------------------------------------------------
    def __getitem__(self, name: str) -> Sheet:
        if name not in self._read:
            try:
                self._read[name] = self._sheet(name)
            except (KeyError, ValueError, OSError, OverflowError, IndexError, zipfile.BadZipFile) as exc:
                raise Unreadable(str(exc)) from exc
        return self._read[name]

    def _date(self, serial: float, kind: numfmt.Kind) -> dt.datetime | dt.time | dt.timedelta:
        """A serial number shown as a date, a time of day or a duration (as openpyxl converts it)."""
        if kind is numfmt.Kind.DURATION:
            return dt.timedelta(days=serial)
        if not self.date1904 and 1 < serial < 60:
            serial += 1  # Excel counts a 29 February 1900 that never was
        day, fraction = divmod(serial, 1)
        diff = dt.timedelta(milliseconds=round(fraction * 86_400_000))
        if 0 <= serial < 1 and diff.days == 0:
            return (dt.datetime.min + diff).time()
        base = dt.datetime(1904, 1, 1) if self.date1904 else dt.datetime(1899, 12, 30)
        return base + dt.timedelta(days=day) + diff

    def _sheet(self, name: str) -> Sheet:
        sheet = Sheet(name)
        kind_of_part, part = self._parts[name]
        if kind_of_part != "worksheet":
            return sheet  # a chart sheet or a dialog sheet: no cells
        rows = sheet.rows
        text: list[str] = []
        strings, formats, limit = self._strings, self._formats, self.max_rows
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
            value, shown = self._value(raw, kind, fmt, strings)
            if row_no > limit:
                if value not in (None, ""):
                    sheet.more_rows = True
                    raise _Stop  # content past the limit: the sheet is refused, no need to read on
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
                handler = start_by_tag[tag] = starts.get(_local(tag))
            if handler is not None:
                handler(attrs)

        def end(tag: str) -> None:
            try:
                handler = end_by_tag[tag]
            except KeyError:
                handler = end_by_tag[tag] = ends.get(_local(tag))
            if handler is not None:
                handler()

        def chars(data: str) -> None:
            if reading:
                text.append(data)

        with self._zip.open(part) as f:
            _parse(f, start, end, chars)
        return sheet

    def _value(
        self, raw: str | None, kind: str, fmt: numfmt.NumberFormat, strings: list[str]
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
                return self._date(float(number), shown.kind), None
            except (OverflowError, ValueError):  # past any date: keep the number (openpyxl makes it #VALUE!)
                return number, None
        return number, shown
