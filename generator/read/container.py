"""What the file given as the workbook is, before any part of it is parsed.

Other formats by their extension (.xls, .et, .csv, .ods), old binary and encrypted files by their first
bytes, Word and PowerPoint files by their content types, and zip bombs by their sizes: each is refused
with a message that says what the file is and what to do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from generator.errors import WorkbookUnreadable
from generator.read.xlsx import Workbook
from generator.read.xml_stream import Unreadable

MAX_UNPACKED = 200 * 1024 * 1024  # the workbook's parts unpacked, at most (zip bombs)
MAX_RATIO = 100  # a large part that unpacks to more than this many times its packed size is refused
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .et and password-protected .xlsx share it


_OTHER_FORMATS = {
    ".xls": "这是旧版 Excel（.xls）文件",
    ".et": "这是 WPS 表格（.et）文件",
    ".csv": "这是 CSV 文本文件",
    ".ods": "这是 OpenDocument（.ods）表格",
}


def open_workbook(path: Path, max_rows: int) -> Workbook:
    """The workbook at ``path``, opened for reading, or a :class:`WorkbookUnreadable` saying why not."""
    if not path.exists():
        raise WorkbookUnreadable(f"{path}：找不到这个文件，请检查路径是否正确。")
    if path.is_dir():
        raise WorkbookUnreadable(f"{path}：这是一个文件夹，请指定工作簿文件（.xlsx）。")
    suffix = path.suffix.lower()
    if suffix in _OTHER_FORMATS:
        raise WorkbookUnreadable(
            f"{path}：{_OTHER_FORMATS[suffix]}，无法直接读取。请用 Excel 或 WPS 打开后，"
            "选择“另存为”→“Excel 工作簿（*.xlsx）”，再用新文件生成报告。"
        )
    _check_container(path)
    try:
        return Workbook(path, max_rows)
    except Unreadable as exc:  # a damaged or crafted file
        raise unreadable(path) from exc


def unreadable(path: Path) -> WorkbookUnreadable:
    """The message for a file that does not open as a workbook."""
    return WorkbookUnreadable(
        f"{path}：无法作为 Excel 工作簿（.xlsx）打开（文件可能已损坏、加密或不是工作簿）。"
        "请用 Excel 或 WPS 打开确认，另存为 .xlsx 后重试。"
    )


# The main part's content type, in [Content_Types].xml, says what a zipped Office file is
_OTHER_PACKAGES = {
    b"wordprocessingml.": "这是 Word 文档，不是 Excel 工作簿",
    b"application/vnd.ms-word.": "这是 Word 文档，不是 Excel 工作簿",
    b"presentationml.": "这是 PowerPoint 演示文稿，不是 Excel 工作簿",
    b"application/vnd.ms-powerpoint.": "这是 PowerPoint 演示文稿，不是 Excel 工作簿",
}


def _check_kind(path: Path, z: zipfile.ZipFile) -> None:
    """A Word or PowerPoint file (renamed .xlsx, or the draft given by mistake) is named as what it is."""
    if "[Content_Types].xml" not in z.NameToInfo or z.NameToInfo["[Content_Types].xml"].file_size > 1024 * 1024:
        return
    types = z.read("[Content_Types].xml")
    if b"spreadsheetml." in types or b"application/vnd.ms-excel." in types:
        return
    for marker, what in _OTHER_PACKAGES.items():
        if marker in types:
            raise WorkbookUnreadable(
                f"{path}：{what}，无法读取。请指定填写数据的工作簿（.xlsx）；"
                "还没有工作簿的，可用 report-draft init 生成空白工作簿。"
            )


def _check_container(path: Path) -> None:
    """Refuse what the parser should never be handed: encrypted or old binary files, zip bombs."""
    with path.open("rb") as f:
        head = f.read(8)
        if head == OLE_MAGIC:
            f.seek(0)
            encrypted = "EncryptedPackage".encode("utf-16-le") in f.read(64 * 1024 * 1024)
            if encrypted:
                raise WorkbookUnreadable(
                    f"{path}：工作簿设置了打开密码，无法读取。请在 Excel 或 WPS 中打开，取消密码"
                    "（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），保存后重试。"
                )
            raise WorkbookUnreadable(
                f"{path}：这是旧版 Excel（.xls）或 WPS 表格（.et）格式的文件，无法直接读取。"
                "请用 Excel 或 WPS 打开后，选择“另存为”→“Excel 工作簿（*.xlsx）”，再用新文件生成报告。"
            )
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            _check_kind(path, z)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return  # the parser reports it as unreadable
    unpacked = sum(i.file_size for i in infos)
    bomb = any(i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_RATIO * max(1, i.compress_size) for i in infos)
    if unpacked > MAX_UNPACKED or bomb:
        raise WorkbookUnreadable(
            f"{path}：工作簿解压后异常庞大（{unpacked // (1024 * 1024)} MB），不像正常填写的工作簿，已拒绝读取。"
            "请用 report-draft init 生成的空白工作簿重新填写。"
        )
