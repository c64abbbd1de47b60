"""Reading last year's report (#16): each format into the same paragraphs, each bad file its message."""

from __future__ import annotations

import html
import io
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

import generator.docx.pdf
from generator.docx.fingerprint import read_stamp
from generator.errors import DocumentUnreadable
from generator.imports.document import MAX_TEXT_BYTES, Block, read_document
from generator.imports.document_numbering import format_number
from generator.imports.document_ole import _streams
from tests import hostile_docx
from tests.import_inputs import encrypted, scanned_pdf
from tests.make_report_docx import report_docx

FIXTURE = Path(__file__).parent / "fixtures" / "annual-report-yueyanglou-health-2022.txt"
LINES = FIXTURE.read_text(encoding="utf-8").splitlines()
VML = "urn:schemas-microsoft-com:vml"
HAS_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def texts(source: Path | bytes, name: str = "去年 报告") -> list[str]:
    return [b.text for b in read_document(source, name).blocks]


def refused(source: Path | bytes, name: str = "去年 报告.docx") -> str:
    """The message for a file that cannot be used: complete, Chinese, naming the file."""
    with pytest.raises(DocumentUnreadable) as caught:
        read_document(source, name)
    message = str(caught.value)
    assert message.startswith(f"{name}：")
    assert len(re.findall(r"[\u4e00-\u9fff]", message)) > 12 and "Traceback" not in message
    return message


# -- the same report in every format ---------------------------------------------------------------


def test_the_report_as_utf8_text_gives_one_block_a_line(tmp_path: Path) -> None:
    path = tmp_path / "岳阳楼区 2022年报告.txt"
    path.write_text("\n".join(LINES) + "\n\n", encoding="utf-8")
    document = read_document(path, path.name)
    assert document.kind == "txt" and [b.text for b in document.blocks] == LINES
    assert document.blocks[4] == Block("一、2022年推进法治政府建设的主要举措和成效", "第5行")
    assert document.own_fingerprint == ""


def test_the_report_as_gbk_text_with_windows_lines_and_indents_reads_the_same() -> None:
    """Notepad on Chinese Windows saves GBK ("ANSI") with CRLF; paragraphs indented by two 全角 spaces."""
    data = "\r\n".join("\u3000\u3000" + line + " \t" for line in LINES).encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert texts(data) == LINES
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        assert texts(bom + "\n\n".join(LINES).encode(codec)) == LINES, codec


def test_text_keeps_the_spaces_inside_a_line_and_trims_the_ends() -> None:
    blocks = read_document("\u3000 岳阳楼区卫生健康局 2022年\xa0报告\xa0\n\n\n\t第二段\u3000".encode(), "a.txt").blocks
    assert blocks == (Block("岳阳楼区卫生健康局 2022年 报告", "第1行"), Block("第二段", "第4行"))


