"""Reruns: same input, same bytes on any day and in any folder; hand edits are never lost."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli.app import main
from generator.docx.fingerprint import read_stamp
from tests.conftest import SAMPLE


def correct(wb: Any) -> None:
    """The correction scenario: three cells of the sample changed."""
    from tests.conftest import find_row

    ws = wb["行政执法"]
    ws.cell(row=find_row(ws, "penalty_cases"), column=3).value = 172
    ws = wb["政务公开"]
    ws.cell(row=find_row(ws, "proactive"), column=3).value = 450
    wb["主要举措"].cell(row=4, column=3).value = "将法治建设情况纳入年度目标考核，每季度督查一次。"


def build(out: Path, *extra: str) -> object:
    return CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), *extra])


def test_same_bytes_on_different_days_and_in_different_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = tmp_path / "甲" / "报告.docx"
    second = tmp_path / "乙 目录" / "另一个名字.docx"
    first.parent.mkdir()
    second.parent.mkdir()
    assert build(first).exit_code == 0  # type: ignore[attr-defined]
    later = time.time() + 400 * 86400  # more than a year later
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "localtime", lambda secs=None: time.gmtime(later if secs is None else secs))
    assert build(second).exit_code == 0  # type: ignore[attr-defined]
    assert first.read_bytes() == second.read_bytes()


def test_the_draft_carries_its_fingerprint_and_an_unedited_draft_is_rebuilt(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    assert build(out).exit_code == 0  # type: ignore[attr-defined]
    stored, now = read_stamp(out)
    assert stored is not None and stored.startswith("v2:sha256:") and stored == now
    result = build(out)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]


def test_a_hand_edited_draft_is_refused_and_force_keeps_it_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "报告 初稿.docx"
    assert build(out).exit_code == 0  # type: ignore[attr-defined]
    doc = Document(str(out))
    doc.paragraphs[5].text = "同事润色过的一段话。"
    doc.save(str(out))
    edited = out.read_bytes()

    result = build(out)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "这个文件已在生成后被修改过，为免丢失修改，没有覆盖" in result.output  # type: ignore[attr-defined]
    assert out.read_bytes() == edited

    result = build(out, "--force")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    [backup] = list(tmp_path.glob("报告 初稿.*.备份.docx"))
    assert backup.read_bytes() == edited
    assert f"原文件已备份为：{backup}" in result.output  # type: ignore[attr-defined]
    stored, now = read_stamp(out)
    assert stored == now


def test_someone_elses_file_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    out.write_bytes(b"a colleague's own document")
    result = build(out)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "不是本程序生成的初稿" in result.output  # type: ignore[attr-defined]
    assert out.read_bytes() == b"a colleague's own document"


def test_sources_csv_has_one_row_per_figure_and_each_cell_holds_that_value(tmp_path: Path) -> None:
    import csv
    from decimal import Decimal

    from openpyxl import load_workbook

    out = tmp_path / "报告.docx"
    result = build(out, "--sources")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    rows = list(csv.reader(out.with_suffix(".sources.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["指标", "报告中的写法", "来源单元格", "单元格中的值"]
    body = rows[1:]
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    wb = load_workbook(SAMPLE, data_only=True)
    labels = {label for label, *_ in body}
    assert body and len({(cell, shown) for _, shown, cell, _ in body}) == len(body)
    for label, shown, cell, value in body:
        assert shown in text, (label, shown)
        sheet, ref = cell.split("!")
        held = wb[sheet][ref].value
        assert Decimal(str(held)) == Decimal(value) if not isinstance(held, str) else held == value, (cell, held, value)
    assert {"行政处罚案件", "罚没款金额", "开展医疗机构依法执业专项检查", "行政诉讼败诉"} <= labels


def test_a_correction_of_three_cells_is_listed_with_exactly_the_sentences_it_changes(
    make_workbook,  # type: ignore[no-untyped-def]
) -> None:
    import json

    old = make_workbook(name="第一稿.xlsx")

    new = make_workbook(correct, name="修改稿.xlsx")
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(c["cell"], c["old"], c["new"]) for c in data["cells"]] == [
        (
            "主要举措!C4",
            "将法治建设情况纳入局属单位年度目标考核和领导班子述职内容，每半年督查一次责任落实情况，对发现的问题建立台账、限期整改。",
            "将法治建设情况纳入年度目标考核，每季度督查一次。",
        ),
        ("政务公开!C3", "438", "450"),
        ("行政执法!C6", "168", "172"),
    ]
    expected = [
        ("将法治建设情况纳入局属单位", "将法治建设情况纳入年度目标"),
        ("办理行政处罚案件168起", "办理行政处罚案件172起"),
        ("全年主动公开政府信息438条", "全年主动公开政府信息450条"),
    ]
    assert len(data["sentences"]) == len(expected)
    for sentence, (old_start, new_start) in zip(data["sentences"], expected, strict=True):
        assert sentence["old"].startswith(old_start) and sentence["new"].startswith(new_start)
    assert "同比增长10.3%" in data["sentences"][1]["new"]
    text = CliRunner().invoke(main, ["diff", str(old), str(new)]).output
    assert "单元格的变化（3 处）" in text and "报告中随之变化的句子（3 处）" in text


def test_against_marks_exactly_the_changed_sentences_as_tracked_changes(
    make_workbook,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    import zipfile

    from lxml import etree

    from tests.pdf_layout import to_pdf

    first, second = tmp_path / "第一稿.docx", tmp_path / "第二稿.docx"
    assert CliRunner().invoke(main, ["build", str(make_workbook(name="旧.xlsx")), "-o", str(first)]).exit_code == 0
    result = CliRunner().invoke(
        main, ["build", str(make_workbook(correct, name="新.xlsx")), "-o", str(second), "--against", str(first)]
    )
    assert result.exit_code == 0, result.output
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(second).read("word/document.xml"))
    ins, dels = root.findall(f".//{w}ins"), root.findall(f".//{w}del")
    assert len(ins) == 3 and len(dels) == 3
    assert {e.get(f"{w}author") for e in ins + dels} == {"报告生成器"}
    inserted = ["".join(t.text for t in e.iter(f"{w}t")) for e in ins]
    deleted = ["".join(t.text for t in e.iter(f"{w}delText")) for e in dels]
    assert inserted[0].startswith("将法治建设情况纳入年度目标考核") and deleted[0].startswith(
        "将法治建设情况纳入局属单位"
    )
    assert "行政处罚案件172起" in inserted[1] and "行政处罚案件168起" in deleted[1]
    assert "政府信息450条" in inserted[2] and "政府信息438条" in deleted[2]

    def accepted(p: etree._Element) -> str:
        return "".join(t.text or "" for t in p.iter(f"{w}t"))

    def rejected(p: etree._Element) -> str:
        return "".join(
            t.text or ""
            for t in p.iter(f"{w}t", f"{w}delText")
            if not any(a.tag == f"{w}ins" for a in t.iterancestors())
        )

    old_text = [p.text.replace("\n", "") for p in Document(str(first)).paragraphs]
    body = root.find(f"{w}body").findall(f"{w}p")
    assert [rejected(p) for p in body] == old_text
    plain = tmp_path / "直接生成.docx"
    assert (
        CliRunner().invoke(main, ["build", str(make_workbook(correct, name="新2.xlsx")), "-o", str(plain)]).exit_code
        == 0
    )
    assert [accepted(p) for p in body] == [p.text.replace("\n", "") for p in Document(str(plain)).paragraphs]
    assert to_pdf(second, tmp_path).exists()  # LibreOffice opens it


def test_annotate_puts_a_comment_naming_its_cell_on_every_figure(tmp_path: Path) -> None:
    import zipfile

    from lxml import etree
    from openpyxl import load_workbook

    out, again = tmp_path / "批注.docx", tmp_path / "批注2.docx"
    assert build(out, "--annotate", "--sources").exit_code == 0  # type: ignore[attr-defined]
    assert build(again, "--annotate").exit_code == 0  # type: ignore[attr-defined]
    assert out.read_bytes() == again.read_bytes()
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(out) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        comments = etree.fromstring(z.read("word/comments.xml"))
    notes = {c.get(f"{w}id"): "".join(t.text for t in c.iter(f"{w}t")) for c in comments.iter(f"{w}comment")}
    starts = list(document.iter(f"{w}commentRangeStart"))
    assert len(starts) == len(notes) > 50  # one comment on every figure printed
    wb = load_workbook(SAMPLE, data_only=True)
    for start in starts:
        run = start.getnext()
        shown = "".join(t.text for t in run.iter(f"{w}t"))
        cell, label, value = notes[start.get(f"{w}id")].split(" ")
        sheet, ref = cell.split("!")
        assert str(wb[sheet][ref].value).rstrip("0").rstrip(".") == value or str(wb[sheet][ref].value) == value
        assert shown, label  # the comment sits on the figure's own run
    import csv

    rows = list(csv.reader(out.with_suffix(".sources.csv").read_text(encoding="utf-8-sig").splitlines()))[1:]
    commented = {notes[s.get(f"{w}id")].split(" ")[0] for s in starts}
    assert {cell for _, _, cell, _ in rows} == commented  # every figure of the CSV is commented


def test_the_cache_changes_no_byte_and_a_broken_cache_is_survived(tmp_path: Path) -> None:
    """Compiled templates and the DOCX skeleton are kept between runs; the draft is the same without
    them, with them, and when the cache folder holds damaged entries or cannot be written."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    def build(name: str, **env: str) -> bytes:
        out = tmp_path / f"{name}.docx"
        environ = {k: v for k, v in os.environ.items() if not k.startswith("REPORT_DRAFT_")} | env
        done = subprocess.run(
            [sys.executable, "-m", "generator", "build", str(SAMPLE), "-o", str(out)],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        assert done.returncode == 0, done.stderr
        return out.read_bytes()

    cache = tmp_path / "缓存 目录"
    plain = build("plain", REPORT_DRAFT_NO_CACHE="1")
    assert build("first", REPORT_DRAFT_CACHE_DIR=str(cache)) == plain
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    assert {p.parent.name for p in entries} == {"templates", "skeleton"}
    assert build("second", REPORT_DRAFT_CACHE_DIR=str(cache)) == plain
    for entry in entries:
        entry.write_bytes(b"damaged")
    assert build("damaged", REPORT_DRAFT_CACHE_DIR=str(cache)) == plain
    blocked = tmp_path / "不是文件夹"
    blocked.write_text("x")
    assert build("blocked", REPORT_DRAFT_CACHE_DIR=str(blocked)) == plain


def test_compare_is_the_account_diff_prints_and_reads_each_workbook_once(
    make_workbook,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The library's compare (what the web calls) gives what ``diff`` prints, word for word, from
    paths or from workbooks already read; each workbook is opened once (the CLI opened each twice)."""
    import json

    import generator.read.reader as reader
    from generator.changes import compare

    old, new = make_workbook(name="第一稿.xlsx"), make_workbook(correct, name="修改稿.xlsx")
    opened: list[str] = []
    real_open = reader.open_workbook

    def counted(path: Path, max_rows: int) -> Any:
        opened.append(Path(path).name)
        return real_open(path, max_rows)

    monkeypatch.setattr(reader, "open_workbook", counted)
    comparison = compare(old, new)
    assert opened == ["第一稿.xlsx", "修改稿.xlsx"]
    assert [(c.cell, c.old, c.new) for c in comparison.cells][1:] == [
        ("政务公开!C3", "438", "450"),
        ("行政执法!C6", "168", "172"),
    ]
    assert comparison == compare(reader.read_workbook(old), reader.read_workbook(new))
    assert CliRunner().invoke(main, ["diff", str(old), str(new)]).output == comparison.as_text()
    printed = CliRunner().invoke(main, ["diff", str(old), str(new), "--json"]).output
    assert json.loads(printed) == comparison.as_json()
    assert comparison.as_text().startswith(f"比较：{old} → {new}\n\n单元格的变化（3 处）：\n")
