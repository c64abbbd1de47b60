"""The DOCX package a draft is written into: the skeleton's parts, the body as an lxml tree, new parts.

python-docx makes the skeleton once (:func:`generator.docx.skeleton.skeleton`, kept in the user's
cache); each draft then reopens its parts here with lxml alone, so a build need not import
python-docx, and the parts nobody changes (styles, settings, fonts, theme) stay bytes from start to
finish.  :meth:`Package.to_bytes` zips everything with fixed timestamps and modes, in a fixed order.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from typing import Any

from lxml import etree

from generator.docx.ooxml import NS, el, ppr, put, qn

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DOCUMENT = "word/document.xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
FOOTER = (_WML + "footer+xml", _OFFICE_REL + "footer")
COMMENTS = (_WML + "comments+xml", _OFFICE_REL + "comments")
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
# ECMA-376 17.6.17: the children of sectPr that come before w:type
_BEFORE_TYPE = {qn("w:headerReference"), qn("w:footerReference"), qn("w:footnotePr"), qn("w:endnotePr")}


class Package:
    """The parts of one draft; ``body`` is where the writer appends."""

    def __init__(self, skeleton: dict[str, bytes]) -> None:
        """A package starting from the skeleton's parts (see :func:`read_parts`), which stay unchanged."""
        self.parts = dict(skeleton)
        self.document = etree.fromstring(self.parts[_DOCUMENT])
        self.body = self.document.find(qn("w:body"))
        self._rels = etree.fromstring(self.parts[_DOCUMENT_RELS])
        self._types = etree.fromstring(self.parts["[Content_Types].xml"])
        self._package_rels = etree.fromstring(self.parts["_rels/.rels"])

    # -- parts ----------------------------------------------------------------------------------
    def add_part(self, name: str, kind: tuple[str, str], data: bytes) -> str:
        """A part related to the document; its relationship id."""
        content_type, rel_type = kind
        self.parts[name] = data
        etree.SubElement(self._types, f"{{{_CT_NS}}}Override", PartName=f"/{name}", ContentType=content_type)
        taken = {r.get("Id") for r in self._rels}
        rid = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
        target = name.removeprefix("word/") if name.startswith("word/") else f"../{name}"
        etree.SubElement(self._rels, f"{{{_REL_NS}}}Relationship", Id=rid, Type=rel_type, Target=target)
        return rid

    def add_type(self, name: str, content_type: str) -> None:
        """The content type of a part added by name (one no relationship of the document reaches)."""
        etree.SubElement(self._types, f"{{{_CT_NS}}}Override", PartName=f"/{name}", ContentType=content_type)

    def add_package_part(self, name: str, content_type: str, rel_type: str, rid: str, data: bytes) -> None:
        """A part related to the package itself (docProps/…)."""
        self.parts[name] = data
        etree.SubElement(self._types, f"{{{_CT_NS}}}Override", PartName=f"/{name}", ContentType=content_type)
        etree.SubElement(self._package_rels, f"{{{_REL_NS}}}Relationship", Id=rid, Type=rel_type, Target=name)

    def next_name(self, stem: str) -> str:
        """``word/footer3.xml`` when footer1 and footer2 exist."""
        n = 1
        while f"word/{stem}{n}.xml" in self.parts:
            n += 1
        return f"word/{stem}{n}.xml"

    # -- sections -------------------------------------------------------------------------------
    def add_section(self, start: str) -> Any:
        """End the current section here; the new last section starts on ``start`` (evenPage …).

        The closing paragraph carries a copy of the section's properties, as Word writes it; the new
        section inherits headers and footers until it is given its own."""
        last = self.body[-1]
        closing = el("w:p")
        ppr(closing).append(copy.deepcopy(last))
        last.addprevious(closing)
        for ref in last.findall(qn("w:headerReference")) + last.findall(qn("w:footerReference")):
            last.remove(ref)
        kind = last.find(qn("w:type"))
        if kind is None:
            kind = el("w:type")
            position = sum(1 for child in last if child.tag in _BEFORE_TYPE)
            last.insert(position, kind)
        kind.set(qn("w:val"), start)
        return last

    def set_footer(self, sect_pr: Any, kind: str, rid: str) -> None:
        """Point a section's ``default``/``even`` footer at a footer part."""
        ref = el("w:footerReference", type=kind)
        ref.set(f"{{{NS['r']}}}id", rid)
        headers = len(sect_pr.findall(qn("w:headerReference")))
        footers = len(sect_pr.findall(qn("w:footerReference")))
        sect_pr.insert(headers + footers, ref)

    # -- core properties ------------------------------------------------------------------------
    def set_core(self, title: str, author: str, when: dt.datetime, keywords: str) -> None:
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        root = etree.Element(f"{{{_CORE_NS['cp']}}}coreProperties", nsmap=_CORE_NS)

        def add(name: str, text: str, w3cdtf: bool = False) -> None:
            prefix, _, local = name.partition(":")
            child = etree.SubElement(root, f"{{{_CORE_NS[prefix]}}}{local}")
            child.text = text
            if w3cdtf:
                child.set(f"{{{_CORE_NS['xsi']}}}type", "dcterms:W3CDTF")

        for name, text in (
            ("dc:title", title),
            ("dc:creator", author),
            ("cp:keywords", keywords),
            ("dc:description", ""),
            ("cp:lastModifiedBy", author),
            ("cp:revision", "1"),
            ("cp:lastPrinted", stamp),
        ):
            add(name, text)
        add("dcterms:created", stamp, w3cdtf=True)
        add("dcterms:modified", stamp, w3cdtf=True)
        self.parts["docProps/core.xml"] = xml_bytes(root)

    # -- the file -------------------------------------------------------------------------------
    def document_xml(self) -> bytes:
        return xml_bytes(self.document)

    def final_parts(self) -> dict[str, bytes]:
        """Every part as it goes into the file."""
        parts = dict(self.parts)
        parts[_DOCUMENT] = self.document_xml()
        parts[_DOCUMENT_RELS] = xml_bytes(self._rels)
        parts["[Content_Types].xml"] = xml_bytes(self._types)
        parts["_rels/.rels"] = xml_bytes(self._package_rels)
        return parts

    def to_bytes(self) -> bytes:
        """The DOCX."""
        return zip_parts(self.final_parts())


