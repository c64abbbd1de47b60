"""Old-format files: an OLE compound file told apart by its streams, and LibreOffice's conversion.

An OLE compound file (magic D0 CF 11 E0 A1 B1 1A E1) is a small file system; the names of its
streams say what it is: ``WordDocument`` a Word 97–2003 document (.doc, and WPS 文字's .wps),
``EncryptedPackage`` a DOCX or XLSX saved with an opening password (Office encrypts the whole
package and wraps it so), ``Workbook`` an Excel .xls, ``CONTENTS`` a Microsoft Works .wps.  Only
the header, the FAT and the directory are read here, with the standard library, and a Word
document's first sector for its FIB, whose ``fEncrypted`` bit marks a .doc with a password.

A document LibreOffice can open (.doc, .wps, RTF, ODT) is converted to DOCX by it — found and run
by :mod:`generator.docx.pdf` (PATH, the Windows install folders, a private profile, a time limit)
— and the DOCX read by :mod:`generator.imports.document_docx`.
"""

from __future__ import annotations

import struct
import subprocess
import tempfile
from pathlib import Path

from generator.imports.document import EXCEL, GIVE_INSTEAD, Document, fail, password

_END = 0xFFFFFFFE  # ENDOFCHAIN; any id at or above 0xFFFFFFFA ends a chain
_WORD_IDENT = 0xA5EC
_F_ENCRYPTED = 0x0100  # FibBase: fEncrypted
_F_OBFUSCATED = 0x8000  # FibBase: fObfuscated (XOR obfuscation, also a password)
_FORMATS = {
    "doc": "旧版 Word（.doc）或 WPS 文字（.wps）格式",
    "wps": "旧版 Word（.doc）或 WPS 文字（.wps）格式",
    "rtf": "RTF 格式",
    "odt": "OpenDocument 文本（.odt）格式",
}


def no_libreoffice(what: str) -> str:
    return (
        f"这是{what}的文件，读取它需要 LibreOffice，但本机没有找到。"
        "请安装 LibreOffice（免费，www.libreoffice.org）后重试；"
        "或在 Word/WPS 中打开它，选择“另存为”→“Word 文档（*.docx）”，再导入新文件。"
    )


