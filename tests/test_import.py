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

from generator.imports.assemble import assemble, full_width
from generator.imports.document import Block
from generator.imports.figures import find_figures
from generator.imports.outline import read_outline
from generator.imports.sheets import imported_workbook
from generator.read import catalogue as cat

REPORT = Path(__file__).resolve().parent / "fixtures" / "annual-report-yueyanglou-health-2022.txt"


def blocks(lines: list[str]) -> list[Block]:
    return [Block(full_width(t.strip()), f"第{i}行") for i, t in enumerate(lines, start=1) if t.strip()]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依据〔2022〕4号文件和《法治政府建设实施纲要（2021-2025年）》，于2023年1月17日召开第3次会议", []),
        ("咨询电话0730-8888666，手机13812345678，12345热线全天接听", []),
        ("共办理案件超过100件，接待群众近50人次，罚没款1.2亿元、9427万元", ["超过100", "近50", "1.2亿", "9427万"]),
        ("满意率95%以上，服务群众100万余人次，培训执法人员30余名", ["95%以上", "100万余", "30余"]),
        ("医师注册变更，法定12天，3天办结", ["3"]),
    ],
)
def test_what_is_and_is_not_a_figure(text: str, expected: list[str]) -> None:
    assert [f.typed for f in find_figures(text)] == expected


def _outline(lines: list[str]):
    return read_outline(blocks(lines))


BODY = "全年办理案件12件。"


def test_parts_out_of_order_folded_misnumbered_and_mixed_parentheses() -> None:
    outline = _outline(
        [
            "某县司法局2023年法治政府建设年度报告",
            "2023年，我局坚持以习近平法治思想为指导，现将情况报告如下。",
            "一、2023年推进法治政府建设的主要举措和成效",
            "(一)严格规范执法",
            "1.推行三项制度。" + BODY,
            "2.开展专项整治。全年开展专项整治3次。",
            "（二)党政主要负责人履行推进法治建设第一责任人职责情况",
            "1.带头学法。主要负责人带头学法。",
            "四、2024年工作安排",  # the plans before the shortcomings: read by their words
            "1.深化执法改革。持续推进。",
            "十、存在的不足和原因",  # numbered wrongly
            "一是学法不够深入；二是执法力量薄弱。原因主要是重视不够。",
            "八、其他需要报告的情况",
            "1.配合法治督察。已完成整改。",
            "某县司法局",
            "2024年1月20日",
        ]
    )
    assert set(outline.parts) == {1, 2, 3, 4, 5}
    assert [s.title for s in outline.sections] == ["严格规范执法"]
    assert [i.title for i in outline.sections[0].items] == ["推行三项制度", "开展专项整治"]
    assert [i.title for i in outline.items[3]] == ["带头学法"]  # folded into part 一, read as part 三
    assert [i.title for i in outline.items[4]] == ["深化执法改革"]
    assert [i.title for i in outline.items[5]] == ["配合法治督察"]
    assert outline.shortcomings == ["一是学法不够深入；二是执法力量薄弱。原因主要是重视不够。"]
    assert (outline.signature, outline.date) == ("某县司法局", "2024年1月20日")
    assert outline.unplaced == []


def test_level_one_theme_headings_are_分项_of_part_one() -> None:
    outline = _outline(
        [
            "某县卫生健康局2023年度法治政府建设工作报告",
            "一、加强组织领导",
            "成立法治建设领导小组。",
            "二、严格规范执法",
            "（一）落实三项制度。全面公示执法信息。",
            "三、存在的问题",
            "执法力量不足。",
            "四、下一步工作打算",
            "（一）加强培训。开展全员培训。",
        ]
    )
    assert [s.title for s in outline.sections] == ["加强组织领导", "严格规范执法"]
    assert outline.sections[0].lead == ["成立法治建设领导小组。"]
    assert set(outline.parts) == {1, 2, 4}


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
    assert (tmp_path / "再生成.docx").read_bytes() == sample_docx.read_bytes()  # the same draft, byte for byte

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


