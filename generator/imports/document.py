"""The paragraphs of a report given as a file: what ``report-draft import`` reads last year's report from.

:func:`read_document` decides the format by the file's bytes, not by its name (a .doc renamed
.docx, a web page saved as .txt, a workbook given by mistake are all told apart):

- DOCX (a zip with the main document): :mod:`generator.imports.document_docx`;
- .doc and .wps (an OLE compound file with a Word or Works document in it), RTF and ODT: converted
  to DOCX by LibreOffice, then read as one (:mod:`generator.imports.document_ole`);
- text and HTML (a saved web page, .mht included): :mod:`generator.imports.document_text`.

Everything else gets a message saying what the file seems to be and what to give instead: a
password-protected Word or Excel file (an OLE file holding an ``EncryptedPackage``), a PDF or OFD
(their text cannot be put back into paragraphs), an Excel workbook, a picture, an empty file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.docx.limits import OLE_MAGIC, open_docx
from generator.errors import DocumentUnreadable
from generator.files import os_advice, reason

MB = 1024 * 1024
MAX_TEXT_BYTES = 20 * MB  # a report as text is 20–100 KB; a saved web page with its scripts 1–2 MB
MAX_CONVERTED_BYTES = 64 * MB  # a .doc with photographs; LibreOffice is given nothing larger
_HEAD = 4096
_ENDS = re.compile(r"^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$")


@dataclass(frozen=True)
class Block:
    """One paragraph of the document, as the reader sees it."""

    text: str  # whitespace-trimmed, never ""; automatic list numbering rendered in front ("一、", "（一）", "1.")
    where: str  # for messages: "第12段", "表格1第2行第3列", "第12行" (text files)
    level: int = 0  # the heading level the document itself declares (1–3), 0 when it declares none
    run_in: str = ""  # a run-in title set off by formatting (bold, 楷体 …) at the paragraph's start
    in_table: bool = False
    tag: str = ""  # HTML only: the element the text was in ("p", "h2", "li", "td" …), a hint


@dataclass(frozen=True)
class Document:
    name: str  # the file's name, for messages
    kind: str  # "docx", "doc", "wps", "rtf", "odt", "txt" or "html"
    blocks: tuple[Block, ...]
    own_fingerprint: str = ""  # the 报告生成器指纹 property when the file is this program's draft


def clean(text: str) -> str:
    """A paragraph's text as a block holds it: no-break spaces as spaces, the ends trimmed (ideographic
    spaces, zero-width spaces and byte-order marks too); the spaces inside kept as written."""
    return _ENDS.sub("", text.replace("\xa0", " "))


def fail(name: str, what: str) -> DocumentUnreadable:
    return DocumentUnreadable(f"{name}：{what}")


CHECK_FILE = "请确认文件已完整保存或下载，再选择去年的报告重试。"
EMPTY = "文件是空的，没有可导入的文字。" + CHECK_FILE
_TEXT_LAYOUT = (
    "只记录字在页面上的位置，不能可靠地还原成段落。"
    "如有去年报告的 Word 文件（.docx、.doc 或 .wps），请导入它；"
    "如果报告是在网站上发布的，请在网页上选中报告全文，复制粘贴到记事本，保存为 .txt 文件后导入"
    "（也可以把网页另存为 .html 文件导入）；"
)
PDF = (
    "这是 PDF 文件，无法导入：PDF "
    + _TEXT_LAYOUT
    + "扫描得到的 PDF 里只有图片、没有文字，须先用文字识别（OCR）转成文字，或重新录入。"
)
OFD = (
    "这是 OFD 版式文件，无法导入：OFD "
    + _TEXT_LAYOUT
    + "扫描件里只有图片、没有文字，须先用文字识别（OCR）转成文字，或重新录入。"
)
EXCEL = (
    "这是 Excel 工作簿，不是报告。report-draft import 读取的是去年的报告（Word 文档、文本文件或网页）；"
    "从去年的工作簿开始请用 report-draft init --上年 去年的工作簿.xlsx。"
)
INSTEAD = "选择去年报告的 Word 文件（.docx、.doc 或 .wps），或报告全文的文本文件（.txt）、网页（.html）。"
GIVE_INSTEAD = "请" + INSTEAD
_BINARY = (
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"\x7fELF", "程序文件"),
)


def password(name: str) -> str:
    """The message for a file with an opening password; an Excel one when its name says so."""
    if name.lower().endswith((".xlsx", ".xlsm", ".xls", ".et")):
        return "文件设有打开密码，而且看来是 Excel 工作簿，不是报告。" + EXCEL
    return (
        "文件设有打开密码，无法读取。请在 Word/WPS 中取消密码后另存为 .docx 再导入："
        "Word 中选择“文件”→“信息”→“保护文档”→“用密码进行加密”，清空密码后确定；"
        "WPS 中选择“文件”→“文档加密”→“密码加密”，清空打开密码；然后“另存为”.docx 文件。"
    )


def _head(source: Path | bytes, name: str) -> tuple[bytes, int]:
    """The file's first bytes and its size; a missing, unreadable file or a folder refused."""
    if isinstance(source, bytes):
        return source[:_HEAD], len(source)
    try:
        if source.is_dir():
            raise fail(name, "这是一个文件夹，请选择去年报告的文件。")
        with source.open("rb") as f:
            return f.read(_HEAD), source.stat().st_size
    except FileNotFoundError as exc:
        raise fail(name, "找不到这个文件，请检查路径和文件名是否正确。") from exc
    except OSError as exc:
        raise fail(name, f"无法打开这个文件（{reason(exc)}）。{os_advice(exc)}") from exc


