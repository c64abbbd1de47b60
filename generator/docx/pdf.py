"""Turn a draft into PDF with LibreOffice, when it is installed.

LibreOffice runs headless in a private, temporary profile, so a LibreOffice window the clerk has
open does not swallow the request; the PDF is written beside the draft through a rename.  On Linux
it sees the standard's faces mapped to free simplified-Chinese ones (:mod:`generator.docx.fonts`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.docx.fonts import face_notes, private_fontconfig
from generator.errors import OutputProblem
from generator.files import write_bytes

CONVERT_TIMEOUT_S = 180
_WINDOWS_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
)
HOW_TO_GET = (
    "未找到 LibreOffice，无法生成 PDF。请安装 LibreOffice（免费，www.libreoffice.org），"
    "或在 Word / WPS 中打开初稿，选择“另存为”→ PDF。"
)


def find_soffice() -> str | None:
    """LibreOffice's soffice: on PATH, or where the Windows installer puts it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for p in _WINDOWS_PLACES if p.exists()), None)


def run_soffice(exe: str, args: list[str], folder: Path, env: dict[str, str] | None = None) -> None:
    """Run LibreOffice headless with ``args``, in a private profile under ``folder`` (so that a
    LibreOffice window the clerk has open neither swallows the request nor blocks it), at most
    CONVERT_TIMEOUT_S seconds.  Raises ``subprocess.TimeoutExpired``, ``CalledProcessError`` or
    ``OSError``: the caller says what failed, in its own terms."""
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [exe, f"-env:UserInstallation={profile}", "--headless", *args],
        check=True,
        capture_output=True,
        timeout=CONVERT_TIMEOUT_S,
        env={**os.environ, **(env or {})},
    )


# LibreOffice's PDF filter: keep the blank pages that odd/even-page section breaks insert, so that a
# double-sided print of the PDF puts the 版记 on the back of the last sheet.
_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def libreoffice_variants(docx: bytes) -> list[bytes]:
    """What LibreOffice is given for a draft: the draft itself, or two copies when it has a 版记.

    The 版记's page number is a Word field (IF, MOD, PAGEREF) that LibreOffice cannot evaluate: it
    prints the nested results side by side.  So it gets the two outcomes instead: the 版记 on the
    next even page with no number (right when a blank page is inserted before it), and the 版记 on
    the next page numbered like the body (right when none is).  :func:`convert_to_pdf` keeps the
    first when its PDF is longer, that is when LibreOffice did insert the blank page.
    """
    from lxml import etree

    from generator.docx.apparatus import BODY_END_BOOKMARK
    from generator.docx.ooxml import NS, qn
    from generator.docx.package import read_parts, xml_bytes, zip_parts

    ns = {"w": NS["w"]}
    parts = read_parts(docx)
    document = etree.fromstring(parts["word/document.xml"])
    if not document.xpath(f"//w:bookmarkStart[@w:name='{BODY_END_BOOKMARK}']", namespaces=ns):
        return [docx]
    [body_sect, imprint_sect] = document.xpath("//w:sectPr", namespaces=ns)[-2:]
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    target = {r.get("Id"): "word/" + r.get("Target") for r in rels.iter(f"{{{_RELS}}}Relationship")}
    refs = imprint_sect.findall(qn("w:footerReference"))

    unnumbered = dict(parts)
    for ref in refs:
        footer = etree.fromstring(parts[target[ref.get(qn("r:id"))]])
        for run in footer.xpath("//w:r", namespaces=ns):
            run.getparent().remove(run)
        unnumbered[target[ref.get(qn("r:id"))]] = xml_bytes(footer)

    body_ids = {ref.get(qn("w:type")): ref.get(qn("r:id")) for ref in body_sect.findall(qn("w:footerReference"))}
    for ref in refs:
        ref.set(qn("r:id"), body_ids[ref.get(qn("w:type"))])
    imprint_sect.find(qn("w:type")).set(qn("w:val"), "nextPage")
    numbered = dict(parts, **{"word/document.xml": xml_bytes(document)})
    return [zip_parts(unnumbered), zip_parts(numbered)]


def page_count(pdf: bytes) -> int:
    """Pages of a PDF that LibreOffice wrote (its page tree's /Count, which is never compressed)."""
    counts = [int(c) for c in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf, re.S)]
    return max(counts, default=0)


def convert_to_pdf(docx: Path, pdf: Path) -> list[str]:
    """Write ``pdf`` from ``docx``; raise :class:`OutputProblem` with a Chinese message if it cannot.

    Returns the notes, in Chinese, on faces that would not show as a 公文's (:func:`face_notes`)."""
    exe = find_soffice()
    if exe is None:
        raise OutputProblem(HOW_TO_GET)
    variants = libreoffice_variants(docx.read_bytes())
    with tempfile.TemporaryDirectory(prefix="report-draft-") as tmp:
        folder = Path(tmp)
        fonts_env = private_fontconfig(folder)
        notes = face_notes(fonts_env)
        # plain names: some LibreOffice builds mishandle unusual paths
        sources = [folder / f"draft{i}.docx" for i in range(len(variants))]
        for source, data in zip(sources, variants, strict=True):
            source.write_bytes(data)
        try:
            run_soffice(
                exe, ["--convert-to", _FILTER, "--outdir", str(folder)] + [str(s) for s in sources], folder, fonts_env
            )
        except subprocess.TimeoutExpired as exc:
            raise OutputProblem(f"{pdf}：LibreOffice 转换超过 {CONVERT_TIMEOUT_S} 秒仍未完成，已放弃。") from exc
        except (subprocess.CalledProcessError, OSError) as exc:
            raise OutputProblem(
                f"{pdf}：LibreOffice 转换失败（{exc}）。可在 Word / WPS 中打开初稿另存为 PDF。"
            ) from exc
        produced = [s.with_suffix(".pdf") for s in sources]
        if not all(p.exists() for p in produced):
            raise OutputProblem(f"{pdf}：LibreOffice 没有生成 PDF。可在 Word / WPS 中打开初稿另存为 PDF。")
        pdfs = [p.read_bytes() for p in produced]
        if len(pdfs) == 2 and page_count(pdfs[0]) <= page_count(pdfs[1]):
            pdfs.reverse()  # no blank page before the 版记: it keeps its number
        write_bytes(pdf, pdfs[0])
    return notes
