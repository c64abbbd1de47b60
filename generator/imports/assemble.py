"""Last year's report, read into what this year's workbook holds.

From the outline (:mod:`generator.imports.outline`): 基本信息 (the year moved on), 报告用语 with its
〔〕 placeholders put back, 报告结构 (part 一's 分项), the narrative rows, and the figure rows — every
figure of the text (:mod:`generator.imports.figures`) a row with last year's value as 上年, in a
catalogue row when one clearly fits (:mod:`generator.imports.mapping`), else in 特色指标 — while the
sentence that stated it now cites it (〔指标〕), and a 同比 it was given cites its 同比.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.imports.citing import FigureRow, FigureRows, keep_to_the_rules, renamed, uncited_numbers
from generator.imports.structure import Item, Outline
from generator.imports.tables import table_figures
from generator.read import catalogue as cat

# the 分项 a 二级 heading stands for, by its words (the first that fits, each 分项 once)
SECTION_WORDS: tuple[tuple[str, str], ...] = (
    ("leadership", r"党的.{0,4}领导|党对.{0,12}领导|党建|组织领导|加强领导|领导机制|压实.{0,4}责任|责任落实"),
    ("enforcement", r"执法"),
    ("permits", r"审批|政务服务|放管服|营商环境|行政许可"),
    ("disputes", r"信访|矛盾|纠纷|复议|诉讼|调解|合法权益"),
    ("publicity", r"普法|法治宣传|宣传教育"),
    ("oversight", r"监督|公开|制约"),
    ("review", r"决策|规范性文件|合法性审查|合法性审核|法律顾问|依法行政体系|制度建设"),
    ("study", r"学法|学习|培训|法治思维|法治教育|法治素养"),
)
_LEAD = re.compile(r"(?:工作|方面|如下|以下[^。]{0,12})[。：:]$|重点抓好|将以|将坚持|将继续")
_SELF = re.compile(r"我(?:局|委|办|厅|院|署|会|处|站|所|队|中心)")
_SELF_PLACE = re.compile(r"我(?:区|县|市|镇|乡|州|旗|省)")  # a government's report
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》]")


def full_width(text: str) -> str:
    """Half-width , ; : ? ! ( ) next to Chinese typed full-width, as a report prints them (a web page's
    text often has them half-width); 9:30, 1,000 and (2021-2025) between digits stay."""
    out = list(text)
    opened: list[int] = []
    for i, ch in enumerate(text):  # a pair of brackets goes full-width together: (1）, not (1）
        if ch in "(（":
            opened.append(i)
        elif ch in ")）" and opened:
            a = opened.pop()
            pair = text[a : i + 1]
            near = text[a - 1 : a] + text[i + 1 : i + 2]
            if "（" in pair[:1] + pair[-1:] or _CJK.search(pair[1:-1]) or _CJK.search(near):
                out[a], out[i] = "（", "）"
    for i, ch in enumerate(text):
        if ch not in _HALF or ch in "()":
            continue
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        if (_CJK.match(before or " ") or _CJK.match(after or " ")) and not (before.isdigit() and after.isdigit()):
            out[i] = _HALF[ch]
    return "".join(out)


@dataclass
class Imported:
    """What the workbook is filled with, and what was recognised."""

    outline: Outline
    info: dict[str, Any] = field(default_factory=dict)  # 基本信息 label → value
    wordings: dict[str, str] = field(default_factory=dict)
    structure: list[tuple[str, str, str]] = field(default_factory=list)  # 分项, 二级标题, 引语
    measures: list[tuple[str, str, str]] = field(default_factory=list)  # 所属分项, 小标题, 内容
    shortcomings: list[tuple[str, str]] = field(default_factory=list)  # 类别, 内容
    duties: list[tuple[str, str]] = field(default_factory=list)
    last_plans: list[tuple[str, str]] = field(default_factory=list)  # last year's part 四
    others: list[tuple[str, str]] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    same_year: bool = False  # the report's own year kept: figures are 本年, plans 下年安排
    changes: int = 0  # 同比 phrases turned into 〔指标｜同比〕
    years_moved: int = 0  # "2022年" in the narrative made "2023年"
    uncited: list[str] = field(default_factory=list)  # numbers left as written in the narrative
    moved_at: list[str] = field(default_factory=list)  # where the year was moved on

    @property
    def mapped(self) -> list[FigureRow]:
        return [f for f in self.figures if f.sheet]


def _section_key(title: str, used: set[str]) -> str:
    for key, pattern in SECTION_WORDS:
        if key not in used and re.search(pattern, title):
            return key
    return ""


def _short_name(title: str, used: set[str]) -> str:
    """A new 分项's name: its heading's first phrase, whole (a name cut mid-word reads as a slip)."""
    name = re.split(r"[，,；;。]", title)[0][:20] or title[:20]
    while name in used or name in cat.SUBSECTIONS_BY_SHORT:
        name += "（续）"
    return name


def _placeholders(text: str, info: dict[str, Any], year: int | None) -> str:
    for label, name in (
        ("法治建设议事协调机构", "法治建设议事协调机构"),
        ("领导机关", "领导机关"),
        ("机关名称", "机关名称"),
        ("机关自称", "机关自称"),
    ):
        value = info.get(label)
        if value:
            text = text.replace(str(value), f"〔{name}〕")
    if year:
        text = replace_year(text, year, "〔年度〕")
        text = replace_year(text, year + 1, "〔下年〕")
    return text


def replace_year(text: str, year: int, by: str) -> str:
    """``text`` with the year ``year`` (followed by 年) written ``by`` — but not inside 《》 (a title:
    《法治政府建设实施纲要（2021-2025年）》), not as the end of a range (2021-2025年, 2021年至2025年),
    and not in a date (于2024年1月1日施行: a fact of that day, not of the year reported)."""
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", text)]
    out, at = [], 0
    for m in re.finditer(rf"(?<!\d){year}(?=年)", text):
        if any(a <= m.start() < b for a, b in titles):
            continue
        if re.search(r"\d{4}年?\s*[-—－~～至到]\s*$", text[max(0, m.start() - 8) : m.start()]):
            continue
        if re.match(r"年\s*\d{1,2}\s*月", text[m.end() :]):
            continue
        out.append(text[at : m.start()] + by)
        at = m.end()
    return "".join(out) + text[at:]


def _info(outline: Outline) -> dict[str, Any]:
    info: dict[str, Any] = {}
    year = outline.year
    title = outline.title
    if year and (m := re.search(rf"^(.+?)(?:关于.*)?{year}\s*年", title)):
        info["机关名称"] = m[1].split("关于")[0].strip()
    elif outline.signature:
        info["机关名称"] = outline.signature
    if year:
        info["报告年度"] = year + 1
    if outline.addressee:
        info["主送机关"] = outline.addressee
    opening = "".join(outline.opening)
    text = opening + "".join(outline.shortcomings) + "".join(i.text for s in outline.sections for i in s.items)
    selves = _SELF.findall(text) or _SELF_PLACE.findall(text)  # 我局 before 我区: a department first
    if selves:
        info["机关自称"] = max(sorted(set(selves)), key=selves.count)
    if m := re.search(r"在(.{2,30}?)的(?:正确|坚强|有力)?领导(?:下)?", opening):
        info["领导机关"] = m[1]
    if m := re.search(r"(?:和|及|以及)(.{2,30}?)的(?:精心|具体|有力)?(?:指导|督导)", opening):
        info["法治建设议事协调机构"] = m[1]
    if outline.signature:
        info["署名"] = outline.signature
    if "机关自称" not in info and (own := _self_from_name(str(info.get("机关名称", "")))):
        info["机关自称"] = own
    return info


def _self_from_name(agency: str) -> str:
    """What an agency calls itself when its report never says: 桃源镇人民政府 → 我镇, …局 → 我局."""
    for ending, own in (
        ("街道办事处", "我街道"),
        ("办事处", "我办"),
        ("委员会", "我委"),
        ("办公室", "我办"),
        ("中心", "我中心"),
    ):
        if agency.endswith(ending):
            return own
    m = re.search(r"([镇乡县区市州旗])人民政府$", agency)
    if m:
        return f"我{m[1]}"
    m = re.search(r"([局委办厅院署会处站所队])$", agency)
    return f"我{m[1]}" if m else ""


def _split_shortcomings(paragraphs: list[str], heads: set[int], out: Imported, year: int | None) -> None:
    """Part 二: its lead, its 不足 (一是……二是……) and its 原因 with their lead; a 二级 heading of
    part 二 (存在的不足, 原因分析) says which the paragraphs after it are."""
    cause_at = re.compile(
        r"(?:(?:分析|究其|产生|存在)[^。；]{0,12})?原因(?:[^。；：:]{0,12}?(?:主要是|主要有|在于|是)[：:，,]?|[：:])"
    )
    kind = "不足"
    for i, para in enumerate(paragraphs):
        if i in heads:
            kind = "原因" if "原因" in para else "不足"
            continue
        if para.endswith(("：", ":")) and "是" not in para[-3:] and len(para) <= 80:
            lead = "原因引语" if kind == "原因" or "原因" in para else "不足引语"  # 还存在一些不足：
            if lead not in out.wordings:
                out.wordings[lead] = _placeholders(para, out.info, year)
                continue
        if re.match(r"^(?:对于|针对|对)(?:上述|以上|这些)(?:问题|不足)|^下一步", para) and out.shortcomings:
            k, last = out.shortcomings[-1]  # 对于上述问题，我局将……: the end of what came before
            out.shortcomings[-1] = (k, f"{last.rstrip('。；;')}。{para.rstrip('。')}")
            continue
        m = cause_at.search(para) if kind == "不足" else None
        pieces = [(kind, para)]
        if m:
            pieces = [("不足", para[: m.start()]), ("原因", para[m.end() :])]
            if "原因引语" not in out.wordings:
                out.wordings["原因引语"] = para[m.start() : m.end()]
        elif re.match(r"^[^。]{0,20}原因", para):
            kind = "原因"
            pieces = [(kind, para)]
        for k, text in pieces:
            text = text.strip()
            if not text:
                continue
            listed = re.split(r"[一二三四五六七八九十]是", text)
            lead, rest = listed[0], listed[1:]
            if rest and k == "不足" and "不足引语" not in out.wordings and lead:
                out.wordings["不足引语"] = _placeholders(lead, out.info, year)
            elif lead and rest:
                rest[0] = lead + rest[0]
            elif lead:
                rest = [lead]
            for r in rest:
                r = r.strip().rstrip("；;，,。")
                if r:
                    out.shortcomings.append((k, r))


def _rows(items: list[Item], cite: Any, key: str = "") -> list[tuple[str, str]]:
    return [(it.title, cite(it.text, it.where, key)) for it in items if it.text or it.title]


def _apply_renames(out: Imported, renames: dict[str, str]) -> None:
    def r(text: str) -> str:
        return renamed(text, renames)

    out.measures = [(a, b, r(t)) for a, b, t in out.measures]
    out.structure = [(a, b, r(t)) for a, b, t in out.structure]
    out.shortcomings = [(k, r(t)) for k, t in out.shortcomings]
    out.duties = [(a, r(t)) for a, t in out.duties]
    out.others = [(a, r(t)) for a, t in out.others]
    out.wordings = {k: r(v) for k, v in out.wordings.items()}


def assemble(outline: Outline, same_year: bool = False) -> Imported:
    """This year's workbook content from last year's outline (``same_year``: the report's own year,
    its figures as 本年 and its plans as 下年安排: the workbook it could have been made from)."""
    out = Imported(outline, same_year=same_year)
    year = outline.year
    out.info = _info(outline)
    if same_year and year:
        out.info["报告年度"] = year
    figures = FigureRows()

    def moved(text: str) -> str:
        if year and f"{year}年" in text and not same_year:
            changed = replace_year(text, year, str(year + 1))
            count = len(re.findall(rf"(?<!\d){year + 1}年", changed)) - len(re.findall(rf"(?<!\d){year + 1}年", text))
            if count:
                at = changed.find(f"{year + 1}年")
                out.moved_at.append(changed[max(0, at - 4) : at + 14])
            out.years_moved += count
            text = changed
        return text

    def cite(text: str, where: str, key: str = "") -> str:
        return figures.cite(moved(text), where, key)

    if outline.title:
        out.wordings["标题"] = _placeholders(outline.title, out.info, year)
    if outline.opening:  # its figures cited too (优良天数比率达到89.6%): the year by its placeholder
        opening = figures.cite("\n".join(outline.opening), "开头段落", "")
        out.wordings["开头段落"] = _placeholders(opening, out.info, year)
    used: set[str] = set()
    shorts: set[str] = set()
    for sec in outline.sections:
        key = _section_key(sec.title, used)
        used.add(key)
        short = (
            cat.SUBSECTIONS[[s.key for s in cat.SUBSECTIONS].index(key)].short
            if key
            else _short_name(sec.title, shorts)
        )
        shorts.add(short)
        if sec.items:
            lead = cite("\n".join(sec.lead), sec.where, key) if sec.lead else ""
            out.structure.append((short, sec.title, lead))
        else:  # a 分项 written as plain paragraphs: they are its measures, each a row without 小标题
            out.structure.append((short, sec.title, ""))
            out.measures += [(short, "", cite(t, sec.where, key)) for t in sec.lead]
        for it in sec.items:
            out.measures.append((short, it.title, cite(it.text, it.where, key)))
    if 1 in outline.part_leads:
        out.wordings["第一部分引语"] = cite("\n".join(outline.part_leads[1]), "第一部分", "")
    _split_shortcomings(outline.shortcomings, outline.shortcoming_heads, out, year)
    out.shortcomings = [(k, cite(t, "第二部分")) for k, t in out.shortcomings]
    if 3 in outline.part_leads and outline.items[3]:
        out.wordings["第三部分引语"] = cite("\n".join(outline.part_leads[3]), "第三部分", "duties")
    elif 3 in outline.part_leads:  # part 三 as plain paragraphs: each a row without 小标题
        out.duties = [("", cite(t, "第三部分", "duties")) for t in outline.part_leads[3]]
    out.duties += _rows(outline.items[3], cite, "duties")
    leads4 = outline.part_leads.get(4, [])
    if leads4 and (outline.items[4] or len(leads4) > 1) and _LEAD.search(leads4[0]):
        out.last_plans.append(("（引语）", leads4[0]))  # 2023年，我局将……重点抓好以下工作。
        out.wordings["第四部分引语"] = _placeholders(leads4[0], out.info, year)
        leads4 = leads4[1:]
    out.last_plans += [("", t) for t in leads4]  # plans written as paragraphs: last year's, not this year's
    out.last_plans += [(it.title, it.text) for it in outline.items[4]]
    out.others = [("", cite(t, "第五部分")) for t in outline.part_leads.get(5, [])]
    out.others += _rows(outline.items[5], cite)
    taken = {tf.where for tf in table_figures(outline.tables, year) if figures.add_table(tf)}
    outline.unplaced = [
        (w, t, why + "；其中的数字已写入指标表或特色指标表" if w in taken else why) for w, t, why in outline.unplaced
    ]
    out.figures, out.changes = figures.rows, figures.changes
    renames = keep_to_the_rules(out.figures)
    if renames:
        _apply_renames(out, renames)
    narrative = [t for *_, t in out.measures] + [t for _, t in out.shortcomings + out.duties + out.others]
    out.uncited = uncited_numbers(narrative + [lead for *_, lead in out.structure] + list(out.wordings.values()))
    return out
