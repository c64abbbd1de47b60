"""``report-draft import`` (#16): last year's report read back into this year's workbook.

The published report of tests/fixtures (岳阳楼区卫生健康局 2022) is the measure: its 36 figures, as a
careful person expressed them by hand in tests/make_yueyanglou.py (FIGURES, with the numbers that
are not figures in NOT_FIGURES), are what the import must find, each with its value, unit and
qualifier.  Run with ``-s`` to see the table.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_yueyanglou as yy

from generator.imports.assemble import assemble
from generator.imports.outline import read_outline
from generator.imports.sheets import imported_workbook
from generator.read import catalogue as cat
from tests.import_inputs import blocks

REPORT = Path(__file__).resolve().parent / "fixtures" / "annual-report-yueyanglou-health-2022.txt"


def yueyanglou():
    return assemble(read_outline(blocks(REPORT.read_text(encoding="utf-8").splitlines())))


def test_every_figure_of_the_published_report_becomes_a_row_with_its_value_unit_and_qualifier() -> None:
    imported = yueyanglou()
    rows = imported.figures
    print("\n原文\t值（上年列）\t单位\t行\t对")
    found = 0
    for truth in yy.FIGURES:
        candidates = [
            r for r in rows if r.printed == truth.printed and truth.text.replace(" ", "") in r.context.replace(" ", "")
        ]  # the same figure twice in one sentence (在编在岗40人，取得行政执法证40人): the one its label names
        row = next((r for r in candidates if r.label[:4] in truth.text), candidates[0] if candidates else None)
        typed = str(truth.typed) + ("%" if truth.unit == "%" and "%" not in str(truth.typed) else "")
        ok = row is not None and row.typed == typed and row.unit == truth.unit
        found += ok
        where = "—" if row is None else (cat.SHEETS_BY_KEY[row.sheet].name if row.sheet else "特色指标")
        print(f"{truth.text}\t{row.typed if row else '—'}\t{row.unit if row else '—'}\t{where}\t{'是' if ok else '否'}")
    assert found == len(yy.FIGURES) == 36
    assert len(rows) == 36  # nothing else taken for a figure
    printed = {r.printed for r in rows}
    for words in ("法定12天", "法定7天", "1例口腔诊所非法行医案", "3.15普法日", "12345热线工单3889条"):
        number = re.search(r"\d+(?:\.\d+)?[^\d]?", words)[0]
        assert not any(p.startswith(number) and p not in ("3889条",) for p in printed if words.startswith("法定")), (
            words
        )
    assert "12天" not in printed and "7天" not in printed and "1例" not in printed


def test_the_structure_of_the_published_report_is_found() -> None:
    imported = yueyanglou()
    outline = imported.outline
    assert set(outline.parts) == {1, 2, 3, 4}
    assert [s.title for s in outline.sections] == [title for _, title in yy.SECTIONS]
    assert [short for short, _, _ in imported.structure] == [short for short, _ in yy.SECTIONS]
    assert outline.unplaced == [] and outline.placed == 36
    assert len(imported.measures) == 12 and len(imported.duties) == 4 and len(imported.last_plans) == 4
    assert imported.info["机关名称"] == "岳阳楼区卫生健康局" and imported.info["报告年度"] == 2023
    assert imported.info["机关自称"] == "我局" and imported.info["领导机关"] == "区委、区政府"
    assert imported.info["法治建设议事协调机构"] == "区委法治办"
    assert imported.info["署名"] == "岳阳市岳阳楼区卫生健康局"
    assert imported.wordings["开头段落"].startswith(
        "〔年度〕年，在〔领导机关〕的正确领导和〔法治建设议事协调机构〕的指导下，〔机关自称〕"
    )
    assert [k for k, _ in imported.shortcomings] == ["不足", "不足", "不足", "原因"]
    assert imported.wordings["原因引语"] == "分析问题产生的原因，主要是"


def test_the_narrative_cites_the_rows_and_last_years_year_moves_on() -> None:
    imported = yueyanglou()
    text = "\n".join(t for _, _, t in imported.measures)
    assert "共办理行政许可事项〔办理行政许可事项〕，其中政务服务一体化平台〔政务服务一体化平台〕" in text
    assert "全年罚没款金额〔罚没款金额〕" in text  # 突破32万元: the qualifier and 万 are in the cell
    assert not re.search(r"\d+(?:件|起|份|人|%)", re.sub(r"〔[^〕]*〕", "", text).replace("12345热线", ""))
    assert "2022年" not in text and "2023年，全局开展规范性文件清理〔开展规范性文件清理〕" in text


def test_the_workbook_holds_last_years_figures_as_上年_and_reads_back(tmp_path: Path) -> None:
    from generator.read.reader import read_workbook
    from generator.workbook.output import workbook_bytes

    imported = yueyanglou()
    wb = imported_workbook(imported, "去年的报告.txt")
    assert wb.sheetnames[:2] == [cat.UNPLACED_SHEET, cat.LAST_PLANS_SHEET]
    ws = wb["行政执法"]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "fines")
    assert (row[1].value, row[2].value, row[3].value, row[4].value) == ("罚没款金额", None, "突破32万", "元")
    assert "全年罚没款金额突破32万元" in row[1].comment.text
    (tmp_path / "x.xlsx").write_bytes(workbook_bytes(wb))
    raw = read_workbook(tmp_path / "x.xlsx")
    assert not [p for p in raw.problems if "不是模板中的工作表" in p.message]


# -- the whole import, from the files a clerk has ----------------------------------------------------
def _figure_rows(result) -> list[tuple[str, str, str, str]]:
    return [(f.label, f.typed, f.unit, f.sheet) for f in result.imported.figures]


def test_the_published_report_as_text_and_as_a_word_file_a_test_makes_import_the_same(tmp_path: Path) -> None:
    from generator.imports.api import import_report
    from tests.make_report_docx import report_docx

    as_text = import_report(REPORT)
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    as_word = import_report(report_docx(lines, tmp_path / "去年 报告.docx"))
    as_listed = import_report(report_docx(lines, tmp_path / "自动编号.docx", auto_numbering=True))
    for result in (as_text, as_word, as_listed):
        outline = result.imported.outline
        counts = f"段落 已归入 {outline.placed}、未能归类 {len(outline.unplaced)}"
        print(f"\n{result.source}：五个部分 {sorted(outline.parts)}，{counts}")
        assert sorted(outline.parts) == [1, 2, 3, 4] and outline.unplaced == [] and outline.placed == 36
        assert _figure_rows(result) == _figure_rows(as_text)
        assert result.imported.measures == as_text.imported.measures
    assert len(as_text.imported.figures) == 36


def test_round_trip_of_the_published_report_states_its_sentences_and_each_figure_once(tmp_path: Path) -> None:
    """Import, copy 上年 into 本年 (and 去年的安排 into 下年安排), build: the sentences the draft states
    word for word (how they are counted: tests/import_roundtrip.py)."""
    from tests.import_roundtrip import round_trip

    measured, _ = round_trip(REPORT, tmp_path)
    print(f"\n原文句子 {measured.sentences}，逐字写出 {measured.stated}（{measured.share:.1%}）；未逐字写出：")
    for s in measured.missing:
        print(f"  {s}")
    assert measured.share >= 0.88
    assert all(s.startswith(("二、", "三、", "四、", "1.", "2.", "3.", "4.")) for s in measured.missing)
    assert [f for f in measured.figures if f[1] != f[2]] == []  # every figure as often as in the report
    assert sum(times for _, times, _ in measured.figures) == 36  # 31 ways of writing them: 156起 twice …


def test_our_own_draft_gives_back_the_workbook_it_was_built_from(sample_docx: Path, tmp_path: Path) -> None:
    from generator.imports.api import import_report
    from generator.pipeline import build
    from generator.workbook.blank import save_workbook
    from tests.conftest import SAMPLE

    same = import_report(sample_docx, same_year=True)
    assert same.restored is not None and same.imported is None
    save_workbook(same.workbook, tmp_path / "还原.xlsx")
    build(tmp_path / "还原.xlsx", tmp_path / "再生成.docx")
    # the same draft: every part byte for byte but the cells it carries, and those the same cells —
    # only 报告用语's are where today's blank has each 用语 (the sample's sheet predates two rows)
    import zipfile

    from generator.read.snapshot import read_snapshot

    def parts(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in z.namelist()}

    again, first = parts(tmp_path / "再生成.docx"), parts(sample_docx)
    carried = "customXml/item1.xml"
    assert {n: b for n, b in again.items() if n != carried} == {n: b for n, b in first.items() if n != carried}

    def cells(data: bytes) -> set[tuple[str, object]]:
        found = read_snapshot(data) or []
        return {(c.ref, c.value) for c in found if not c.ref.startswith("报告用语!")}

    assert cells(again[carried]) == cells(first[carried]) and len(cells(first[carried])) > 400

    def wording(data: bytes) -> dict[object, object]:
        found = {c.ref: c.value for c in read_snapshot(data) or [] if c.ref.startswith("报告用语!")}
        pairs = {v: found.get(r.replace("!A", "!B")) for r, v in found.items() if "!A" in r}
        return {name: text for name, text in pairs.items() if text is not None}  # the two new rows are empty

    assert wording(again[carried]) == wording(first[carried])

    import openpyxl

    original = openpyxl.load_workbook(SAMPLE)
    this_year = import_report(sample_docx).workbook
    assert this_year.sheetnames[:2] == [cat.UNPLACED_SHEET, cat.LAST_PLANS_SHEET]
    for spec in cat.INDICATOR_SHEETS:
        before = {r[0].value: r[2].value for r in original[spec.name].iter_rows(min_row=3) if r[0].value}
        after = {r[0].value: (r[2].value, r[3].value) for r in this_year[spec.name].iter_rows(min_row=3) if r[0].value}
        assert {k: v for k, v in before.items() if v is not None} == {
            k: last for k, (this, last) in after.items() if last is not None
        }
        assert all(this is None for this, _ in after.values())

    def rows(ws, width: int) -> list[tuple]:
        return [tuple(c.value for c in r[:width]) for r in ws.iter_rows(min_row=3) if any(c.value for c in r[:width])]

    for spec in (cat.MEASURES, cat.SHORTCOMINGS, cat.DUTIES, cat.OTHERS):
        assert rows(this_year[spec.name], len(spec.columns)) == rows(original[spec.name], len(spec.columns))
    assert rows(this_year[cat.LAST_PLANS_SHEET], 2) == rows(original[cat.PLANS.name], 2)


def test_a_draft_edited_after_it_was_built_is_read_as_its_text(sample_docx: Path, tmp_path: Path) -> None:
    from docx import Document

    from generator.imports.api import import_report

    document = Document(str(sample_docx))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("1.健全法治建设领导机制"))
    paragraph.runs[-1].text += "新增一句：全年召开专题会议3次。"
    document.save(str(tmp_path / "改过.docx"))
    result = import_report(tmp_path / "改过.docx")
    assert result.restored is None and any("改过" in n for n in result.summary())
    assert any(f.printed == "3次" and "专题会议" in f.context for f in result.imported.figures)


# -- the command and the inputs it refuses ----------------------------------------------------------
def _cli(*args: str):
    from click.testing import CliRunner

    from generator.cli.app import main

    return CliRunner().invoke(main, ["import", *args])


def test_the_command_writes_the_workbook_and_says_what_it_recognised(tmp_path: Path) -> None:
    out = tmp_path / "2023年 数据.xlsx"
    result = _cli(str(REPORT), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "五个部分：一、主要举措和成效：找到" in result.output and "数字 36 个" in result.output
    assert "未能归类 0 个" in result.output and out.exists()
    again = _cli(str(REPORT), "-o", str(out))  # never over a file without --force
    assert again.exit_code == 1 and "已存在" in again.output
    forced = _cli(str(REPORT), "-o", str(out), "--force")
    assert forced.exit_code == 0 and "已备份" in forced.output


@pytest.mark.parametrize("kind", ["实施方案", "空文件", "扫描件PDF", "有密码的docx"])
def test_broken_inputs_get_a_chinese_message_and_no_workbook(kind: str, tmp_path: Path) -> None:
    from tests.import_inputs import encrypted, scanned_pdf
    from tests.make_report_docx import report_docx

    plan = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "examples"
    plan_text = plan / "implementation-plan-xingyang-health-2021-2025.txt"
    if kind == "实施方案":
        source = tmp_path / "实施方案.txt"
        if plan_text.exists():
            source.write_bytes(plan_text.read_bytes())
        else:  # the reference folder is beside the repository in the workplace only
            plan_lines = ["某市卫生健康委员会法治政府建设实施方案（2021-2025年）", "一、总体要求", "二、主要任务"]
            source.write_text("\n".join(plan_lines), "utf-8")
    elif kind == "空文件":
        source = tmp_path / "去年的报告.docx"
        source.write_bytes(b"")
    elif kind == "扫描件PDF":
        source = tmp_path / "去年的报告.pdf"
        source.write_bytes(scanned_pdf())
    else:
        plain = report_docx(REPORT.read_text(encoding="utf-8").splitlines(), tmp_path / "a.docx").read_bytes()
        source = tmp_path / "去年的报告（加密）.docx"
        source.write_bytes(encrypted(plain))
    out = tmp_path / "新工作簿.xlsx"
    result = _cli(str(source), "-o", str(out))
    print(f"\n{kind}：{result.output.strip()}")
    assert result.exit_code == 1 and "错误" in result.output and "Traceback" not in result.output
    said = {"实施方案": "不像法治政府建设年度报告", "空文件": "空的", "扫描件PDF": "PDF", "有密码的docx": "密码"}
    assert said[kind] in result.output
    assert not out.exists()


def test_a_tables_figures_become_rows_and_its_rows_and_caption_are_kept_aside(tmp_path: Path) -> None:
    from docx import Document

    from generator.imports.api import import_report

    document = Document()
    for line in (
        "某区住房和城乡建设局2025年法治政府建设年度报告",
        "一、2025年推进法治政府建设的主要举措和成效",
        "（一）严格执法",
        "1.规范执法。全年开展监督检查2140户次，主要数据见下表。",
        "表1 2025年行政执法主要数据",
    ):
        document.add_paragraph(line)
    table = document.add_table(rows=4, cols=5)
    cells = [
        ("项目", "单位", "2025年", "2024年", "同比"),
        ("监督检查", "户次", "2140", "1876", "增长14.1%"),
        ("罚没款金额", "万元", "412.6", "356.2", "增长15.8%"),
        ("移送公安机关涉嫌犯罪案件", "起", "1", "0", "—"),
    ]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in ("二、存在的问题", "执法力量不足。", "某区住房和城乡建设局", "2026年1月10日"):
        document.add_paragraph(line)
    document.save(str(tmp_path / "报告.docx"))
    result = import_report(tmp_path / "报告.docx")
    rows = {f.label: (f.typed, f.unit, f.sheet, f.key) for f in result.imported.figures}
    assert rows["罚没款金额"] == ("412.6万", "元", "enforcement", "fines")
    assert rows["移送公安机关涉嫌犯罪案件"] == ("1", "起", "enforcement", "to_police")
    assert sum(f.typed == "2140" for f in result.imported.figures) == 1  # stated in the text already: once
    unplaced = [(where, why[:6]) for where, _, why in result.imported.outline.unplaced]
    assert ("第5段", "表格的标题：") in unplaced and ("表格1第3行", "表格中的一行") in unplaced
    assert not any("表1" in t for *_, t in result.imported.measures)


# -- found by a code review ---------------------------------------------------------------------------
def test_control_characters_and_text_that_looks_like_a_formula(tmp_path: Path) -> None:
    from generator.imports.api import import_report

    source = tmp_path / "报告.txt"
    source.write_text(
        "某县司法局2024年法治政府建设年度报告\n一、主要举措和成效\n（一）依法决策\n"
        '1.健全\x0c机制。召开会议\x07研究法治建设6次。\n=HYPERLINK("http://x","点我")\n二、存在的问题\n力量不足。\n',
        encoding="utf-8",
    )
    wb = import_report(source).workbook
    cells = [c for r in wb["主要举措"].iter_rows(min_row=3) for c in r if c.value]
    assert all(c.data_type == "s" for c in cells)  # =HYPERLINK(…) stays text
    assert any(c.value == "健全机制" for c in cells)


def test_a_draft_whose_carried_cells_were_tampered_with_is_read_as_its_text(sample_docx: Path, tmp_path: Path) -> None:
    import zipfile

    from generator.imports.api import import_report
    from generator.read.snapshot import read_snapshot

    for bad in ('t="n">1e99999999<', 't="n">Infinity<', 't="n">abc<'):
        with zipfile.ZipFile(sample_docx) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        item = parts["customXml/item1.xml"].decode()
        start = item.index('t="n">') + len('t="n">')
        item = item[:start] + bad.split(">")[1].rstrip("<") + item[item.index("<", start) :]
        assert read_snapshot(item.encode()) is None
        parts["customXml/item1.xml"] = item.encode()
        edited = tmp_path / "改过的附带数据.docx"
        with zipfile.ZipFile(edited, "w") as z:
            for n, data in parts.items():
                z.writestr(n, data)
        result = import_report(edited)  # no crash, no hang: read as the text it is
        assert result.restored is None and result.imported is not None
    ref = '<workbook xmlns="urn:report-draft:workbook-cells:1"><cell r="行政执法!A1:B2" t="s">x</cell></workbook>'
    assert read_snapshot(ref.encode()) is None


def test_the_next_years_workbook_drops_last_years_document_number_and_keeps_text_years(tmp_path: Path) -> None:
    import openpyxl

    from generator.imports.api import import_report
    from generator.pipeline import build
    from tests.conftest import SAMPLE

    wb = openpyxl.load_workbook(SAMPLE)
    rows = {r[0].value: r[1] for r in wb["基本信息"].iter_rows(min_row=3, max_col=2)}
    rows["报告年度"].value = "2025"  # typed as text
    dispatch = {r[0].value: r[1] for r in wb["发文要素"].iter_rows(min_row=3, max_col=2)}
    dispatch["签发人"].value = "王某某"  # typed, but no 版头: not printed, not carried
    wb.save(tmp_path / "工作簿.xlsx")
    build(tmp_path / "工作簿.xlsx", tmp_path / "初稿.docx")
    with __import__("zipfile").ZipFile(tmp_path / "初稿.docx") as z:
        assert "王某某".encode() not in z.read("customXml/item1.xml")
    this_year = import_report(tmp_path / "初稿.docx").workbook
    info = {r[0].value: r[1].value for r in this_year["基本信息"].iter_rows(min_row=3, max_col=2)}
    assert info["报告年度"] == 2026 and info["成文日期"] is None