def _web_page(lines: list[str], charset: str = "utf-8") -> str:
    paragraphs = "\n".join(
        f'<p style="text-indent:2em">&nbsp;&nbsp;{html.escape(line).replace("“", "&ldquo;")}</p>'
        for line in lines[3:-2]
    )
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{lines[0]}_岳阳楼区人民政府</title>
<script>var s = "<p>脚本里的字</p>";</script><style>p {{ margin: 0 }}</style></head>
<body><header><div class="logo">岳阳楼区人民政府门户网站</div></header>
<nav><ul><li><a href="/">首页</a></li><li>政务公开</li></ul></nav>
<table width="100%"><tr><td><div class="article">
<h1>{lines[0]}</h1>
<div class="title"><strong>{lines[1]}</strong><br>{lines[2]}</div>
{paragraphs}
<p align="right">{lines[-2]}<br/>{lines[-1]}</p>
</div></td></tr></table>
<footer>版权所有：岳阳楼区人民政府 &copy; 2023</footer><script>track();</script></body></html>
"""


def test_the_report_as_a_saved_web_page_reads_as_its_text(tmp_path: Path) -> None:
    path = tmp_path / "报告.html"
    path.write_bytes(_web_page(LINES, "gb2312").encode("gb18030"))
    document = read_document(path, path.name)
    assert document.kind == "html"
    assert [b.text for b in document.blocks] == LINES
    assert {b.level for b in document.blocks} == {0} and not any(b.in_table for b in document.blocks)  # layout table
    assert document.blocks[0].tag == "h1" and document.blocks[5].tag == "p"
    # the same page saved by a browser as one file (.mht), its HTML part in base64
    import email.mime.multipart
    import email.mime.text

    message = email.mime.multipart.MIMEMultipart("related")
    message.attach(email.mime.text.MIMEText(_web_page(LINES), "html", "utf-8"))
    assert texts(message.as_bytes(), "报告.mht") == LINES


def test_a_data_table_in_a_web_page_is_a_table() -> None:
    page = "<html><body><p>一、基本情况</p><table><tr><th>项目</th><th>件数</th></tr>"
    page += "<tr><td>行政复议</td><td>3</td></tr></table><div>正文<br>第二行</div></body></html>"
    blocks = read_document(page.encode(), "a.htm").blocks
    assert [(b.text, b.where, b.in_table) for b in blocks] == [
        ("一、基本情况", "第1段", False),
        ("项目", "表格1第1行第1列", True),
        ("件数", "表格1第1行第2列", True),
        ("行政复议", "表格1第2行第1列", True),
        ("3", "表格1第2行第2列", True),
        ("正文", "第6段", False),
        ("第二行", "第7段", False),
    ]


@pytest.mark.parametrize("auto_numbering", [False, True])
def test_the_report_as_a_clerks_word_file_reads_as_its_text(tmp_path: Path, auto_numbering: bool) -> None:
    path = report_docx(LINES, tmp_path / "去年 报告.docx", auto_numbering=auto_numbering)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    # with Word's list numbering the numbers are not in the text: the reader draws them
    assert ("<w:numPr>" in xml) is auto_numbering and ("(一)加强领导" in xml) is not auto_numbering
    document = read_document(path, path.name)
    assert document.kind == "docx" and [b.text for b in document.blocks] == LINES
    items = [b for b in document.blocks if re.match(r"\d\.", b.text)]
    assert len(items) == 19 and items[0].run_in == "1.加强组织领导。"
    assert all(b.run_in and b.text.startswith(b.run_in) and b.run_in[-1] == "。" for b in items)
    assert not any(b.run_in for b in document.blocks if not re.match(r"\d\.", b.text))


def test_our_own_draft_gives_its_heading_levels_run_in_titles_and_fingerprint(sample_docx: Path) -> None:
    document = read_document(sample_docx, sample_docx.name)
    assert document.own_fingerprint == read_stamp(sample_docx).stored and document.own_fingerprint.startswith("v2:")
    levels = {b.text: b.level for b in document.blocks}
    assert levels["一、2025年推进法治政府建设的主要举措和成效"] == 1
    assert levels["（一）加强党的领导，压实法治建设责任"] == 2
    assert [b.text for b in document.blocks if b.level == 1][-1] == "五、其他需要报告的情况"
    runs = [b for b in document.blocks if b.run_in]
    assert runs[0].run_in == "1.健全法治建设领导机制。" and runs[0].level == 0
    assert "（一）带头谋划部署法治建设。" in [b.run_in for b in runs]  # a 楷体 run-in in a body paragraph
    assert all(b.text.startswith(b.run_in) for b in runs)
    # the title's line break ends a block, as a line of the published text does
    assert [b.text for b in document.blocks[:2]] == ["示例县卫生健康局", "2025年法治政府建设年度报告"]
    assert document.blocks[0].where == document.blocks[1].where == "第1段"


@pytest.fixture(scope="module")
def old_word_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clerk's Word file of the report saved as .doc by LibreOffice."""
    if not HAS_SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("doc")
    report_docx(LINES, folder / "report.docx", auto_numbering=True)
    exe = generator.docx.pdf.find_soffice()
    assert exe is not None
    args = ["--convert-to", "doc", "--outdir", str(folder), str(folder / "report.docx")]
    generator.docx.pdf.run_soffice(exe, args, folder)
    return folder / "report.doc"


