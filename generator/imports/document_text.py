"""A report given as text or as a saved web page, read into blocks.

Text: the encoding from a byte-order mark (UTF-8, UTF-16 LE/BE), else UTF-8, else GB18030 (what
Notepad and WPS on Chinese Windows save as "ANSI"); one block a non-empty line, ``第N行`` its line in
the file.  A web page (``<html``, ``<!DOCTYPE html``, or a .htm/.html name) is parsed with the
standard library's HTMLParser: the charset from a byte-order mark or ``<meta charset>`` /
``http-equiv``, else UTF-8, else GB18030; scripts, styles, the head, navigation, headers and footers
left out; each block element (p, div, li, h1–h6, td …, and each line a ``<br>`` ends) one block.
Headings get no level: web pages use h tags for looks as often as for structure, so ``tag`` only
names the element.  A table is a table (``in_table``) when it holds no other table and no cell of
it is longer than a table cell's text (a page laid out with tables is not).  A page saved by a
browser or Word as a single file (.mht) is read through its HTML part.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from dataclasses import dataclass
from email.message import Message
from html.parser import HTMLParser

from generator.docx.props import MAX_PARAGRAPH_CHARS, MAX_PARAGRAPHS
from generator.imports.document import CHECK_FILE, EMPTY, GIVE_INSTEAD, Block, Document, clean, fail

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_LINES = re.compile(r"\r\n|\r|\n")
_META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<meta|<body)", re.IGNORECASE | re.DOTALL
)
_XML = re.compile(r"\s*<\?xml")
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}  # all read as their superset
_SKIP = {"script", "style", "head", "nav", "header", "footer", "noscript", "template", "select", "button"}
_SKIP |= {"svg", "iframe", "object", "title"}
_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "ul", "ol", "dl", "dt"}
_BLOCK |= {"dd", "blockquote", "pre", "section", "article", "main", "aside", "caption", "center", "form", "hr"}
_BLOCK |= {"address", "figcaption", "figure", "body", "html", "fieldset", "legend", "tbody", "thead", "tfoot"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "param", "source", "wbr"}
MAX_CELL_CHARS = 200  # a data table's cell holds a figure or a label; a layout table's holds paragraphs


def _decode(data: bytes, declared: str | None = None) -> str | None:
    """The text of ``data``: by its byte-order mark, else ``declared``, else UTF-8, else GB18030."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError:
                return None
    tries = ["utf-8", "gb18030"]
    if declared:
        declared = "gb18030" if declared.lower() in _GB else declared
        try:
            tries.insert(0, codecs.lookup(declared).name)
        except LookupError:
            pass
    for codec in tries:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _bounded(blocks: list[Block], name: str) -> list[Block]:
    if len(blocks) > MAX_PARAGRAPHS:
        raise fail(
            name,
            f"文件有 {len(blocks)} 段文字（上限 {MAX_PARAGRAPHS} 段），不像一份报告，已拒绝读取。{GIVE_INSTEAD}",
        )
    for b in blocks:
        if len(b.text) > MAX_PARAGRAPH_CHARS:
            raise fail(
                name,
                f"{b.where}有 {len(b.text)} 个字（上限 {MAX_PARAGRAPH_CHARS} 字），不像正常的报告，已拒绝读取。"
                "请确认文件来源，或把这一段拆开、删减后再试。",
            )
    if not blocks:
        raise fail(name, EMPTY)
    return blocks


def text_document(data: bytes, name: str) -> Document:
    """A text file, a web page or a single-file web page (.mht); refused when it is binary or its
    encoding is none of those a Chinese clerk's files are in."""
    head = data[:4096]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise fail(name, "这不是文本文件，也不是 Word 文档或网页，无法导入（文件内容是二进制数据）。" + GIVE_INSTEAD)
    if re.match(rb"\s*(?:MIME-Version|From|Content-Type|Date|Subject|X-[\w-]+):", head, re.IGNORECASE) and (
        b"multipart/related" in head.lower() or b"text/html" in head.lower()
    ):
        return _mht(data, name)
    meta = _META.search(head) if not head.startswith(tuple(b for b, _ in _BOMS)) else None
    text = _decode(data, meta.group(1).decode("ascii") if meta else None)
    if text is None:
        raise fail(
            name,
            "无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030），无法导入。"
            "请用记事本打开它，选择“另存为”，编码选“UTF-8”后保存，再导入新文件。",
        )
    if _HTML.match(text) or (name.lower().endswith((".htm", ".html", ".shtml", ".xhtml")) and "<" in text):
        return Document(name, "html", tuple(_bounded(html_blocks(text), name)))
    if _XML.match(text):
        raise fail(
            name,
            "这是 XML 文件，不是报告的文本，无法导入。如果它是 Word 另存的 XML 文档，请在 Word 中打开后"
            "另存为 .docx 再导入。" + CHECK_FILE,
        )
    return Document(name, "txt", tuple(_bounded(text_blocks(text), name)))