def test_a_web_pages_own_lines_are_set_aside_and_part_one_may_start_without_its_heading() -> None:
    outline = _outline(
        [
            "首页 > 政务公开 > 法治政府建设",
            "某县市场监督管理局",
            "2023年度法治政府建设工作情况的报告",
            "发布时间：2024-01-25 10:30 来源：某县市场监督管理局 浏览次数：128",
            "县委、县政府：",
            "2023年，我局在县委、县政府的坚强领导下，扎实推进法治政府建设。现将有关情况报告如下。",
            "（一）加强组织领导。局党组专题研究法治建设工作4次。",
            "（二）严格规范执法。全年办理行政处罚案件86件。",
            "二、存在的问题",
            "（一）存在的不足",
            "1.执法人员专业素养有待提高。",
            "（二）原因分析",
            "1.培训不够系统。",
            "三、2024年工作安排",
            "1.加强执法培训。组织全员轮训。",
            "某县市场监督管理局",
            "2024年1月20日",
            "【打印本页】【关闭窗口】",
        ]
    )
    assert outline.title == "某县市场监督管理局2023年度法治政府建设工作情况的报告"
    assert outline.addressee == "县委、县政府" and len(outline.opening) == 1
    assert [s.title for s in outline.sections] == ["加强组织领导", "严格规范执法"]
    assert outline.sections[1].lead == ["全年办理行政处罚案件86件。"]
    assert (outline.signature, outline.date) == ("某县市场监督管理局", "2024年1月20日")
    assert [why[:7] for _, _, why in outline.unplaced] == ["落款后面的文字", "标题前面的文字", "网页的发布信息"]
    imported = assemble(outline)
    assert imported.shortcomings[0][0] == "不足" and imported.shortcomings[-1] == ("原因", "培训不够系统")
    assert imported.info["机关名称"] == "某县市场监督管理局" and imported.info["报告年度"] == 2024


def test_a_government_web_page_with_its_header_lines_and_a_year_in_a_titles_range() -> None:
    from generator.imports.assemble import replace_year

    outline = _outline(
        [
            "今天是：2021年3月30日 星期二",
            "工作报告",
            "您所在的位置：政务公开 > 工作报告",
            "2020年某区法治政府建设情况报告",
            "文章来源：司法局 更新时间：2021/03/29 11:30:01",
            "2020年某区法治政府建设情况报告",
            "2020年，某区按照《法治政府建设实施纲要（2015-2020年）》推进法治政府建设。",
            "一、2020年推进法治政府建设的主要举措和成效",
            "（一）依法全面履行政府职能",
            "1.深化审批改革。我区保留政务服务事项515项，公共服务等其他事项297项。",
            "二、存在的不足",
            "法治意识还需提高。",
        ]
    )
    assert outline.title == "2020年某区法治政府建设情况报告"
    assert [t for _, t, _ in outline.unplaced] == [
        "今天是：2021年3月30日 星期二",
        "工作报告",
        "您所在的位置：政务公开 > 工作报告",
        "文章来源：司法局 更新时间：2021/03/29 11:30:01",
    ]
    imported = assemble(outline)
    opening = "〔年度〕年，某区按照《法治政府建设实施纲要（2015-2020年）》推进法治政府建设。"
    assert imported.wordings["开头段落"] == opening
    assert [f.label for f in imported.figures] == ["我区保留政务服务事项", "公共服务等其他事项"]
    assert imported.info["机关自称"] == "我区"
    assert replace_year("2021-2022年，2022年底", 2022, "2023") == "2021-2022年，2023年底"


