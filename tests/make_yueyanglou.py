"""A published report expressed in the workbook: 岳阳楼区卫生健康局's 2022 法治政府建设年度工作报告.

    python tests/make_yueyanglou.py OUT.xlsx      write the workbook
    python tests/make_yueyanglou.py --table       print the table of figures with their cells

The report's text is tests/fixtures/annual-report-yueyanglou-health-2022.txt (a copy of
../shared/reference/examples/annual-report-yueyanglou-health-2022.txt).  The workbook is made from it
by this script, so that the text in the narrative cells is the report's own: each paragraph of
parts 一, 三 and 四 becomes a row (its run-in title before the first "。", its text after), and each
figure in it is replaced by a 〔指标〕 citation of the cell that holds the figure.  tests/test_yueyanglou.py
builds the draft and checks that it says every figure once, from its cell, in the report's sentence.

The text file writes the half-width , ; : ( ) of its extraction; they are typed full-width here, as a
published report prints them (``check`` flags half-width punctuation in Chinese text).  Nothing else
of the wording is changed, not even the space in "群众来信 313件".

Which numbers are figures.  A figure is a count, amount, rate or duration that the report gives as a
result of the year's work (or of the department's state in that year): it is what a reader would
look up in a table of the year's figures, what a correction of the data would change.  By that rule
the report has the 36 figures of ``FIGURES`` below, and these numbers are *not* figures:

- years and dates: 2022年, 2023年, 7月, 8月, 9月, 11月, 6月, 2023年1月17日 (and 今年, 全年 in words);
- the period in a title: 《法治政府建设实施纲要(2021-2025年)》;
- ordinals and numbering: 一是…五是, 1. 2. 3. 4., (一)…(五), 第二轮, 一级抓一级;
- names: 3.15普法日, 12345热线, “三统一”, “三集中三到位”, “三项制度”, “最多跑一次”, “一件事一回访”,
  “双随机、一公开”, “互联网+”;
- statutory time limits: 法定12天 (医师注册变更), 法定7天 (护士执业注册).  They are the law's, not
  the year's results (the year's result is 缩减时间70%以上 and 3天, which are figures); a
  correction of the year's data would never change them;
- a numeral used as an article, naming one particular thing: 1例口腔诊所非法行医案, 1例…建议
  (the two matters the procuratorate handed over, each named by what it is), 一起…越级上访事件;
- amounts said in words, not in digits: 为期一个月 (the campaign's span, part of its name
  专项整治月行动), 全部参加考试, 全体参加.

A figure goes into a built-in catalogue row when the row means the same thing, relabelled and
re-unitted in its 指标 and 单位 cells with the report's words (12345热线工单 … 条); otherwise into a
特色指标 row with the report's label and unit, its 所属分项 left blank, so that it prints only where the
narrative cites it.  Each value is typed as the report types it (300余, 1800多, 20余, 突破32万,
不少于2), so the cells say which figures are approximate, as the report does.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from openpyxl.styles import Alignment, Font, PatternFill  # noqa: E402

from generator.read import catalogue as cat  # noqa: E402
from generator.workbook.blank import blank_workbook, save_workbook  # noqa: E402

REPORT_TEXT = Path(__file__).resolve().parent / "fixtures" / "annual-report-yueyanglou-health-2022.txt"
STRUCTURE_SHEET = "报告结构"
STRUCTURE_COLUMNS = ("分项", "二级标题", "引语")
WORDING_SHEET = "报告用语"
WORDING_COLUMNS = ("用语", "内容", "说明")

INFO: dict[str, Any] = {
    "机关名称": "岳阳楼区卫生健康局",
    "机关自称": "我局",
    "报告年度": 2022,
    # no 主送机关: a report for publication
    "领导机关": "区委、区政府",
    "法治建设议事协调机构": "区委法治办",
    "署名": "岳阳市岳阳楼区卫生健康局",
    "成文日期": dt.date(2023, 1, 17),
}


@dataclass(frozen=True)
class Figure:
    """One figure of the report: where it is typed, how, and the report's text around it."""

    label: str  # the 指标 cell: the report's words for it
    typed: Any  # the value as typed in the 本年 cell (as the report writes it)
    unit: str  # the 单位 cell
    printed: str  # what the draft prints for the citation: number, qualifier and unit
    text: str  # the report's text as it appears (full-width punctuation), holding ``printed`` once
    key: str = ""  # a built-in row's 编码; "" for a 特色指标 row
    sheet: str = cat.SPECIAL_SHEET


