"""A small, fast reader of .xlsx files: the workbook's sheets, shared strings and number formats.

openpyxl builds an object for every style, cell and workbook part; for our 18 small sheets that is
about 50 ms a workbook after a 190 ms import, most of a run.  This reader streams each part once
with expat (:mod:`generator.read.xml_stream`, which refuses any DOCTYPE) and keeps only what
:mod:`generator.read.reader` asks for; a sheet is read when it is first asked for, by
:mod:`generator.read.sheet_xml`, into the plain values of :mod:`generator.read.cells`.
Number formats are parsed by :mod:`generator.read.numfmt`, once per cell style.  Parts are found
by their relationships, wherever the file puts them.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from generator.read import numfmt
from generator.read.cells import Sheet
from generator.read.sheet_xml import read_sheet
from generator.read.xml_stream import Unreadable, local, local_attrs, parse


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
            if local(tag) == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs["Target"]
                full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                out[attrs["Id"]] = (attrs["Type"].rpartition("/")[2], posixpath.normpath(full))

        with self._zip.open(rels_name) as f:
            parse(f, start)
        return out

    def _load(self) -> None:
        main = next(t for kind, t in self._rels("").values() if kind == "officeDocument")
        rels = self._rels(main)
        sheets: list[tuple[str, str]] = []
        self.date1904 = False

        def start(tag: str, attrs: dict[str, str]) -> None:
            name = local(tag)
            if name == "sheet":
                a = local_attrs(attrs)
                sheets.append((a["name"], rels[a["id"]]))
            elif name == "workbookPr":
                self.date1904 = local_attrs(attrs).get("date1904") in ("1", "true")

        with self._zip.open(main) as f:
            parse(f, start)
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
            name = local(tag)
            if name == "si":
                pieces.clear()
            elif name == "rPh":
                state["phonetic"] += 1
            elif name == "t" and not state["phonetic"]:
                state["t"] = True

        def end(tag: str) -> None:
            name = local(tag)
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
            parse(f, start, end, text)
        return strings

    def _cell_formats(self, part: str | None) -> list[numfmt.NumberFormat]:
        """Per cell style index, its number format, parsed once for every style that uses it."""
        if part is None or part not in self._zip.NameToInfo:
            return []
        custom: dict[int, str] = {}
        ids: list[int] = []
        where = {"xfs": False}

        def start(tag: str, attrs: dict[str, str]) -> None:
            name = local(tag)
            if name == "numFmt":
                a = local_attrs(attrs)
                custom[int(a["numFmtId"])] = a.get("formatCode", "")
            elif name == "cellXfs":
                where["xfs"] = True
            elif name == "xf" and where["xfs"]:
                ids.append(int(local_attrs(attrs).get("numFmtId", "0")))

        def end(tag: str) -> None:
            if local(tag) == "cellXfs":
                where["xfs"] = False

        with self._zip.open(part) as f:
            parse(f, start, end)
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

    def _sheet(self, name: str) -> Sheet:
        kind_of_part, part = self._parts[name]
        if kind_of_part != "worksheet":
            return Sheet(name)  # a chart sheet or a dialog sheet: no cells
        with self._zip.open(part) as f:
            return read_sheet(f, name, self._strings, self._formats, self.max_rows, self.date1904)
