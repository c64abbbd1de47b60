"""A report given as lines of text, written as a clerk's Word file of it would look.

    python tests/make_report_docx.py REPORT.txt OUT.docx [--auto-numbering]

:func:`report_docx` writes with python-docx what a clerk types in Word, not what this program
writes: the Normal style with direct formatting.  The title (the leading short lines without
sentence punctuation) centred in 小标宋 二号; the body in 仿宋_GB2312 三号, indented two characters;
"一、" headings in bold 黑体, "（一）" headings in 楷体; a numbered item "1.加强组织领导。…" with its
run-in title "1.加强组织领导。" bold in a run of its own; the closing signature and date right-aligned.

With ``auto_numbering`` the "一、" and "（一）" of the headings are not typed: they come from a list
definition in word/numbering.xml (one multilevel list, level 1 "%1、", level 2 in the brackets the
text uses, both chineseCounting), as when the clerk numbers headings with Word's list button.  The
typed numbers must then be the ones Word counts (一、二、… and （一） from 一 after each "一、"
heading); a text whose numbers skip raises ``ValueError``, since its DOCX would not say the same.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

NUMERALS = "一二三四五六七八九十"
LEVEL1 = re.compile(rf"^([{NUMERALS}]+)、")
LEVEL2 = re.compile(rf"^([（(])([{NUMERALS}]+)([）)])")
ITEM = re.compile(r"^\d+[.．、]")
RUN_IN = re.compile(r"^\d+[.．、][^。：:]{1,38}[。：:]")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
SENTENCE = re.compile(r"[。，,；;：:！？]")
NUM_ID = "90"  # a list id of our own beside python-docx's template lists


def chinese_number(text: str) -> int:
    """一 … 九十九 as an int (the heading numbers of a report)."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(ones) + 1 if ones else 0)
    return NUMERALS.index(text) + 1


def _fonts(run, face: str, size: float = 16, bold: bool = False) -> None:
    run.font.name = face
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)


def _list_definition(document, brackets: tuple[str, str]) -> None:
    """One multilevel list, numbered 一、 and （一） in chineseCounting, as numId NUM_ID."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), NUM_ID)
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "multilevel")
    abstract.append(multi)
    for ilvl, text in ((0, "%1、"), (1, f"{brackets[0]}%2{brackets[1]}")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", "chineseCounting"), ("w:lvlText", text)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        suffix = OxmlElement("w:suff")
        suffix.set(qn("w:val"), "nothing")  # the text follows the number directly, as typed
        lvl.append(suffix)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # abstract definitions come before the instances
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), NUM_ID)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), NUM_ID)
    num.append(ref)
    numbering.append(num)


def _numbered(paragraph, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(ilvl)), ("w:numId", NUM_ID)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        num_pr.append(child)
    ppr.append(num_pr)


def report_docx(lines: list[str], path: Path, *, auto_numbering: bool = False) -> Path:
    """Write the report given as ``lines`` (one paragraph each; empty lines skipped) to ``path``."""
    lines = [line.strip() for line in lines if line.strip()]
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "仿宋_GB2312", Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    title = 0
    while title < len(lines) and len(lines[title]) <= 40 and not SENTENCE.search(lines[title]):
        if LEVEL1.match(lines[title]) or LEVEL2.match(lines[title]) or ITEM.match(lines[title]):
            break
        title += 1
    closing = len(lines)
    if lines and DATE.match(lines[-1]):
        closing = len(lines) - 1
        if closing > title and len(lines[closing - 1]) <= 30 and not SENTENCE.search(lines[closing - 1]):
            closing -= 1
    if auto_numbering:
        first = next((m for line in lines if (m := LEVEL2.match(line))), None)
        _list_definition(document, (first.group(1), first.group(3)) if first else ("（", "）"))
    counts = [0, 0]
    for i, line in enumerate(lines):
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        if i < title:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _fonts(paragraph.add_run(line), "方正小标宋简体", 22)
            continue
        if i >= closing:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _fonts(paragraph.add_run(line), "仿宋_GB2312")
            continue
        fmt.first_line_indent = Pt(32)
        heading1, heading2 = LEVEL1.match(line), LEVEL2.match(line)
        if heading1 or heading2:
            ilvl = 0 if heading1 else 1
            counts[ilvl] += 1
            if ilvl == 0:
                counts[1] = 0
            text = line
            if auto_numbering:
                typed = chinese_number((heading1 or heading2).group(1 if heading1 else 2))
                if typed != counts[ilvl]:
                    raise ValueError(f"第{i + 1}行的序号是 {typed}，Word 的自动编号数到 {counts[ilvl]}：{line}")
                text = line[(heading1 or heading2).end() :]
                _numbered(paragraph, ilvl)
            _fonts(paragraph.add_run(text), "黑体" if heading1 else "楷体_GB2312", bold=bool(heading1))
            continue
        run_in = RUN_IN.match(line)
        if run_in:
            _fonts(paragraph.add_run(run_in.group(0)), "仿宋_GB2312", bold=True)
            line = line[run_in.end() :]
        _fonts(paragraph.add_run(line), "仿宋_GB2312")
    document.save(str(path))
    return path


if __name__ == "__main__":
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    report_docx(source.read_text(encoding="utf-8").splitlines(), out, auto_numbering="--auto-numbering" in sys.argv)
    print(out)