@pytest.mark.parametrize(
    ("label", "unit", "row"),
    [
        ("12345热线工单", "条", "petitions.calls"),
        ("受理群众来信", "件", "petitions.letters"),
        ("办理卫生行政处罚案件", "起", "enforcement.penalty_cases"),
        ("罚款金额", "元", "enforcement.fines"),
        ("举办法治讲座", "场", "publicity.lectures"),
        ("优秀率", "%", "study.exam_excellent"),
        ("开通服务热线", "条", None),  # a line, not a petition
        ("处理群众来信来访", "件", None),  # two rows fit: neither is clear
        ("开展执法检查", "次", None),  # 次 is no 户次
        ("持证上岗率", "件", None),  # a rate's words with a count's unit
    ],
)
def test_a_figure_goes_into_a_catalogue_row_only_when_it_clearly_is_that_row(label: str, unit: str, row) -> None:
    from generator.imports.mapping import match

    found = match(label, unit)
    assert (f"{found.sheet.key}.{found.indicator.key}" if found else None) == row


# -- found by a reviewer on five reports of other departments (issue #16) ---------------------------
def test_short_numbered_sentences_in_parts_two_and_four_are_kept_and_nothing_is_lost_silently() -> None:
    from generator.imports.api import _nothing_lost

    lines = [
        "测试县司法局2024年法治政府建设年度报告",
        "一、2024年推进法治政府建设的主要举措和成效",
        "（一）加强党的领导",
        "1.健全机制。召开党组会议研究法治建设工作6次。",
        "二、存在的不足和原因",
        "对照上级要求，我局工作还存在一些不足：",
        "（一）部分行政机关运用法治思维推动工作的意识还不强，重大行政决策程序执行不够严格。",
        "（二）行政执法监督的力度和手段有待加强。",
        "四、2025年推进法治政府建设的主要安排",
        "（一）全面完成“一规划两纲要”各项任务，迎接第3次督察。",
        "（二）加强法治工作队伍建设。",
        "特此报告。",
    ]
    imported = assemble(read_outline(blocks(lines)))
    assert [t for _, t in imported.shortcomings] == [
        "部分行政机关运用法治思维推动工作的意识还不强，重大行政决策程序执行不够严格",
        "行政执法监督的力度和手段有待加强",
    ]
    assert imported.wordings["不足引语"] == "对照上级要求，〔机关自称〕工作还存在一些不足："
    assert len(imported.last_plans) == 2
    assert [why[:5] for _, _, why in imported.outline.unplaced] == ["报告的结束"]
    _nothing_lost(blocks(lines), imported)
    assert len(imported.outline.unplaced) == 1  # every other paragraph is in a cell
    imported.measures.clear()  # were a paragraph lost by the reading, the check would put it in 未能归类
    _nothing_lost(blocks(lines), imported)
    assert imported.outline.unplaced[-1][1] == "1.健全机制。召开党组会议研究法治建设工作6次。"


def test_a_theme_report_folds_the_leaders_item_and_keeps_sub_items_with_their_item() -> None:
    outline = _outline(
        [
            "云溪县教育局",
            "2024年法治政府建设年度报告",
            "一、加强组织领导，压实法治建设责任",
            "（一）健全工作机制。调整领导小组。",
            "（二）主要负责人切实履行第一责任人职责。局长带头述法。",
            "①严格落实“第一议题”制度。",
            "（三）强化考核评价。纳入年度考核。",
            "二、规范行政执法，维护教育秩序",
            "（一）加强校外培训监管。",
            "①开展联合执法检查。",
            "②办理行政处罚案件6件。",
            "三、存在的问题",
            "执法力量不足。",
        ]
    )
    assert [s.title for s in outline.sections] == ["加强组织领导，压实法治建设责任", "规范行政执法，维护教育秩序"]
    assert [i.title for i in outline.sections[0].items] == ["健全工作机制", "强化考核评价"]
    assert [(i.title, i.text) for i in outline.items[3]] == [
        ("主要负责人切实履行第一责任人职责", "局长带头述法。\n①严格落实“第一议题”制度。")
    ]
    assert [(i.title, i.text) for i in outline.sections[1].items] == [
        ("加强校外培训监管", "①开展联合执法检查。\n②办理行政处罚案件6件。")
    ]


