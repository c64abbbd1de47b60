"""A workbook's cells as the reader read them, written into the draft so ``import`` can give the
workbook back (#16 item 6).

Every cell the reader took (基本信息, 发文要素, each indicator row's 编码, 指标, 本年, 上年 and 单位,
特色指标 with its 所属分项, every narrative row, 报告结构, 报告用语) is one ``<cell>`` of a small
XML document: its reference, its value as typed (text, number, date or yes/no) and whether Excel
showed it as a percentage.  Nothing else of the workbook goes in — no sheet the report does not
read, no formula, no formatting.  The DOCX writer stores the document as a Custom XML Data part
(:mod:`generator.docx.source_part`) without looking into it; :func:`read_snapshot` reads it back.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lxml import etree

from generator.read.reader import Cell, RawWorkbook

NAMESPACE = "urn:report-draft:workbook-cells:1"
_CELL = f"{{{NAMESPACE}}}cell"
MAX_CELLS = 50_000  # far past any workbook the reader accepts (5,000 rows a sheet)
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # no control character reaches a cell


@dataclass(frozen=True)
class SnapCell:
    ref: str  # 工作表!B3
    value: Any
    percent: bool = False
    percent_sign: bool = False
    field: str = ""  # 基本信息 and 发文要素: the field's key (the rows are found by their label, not their place)


def _cells(raw: RawWorkbook) -> list[Cell]:
    out: list[Cell] = []
    for rows in raw.indicators.values():
        for ind in rows.values():
            out += [c for c in (ind.label_cell, ind.value, ind.prev, ind.unit) if c is not None]
            if ind.key_ref:
                out.append(Cell(ind.key, ind.key_ref))
    for ind in raw.special:
        out += [c for c in (ind.label_cell, ind.value, ind.prev, ind.unit, ind.section) if c is not None]
        if ind.key_ref and ind.key and ind.key != ind.label:
            out.append(Cell(ind.key, ind.key_ref))
    for rows in (*raw.narratives.values(), raw.structure or [], raw.wording or []):
        for row in rows:
            out += row.values()
    return out


_HEADER_FIELDS = ("copy_no", "secrecy", "secrecy_term", "urgency", "issuer_mark", "doc_number", "signers")
_IMPRINT_FIELDS = ("cc", "printer", "print_date")


def _yes(raw: RawWorkbook, key: str) -> bool:
    cell = raw.dispatch.get(key)
    return cell is not None and str(cell.value).strip() == "是"


def _printed_dispatch(raw: RawWorkbook) -> list[Cell]:
    """The 发文要素 the draft prints: the 版头's only when it has one, the 版记's only when it has one
    (a 签发人 typed but not printed is not carried in a file that may be published)."""
    header, imprint = _yes(raw, "masthead"), _yes(raw, "imprint")
    return [
        c
        for key, c in raw.dispatch.items()
        if (key not in _HEADER_FIELDS or header) and (key not in _IMPRINT_FIELDS or imprint)
    ]


def _kind(value: Any) -> tuple[str, str] | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, (dt.datetime, dt.date)):
        return "d", value.isoformat()
    if isinstance(value, float):
        return "f", repr(value)
    if isinstance(value, (int, Decimal)):
        return "n", str(value)
    return "s", str(value)


def snapshot_xml(raw: RawWorkbook) -> bytes:
    """The cells the reader read, as the XML document described above (deterministic bytes)."""
    root = etree.Element(f"{{{NAMESPACE}}}workbook", nsmap={None: NAMESPACE})
    seen: set[str] = set()
    fields = {c.ref: key for group in (raw.info, raw.dispatch) for key, c in group.items()}
    cells = [*raw.info.values(), *_printed_dispatch(raw), *_cells(raw)]
    for cell in sorted(cells, key=lambda c: c.ref):
        kind = _kind(cell.value)
        if kind is None or cell.ref in seen or "!" not in cell.ref:
            continue
        seen.add(cell.ref)
        e = etree.SubElement(root, _CELL, r=cell.ref, t=kind[0])
        if cell.ref in fields:
            e.set("k", fields[cell.ref])
        if cell.percent:
            e.set("p", "1")
        if cell.percent_sign:
            e.set("ps", "1")
        e.text = kind[1]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_NUMBER = re.compile(r"^-?\d{1,40}(?:\.\d{1,40})?$")  # as snapshot_xml writes one: no exponent, no infinity
_FLOAT = re.compile(r"^-?\d{1,40}(?:\.\d{1,40})?(?:[eE][-+]?\d{1,3})?$")
_REF = re.compile(r"^[^!\[\]:*?/\\]{1,31}![A-Z]{1,2}[1-9]\d{0,4}$")  # one cell of a sheet, within 5 letters and rows


def _value(kind: str, text: str) -> Any:
    """The value of a cell as written by :func:`snapshot_xml`; ValueError for anything else (a part
    edited by hand: nothing in it is trusted past what the writer writes)."""
    if kind == "b":
        return text == "1"
    if kind == "d":
        return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    if kind == "f":
        if not _FLOAT.match(text):
            raise ValueError(text)
        return float(text)
    if kind == "n":
        if not _NUMBER.match(text):
            raise ValueError(text)
        number = Decimal(text)
        return int(number) if number == number.to_integral_value() else number
    if kind != "s":
        raise ValueError(kind)
    return _FORBIDDEN.sub("", text)


def read_snapshot(data: bytes) -> list[SnapCell] | None:
    """The cells of a snapshot, or None when ``data`` is not one (another program's custom XML,
    damaged, or past the bound)."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError:
        return None
    if root.tag != f"{{{NAMESPACE}}}workbook":
        return None
    out: list[SnapCell] = []
    for e in root.iter(_CELL):
        if len(out) >= MAX_CELLS:
            return None
        ref, kind = e.get("r", ""), e.get("t", "s")
        try:
            value = _value(kind, e.text or "")
        except ValueError:
            return None
        if not _REF.match(ref):
            return None
        out.append(SnapCell(ref, value, e.get("p") == "1", e.get("ps") == "1", e.get("k", "")))
    return out