def test_a_doc_file_is_converted_by_libreoffice_and_reads_as_its_text(old_word_file: Path, tmp_path: Path) -> None:
    assert old_word_file.read_bytes()[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    document = read_document(old_word_file, "去年 报告.doc")
    assert document.kind == "doc" and [b.text for b in document.blocks] == LINES
    assert document.blocks[6].run_in == "1.加强组织领导。"
    # WPS 文字 saves .wps in the same format; the name only says which
    wps = tmp_path / "去年 报告.wps"
    wps.write_bytes(old_word_file.read_bytes())
    assert read_document(wps, wps.name).kind == "wps"


def test_an_odt_file_is_converted_by_libreoffice_too(old_word_file: Path) -> None:
    folder = old_word_file.parent
    exe = generator.docx.pdf.find_soffice()
    assert exe is not None
    generator.docx.pdf.run_soffice(
        exe, ["--convert-to", "odt", "--outdir", str(folder), str(folder / "report.docx")], folder
    )
    document = read_document((folder / "report.odt").read_bytes(), "去年 报告.odt")
    assert document.kind == "odt" and [b.text for b in document.blocks] == LINES


def test_a_doc_without_libreoffice_says_to_install_it_or_save_as_docx(
    old_word_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generator.docx.pdf, "find_soffice", lambda: None)
    message = refused(old_word_file.read_bytes(), "去年 报告.doc")
    assert "LibreOffice" in message and "另存为" in message and ".docx" in message


def test_a_doc_with_a_password_is_refused_before_libreoffice_sees_it(
    old_word_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Word 97–2003 encryption is a bit of the FIB, the first bytes of the WordDocument stream."""
    data = bytearray(old_word_file.read_bytes())
    sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    start, _ = _streams(bytes(data))["WordDocument"]
    at = (start + 1) * sector_size
    assert struct.unpack_from("<H", data, at)[0] == 0xA5EC
    struct.pack_into("<H", data, at + 0x0A, struct.unpack_from("<H", data, at + 0x0A)[0] | 0x0100)
    monkeypatch.setattr(generator.docx.pdf, "find_soffice", lambda: pytest.fail("LibreOffice was run"))
    assert "密码" in refused(bytes(data), "去年 报告.doc")


# -- what a DOCX says of its paragraphs --------------------------------------------------------------


def _east_asian(run, face: str) -> None:
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)


def _save(document, tmp_path: Path, name: str = "a.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def test_table_paragraphs_are_read_in_order_with_their_cell(tmp_path: Path) -> None:
    document = WordDocument()
    document.add_paragraph("前言")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "件数"
    table.cell(1, 0).text, table.cell(1, 2).text = "行政复议", "3"
    table.cell(1, 2).add_paragraph("其中败诉0件")
    inner = table.cell(0, 2).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "内嵌"
    document.add_paragraph("后记")
    blocks = read_document(_save(document, tmp_path), "a.docx").blocks
    assert [(b.text, b.where, b.in_table) for b in blocks] == [
        ("前言", "第1段", False),
        ("项目", "表格1第1行第1列", True),
        ("件数", "表格1第1行第2列", True),
        ("内嵌", "表格2第1行第1列", True),
        ("行政复议", "表格1第2行第1列", True),
        ("3", "表格1第2行第3列", True),
        ("其中败诉0件", "表格1第2行第3列", True),
        ("后记", "第2段", False),
    ]


def test_heading_levels_come_from_heading_styles_and_outline_levels(tmp_path: Path) -> None:
    document = WordDocument()
    document.add_heading("标题一", level=1)
    document.add_heading("标题二", level=2)
    document.add_heading("标题四", level=4)
    outlined = document.add_paragraph("大纲三")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "2")
    outlined._p.get_or_add_pPr().append(level)
    document.add_paragraph("正文")
    blocks = read_document(_save(document, tmp_path), "a.docx").blocks
    assert [(b.text, b.level) for b in blocks] == [
        ("标题一", 1),
        ("标题二", 2),
        ("标题四", 0),
        ("大纲三", 3),
        ("正文", 0),
    ]


def test_a_run_in_title_is_a_short_lead_set_off_by_bold_or_face(tmp_path: Path) -> None:
    document = WordDocument()

    def paragraph(*runs: tuple[str, bool, str]) -> None:
        p = document.add_paragraph()
        for text, bold, face in runs:
            run = p.add_run(text)
            run.bold = bold or None
            _east_asian(run, face)

    paragraph(("（一）加强领导。", False, "楷体_GB2312"), ("局党委高度重视。", False, "仿宋_GB2312"))
    paragraph(("  一是健全机制", True, "仿宋"), ("：成立领导小组。", False, "仿宋"))  # the stop left plain
    paragraph(("特别重要的是", True, "仿宋"), ("依法行政。", False, "仿宋"))  # emphasis, no title
    paragraph(
        ("全段加粗。", True, "黑体"),
    )
    paragraph(("1." + "很长" * 20 + "的标题。", True, "仿宋"), ("正文。", False, "仿宋"))
    blocks = read_document(_save(document, tmp_path), "a.docx").blocks
    assert [b.run_in for b in blocks] == ["（一）加强领导。", "一是健全机制：", "", "", ""]
    assert blocks[1].text == "一是健全机制：成立领导小组。"


def _numbering(document, levels: list[tuple[str, str]], override: int | None = None) -> None:
    """A list (abstractNum 77, num 77) with the levels' (numFmt, lvlText); num 78 restarts level 0."""
    root = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "77")
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        abstract.append(lvl)
    root.find(qn("w:num")).addprevious(abstract)
    for num_id in ("77", "78"):
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), num_id)
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), "77")
        num.append(ref)
        if num_id == "78" and override is not None:
            lvl_override = OxmlElement("w:lvlOverride")
            lvl_override.set(qn("w:ilvl"), "0")
            start = OxmlElement("w:startOverride")
            start.set(qn("w:val"), str(override))
            lvl_override.append(start)
            num.append(lvl_override)
        root.append(num)