def _b(sheet: str, key: str, label: str, typed: Any, unit: str, printed: str, text: str) -> Figure:
    return Figure(label, typed, unit, printed, text, key, sheet)


def _s(label: str, typed: Any, unit: str, printed: str, text: str) -> Figure:
    return Figure(label, typed, unit, printed, text)


# The table of the report's figures, in the order the report states them.
FIGURES: tuple[Figure, ...] = (
    # (二) 健全机制，规范依法行政体系建设
    _s("规范性文件清理", 3, "次", "3次", "全局开展规范性文件清理3次"),
    _s("排查文件、合同及重大决策会议纪要", "300余", "份", "300余份", "共对300余份文件、合同及重大决策会议纪要进行排查"),
    _s("法律顾问参与行政执法案件会商", 156, "起", "156起", "共参与行政执法案件会商156起"),
    _s("重大信访事情调解指导", 3, "起", "3起", "重大信访事情调解指导3起"),
    _b("合法性审查", "contracts_reviewed", "重大合同审核", 5, "起", "5起", "重大合同审核5起"),
    # (三) 精简流程，优化行政审批服务
    _b("行政许可", "accepted", "办理行政许可事项", 6688, "件", "6688件", "共办理行政许可事项6688件"),
    _s("政务服务一体化平台", 1254, "件", "1254件", "其中政务服务一体化平台1254件"),
    _s("一网通办平台", 5434, "件", "5434件", "一网通办平台5434件"),
    _b("行政许可", "time_cut", "医师注册变更缩减时间", "70%以上", "%", "70%以上", "卫健部门缩减时间70%以上办理完毕"),
    _s("护士执业注册办理时间", 3, "天", "3天", "卫健部门3天办理完毕"),
    # (四) 严格执法，提升行政执法公信力
    _s("卫生计生综合监督执法局编制", 56, "人", "56人", "编制56人"),
    _s("在编在岗", 40, "人", "40人", "在编在岗40人"),
    _b("行政执法", "officers", "取得行政执法证", 40, "人", "40人", "取得行政执法证40人"),
    _s("换证率", 100, "%", "100%", "换证率100%"),
    _b("行政执法", "equipment", "行政执法仪", 12, "台", "12台", "全局共配备行政执法仪12台"),
    _s("专项治理的机构类别", 13, "类", "13类", "职业卫生等13类机构进行专项治理"),
    _s("专项治理行动", 2, "项", "2项", "开展了2项专项治理行动"),
    _s("下达卫生监督意见书的公共场所", "1800多", "家", "1800多家", "共对全区1800多家公共场所"),
    _s("卫生监督意见书", "2800多", "份", "2800多份", "下达卫生监督意见书2800多份"),
    _s("张挂公示牌、标志、宣传图片", "3000多", "张", "3000多张", "张挂公示牌、标志、宣传图片3000多张"),
    _s("办理健康证", "7500多", "个", "7500多个", "办理健康证7500多个"),
    _b("行政执法", "penalty_cases", "卫生行政处罚案件", 156, "起", "156起", "全年共办理卫生行政处罚案件156起"),
    _b(
        "行政执法",
        "major_review",
        "重大行政执法决定法制审核案件",
        13,
        "起",
        "13起",
        "重大行政执法决定法制审核案件13起",
    ),
    _b("行政执法", "fines", "罚没款金额", "突破32万", "元", "突破32万元", "全年罚没款金额突破32万元"),
    _b(
        "行政执法",
        "to_police",
        "向公安部门移交涉嫌非法行医罪案件",
        3,
        "起",
        "3起",
        "向公安部门移交涉嫌非法行医罪案件3起",
    ),
    _b("行政执法", "court_enforcement", "向区法院申请强制执行", 2, "起", "2起", "向区法院申请强制执行2起"),
    # (五) 矛盾化解，保障人民群众合法权益
    _b("信访", "visits", "群众上访案件", 49, "件", "49件", "共受理群众上访案件49件"),
    _b("信访", "letters", "市、（区）长信箱群众来信", 313, "件", "313件", "市、（区）长信箱群众来信 313件"),
    _b("信访", "calls", "12345热线工单", 3889, "条", "3889条", "12345热线工单3889条"),
    _b("信访", "revisit_rate", "回访率", 100, "%", "100%", "回访率100%"),
    _s("劝回“失独”家庭重点群体", "20余", "人", "20余人", "“失独”家庭重点群体20余人"),
    _b("信访", "assigned_national", "国家信访局交办件", 10, "起", "10起", "国家信访局交办件10起"),
    _b("信访", "assigned_provincial", "省信访局交办件", 21, "起", "21起", "省信访局交办件21起"),
    _b("信访", "assigned_city", "市信访局交办件", 4, "起", "4起", "市信访局交办件4起"),
    # 三、第一责任人
    _b(
        "学法",
        "group_sessions",
        "局党委理论学习中心组集中全面学习",
        "不少于2",
        "次",
        "不少于2次",
        "集中全面学习不少于2次",
    ),
    _b("学法", "exam_excellent", "法律知识考试优秀率", 100, "%", "100%", "优秀率达100%"),
)

