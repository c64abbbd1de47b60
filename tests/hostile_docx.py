"""Hostile and broken DOCX files, made in the tests from one of our drafts: for ``check`` and
``build --against``.  Each maker writes ``path`` from ``base`` (a draft of the sample).

Also the large real report the limits must leave alone: :func:`long_report`, the sample's body forty
times over (261 pages in LibreOffice), its text cut into runs of a dozen characters with their own run
properties and revision ids, as Word fragments a document edited over weeks.
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DOCUMENT = "word/document.xml"
_DIGITS = "0123456789ABCDEF"


def _rewrite(base: Path, path: Path, parts: dict[str, Callable[[bytes], bytes]], extra: int = 0) -> None:
    """Copy ``base`` to ``path`` with some parts rewritten, and ``extra`` tiny parts added."""
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item.filename, parts[item.filename](data) if item.filename in parts else data)
        for n in range(extra):
            dst.writestr(f"customXml/item{n}.xml", b"<a/>")


def _body(fill: Callable[[], bytes]) -> Callable[[bytes], bytes]:
    """document.xml with ``fill()`` in place of the body's paragraphs (its last sectPr kept)."""

    def change(data: bytes) -> bytes:
        head, _, rest = data.partition(b"<w:body>")
        return head + b"<w:body>" + fill() + rest[rest.rfind(b"<w:sectPr") :]

    return change


def _rsid(rng: random.Random) -> str:
    return "".join(rng.choices(_DIGITS, k=8))


def empty_paragraphs(base: Path, path: Path) -> None:
    """Four million empty paragraphs: 52 KB packed, 24 MB of XML (the file of the issue)."""
    _rewrite(base, path, {DOCUMENT: _body(lambda: b"<w:p/>" * 4_000_000)})


def many_paragraphs(base: Path, path: Path) -> None:
    """60,000 empty paragraphs with revision ids, which pack as text does (no ratio to betray them)."""
    rng = random.Random(1)
    fill = "".join(f'<w:p w:rsidR="{_rsid(rng)}"/>' for _ in range(60_000)).encode()
    _rewrite(base, path, {DOCUMENT: _body(lambda: fill)})


def deflate_bomb(base: Path, path: Path) -> None:
    """document.xml padded with 100 MB of spaces inside the body: 100 KB packed."""
    _rewrite(base, path, {DOCUMENT: lambda data: data.replace(b"<w:body>", b"<w:body>" + b" " * (100 * 1024 * 1024))})


def thousands_of_parts(base: Path, path: Path) -> None:
    _rewrite(base, path, {}, extra=5_000)


def deep_nesting(base: Path, path: Path) -> None:
    """A paragraph inside 20,000 nested content controls (880 KB: below the size where the ratio counts)."""
    depth = 20_000
    fill = b"<w:sdt><w:sdtContent>" * depth + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * depth
    _rewrite(base, path, {DOCUMENT: _body(lambda: fill)})


_LAUGHS = (
    b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)


def _declare(doctype: bytes, use: bytes) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        declaration, _, rest = data.partition(b"?>")
        return declaration + b"?>" + doctype + rest.replace(b"<w:t>", b"<w:t>" + use, 1)

    return change


def billion_laughs(base: Path, path: Path) -> None:
    _rewrite(base, path, {DOCUMENT: _declare(_LAUGHS, b"&d;")})


def external_entity(base: Path, path: Path) -> None:
    doctype = b'<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    _rewrite(base, path, {"word/styles.xml": _declare(doctype, b"&e;")})


def huge_styles(base: Path, path: Path) -> None:
    """styles.xml with 40 MB of styles, named at random (it packs as text does)."""
    rng = random.Random(2)

    def change(data: bytes) -> bytes:
        styles = "".join(
            f'<w:style w:type="paragraph" w:styleId="S{_rsid(rng)}{_rsid(rng)}"><w:name w:val="{_rsid(rng)}"/>'
            f'<w:rPr><w:sz w:val="{rng.randint(10, 99)}"/></w:rPr></w:style>'
            for _ in range(350_000)
        ).encode()
        return data.replace(b"</w:styles>", styles + b"</w:styles>")

    _rewrite(base, path, {"word/styles.xml": change})


