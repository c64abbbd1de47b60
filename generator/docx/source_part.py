"""The workbook's cells, carried inside the draft as a Custom XML Data part (ECMA-376 Part 1, 22.5).

The writer is handed the bytes (:mod:`generator.read.snapshot` makes them) and stores them as
``customXml/item1.xml`` with its properties part, related from the main document — the kind of
part Word and WPS keep when they save a document (it is how content controls bind data), which a
reader does not see and a printer does not print.  It is not content: the fingerprint
(:mod:`generator.docx.content`) does not read it.  :func:`source_of` finds it again in any DOCX's
parts, by the namespace of its root element, whatever the part's number.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping

from lxml import etree

from generator.docx.package import Package

ITEM = "customXml/item1.xml"
PROPS = "customXml/itemProps1.xml"
ITEM_RELS = "customXml/_rels/item1.xml.rels"
REL_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
REL_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
CT_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
CT_XML = "application/xml"
_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ITEM_NAME = re.compile(r"^customXml/item\d+\.xml$")


def add_source(package: Package, data: bytes) -> None:
    """Store ``data`` (an XML document whose root element has a namespace) in ``package``."""
    namespace = etree.QName(etree.fromstring(data)).namespace or ""
    item_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, namespace)).upper() + "}"  # the same every build
    props = etree.Element(f"{{{_DS}}}datastoreItem", {f"{{{_DS}}}itemID": item_id}, nsmap={"ds": _DS})
    refs = etree.SubElement(props, f"{{{_DS}}}schemaRefs")
    etree.SubElement(refs, f"{{{_DS}}}schemaRef", {f"{{{_DS}}}uri": namespace})
    rels = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})
    etree.SubElement(rels, f"{{{_REL_NS}}}Relationship", Id="rId1", Type=REL_PROPS, Target="itemProps1.xml")
    package.add_part(ITEM, (CT_XML, REL_CUSTOM_XML), data)
    package.parts[PROPS] = _xml(props)
    package.parts[ITEM_RELS] = _xml(rels)
    package.add_type(PROPS, CT_PROPS)


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def source_of(parts: Mapping[str, bytes], namespace: str) -> bytes | None:
    """The stored document whose root is in ``namespace``, or None."""
    marker = namespace.encode("utf-8")
    for name in sorted(parts):
        if _ITEM_NAME.match(name) and marker in parts[name][:500]:
            return parts[name]
    return None