def test_totals_win_their_row_over_parts_and_sums_the_validation_refuses_stay_特色指标() -> None:
    imported = assemble(
        _outline(
            [
                "某市市场监督管理局2024年法治政府建设年度报告",
                "一、主要举措和成效",
                "（一）严格执法",
                "1.查办案件。商标侵权案件罚没款180万元，全年罚没款2860.5万元，办理行政许可事项1.8万件。",
                "2.化解矛盾。受理信访事项2860件，12345热线受理群众诉求15.2万件。",
                "二、存在的问题",
                "执法力量不足6人。",
            ]
        )
    )
    rows = {f.printed: (f.sheet, f.key) for f in imported.figures}
    assert rows["2860.5万元"] == ("enforcement", "fines") and rows["180万元"] == ("", "")
    assert rows["1.8万件"] == ("permits", "accepted")
    assert rows["15.2万件"] == ("", "") and rows["2860件"] == ("petitions", "total")
    assert next(f for f in imported.figures if f.printed == "不足6人").typed == "不足6"


def test_dates_stay_and_the_agency_names_itself_as_its_name_says() -> None:
    imported = assemble(
        _outline(
            [
                "桃源镇人民政府2024年法治政府建设工作报告",
                "一、主要举措和成效",
                "（一）依法决策",
                "1.学习新法。《行政复议法》于2024年1月1日施行后，组织学习2次；截至2024年底，2024年全年未发生败诉。",
                "二、存在的问题",
                "法治意识不强。",
            ]
        )
    )
    text = imported.measures[0][2]
    assert "于2024年1月1日施行" in text and "截至2025年底" in text and "2025年全年" in text
    assert imported.info["机关自称"] == "我镇"


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


def test_paragraphs_without_numbers_are_the_rows_of_their_分项_and_of_part_three() -> None:
    imported = assemble(
        _outline(
            [
                "某县人民政府2025年法治政府建设情况的报告",
                "一、2025年推进法治政府建设的主要举措和成效",
                "（一）坚持党的全面领导，统筹推进法治政府建设",
                "县政府召开常务会议专题研究法治政府建设工作4次。",
                "制定年度工作要点，明确重点任务32项。",
                "二、存在的不足和原因",
                "一是执法能力不足；二是宣传不够。",
                "三、党政主要负责人履行推进法治建设第一责任人职责情况",
                "县政府主要负责同志认真履行第一责任人职责，带头出庭应诉1次。",
                "五、其他需要报告的情况",
                "2025年，我县未发生重大行政违法案件。",
            ]
        )
    )
    assert imported.structure == [("党的领导", "坚持党的全面领导，统筹推进法治政府建设", "")]
    assert [(s, t) for s, t, _ in imported.measures] == [("党的领导", ""), ("党的领导", "")]
    assert [t for t, _ in imported.duties] == [""] and "第三部分引语" not in imported.wordings
    assert imported.others == [("", "2026年，我县未发生重大行政违法案件。")]


def test_a_short_common_name_of_another_分项_and_a_number_left_as_written() -> None:
    imported = assemble(
        _outline(
            [
                "某县卫生健康委员会2025年法治政府建设年度报告",
                "一、2025年推进法治政府建设的主要举措和成效",
                "（一）依法化解矛盾纠纷",
                "1.办理信访。受理信访事项120件，按期办结率100%。",
                "（二）自觉接受监督",
                "2.办理建议提案。承办县人大代表建议12件，按期办结率100%。",
                "3.优化服务。办理业务32万余笔，服务对象反映良好。",
                "二、存在的问题",
                "执法力量不足。",
            ]
        )
    )
    rates = [(f.label, f.sheet, f.key) for f in imported.figures if f.unit == "%"]
    assert rates == [("按期办结率", "petitions", "on_time_rate"), ("按期办结率（2）", "", "")]  # two figures, not one
    assert imported.uncited == [] and any(f.typed == "32万余" and f.unit == "笔" for f in imported.figures)
    from generator.imports.assemble import uncited_numbers

    assert uncited_numbers(["其中12家医院开展义诊，拨打12345热线，于2024年1月1日施行，第3次会议"]) == ["其中12家医院"]