# The numbers of the report that are not figures, each in the words it stands in (see the docstring).
NOT_FIGURES: tuple[str, ...] = (
    "2023年1月17日",
    "2022年",
    "2023年",
    "（2021-2025年）",
    "今年7月",
    "7月开展",
    "8月开展",
    "9月",
    "11月",
    "今年6月",
    "法定12天",
    "法定7天",
    "1例口腔诊所非法行医案",
    "1例规范居民小区",
    "3.15普法日",
    "1.",
    "2.",
    "3.",
    "4.",
)

# part 一's 二级 headings as the report words them, and the 分项 each stands for
SECTIONS: tuple[tuple[str, str], ...] = (
    ("党的领导", "加强领导，强化法治政府建设保障"),
    ("依法决策", "健全机制，规范依法行政体系建设"),
    ("政务服务", "精简流程，优化行政审批服务"),
    ("行政执法", "严格执法，提升行政执法公信力"),
    ("化解矛盾", "矛盾化解，保障人民群众合法权益"),
)

TITLE = "岳阳楼区卫生健康局2022年法治政府建设年度工作报告"
WORDING = {
    "标题": TITLE,
    "开头段落": (
        "〔年度〕年，在〔领导机关〕的正确领导和〔法治建设议事协调机构〕的指导下，〔机关自称〕坚持以习近平新时代中国特色社会主义"
        "思想为指导，围绕《法治政府建设实施纲要（2021-2025年）》，压实法治建设第一责任人职责，严格落实〔领导机关〕法治政府"
        "建设部署，工作中取得了一定成效，现将工作情况报告如下。"
    ),
    "不足引语": (
        "〔年度〕年，〔机关自称〕在法治政府建设方面做了大量工作，也取得了一些成绩，但工作中还存在一些问题和薄弱环节："
    ),
    "原因引语": "分析问题产生的原因，主要是",
    "第四部分引语": (
        "〔下年〕年，〔机关自称〕将以习近平法治思想为指导，切实强化卫生健康法治保障，重点抓好以下几个方面的工作。"
    ),
}

_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
_ENTRY = re.compile(r"^(\d+)\.(.+?)。(.*)$")
_SUBSECTION = re.compile(r"^\(([一二三四五六七八九十]+)\)(.+)$")