def _item(document, text: str, ilvl: int, num_id: str = "77") -> None:
    p = document.add_paragraph(text)
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(ilvl)), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        num_pr.append(child)
    p._p.get_or_add_pPr().append(num_pr)


def test_list_numbers_are_counted_as_word_counts_them(tmp_path: Path) -> None:
    document = WordDocument()
    _numbering(document, [("chineseCounting", "%1、"), ("chineseCountingThousand", "（%2）"), ("decimal", "%3."),
                          ("decimalEnclosedCircle", "%4"), ("bullet", "\u25cf")], override=1)  # fmt: skip
    _item(document, "第一部分", 0)
    _item(document, "甲", 1)
    _item(document, "甲之一", 2)
    _item(document, "甲之二", 2)
    _item(document, "圈", 3)
    _item(document, "要点", 4)
    _item(document, "乙", 1)
    _item(document, "乙之一", 2)  # restarted by 乙
    document.add_paragraph("不在列表中的段落")
    _item(document, "", 0)  # an empty list item is counted (Word shows its 二、) but gives no block
    _item(document, "第三部分", 0)
    _item(document, "又一", 1)
    _item(document, "重新编号的第一部分", 0, num_id="78")  # w:startOverride restarts the list
    blocks = read_document(_save(document, tmp_path), "a.docx").blocks
    assert [b.text for b in blocks] == [
        "一、第一部分",
        "（一）甲",
        "1.甲之一",
        "2.甲之二",
        "①圈",
        "要点",
        "（二）乙",
        "1.乙之一",
        "不在列表中的段落",
        "三、第三部分",
        "（一）又一",
        "一、重新编号的第一部分",
    ]


def test_number_formats() -> None:
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23, 100, 105)] == [
        "一", "十", "十一", "二十", "二十三", "一百", "一百〇五",
    ]  # fmt: skip
    assert format_number(12, "chineseLegalSimplified") == "壹拾贰"
    assert format_number(3, "ideographTraditional") == "丙" and format_number(11, "ideographTraditional") == "11"
    assert [format_number(n, "decimalEnclosedCircle") for n in (1, 20, 21, 50, 51)] == ["①", "⑳", "㉑", "㊿", "51"]
    assert format_number(2, "decimalEnclosedParen") == "⑵" and format_number(4, "lowerRoman") == "iv"
    assert format_number(27, "upperLetter") == "AA" and format_number(7, "decimalZero") == "07"


