"""Open a DOCX from anyone within fixed bounds: the one place that unzips and parses such a file.

``check`` audits any DOCX, ``build --against OLD.docx`` reads an earlier draft and the fingerprint
reads the file at the output path; each may be a crafted file.  Before this module a 52 KB DOCX of
four million empty paragraphs took ``check`` 27.5 s and 3.67 GB.  Every bound below is checked
*before* the work it bounds (the zip's directory before zipfile reads it, a part's declared size
before it is unpacked, its ``<`` count before it is parsed), so a refusal costs milliseconds.

The limits, and why each value (measured on our drafts, the same drafts saved by LibreOffice, and
the 261-page document of ``tests/hostile_docx.py``; the README lists the margins):

- ``MAX_PARTS`` 2,000 zip entries: Word writes 12–20 parts, one more per image; a report with a few
  hundred photographs still fits.  ``MAX_DIRECTORY_BYTES`` bounds the zip's central directory that
  zipfile reads whole (2 KB an entry; Word's are under 100 bytes).
- ``MAX_PART_BYTES`` 32 MB unpacked for one XML part, ``MAX_TOTAL_BYTES`` 64 MB for every part read
  through one opening: the 261-page document's document.xml is 2.2 MB.
- ``MAX_RATIO`` 100 for a part over ``RATIO_FLOOR`` (1 MB): Word's XML packs 5–15 times; a part of
  repeated empty elements packs 500 times (the four-million-paragraph file), a deflate bomb 1,000.
- ``MAX_TAGS`` 1,000,000 ``<`` in the XML of one opening, which bounds the elements (each has at
  least one): ElementTree's C parser builds a million elements in about 2 s and 110 MB on the test
  machine under load; the 261-page document has 113,000.
- ``MAX_DEPTH`` 256 nested elements, libxml2's own default (so Word files that lxml and python-docx
  open); a table nested in a table adds three levels, a real document stays under 30.

Entity and DOCTYPE declarations are refused outright (Word never writes them): no billion laughs,
no external entity.  An expat pass with no element handlers finds them at C speed before
ElementTree's C parser builds the tree; defusedxml's parser, which calls Python for every element,
took 5.5 s for a million tags.  ``open_docx`` takes a path or the file's bytes, so the
fingerprint's reader can call it on the bytes it already holds.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO
from xml.parsers import expat

from generator.errors import DocumentUnreadable

MB = 1024 * 1024
MAX_PARTS = 2_000
MAX_DIRECTORY_BYTES = MAX_PARTS * 2048
MAX_PART_BYTES = 32 * MB
MAX_TOTAL_BYTES = 64 * MB
MAX_RATIO = 100
RATIO_FLOOR = 1 * MB
MAX_TAGS = 1_000_000
MAX_DEPTH = 256

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, and Office's encrypted packages
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_REFUSED = "不像正常的 Word 文档，已拒绝读取。请确认文件来源，或在 Word、WPS 中打开后另存为新的 .docx 再试。"
_DAMAGED = "文件已损坏或不完整（压缩包结构无效），无法读取。请在 Word 或 WPS 中打开后重新保存，或重新下载后再试。"


def _directory(f: BinaryIO) -> tuple[int, int] | None:
    """(entries, central directory bytes) as the end-of-central-directory record declares them, zip64
    included; None when there is no such record (zipfile then says the file is damaged)."""
    f.seek(0, io.SEEK_END)
    size = f.tell()
    back = min(size, 22 + 65535)  # the record, and a comment of at most 64 KB after it
    f.seek(size - back)
    tail = f.read(back)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    entries = int.from_bytes(tail[at + 10 : at + 12], "little")
    directory = int.from_bytes(tail[at + 12 : at + 16], "little")
    if (entries == 0xFFFF or directory == 0xFFFFFFFF) and at >= 20 and tail[at - 20 : at - 16] == _ZIP64_LOCATOR:
        f.seek(int.from_bytes(tail[at - 12 : at - 4], "little"))
        record = f.read(56)
        if record[:4] == _ZIP64_EOCD and len(record) == 56:
            entries = int.from_bytes(record[32:40], "little")
            directory = int.from_bytes(record[40:48], "little")
    return entries, directory


class _Declared(Exception):
    """A part declares a DOCTYPE or an entity."""


def _refuse(*_: object) -> None:
    raise _Declared


def _refuse_declarations(data: bytes) -> None:
    """Raise :class:`_Declared` if the XML declares a DOCTYPE or an entity (Word never writes one):
    expat reads the part once with no element handlers, at C speed, seeing exactly the encoding and
    declarations the tree builder would; then no entity can be expanded or fetched."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.Parse(data, True)


def _depth_over(root: ET.Element, limit: int) -> bool:
    """Whether the tree nests deeper than ``limit``: one pass level by level, no recursion."""
    level, depth = [root], 1
    while level:
        level = [child for el in level for child in el]
        depth += bool(level)
        if depth > limit:
            return True
    return False


