"""`report-draft check`: our drafts pass; each broken fixture is reported for exactly its rule."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from lxml import etree

from generator.check.audit import audit
from generator.cli.app import main
from generator.pipeline import build
from tests.conftest import WorkbookMaker, find_row
from tests.pdf_layout import convert

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
Parts = dict[str, etree._Element]


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def mutate(source: Path, target: Path, change: Callable[[Parts], None]) -> Path:
    """Copy a DOCX, letting ``change`` edit its XML parts."""
    with zipfile.ZipFile(source) as z:
        names = z.namelist()
        blobs = {n: z.read(n) for n in names}
    parts = {n: etree.fromstring(b) for n, b in blobs.items() if n.endswith(".xml") and n.startswith("word/")}
    change(parts)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for n in names:
            z.writestr(
                n,
                etree.tostring(parts[n], xml_declaration=True, encoding="UTF-8", standalone=True)
                if n in parts
                else blobs[n],
            )
    return target


def replace_text(old: str, new: str, count: int = 1) -> Callable[[Parts], None]:
    def change(parts: Parts) -> None:
        done = 0
        for t in parts["word/document.xml"].iter(w("t")):
            if done < count and t.text and old in t.text:
                t.text = t.text.replace(old, new, 1)
                done += 1
        assert done == count, f"“{old}” found {done} times"

    return change


def sect(parts: Parts) -> etree._Element:
    return parts["word/document.xml"].find(".//w:body/w:sectPr", NS)


def letter_paper(parts: Parts) -> None:
    size = sect(parts).find("w:pgSz", NS)
    size.set(w("w"), "12240")
    size.set(w("h"), "15840")


def wrong_margins(parts: Parts) -> None:
    sect(parts).find("w:pgMar", NS).set(w("top"), "1440")


def body_in_songti_12pt(parts: Parts) -> None:
    style = parts["word/styles.xml"].find("w:style[@w:styleId='GwBody']", NS)
    fonts = style.find("w:rPr/w:rFonts", NS)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(w(slot), "宋体")
    style.find("w:rPr/w:sz", NS).set(w("val"), "24")
    style.find("w:rPr/w:szCs", NS).set(w("val"), "24")


def swap_items_two_and_three(parts: Parts) -> None:
    texts = [t for t in parts["word/document.xml"].iter(w("t")) if t.text and t.text.startswith(("二、", "三、"))]
    two, three = texts
    two.text, three.text = "二、" + three.text[2:], "三、" + two.text[2:]


def no_page_numbers(parts: Parts) -> None:
    for ref in sect(parts).findall("w:footerReference", NS):
        sect(parts).remove(ref)


BROKEN: dict[str, tuple[Callable[[Parts], None], set[str]]] = {
    "Letter 纸": (letter_paper, {"page.size"}),
    "页边距错误": (wrong_margins, {"page.margins"}),
    "正文宋体小四": (body_in_songti_12pt, {"font.body"}),
    "（一）（三）": (replace_text("（二）强化学法用法", "（三）强化学法用法"), {"numbering.sequence"}),
    "一. 代替 一、": (replace_text("一、2025年", "一.2025年"), {"numbering.form"}),
    "日期有虚位": (replace_text("2026年1月20日", "2026年01月20日"), {"date.form"}),
    "日期用汉字": (replace_text("2026年1月20日", "二〇二六年一月二十日"), {"date.form"}),
    "半角标点": (
        replace_text("局党委将法治政府建设纳入年度重点工作，", "局党委将法治政府建设纳入年度重点工作,"),
        {"punct.fullwidth"},
    ),
    "第二三部分颠倒": (swap_items_two_and_three, {"items.order"}),
    "没有页码": (no_page_numbers, {"pagenum.present"}),
}


def test_our_draft_passes(sample_docx: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(sample_docx)])
    assert result.exit_code == 0, result.output
    assert "未发现不符合" in result.output
    assert audit(sample_docx) == []


def test_a_draft_for_publication_without_an_addressee_passes(make_workbook: WorkbookMaker, tmp_path: Path) -> None:
    """No 主送机关 (a report for publication, #14): the draft has no 主送 line, and check wants none."""

    def no_addressee(wb: Any) -> None:
        ws = wb["基本信息"]
        ws.cell(row=find_row(ws, "主送机关"), column=2).value = None

    out = tmp_path / "公开 文本.docx"
    build(make_workbook(no_addressee), out)
    texts = [p.text for p in Document(str(out)).paragraphs if p.text.strip()]
    assert not any(t.endswith("：") for t in texts[:3]), texts[:3]
    assert texts[1].startswith("2025年，在县委、县政府的正确领导下"), texts[1]  # the opening follows the title
    assert audit(out) == []


def bold_character_style_over_songti_defaults(parts: Parts) -> None:
    """Document defaults in 宋体 12 pt (GwBody still 仿宋 16 pt), and the opening paragraph's run in
    a character style that sets bold and nothing else."""
    styles = parts["word/styles.xml"]
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        defaults.find("w:rFonts", NS).set(w(slot), "宋体")
    defaults.find("w:sz", NS).set(w("val"), "24")
    style = etree.SubElement(styles, w("style"), {w("type"): "character", w("styleId"): "Strong"})
    etree.SubElement(style, w("name"), {w("val"): "Strong"})
    etree.SubElement(etree.SubElement(style, w("rPr")), w("b"))
    [run, *_] = parts["word/document.xml"].xpath("//w:body/w:p[w:pPr/w:pStyle/@w:val='GwBody'][w:r]/w:r", namespaces=NS)
    props = run.find("w:rPr", NS)
    if props is None:
        props = etree.Element(w("rPr"))
        run.insert(0, props)
    props.insert(0, etree.Element(w("rStyle"), {w("val"): "Strong"}))


def test_a_character_style_adds_to_the_paragraph_style_not_to_the_defaults(sample_docx: Path, tmp_path: Path) -> None:
    """Word puts a run's character style over its paragraph style, not over the document defaults:
    the bold run stays 仿宋 16 pt.  check and the content model (the fingerprint) resolve it alike."""
    from generator.docx.content import content_lines

    bold = mutate(sample_docx, tmp_path / "加粗字符样式.docx", bold_character_style_over_songti_defaults)
    assert [str(f) for f in audit(bold)] == []
    with zipfile.ZipFile(bold) as z:
        lines = [json.loads(line) for line in content_lines({n: z.read(n) for n in z.namelist()})]
    [opening] = [
        line["body"]["runs"][0][0]
        for line in lines
        if line.get("body", {}).get("runs") and "b" in line["body"]["runs"][0][0]
    ]
    assert (opening["font.eastAsia"], opening["sz"], opening["b"]) == ("仿宋_GB2312", 32, True)


@pytest.mark.parametrize("name", list(BROKEN))
def test_each_broken_fixture_is_reported_for_exactly_its_rule(sample_docx: Path, tmp_path: Path, name: str) -> None:
    change, rules = BROKEN[name]
    broken = mutate(sample_docx, tmp_path / f"{name}.docx", change)
    findings = audit(broken)
    assert {f.rule for f in findings} == rules, [str(f) for f in findings]
    result = CliRunner().invoke(main, ["check", str(broken), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert {d["rule"] for d in data} == rules
    assert all(d["clause"] and d["expected"] and d["message"] for d in data)


def test_a_finding_names_rule_clause_paragraph_and_expectation(sample_docx: Path, tmp_path: Path) -> None:
    broken = mutate(sample_docx, tmp_path / "x.docx", replace_text("2026年1月20日", "2026年01月20日"))
    result = CliRunner().invoke(main, ["check", str(broken)])
    first = result.output.splitlines()[0]
    assert first.startswith("第")
    assert (
        "“2026年01月20日”：〔date.form｜GB/T 9704-2012 7.3.5.4〕应为不编虚位，“2026年1月20日”；实为“2026年01月20日”。"
        in first
    )


def test_a_plain_text_document_saved_by_libreoffice_gets_a_full_list(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "examples"
    txt = tmp_path / "手工 稿.txt"
    reference = source / "annual-report-yueyanglou-health-2022.txt"
    if reference.exists():
        shutil.copy(reference, txt)
    else:  # the shared folder is not beside this checkout: a short hand-made report instead
        txt.write_text(
            "某局2022年法治政府建设年度报告\n一、主要举措\n(一)加强领导,强化保障\n"
            "2022年，我局坚持以习近平法治思想为指导，全面落实法治政府建设各项任务,取得积极成效。\n"
            "某局\n2023年01月17日\n",
            encoding="utf-8",
        )
    convert(txt, tmp_path, "docx")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "手工 稿.docx")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    rules = {f.rule for f in audit(tmp_path / "手工 稿.docx")}
    assert {"page.margins", "font.body", "indent.body", "numbering.form", "punct.fullwidth", "pagenum.present"} <= rules


@pytest.mark.parametrize(("content", "expected"), [(b"not a zip", "不是 Word 文档（.docx）"), (None, "找不到这个文件")])
def test_a_file_that_is_not_a_docx_gets_a_clear_message(tmp_path: Path, content: bytes | None, expected: str) -> None:
    path = tmp_path / "坏 文件.docx"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert expected in result.output and "Traceback" not in result.output


def test_a_docx_declaring_entities_is_refused(sample_docx: Path, tmp_path: Path) -> None:
    """Someone else's file may carry a billion-laughs DTD: check refuses it instead of expanding it."""
    target = tmp_path / "实体 声明.docx"
    with zipfile.ZipFile(sample_docx) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                head, sep, rest = data.partition(b"?>")
                data = head + sep + b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + rest
            dst.writestr(item, data)
    result = CliRunner().invoke(main, ["check", str(target)])
    assert result.exit_code == 1
    assert result.output == (
        f"错误：{target}：文档部件 word/document.xml 含有实体或文档类型声明，不像正常的 Word 文档，已拒绝读取。"
        "请确认文件来源，或在 Word、WPS 中打开后另存为新的 .docx 再试。\n"
    )