def _streams(data: bytes) -> dict[str, tuple[int, int]] | None:
    """The directory of an OLE compound file: name → (start sector, size); None when damaged."""
    if len(data) < 512:
        return None
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        return None
    size = 1 << shift
    sectors = max(0, len(data) // size - 1)

    def sector(n: int) -> bytes:
        return data[(n + 1) * size : (n + 2) * size] if n < sectors else b""

    fat_ids = list(struct.unpack_from("<109I", data, 0x4C))
    difat, difat_count = struct.unpack_from("<II", data, 0x44)
    for _ in range(min(difat_count, sectors)):  # the FAT's sectors beyond the header's 109
        if difat >= _END - 4:
            break
        block = sector(difat)
        if len(block) < size:
            return None
        entries = struct.unpack_from(f"<{size // 4}I", block)
        fat_ids += entries[:-1]
        difat = entries[-1]
    fat: list[int] = []
    for n in fat_ids[: struct.unpack_from("<I", data, 0x2C)[0]]:
        block = sector(n) if n < _END - 4 else b""
        if len(block) < size:
            return None
        fat += struct.unpack_from(f"<{size // 4}I", block)
    out: dict[str, tuple[int, int]] = {}
    n, seen = struct.unpack_from("<I", data, 0x30)[0], 0
    while n < min(len(fat), _END - 4) and seen <= sectors:
        block, seen = sector(n), seen + 1
        for at in range(0, len(block) - 127, 128):
            length = struct.unpack_from("<H", block, at + 64)[0]
            if block[at + 66] in (1, 2, 5) and 2 <= length <= 64:
                name = block[at : at + length - 2].decode("utf-16-le", "replace")
                out[name] = struct.unpack_from("<II", block, at + 116)
        n = fat[n]
    return out or None


def _word_encrypted(data: bytes, start: int, length: int) -> bool:
    """Whether a WordDocument stream's FIB says the document is encrypted or obfuscated."""
    size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    cutoff = struct.unpack_from("<I", data, 0x38)[0]
    if length < cutoff:  # a stream in the mini stream: no real Word document is that small
        return False
    at = (start + 1) * size
    if at + 12 > len(data) or struct.unpack_from("<H", data, at)[0] != _WORD_IDENT:
        return False
    return bool(struct.unpack_from("<H", data, at + 0x0A)[0] & (_F_ENCRYPTED | _F_OBFUSCATED))


def ole_document(data: bytes, name: str) -> Document:
    """A .doc or .wps converted and read; a password-protected file, an .xls or a .ppt named."""
    streams = _streams(data)
    kind = "wps" if name.lower().endswith(".wps") else "doc"
    if streams is None:  # damaged, or a layout this reader does not follow: look for the names
        if "EncryptedPackage".encode("utf-16-le") in data[: 8 * 1024 * 1024]:
            raise fail(name, password(name))
        return convert(data, name, kind, f".{kind}")
    if "EncryptedPackage" in streams:
        raise fail(name, password(name))
    if "WordDocument" in streams:
        if _word_encrypted(data, *streams["WordDocument"]):
            raise fail(name, password(name))
        return convert(data, name, kind, ".doc")  # WPS 文字 saves .wps in Word's format
    if "Workbook" in streams or "Book" in streams:
        raise fail(name, EXCEL.replace("Excel 工作簿", "Excel 工作簿（.xls）", 1))
    if "PowerPoint Document" in streams:
        raise fail(name, "这是 PowerPoint 演示文稿（.ppt），不是报告。" + GIVE_INSTEAD)
    if "CONTENTS" in streams or "MN0" in streams:  # Microsoft Works
        return convert(data, name, "wps", ".wps")
    raise fail(name, "这是一个 Office 旧格式的文件，但里面没有 Word 文档，无法导入。" + GIVE_INSTEAD)


def convert(data: bytes, name: str, kind: str, suffix: str) -> Document:
    """``data`` (a .doc, .wps, RTF or ODT file) converted to DOCX by LibreOffice and read."""
    from generator.docx import pdf
    from generator.docx.limits import open_docx
    from generator.imports.document_docx import docx_document

    exe = pdf.find_soffice()
    if exe is None:
        raise fail(name, no_libreoffice(_FORMATS.get(kind, _FORMATS["doc"])))
    save_as = "请在 Word/WPS 中打开它，选择“另存为”→“Word 文档（*.docx）”，再导入新文件。"
    with tempfile.TemporaryDirectory(prefix="report-draft-") as tmp:
        folder = Path(tmp)
        source = folder / f"source{suffix}"  # a plain name: some LibreOffice builds mishandle unusual paths
        source.write_bytes(data)
        try:
            pdf.run_soffice(exe, ["--convert-to", "docx", "--outdir", str(folder), str(source)], folder)
        except subprocess.TimeoutExpired as exc:
            raise fail(name, f"LibreOffice 转换超过 {pdf.CONVERT_TIMEOUT_S} 秒仍未完成，已放弃。" + save_as) from exc
        except subprocess.CalledProcessError as exc:
            raise fail(name, f"LibreOffice 转换失败（退出码 {exc.returncode}）。" + save_as) from exc
        except OSError as exc:
            from generator.files import reason

            raise fail(name, f"无法运行 LibreOffice（{reason(exc)}）。" + save_as) from exc
        produced = folder / "source.docx"
        if not produced.exists():
            raise fail(name, "LibreOffice 无法打开这个文件（文件可能已损坏，或设有打开密码）。" + save_as)
        docx = produced.read_bytes()
    with open_docx(docx, name) as pkg:
        return docx_document(pkg, name, kind)