def report_lines() -> list[str]:
    """The report's lines as a published report prints them (full-width , ; : ( ))."""
    lines = [line.strip() for line in REPORT_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line if _SUBSECTION.match(line) else line.translate(_HALF_TO_FULL) for line in lines]


@dataclass(frozen=True)
class Entry:
    """One numbered paragraph of the report: "1.title。text"."""

    part: str  # 一, 三 or 四
    section: str  # part 一's 二级 heading; "" elsewhere
    title: str
    text: str

    @property
    def paragraph(self) -> str:
        return f"{self.title}。{self.text}"


@dataclass(frozen=True)
class Parsed:
    headings: list[str]  # part 一's 二级 headings
    entries: list[Entry]
    shortcomings_paragraph: str  # part 二, one paragraph
    plans_lead: str


def parse_report() -> Parsed:
    """Part 一's headings and entries, parts 三 and 四's entries, part 二's paragraph."""
    part, section = "", ""
    headings: list[str] = []
    entries: list[Entry] = []
    part_two = plans_lead = ""
    for line in report_lines():
        if line[:2] in ("一、", "二、", "三、", "四、"):
            part = line[0]
            continue
        m = _SUBSECTION.match(line)
        if m:
            section = m[2].translate(_HALF_TO_FULL)
            headings.append(section)
            continue
        m = _ENTRY.match(line)
        if m and part in "一三四":
            entries.append(Entry(part, section if part == "一" else "", m[2], m[3]))
        elif part == "二":
            part_two = line
        elif part == "四" and not plans_lead:
            plans_lead = line
    return Parsed(headings, entries, part_two, plans_lead)


def _cite(text: str) -> str:
    """The report's paragraph with each figure it states replaced by the citation of its cell."""
    for f in FIGURES:
        if f.text in text:
            assert text.count(f.text) == 1, f.text
            text = text.replace(f.text, f.text.replace(f.printed, f"〔{f.label}〕", 1))
    return text


def _shortcomings(paragraph: str) -> tuple[list[str], list[str]]:
    """Part 二's 不足 (一是…；二是…；三是…) and its 原因 sentence (the rest of the paragraph)."""
    lead = WORDING["不足引语"].replace("〔年度〕", str(INFO["报告年度"])).replace("〔机关自称〕", INFO["机关自称"])
    assert paragraph.startswith(lead), paragraph
    listed, cause = paragraph[len(lead) :].split("。", 1)
    items = [re.sub(r"^[一二三四五六七八九十]是", "", part) for part in listed.split("；")]
    assert cause.startswith(WORDING["原因引语"]), cause
    return items, [cause[len(WORDING["原因引语"]) :].removesuffix("。")]


def _banner_and_header(ws: Any, banner: str, columns: tuple[str, ...], widths: tuple[int, ...]) -> None:
    """Row 1 a banner, row 2 the header, as every sheet of the blank workbook lays them out."""
    ws.cell(row=1, column=1, value=banner)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    ws.cell(row=1, column=1).fill = PatternFill("solid", fgColor="FFF2CC")
    ws.cell(row=1, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    for j, (name, width) in enumerate(zip(columns, widths, strict=True), start=1):
        c = ws.cell(row=2, column=j, value=name)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="D9E1F2")
        ws.column_dimensions[c.column_letter].width = width


def _sheet(wb: Any, name: str, columns: tuple[str, ...], banner: str) -> Any:
    """The sheet, as the blank workbook has it, or made with its layout (row 1 banner, row 2 header)."""
    if name not in wb.sheetnames:
        _banner_and_header(wb.create_sheet(name), banner, columns, (16, 40, 80))
    ws = wb[name]
    header = [c.value for c in ws[2]][: len(columns)]
    assert tuple(header) == columns, f"{name}: {header}"
    return ws


def _fill_structure(wb: Any) -> None:
    ws = _sheet(wb, STRUCTURE_SHEET, STRUCTURE_COLUMNS, "报告结构：第一部分各分项的顺序、二级标题和引语。")
    for row in ws.iter_rows(min_row=3):
        for c in row:
            c.value = None
    for i, (short, title) in enumerate(SECTIONS, start=3):
        ws.cell(row=i, column=1, value=short)
        ws.cell(row=i, column=2, value=title)