class DocxPackage:
    """The parts of one DOCX, read and parsed within the module's limits; use it in a ``with``."""

    def __init__(self, source: Path | bytes, label: str) -> None:
        self.label = label
        self._bytes_read = 0
        self._tags = 0
        self._parsed: dict[str, ET.Element | None] = {}
        stream: BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
        try:
            self._zip = self._open(stream)
        except BaseException:
            stream.close()
            raise
        self._stream = stream
        self.names = [i.filename for i in self._zip.infolist()]

    def _fail(self, what: str) -> DocumentUnreadable:
        return DocumentUnreadable(f"{self.label}：{what}")

    def _open(self, f: BinaryIO) -> zipfile.ZipFile:
        head = f.read(8)
        if not head:
            raise self._fail("文件是空的（0 字节），不是 Word 文档。请确认文件已完整保存或下载。")
        if head == OLE_MAGIC:
            f.seek(0)
            if _ENCRYPTED in f.read(8 * MB):  # the stream's name sits in the OLE directory, near the start
                raise self._fail(
                    "文档设置了打开密码，无法读取。请在 Word 或 WPS 中打开，取消密码"
                    "（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码），保存后再试。"
                )
            raise self._fail(
                "这是旧版 Word（.doc）或 WPS 文字（.wps）格式的文件，无法直接读取。"
                "请用 Word 或 WPS 打开后，选择“另存为”→“Word 文档（*.docx）”，再用新文件重试。"
            )
        if not head.startswith(b"PK"):
            raise self._fail("不是 Word 文档（.docx），无法读取。请确认选择的是 .docx 文件。")
        declared = _directory(f)
        if declared is None:
            raise self._fail(_DAMAGED)
        entries, directory = declared
        if entries > MAX_PARTS or directory > MAX_DIRECTORY_BYTES:
            raise self._fail(f"文件中有 {entries} 个部件（上限 {MAX_PARTS} 个），" + _REFUSED)
        f.seek(0)
        try:
            z = zipfile.ZipFile(f)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise self._fail(_DAMAGED) from exc
        if len(z.infolist()) > MAX_PARTS:  # a directory that says less than it holds
            raise self._fail(f"文件中有 {len(z.infolist())} 个部件（上限 {MAX_PARTS} 个），" + _REFUSED)
        return z

    def close(self) -> None:
        self._zip.close()
        self._stream.close()

    def __enter__(self) -> DocxPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, name: str) -> bytes | None:
        """The part's bytes (None when absent), refused when over a size or ratio limit."""
        info = self._zip.NameToInfo.get(name)
        if info is None:
            return None
        size = info.file_size
        if size > MAX_PART_BYTES:
            raise self._fail(f"文档部件 {name} 解压后有 {size // MB} MB（上限 {MAX_PART_BYTES // MB} MB），" + _REFUSED)
        if size > RATIO_FLOOR and size > MAX_RATIO * max(1, info.compress_size):
            ratio = size // max(1, info.compress_size)
            raise self._fail(f"文档部件 {name} 的压缩比异常（解压后是压缩时的 {ratio} 倍），" + _REFUSED)
        if self._bytes_read + size > MAX_TOTAL_BYTES:
            raise self._fail(f"文档各部件解压后合计超过 {MAX_TOTAL_BYTES // MB} MB，" + _REFUSED)
        try:
            with self._zip.open(info) as part:
                data = part.read(size + 1)  # zipfile stops at the declared size and checks the CRC
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise self._fail(_DAMAGED) from exc
        self._bytes_read += len(data)
        return data

    def xml(self, name: str) -> ET.Element | None:
        """The part parsed (None when absent; each part is parsed once), refused when it declares
        entities, is not XML, or has more elements or nesting than the limits."""
        if name in self._parsed:
            return self._parsed[name]
        data = self.read(name)
        if data is None:
            self._parsed[name] = None
            return None
        self._tags += data.count(b"<")
        if self._tags > MAX_TAGS:
            raise self._fail(f"文档部件 {name} 的 XML 元素过多（全部部件合计超过 {MAX_TAGS} 个），" + _REFUSED)
        try:
            _refuse_declarations(data)
            root = ET.fromstring(data)
        except _Declared as exc:
            raise self._fail(f"文档部件 {name} 含有实体或文档类型声明，" + _REFUSED) from exc
        except (ET.ParseError, expat.ExpatError, ValueError) as exc:
            raise self._fail(f"文档部件 {name} 不是有效的 XML（{exc}），文件可能已损坏。") from exc
        if _depth_over(root, MAX_DEPTH):
            raise self._fail(f"文档部件 {name} 的 XML 嵌套超过 {MAX_DEPTH} 层，" + _REFUSED)
        self._parsed[name] = root
        return root


def open_docx(source: Path | bytes, label: str | Path | None = None) -> DocxPackage:
    """Open a DOCX given as a path or as its bytes, within the limits above; raise
    :class:`DocumentUnreadable` (a Chinese message naming ``label``, by default the path) if it
    is not one or is out of bounds.  ``read(name)`` and ``xml(name)`` then give its parts."""
    if isinstance(source, Path):
        if not source.exists():
            raise DocumentUnreadable(f"{label or source}：找不到这个文件，请检查路径是否正确。")
        if source.is_dir():
            raise DocumentUnreadable(f"{label or source}：这是一个文件夹，请指定 .docx 文件。")
        try:
            return DocxPackage(source, str(label or source))
        except OSError as exc:  # no permission, name too long …
            from generator.files import os_advice, reason

            raise DocumentUnreadable(f"{label or source}：无法打开这个文件（{reason(exc)}）。{os_advice(exc)}") from exc
    return DocxPackage(source, str(label or "文档"))