def test_hidden_and_deleted_text_is_left_out_inserted_text_and_text_boxes_kept(tmp_path: Path) -> None:
    document = WordDocument()
    p = document.add_paragraph("看得见")
    hidden = p.add_run("看不见")
    hidden.font.hidden = True
    deleted = OxmlElement("w:del")
    run = OxmlElement("w:r")
    text = OxmlElement("w:delText")
    text.text = "删掉的"
    run.append(text)
    deleted.append(run)
    p._p.append(deleted)
    inserted = OxmlElement("w:ins")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "插入的"
    run.append(text)
    inserted.append(run)
    p._p.append(inserted)
    box_run = document.add_paragraph("锚").add_run()
    pict = OxmlElement("w:pict")
    shape = etree.SubElement(pict, f"{{{VML}}}shape")
    textbox = etree.SubElement(shape, f"{{{VML}}}textbox")
    content = OxmlElement("w:txbxContent")
    inner = OxmlElement("w:p")
    inner_run = OxmlElement("w:r")
    inner_text = OxmlElement("w:t")
    inner_text.text = "文本框里的字"
    inner_run.append(inner_text)
    inner.append(inner_run)
    content.append(inner)
    textbox.append(content)
    box_run._r.append(pict)
    blocks = read_document(_save(document, tmp_path), "a.docx").blocks
    assert [(b.text, b.where) for b in blocks] == [
        ("看得见插入的", "第1段"),
        ("锚", "第2段"),
        ("文本框里的字", "第2段的文本框"),
    ]


def test_the_format_is_decided_by_the_bytes_not_the_name(tmp_path: Path) -> None:
    docx = report_docx(LINES[:5], tmp_path / "a.docx")
    assert texts(docx.read_bytes(), "报告.txt") == LINES[:5]
    assert texts("\n".join(LINES[:5]).encode(), "报告.docx") == LINES[:5]


# -- files that cannot be used -----------------------------------------------------------------------


def _png() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert "文件是空的（0 字节）" in refused(b"")
    assert "文件是空的" in refused(" \r\n\u3000\n".encode(), "报告.txt")
    empty = WordDocument()
    empty.add_paragraph("")
    empty.add_paragraph("   ")
    assert "文件是空的" in refused(_save(empty, tmp_path), "报告.docx")
    pictures = WordDocument()
    pictures.add_picture(io.BytesIO(_png()))
    message = refused(_save(pictures, tmp_path, "扫描件.docx"), "扫描件.docx")
    assert "文件是空的" in message and "图片" in message and "OCR" in message


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    assert "找不到这个文件" in refused(tmp_path / "没有 这个.docx", "没有 这个.docx")
    assert "文件夹" in refused(tmp_path, "报告")


def test_a_password_protected_docx_says_how_to_remove_the_password(tmp_path: Path) -> None:
    data = encrypted(report_docx(LINES[:5], tmp_path / "a.docx").read_bytes())
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1") and "EncryptedPackage" in _streams(data)
    message = refused(data, "去年 报告.docx")
    assert "文件设有打开密码" in message and "取消密码后另存为 .docx 再导入" in message
    assert "用密码进行加密" in message


def test_a_password_protected_workbook_is_named_a_workbook(tmp_path: Path) -> None:
    book = io.BytesIO()
    openpyxl.Workbook().save(book)
    message = refused(encrypted(book.getvalue()), "2022年 数据.xlsx")
    assert "密码" in message and "Excel 工作簿" in message


def test_a_pdf_is_refused_with_what_to_give_instead() -> None:
    """A scanned PDF: one page with an image and no text at all."""
    pdf = scanned_pdf()
    message = refused(pdf, "2022年报告.pdf")
    assert "PDF" in message and ".txt" in message and "网页" in message and "OCR" in message and "Word" in message


def test_a_workbook_given_by_mistake_points_to_init(tmp_path: Path) -> None:
    book = tmp_path / "2022年 数据.xlsx"
    openpyxl.Workbook().save(book)
    message = refused(book, "2022年 数据.docx")
    assert "这是 Excel 工作簿，不是报告" in message and "report-draft init --上年" in message