def _fill_wording(wb: Any) -> None:
    ws = _sheet(wb, WORDING_SHEET, WORDING_COLUMNS, "报告用语：标题、开头段落和各部分的引语。")
    rows = {ws.cell(row=r, column=1).value: r for r in range(3, ws.max_row + 1)}
    for name, text in WORDING.items():
        r = rows.get(name) or max([2, *rows.values()]) + 1
        rows[name] = r
        ws.cell(row=r, column=1, value=name)
        ws.cell(row=r, column=2, value=text)


def _row_of(ws: Any, key: str) -> int:
    for row in ws.iter_rows(min_row=3):
        if row[0].value == key:
            return row[0].row
    raise KeyError(f"{ws.title}: {key}")


def cells(wb: Any | None = None) -> dict[str, str]:
    """Each figure's 本年 cell (``工作表!C行``), by label: built-in rows where the blank has them,
    特色指标 rows from row 3 in the table's order."""
    wb = wb or blank_workbook()
    out: dict[str, str] = {}
    special = 3
    for f in FIGURES:
        if f.key:
            out[f.label] = f"{f.sheet}!C{_row_of(wb[f.sheet], f.key)}"
        else:
            out[f.label] = f"{cat.SPECIAL_SHEET}!C{special}"
            special += 1
    return out


def fill(wb: Any) -> None:
    """Write the report into a blank workbook."""
    for row in wb[cat.INFO_SHEET].iter_rows(min_row=3):
        if row[0].value in INFO:
            row[1].value = INFO[row[0].value]
    where = cells(wb)
    for f in FIGURES:
        sheet, ref = where[f.label].split("!")
        ws, r = wb[sheet], int(ref[1:])
        if f.key:
            ws.cell(row=r, column=2, value=f.label)
        else:
            ws.cell(row=r, column=2, value=f.label)  # 编码 left blank: the label keys the row
        ws.cell(row=r, column=3, value=f.typed)
        ws.cell(row=r, column=5, value=f.unit)
    parsed = parse_report()
    shorts = {title: short for short, title in SECTIONS}
    by_part: dict[str, list[tuple[str, ...]]] = {"一": [], "三": [], "四": []}
    for e in parsed.entries:
        text = _cite(e.text)
        by_part[e.part].append((shorts[e.section], e.title, text) if e.part == "一" else (e.title, text))
    shortcomings, causes = _shortcomings(parsed.shortcomings_paragraph)
    rows = [("不足", t) for t in shortcomings] + [("原因", t) for t in causes]
    for sheet, values in (
        (cat.MEASURES.name, by_part["一"]),
        (cat.SHORTCOMINGS.name, rows),
        (cat.DUTIES.name, by_part["三"]),
        (cat.PLANS.name, by_part["四"]),
    ):
        ws = wb[sheet]
        for i, row_values in enumerate(values, start=3):
            for j, v in enumerate(row_values, start=1):
                ws.cell(row=i, column=j, value=v)
    _fill_structure(wb)
    _fill_wording(wb)


def workbook() -> Any:
    wb = blank_workbook()
    fill(wb)
    return wb


def write(path: Path) -> None:
    save_workbook(workbook(), path)


def table() -> str:
    """The table of figures: label, value as typed, cell, the report's text as it appears."""
    where = cells()
    lines = ["指标\t本年（填写）\t单元格\t报告原文"]
    lines += [f"{f.label}\t{f.typed}\t{where[f.label]}\t{f.text}" for f in FIGURES]
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:] == ["--table"]:
        print(table())
    elif len(sys.argv) == 2:
        write(Path(sys.argv[1]))
        print(f"已写出工作簿：{sys.argv[1]}")
    else:
        print(__doc__.split("\n\n")[1])
        sys.exit(2)