def read_parts(docx: bytes) -> dict[str, bytes]:
    """Every part of a DOCX, by name."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {name: z.read(name) for name in z.namelist()}


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """The DOCX of these parts, the same bytes for the same parts: fixed timestamps and modes, the
    content types and package relationships first, then the parts by name."""
    first = ["[Content_Types].xml", "_rels/.rels"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in first + sorted(n for n in parts if n not in first):
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, parts[name])
    return out.getvalue()


def xml_bytes(root: Any) -> bytes:
    """A part's XML as Word writes it: declaration, UTF-8, standalone."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def footer_part(fill: Any) -> bytes:
    """A footer part with one paragraph, filled by ``fill(p)``."""
    root = etree.Element(qn("w:ftr"), nsmap={"w": NS["w"], "r": NS["r"]})
    p = etree.SubElement(root, qn("w:p"))
    fill(p)
    return xml_bytes(root)


def comments_part(comments: list[tuple[int, str, str, str, dt.datetime]]) -> bytes:
    """word/comments.xml: (id, author, initials, text, date) each, in Word's shape."""
    root = etree.Element(qn("w:comments"), nsmap={"w": NS["w"]})
    for cid, author, initials, text, when in comments:
        c = el("w:comment", id=str(cid), author=author, initials=initials, date=when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        p = etree.SubElement(c, qn("w:p"))
        put(ppr(p), el("w:pStyle", val="CommentText"))
        ref = etree.SubElement(p, qn("w:r"))
        props = etree.SubElement(ref, qn("w:rPr"))
        props.append(el("w:rStyle", val="CommentReference"))
        ref.append(el("w:annotationRef"))
        run = etree.SubElement(p, qn("w:r"))
        t = etree.SubElement(run, qn("w:t"))
        t.text = text
        root.append(c)
    return xml_bytes(root)