def test_other_files_are_named_for_what_they_seem_to_be(tmp_path: Path) -> None:
    assert "PNG 图片" in refused(_png(), "报告.png")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("报告/说明.txt", "说明")
    assert "压缩包" in refused(zipped.getvalue(), "报告.zip")
    ofd = io.BytesIO()
    with zipfile.ZipFile(ofd, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
    assert "OFD" in refused(ofd.getvalue(), "报告.ofd")
    assert "二进制" in refused(b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200), "报告.exe")
    assert "XML" in refused('<?xml version="1.0"?><root>报告</root>'.encode(), "报告.xml")
    assert "损坏" in refused(b"PK\x03\x04" + bytes(60), "报告.docx")


def test_text_in_no_known_encoding_says_to_save_it_as_utf8() -> None:
    message = refused(b"\x80\xff" * 20, "报告.txt")
    assert "编码" in message and "UTF-8" in message


def test_a_text_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "大.txt"
    with path.open("wb") as f:
        f.write("报告\n".encode())
        f.truncate(MAX_TEXT_BYTES + 1)
    assert "上限 20 MB" in refused(path, "大.txt")


def test_libreoffice_failing_to_convert_gives_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(exe: str, args: list[str], folder: Path, env: dict[str, str] | None = None) -> None:
        raise subprocess.TimeoutExpired(exe, 180)

    monkeypatch.setattr(generator.docx.pdf, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(generator.docx.pdf, "run_soffice", fail)
    message = refused(b"{\\rtf1\\ansi report}", "报告.rtf")
    assert "超过 180 秒" in message and "另存为" in message


def test_a_text_of_more_paragraphs_than_a_report_has_is_refused() -> None:
    message = refused("\n".join(f"第{n}段。" for n in range(10_001)).encode(), "报告.txt")
    assert "10001 段文字（上限 10000 段）" in message


@pytest.mark.parametrize("maker", [hostile_docx.many_paragraphs, hostile_docx.huge_table, hostile_docx.deep_nesting])
def test_hostile_docx_files_are_refused_within_the_limits(sample_docx: Path, tmp_path: Path, maker) -> None:
    path = tmp_path / "去年 报告.docx"
    maker(sample_docx, path)
    assert "已拒绝读取" in refused(path, path.name)


def test_a_long_real_report_is_read_whole(sample_docx: Path, tmp_path: Path) -> None:
    """The sample's body forty times over in runs of a dozen characters (261 pages): under the limits."""
    path = tmp_path / "长 报告.docx"
    hostile_docx.long_report(sample_docx, path)
    blocks = read_document(path, path.name).blocks
    headings = [b for b in blocks if b.level == 1]
    assert len(headings) == 5 * 40 and len(blocks) > 1_500
    assert [b.run_in for b in blocks if b.run_in][:1] == ["1.健全法治建设领导机制。"]


def test_list_numbers_set_on_heading_styles_are_drawn_too(tmp_path: Path) -> None:
    """A template whose 标题 1 and 标题 2 styles carry the list (the level by the list's w:pStyle, or
    the style's own w:ilvl), as agencies' Word templates do."""
    document = WordDocument()
    _numbering(document, [("chineseCountingThousand", "%1、"), ("chineseCountingThousand", "（%2）")])
    abstract = document.part.numbering_part.element.find(qn("w:abstractNum") + f"[@{qn('w:abstractNumId')}='77']")
    link = OxmlElement("w:pStyle")
    link.set(qn("w:val"), "Heading1")
    abstract.find(qn("w:lvl")).insert(0, link)
    for style_id, ilvl in (("Heading1", None), ("Heading2", "1")):
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", ilvl), ("w:numId", "77")):
            if value is not None:
                child = OxmlElement(tag)
                child.set(qn("w:val"), value)
                num_pr.append(child)
        document.styles[style_id.replace("Heading", "Heading ")].element.get_or_add_pPr().append(num_pr)
    for text, level in (("总体情况", 1), ("工作举措", 1), ("组织领导", 2), ("制度建设", 2), ("下步安排", 1)):
        document.add_heading(text, level=level)
    blocks = read_document(_save(document, tmp_path), "a.docx").blocks
    assert [(b.text, b.level) for b in blocks] == [
        ("一、总体情况", 1),
        ("二、工作举措", 1),
        ("（一）组织领导", 2),
        ("（二）制度建设", 2),
        ("三、下步安排", 1),
    ]
