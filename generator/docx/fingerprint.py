"""The draft's fingerprint: what was generated, stored in the DOCX, so a reviewer's work is never lost.

The fingerprint is a hash of the draft's canonical content (:mod:`generator.docx.content`): every
story's text with its effective formatting, tables, headers and footers, comments with what they
anchor, notes, tracked changes, fields and page set-up.  It is kept in a custom document property,
which Word, WPS and LibreOffice keep when they save (LibreOffice 7.4 checked by the tests).  A draft
saved unchanged (new XML, same content) still matches; any edit a reader can see does not.

``v2:sha256:…`` is this scheme.  Drafts written before it carry ``sha256:…``, a hash of the body's
paragraph text only: such a draft may have been edited in any other way, so it is treated as
possibly edited (refused without ``--force``; see :mod:`generator.pipeline`).
"""

from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from generator.errors import DocumentUnreadable

PROPERTY = "报告生成器指纹"
SCHEME = "v2:sha256:"
OLD_SCHEME = "sha256:"
_CUSTOM = "docProps/custom.xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


class Stamp(NamedTuple):
    stored: str | None  # the fingerprint the file carries (None: no fingerprint of ours)
    now: str | None  # the fingerprint of its content now (None: not a DOCX we can read)

    @property
    def old_scheme(self) -> bool:
        return self.stored is not None and not self.stored.startswith(SCHEME)


def docx_parts(source: Path | bytes, bounded: bool = True) -> dict[str, bytes]:
    """Every part of a DOCX, by name: the one place the fingerprint reads a file.

    A file found on disk (or its bytes) may be anyone's, so it is read through the bounded opener
    :mod:`generator.docx.limits` (parts, sizes, ratio, tags, nesting, no DTD), which raises
    :class:`DocumentUnreadable`; only the draft a build has just made is read with ``bounded``
    false.  Raises ``OSError`` when a file cannot be read at all."""
    if not bounded and isinstance(source, bytes):
        with zipfile.ZipFile(io.BytesIO(source)) as z:
            return {name: z.read(name) for name in z.namelist() if not name.endswith("/")}
    from generator.docx.limits import MAX_TOTAL_BYTES, open_docx

    if isinstance(source, Path):
        if source.stat().st_size > MAX_TOTAL_BYTES:
            raise DocumentUnreadable(f"{source}：文件过大，不是本程序生成的初稿。")
        source = source.read_bytes()
    with open_docx(source, "初稿") as package:
        parts: dict[str, bytes] = {}
        for name in package.names:
            if name.endswith("/"):
                continue
            if name.endswith((".xml", ".rels")):
                package.xml(name)  # within the limits on elements and nesting, no DTD
            parts[name] = package.read(name) or b""
        return parts


def fingerprint(parts: Mapping[str, bytes]) -> str:
    """``v2:sha256:`` and the hash of the parts' canonical content."""
    from generator.docx.content import content_lines

    text = "\n".join(content_lines(parts))
    return SCHEME + hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint_part(parts: Mapping[str, bytes]) -> tuple[str, str, str, bytes]:
    """The custom-properties part that carries the fingerprint of a package's ``parts``: (part name,
    content type, relationship type, XML), for a writer to add to its package."""
    from lxml import etree

    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT})
    prop = etree.SubElement(
        root, f"{{{_CUSTOM_NS}}}property", fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", pid="2", name=PROPERTY
    )
    etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = fingerprint(parts)
    custom = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _CUSTOM, _CT, _REL_TYPE, custom


def stamp(docx: bytes) -> bytes:
    """The same DOCX with its fingerprint as a custom document property (deterministic bytes)."""
    from generator.docx.package import zip_parts

    parts = docx_parts(docx, bounded=False)
    *_, parts[_CUSTOM] = fingerprint_part(parts)
    parts["[Content_Types].xml"] = _with_child(
        parts["[Content_Types].xml"], "Override", {"PartName": f"/{_CUSTOM}", "ContentType": _CT}, "PartName"
    )
    parts["_rels/.rels"] = _with_child(
        parts["_rels/.rels"], "Relationship", {"Id": "rIdGwFingerprint", "Type": _REL_TYPE, "Target": _CUSTOM}, "Type"
    )
    return zip_parts(parts)


def _with_child(xml: bytes, tag: str, attrs: dict[str, str], key: str) -> bytes:
    """The package part ``xml`` (content types, relationships) with a ``tag`` child carrying
    ``attrs``, unless one with the same ``key`` attribute is there already (parsed, not patched)."""
    from lxml import etree

    root = etree.fromstring(xml)
    namespace = etree.QName(root).namespace
    if not any(child.get(key) == attrs[key] for child in root):
        etree.SubElement(root, f"{{{namespace}}}{tag}", attrs)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_stamp(source: Path | bytes) -> Stamp:
    """The fingerprint a DOCX (a path or its bytes) carries and the one of its content now.

    ``Stamp(None, None)`` when it is no DOCX of ours (not a zip, no fingerprint, damaged XML).
    Raises ``OSError`` when the file cannot be read at all: the caller says why."""
    try:
        parts = docx_parts(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, DocumentUnreadable):
        return Stamp(None, None)
    return stamp_of(parts)


def stamp_of(parts: Mapping[str, bytes]) -> Stamp:
    """:func:`read_stamp` of a DOCX already read into its parts (:func:`docx_parts`)."""
    try:
        if b"<!DOCTYPE" in parts[_CUSTOM] or b"<!ENTITY" in parts[_CUSTOM]:
            return Stamp(None, None)
        root = ET.fromstring(parts[_CUSTOM])
        stored = next(
            (
                p.findtext(f"{{{_VT}}}lpwstr")
                for p in root.iter(f"{{{_CUSTOM_NS}}}property")
                if p.get("name") == PROPERTY
            ),
            None,
        )
        if stored is None:
            return Stamp(None, None)
        return Stamp(stored, fingerprint(parts))
    except (KeyError, ET.ParseError, ValueError):
        return Stamp(None, None)