def text_blocks(text: str) -> list[Block]:
    """One block a non-empty line, where="第N行"."""
    out = []
    for n, line in enumerate(_LINES.split(text), start=1):
        if cleaned := clean(line):
            out.append(Block(cleaned, f"第{n}行"))
    return out


def _mht(data: bytes, name: str) -> Document:
    """A single-file web page: the first HTML part of the MIME message, decoded."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part: Message | None = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    payload = part.get_payload(decode=True) if part is not None else None
    if not isinstance(payload, bytes):
        raise fail(name, "这是单个文件网页（.mht），但里面没有网页正文，无法导入。" + GIVE_INSTEAD)
    meta = _META.search(payload[:4096])
    text = _decode(payload, part.get_content_charset() or (meta.group(1).decode("ascii") if meta else None))
    if text is None:
        raise fail(
            name,
            "无法识别网页的文字编码，无法导入。请在浏览器中打开网页，复制报告全文粘贴到记事本，另存为 .txt 再导入。",
        )
    return Document(name, "html", tuple(_bounded(html_blocks(text), name)))


@dataclass
class _Table:
    row: int = 0
    column: int = 0
    nested: bool = False
    longest: int = 0


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.cells: dict[int, tuple[_Table, int, int]] = {}  # block index → its table, row, column
        self._buffer: list[str] = []
        self._tags: list[str] = []  # the open block elements, innermost last
        self._skipping: list[str] = []
        self._tables: list[_Table] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skipping = [t for t in self._skipping if t != "head"]  # a head left open
        if self._skipping or tag in _SKIP:
            if tag in _SKIP and tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag == "br":
            self._flush()
        elif tag in _BLOCK:
            self._flush()
            if tag == "table":
                if self._tables:
                    self._tables[-1].nested = True
                self._tables.append(_Table())
            elif tag == "tr" and self._tables:
                self._tables[-1].row += 1
                self._tables[-1].column = 0
            elif tag in ("td", "th") and self._tables:
                self._tables[-1].column += 1
            if tag not in _VOID:
                self._tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag in self._skipping:
                while self._skipping and self._skipping.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self._flush()
            if tag in self._tags:
                while self._tags and self._tags.pop() != tag:
                    pass
            if tag == "table" and self._tables:
                self._tables.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._buffer.append(data)

    def _flush(self) -> None:
        text = clean(re.sub(r"[ \t\r\n\f]+", " ", "".join(self._buffer)))  # HTML collapses white space
        self._buffer = []
        if not text:
            return
        tag = self._tags[-1] if self._tags else ""
        if self._tables and {"td", "th"} & set(self._tags):
            table = self._tables[-1]
            table.longest = max(table.longest, len(text))
            self.cells[len(self.blocks)] = (table, table.row, table.column)
        self.blocks.append(Block(text, f"第{len(self.blocks) + 1}段", tag=tag))

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(text: str) -> list[Block]:
    """The blocks of a web page's text, tables that are data tables marked as such."""
    page = _Page()
    page.feed(text)
    page.close()
    out = list(page.blocks)
    numbers: dict[int, int] = {}  # a data table's number among the page's data tables
    for i, (table, row, column) in sorted(page.cells.items()):
        if not table.nested and table.longest <= MAX_CELL_CHARS:
            number = numbers.setdefault(id(table), len(numbers) + 1)
            out[i] = Block(out[i].text, f"表格{number}第{row}行第{column}列", tag=out[i].tag, in_table=True)
    return out
