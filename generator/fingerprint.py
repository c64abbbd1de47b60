"""The draft's fingerprint: what was generated, stored in the DOCX, so hand edits are never lost.

The fingerprint is a hash of the text of every paragraph in the body.  Word and WPS keep custom
document properties when they save, and re-saving without edits keeps the text, so an unchanged
draft still matches; a changed paragraph does not.  Only the standard library is used.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

PROPERTY = "报告生成器指纹"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CUSTOM = "docProps/custom.xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def _body_text(document: bytes | Any) -> str:
    """The paragraphs' text of document.xml, given as bytes or as its parsed root (ElementTree's or lxml's)."""
    if isinstance(document, bytes):
        import xml.etree.ElementTree as ET  # a build passes the tree it has; only reading a file parses

        document = ET.fromstring(document)
    return "\n".join("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in document.iter(f"{_W}p"))


def _fingerprint(document: bytes | Any) -> str:
    return "sha256:" + hashlib.sha256(_body_text(document).encode("utf-8")).hexdigest()


def content_fingerprint(docx: bytes) -> str:
    """sha256 of the body's paragraph texts."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return _fingerprint(z.read("word/document.xml"))


def fingerprint_part(document: bytes | Any) -> tuple[str, str, str, bytes]:
    """The custom-properties part that carries the fingerprint of ``document`` (document.xml, or
    the root of its tree): (part name, content type, relationship type, XML), for a writer to add
    to its package."""
    custom = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT}">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{PROPERTY}">'
        f"<vt:lpwstr>{_fingerprint(document)}</vt:lpwstr></property></Properties>"
    ).encode()
    return _CUSTOM, _CT, _REL_TYPE, custom


def stamp(docx: bytes) -> bytes:
    """The same DOCX with its fingerprint as a custom document property (deterministic bytes)."""
    from .docx_package import read_parts, zip_parts

    parts = read_parts(docx)
    *_, parts[_CUSTOM] = fingerprint_part(parts["word/document.xml"])
    types, rels = parts["[Content_Types].xml"], parts["_rels/.rels"]
    if _CUSTOM.encode() not in types:
        override = f'<Override PartName="/{_CUSTOM}" ContentType="{_CT}"/></Types>'
        parts["[Content_Types].xml"] = types.replace(b"</Types>", override.encode())
    if _REL_TYPE.encode() not in rels:
        rel = f'<Relationship Id="rIdGwFingerprint" Type="{_REL_TYPE}" Target="{_CUSTOM}"/></Relationships>'
        parts["_rels/.rels"] = rels.replace(b"</Relationships>", rel.encode())
    return zip_parts(parts)


def read_stamp(path: Path) -> tuple[str | None, str | None]:
    """(stored fingerprint, fingerprint of the content now); (None, None) if not a DOCX of ours."""
    import xml.etree.ElementTree as ET

    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if _CUSTOM not in names:
                return None, None
            root = ET.fromstring(z.read(_CUSTOM))
        stored = next(
            (
                p.findtext(f"{{{_VT}}}lpwstr")
                for p in root.iter(f"{{{_CUSTOM_NS}}}property")
                if p.get("name") == PROPERTY
            ),
            None,
        )
        return stored, content_fingerprint(data)
    except (OSError, zipfile.BadZipFile, KeyError, ET.ParseError):
        return None, None
