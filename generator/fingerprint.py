"""The draft's fingerprint: what was generated, stored in the DOCX, so hand edits are never lost.

The fingerprint is a hash of the text of every paragraph in the body.  Word and WPS keep custom
document properties when they save, and re-saving without edits keeps the text, so an unchanged
draft still matches; a changed paragraph does not.  Only the standard library is used.
"""

from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

PROPERTY = "报告生成器指纹"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CUSTOM = "docProps/custom.xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _body_text(document_xml: bytes) -> str:
    root = ET.fromstring(document_xml)
    return "\n".join("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p"))


def _fingerprint(document_xml: bytes) -> str:
    return "sha256:" + hashlib.sha256(_body_text(document_xml).encode("utf-8")).hexdigest()


def content_fingerprint(docx: bytes) -> str:
    """sha256 of the body's paragraph texts."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return _fingerprint(z.read("word/document.xml"))


def fingerprint_part(document_xml: bytes) -> tuple[str, str, str, bytes]:
    """The custom-properties part that carries the fingerprint of ``document_xml``:
    (part name, content type, relationship type, XML), for a writer to add to its package."""
    custom = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT}">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{PROPERTY}">'
        f"<vt:lpwstr>{_fingerprint(document_xml)}</vt:lpwstr></property></Properties>"
    ).encode()
    return _CUSTOM, _CT, _REL_TYPE, custom


def stamp(docx: bytes) -> bytes:
    """The same DOCX with its fingerprint as a custom document property (deterministic bytes)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        *_, custom = fingerprint_part(z.read("word/document.xml"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml" and _CUSTOM not in data.decode("utf-8"):
                data = data.replace(
                    b"</Types>", f'<Override PartName="/{_CUSTOM}" ContentType="{_CT}"/></Types>'.encode()
                )
            elif item.filename == "_rels/.rels" and _REL_TYPE.encode() not in data:
                rel = f'<Relationship Id="rIdGwFingerprint" Type="{_REL_TYPE}" Target="{_CUSTOM}"/>'
                data = data.replace(b"</Relationships>", f"{rel}</Relationships>".encode())
            if item.filename == _CUSTOM:
                continue
            dst.writestr(_info(item.filename), data)
        dst.writestr(_info(_CUSTOM), custom)
    return out.getvalue()


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def read_stamp(path: Path) -> tuple[str | None, str | None]:
    """(stored fingerprint, fingerprint of the content now); (None, None) if not a DOCX of ours."""
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