def _whole(source: Path | bytes, name: str, limit: int, what: str) -> bytes:
    """The whole file, refused over ``limit`` bytes before it is read."""
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    if size > limit:
        over = f"{what}有 {size / MB:.1f} MB（上限 {limit // MB} MB），不像一份报告，已拒绝读取。"
        raise fail(name, over + GIVE_INSTEAD)
    if isinstance(source, bytes):
        return source
    try:
        return source.read_bytes()
    except OSError as exc:
        raise fail(name, f"无法读取这个文件（{reason(exc)}）。{os_advice(exc)}") from exc


def _zip(source: Path | bytes, name: str) -> Document:
    """A DOCX read; another kind of zip (a workbook, ODT, OFD …) named or converted."""
    from generator.imports.document_docx import docx_document, is_docx

    with open_docx(source, name) as pkg:
        if is_docx(pkg):
            return docx_document(pkg, name)
        names = set(pkg.names)
        mimetype = (pkg.read("mimetype") or b"").decode("ascii", "replace").strip() if "mimetype" in names else ""
    if mimetype == "application/vnd.oasis.opendocument.text":
        from generator.imports.document_ole import convert

        return convert(_whole(source, name, MAX_CONVERTED_BYTES, "文件"), name, "odt", ".odt")
    if "xl/workbook.xml" in names or mimetype.endswith("opendocument.spreadsheet"):
        raise fail(name, EXCEL)
    if "ppt/presentation.xml" in names or mimetype.endswith("opendocument.presentation"):
        raise fail(name, "这是 PowerPoint 演示文稿，不是报告。" + GIVE_INSTEAD)
    if "OFD.xml" in names:
        raise fail(name, OFD)
    raise fail(name, "这是一个压缩包（.zip），里面没有 Word 文档的正文，无法导入。请解压后" + INSTEAD)


def read_document(source: Path | bytes, name: str) -> Document:
    """The paragraphs of the report in ``source`` (a path, or the file's bytes), ``name`` naming it in
    messages; raise :class:`DocumentUnreadable` with a complete Chinese message for any file it
    cannot use.  (The readers are imported when needed: they import this module's Block.)"""
    head, size = _head(source, name)
    if size == 0:
        raise fail(name, "文件是空的（0 字节），没有可导入的文字。" + CHECK_FILE)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip(source, name)
    if head.startswith(OLE_MAGIC):
        from generator.imports.document_ole import ole_document

        return ole_document(_whole(source, name, MAX_CONVERTED_BYTES, "文件"), name)
    if b"%PDF-" in head[:1024]:
        raise fail(name, PDF)
    if head.startswith(b"{\\rtf"):
        from generator.imports.document_ole import convert

        return convert(_whole(source, name, MAX_CONVERTED_BYTES, "RTF 文件"), name, "rtf", ".rtf")
    for magic, what in _BINARY:
        if head.startswith(magic):
            raise fail(name, f"这是{what}，不是报告，无法导入。" + GIVE_INSTEAD)
    from generator.imports.document_text import text_document

    return text_document(_whole(source, name, MAX_TEXT_BYTES, "文本文件"), name)