def truncated(base: Path, path: Path) -> None:
    data = base.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def broken_directory(base: Path, path: Path) -> None:
    """The end record intact, the central directory it points at overwritten."""
    data = bytearray(base.read_bytes())
    start = data.rfind(b"PK\x05\x06")
    offset = int.from_bytes(data[start + 16 : start + 20], "little")
    data[offset:start] = b"\xff" * (start - offset)
    path.write_bytes(bytes(data))


def not_a_zip(base: Path, path: Path) -> None:
    path.write_text("这不是 Word 文档，只是一段文字。\n", encoding="utf-8")


def encrypted(base: Path, path: Path) -> None:
    """What Word writes with an open password: an OLE file holding an EncryptedPackage stream."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"))


def old_doc(base: Path, path: Path) -> None:
    """A Word 97–2003 .doc renamed .docx: an OLE file with a WordDocument stream."""
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 2048
    )


def empty_file(base: Path, path: Path) -> None:
    path.write_bytes(b"")


def long_paragraph(base: Path, path: Path) -> None:
    """One paragraph of three million characters (9 MB, random, so it packs as text does)."""
    rng = random.Random(3)
    text = "".join(rng.choices("法治政府建设年度报告行政执法许可复议诉讼普法公开信访学习审查顾问", k=3_000_000))
    fill = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    _rewrite(base, path, {DOCUMENT: _body(lambda: fill)})


def huge_table(base: Path, path: Path) -> None:
    """A table of 500 × 500 cells, each with a figure: 250,000 cells, 2.25 million tags."""
    rng = random.Random(4)
    row = "".join("<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>" for _ in range(500))
    rows = "".join("<w:tr>" + row.format(*(rng.randint(0, 10**6) for _ in range(500))) + "</w:tr>" for _ in range(500))
    fill = f"<w:tbl><w:tblGrid>{'<w:gridCol/>' * 500}</w:tblGrid>{rows}</w:tbl><w:p/>".encode()
    _rewrite(base, path, {DOCUMENT: _body(lambda: fill)})


def long_report(base: Path, path: Path, copies: int = 40) -> None:
    """The sample's body, from the first heading to the signature, ``copies`` times, its text in
    runs of 12 characters, each with its own run properties and a revision id, as Word writes a
    long-edited document."""
    rng = random.Random(5)

    def fragment(match: re.Match[bytes]) -> bytes:
        props, text = match[1] or b"", match[2].decode()
        props = props.replace(b"</w:rPr>", b"") if props else b"<w:rPr>"
        props += b'<w:rFonts w:hint="eastAsia"/><w:lang w:eastAsia="zh-CN"/></w:rPr>'
        return "".join(
            f'<w:r w:rsidR="{_rsid(rng)}">{props.decode()}<w:t xml:space="preserve">{text[k : k + 12]}</w:t></w:r>'
            for k in range(0, len(text), 12)
        ).encode()

    def change(data: bytes) -> bytes:
        head, _, rest = data.partition(b"<w:body>")
        body, last = rest[: rest.rfind(b"<w:sectPr")], rest[rest.rfind(b"<w:sectPr") :]
        body = re.sub(rb"<w:sectPr>.*?</w:sectPr>|<w:sectPr .*?</w:sectPr>", b"", body)  # one section
        run = rb"<w:r>(<w:rPr>(?:(?!</w:r>).)*?</w:rPr>)?<w:t(?: [^>]*)?>([^<]*)</w:t></w:r>"  # within one run
        body = re.sub(run, fragment, body)
        # the body from the first heading to the signature, repeated; title, 主送机关, signature once
        first, signature = body.index(b'<w:p><w:pPr><w:pStyle w:val="GwHeading1"/>'), body.index(b"GwSignature")
        signature = body.rindex(b"<w:p>", 0, signature)
        return head + b"<w:body>" + body[:first] + body[first:signature] * copies + body[signature:] + last

    _rewrite(base, path, {DOCUMENT: change})


def under_the_limits(base: Path, path: Path) -> None:
    """The costliest file the limits let through: 9,950 paragraphs of three runs, each run with its
    own properties (a dict of its own for each) — 29,850 runs, about 260,000 tags, packing as text does."""
    rng = random.Random(6)
    run = '<w:r w:rsidR="{}"><w:rPr><w:b/><w:sz w:val="{}"/></w:rPr><w:t>{}</w:t></w:r>'
    fill = "".join(
        f'<w:p w:rsidR="{_rsid(rng)}">'
        + "".join(run.format(_rsid(rng), rng.randint(10, 99), rng.randint(0, 10**6)) for _ in range(3))
        + "</w:p>"
        for _ in range(9_950)
    ).encode()
    _rewrite(base, path, {DOCUMENT: _body(lambda: fill)})


REFUSED = "不像正常的 Word 文档，已拒绝读取。请确认文件来源，或在 Word、WPS 中打开后另存为新的 .docx 再试。"
DAMAGED = "文件已损坏或不完整（压缩包结构无效），无法读取。请在 Word 或 WPS 中打开后重新保存，或重新下载后再试。"


@dataclass(frozen=True)
class HostileDocx:
    make: Callable[[Path, Path], None]
    message: str  # the whole message, ``{path}`` for the file
    against_reads: bool = True  # False: the part is one ``build --against`` never opens (it reads the text only)


HOSTILE_DOCX: dict[str, HostileDocx] = {
    "four million empty paragraphs": HostileDocx(
        empty_paragraphs,
        "错误：{path}：文档部件 word/document.xml 的压缩比异常（解压后是压缩时的 {ratio} 倍），" + REFUSED,
    ),
    "60,000 paragraphs": HostileDocx(
        many_paragraphs,
        "错误：{path}：正文有 60000 个段落（上限 10000 个），不像正常的报告，已拒绝读取。"
        "请确认文件来源，或删去多余的空段落后再试。",
    ),
    "deflate bomb": HostileDocx(
        deflate_bomb, "错误：{path}：文档部件 word/document.xml 解压后有 100 MB（上限 32 MB），" + REFUSED
    ),
    "5,000 parts": HostileDocx(thousands_of_parts, "错误：{path}：文件中有 {parts} 个部件（上限 2000 个），" + REFUSED),
    "20,000 levels of nesting": HostileDocx(
        deep_nesting, "错误：{path}：文档部件 word/document.xml 的 XML 嵌套超过 256 层，" + REFUSED
    ),
    "billion laughs": HostileDocx(
        billion_laughs, "错误：{path}：文档部件 word/document.xml 含有实体或文档类型声明，" + REFUSED
    ),
    "external entity": HostileDocx(
        external_entity, "错误：{path}：文档部件 word/styles.xml 含有实体或文档类型声明，" + REFUSED, False
    ),
    "40 MB styles part": HostileDocx(
        huge_styles, "错误：{path}：文档部件 word/styles.xml 解压后有 {mb} MB（上限 32 MB），" + REFUSED, False
    ),
    "truncated zip": HostileDocx(truncated, "错误：{path}：" + DAMAGED),
    "broken central directory": HostileDocx(broken_directory, "错误：{path}：" + DAMAGED),
    "text named .docx": HostileDocx(
        not_a_zip, "错误：{path}：不是 Word 文档（.docx），无法读取。请确认选择的是 .docx 文件。"
    ),
    "password-protected docx": HostileDocx(
        encrypted,
        "错误：{path}：文档设置了打开密码，无法读取。请在 Word 或 WPS 中打开，取消密码"
        "（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码），保存后再试。",
    ),
    ".doc named .docx": HostileDocx(
        old_doc,
        "错误：{path}：这是旧版 Word（.doc）或 WPS 文字（.wps）格式的文件，无法直接读取。"
        "请用 Word 或 WPS 打开后，选择“另存为”→“Word 文档（*.docx）”，再用新文件重试。",
    ),
    "empty file": HostileDocx(
        empty_file, "错误：{path}：文件是空的（0 字节），不是 Word 文档。请确认文件已完整保存或下载。"
    ),
    "a paragraph of three million characters": HostileDocx(
        long_paragraph,
        "错误：{path}：正文第1段有 3000000 个字（上限 100000 字），不像正常的报告，已拒绝读取。"
        "请确认文件来源，或把这一段拆开、删减后再试。",
    ),
    "a 500 × 500 table": HostileDocx(
        huge_table,
        "错误：{path}：文档部件 word/document.xml 的 XML 元素过多（全部部件合计超过 1000000 个），" + REFUSED,
    ),
}
