"""Inputs for the import's tests: a report's lines as blocks, and files it must refuse (a scanned
PDF, an encrypted DOCX)."""

from __future__ import annotations

import io

import msoffcrypto.format.ooxml

from generator.imports.assemble import full_width
from generator.imports.document import Block


def blocks(lines: list[str]) -> list[Block]:
    """Lines of a report as the document reader gives them (full-width marks as the import makes them)."""
    return [Block(full_width(t.strip()), f"第{i}行") for i, t in enumerate(lines, start=1) if t.strip()]


def scanned_pdf() -> bytes:
    """A scanned PDF: one page with an image and no text at all."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8"
        b" /Length 1 >>\nstream\n\x80\nendstream",
        b"<< /Length 28 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream",
    ]
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return pdf


def encrypted(plain: bytes, password: str = "1234") -> bytes:
    """An Office file (DOCX, XLSX) really encrypted with a password, as Office saves one."""
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()
