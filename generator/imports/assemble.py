"""Last year's report, read into what this year's workbook holds.

From the outline (:mod:`generator.imports.outline`): 基本信息 (the year moved on), 报告用语 with its
〔〕 placeholders put back, 报告结构 (part 一's 分项), the narrative rows, and the figure rows — every
figure of the text (:mod:`generator.imports.figures`) a row with last year's value as 上年, in a
catalogue row when one clearly fits (:mod:`generator.imports.mapping`), else in 特色指标 — while the
sentence that stated it now cites it (〔指标〕), and a 同比 it was given cites its 同比.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from generator.imports import mapping
from generator.imports.figures import UNITS, Found, find_figures
from generator.imports.outline import Item, Outline
from generator.imports.tables import TableFigure, table_figures
from generator.model.values import APPROX_PREFIXES, typed_number
from generator.read import catalogue as cat
from generator.render.clauses import SHEET_SECTIONS

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
_CHANGE = re.compile(
    r"^[，,]?\s*(?:同比|较上年|比上年|较去年|比去年)(?:增长|上升|提高|增加|下降|减少|降低)(?P<num>\d+(?:\.\d+)?)"
    r"(?:%|％|个百分点)|^[，,]?\s*与上年持平"
)
_FORBIDDEN_IN_LABEL = re.compile(r"[〔〕|｜\[\]【】]")
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
class FigureRow:
    label: str
    typed: str  # last year's value, as typed into the 上年 cell
    unit: str
    printed: str  # as the report wrote it
    context: str  # the sentence it stood in
    where: str
    sheet: str = ""  # a catalogue sheet's key, "" for 特色指标
    key: str = ""
    cited: int = 1


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

    @property
    def mapped(self) -> list[FigureRow]:
        return [f for f in self.figures if f.sheet]


class _Figures:
    """Turns each figure of a text into a row, and the text into one that cites it."""

    def __init__(self, out: Imported) -> None:
        self.out = out
        self.by_label: dict[str, FigureRow] = {}
        self.holders: dict[str, FigureRow] = {}  # "sheet.key" → the figure in that catalogue row
        self.names = {ind.label for s in cat.INDICATOR_SHEETS for ind in s.indicators}

    def _row_for(self, f: Found, sheets_here: tuple[str, ...]) -> mapping.Match | None:
        """The catalogue row the figure goes into: the one it clearly is, when that row holds no
        figure yet or a smaller count or amount (a part of this total: 罚没款180万元 of 2860.5万元)."""
        hit = mapping.match(f.label, f.unit, sheets_here)
        if hit is None:
            return None
        value = _number(f.typed)
        if hit.indicator.kind is cat.Kind.COUNT and (value is None or value != value.to_integral_value()):
            return None
        holder = self.holders.get(f"{hit.sheet.key}.{hit.indicator.key}")
        if holder is None:
            return hit
        if hit.indicator.kind in (cat.Kind.COUNT, cat.Kind.AMOUNT):
            held = _number(holder.typed)
            if value is not None and held is not None and value > held:
                return hit
        return None

    def _unique(self, label: str, typed: str, unit: str, own: str = "") -> tuple[str, FigureRow | None]:
        """A name no other row has (``own``: the catalogue label of the row it goes into, free to
        take), or the row of the same figure stated before."""
        label = _FORBIDDEN_IN_LABEL.sub("", label).strip() or "数字"
        if label in self.names and label != own and label not in self.by_label:
            label = f"{label}（{unit}）"  # a built-in row's name, not that row: 发放宣传资料（册）
        n, name = 1, label
        while name in self.by_label or (name in self.names and name != own):
            same = self.by_label.get(name)
            if same is not None and same.typed == typed and same.unit == unit and len(label) >= 6:
                return name, same  # the same figure stated again (a name that says what): one row
            n += 1
            name = f"{label}（{n}）"
        return name, None

    def add_table(self, tf: TableFigure) -> bool:
        """A figure of a table: a row, unless the narrative stated it already."""
        for f in self.out.figures:
            if f.typed == tf.typed and f.unit == tf.unit and (tf.label in f.label or f.label in tf.label):
                return False
        found = Found(0, 0, tf.typed, tf.unit, tf.label, tf.printed)
        hit = self._row_for(found, ())
        name, same = self._unique(tf.label, tf.typed, tf.unit, hit.indicator.label if hit else "")
        if same is not None:
            return False
        row = FigureRow(name, tf.typed, tf.unit, tf.printed, tf.row_text, tf.where, cited=0)
        if hit:
            slot = f"{hit.sheet.key}.{hit.indicator.key}"
            if slot in self.holders:
                self.holders[slot].sheet = self.holders[slot].key = ""
            row.sheet, row.key = hit.sheet.key, hit.indicator.key
            self.holders[slot] = row
        self.by_label[name] = row
        self.out.figures.append(row)
        return True

    def cite(self, text: str, where: str, section_key: str = "") -> str:
        found = find_figures(text)
        if not found:
            return text
        sheets_here = tuple(k for k, v in SHEET_SECTIONS.items() if v == section_key)
        pieces: list[str] = []
        at = 0
        skip_to = -1
        previous: tuple[Found, str] | None = None
        for f in found:
            if f.start < skip_to:
                continue
            change = previous and _CHANGE.match(text[previous[0].end : f.end + 4])
            if change and previous and _approximate(previous[0].typed):
                change = None  # 突破18.6万户，同比增长7.2%: no 同比 of an approximate figure; a figure of its own
                if re.fullmatch(_BARE_CHANGE, f.label):
                    f = replace(f, label=previous[1] + f.label)
            if change and previous and previous[0].end <= f.start:
                # 同比增长7.4%: last year's change, said again from this year's figures
                span_end = previous[0].end + change.end()
                pieces.append(text[at : previous[0].end])
                lead = re.match(r"^[，,]?\s*", text[previous[0].end : span_end])
                pieces.append((lead[0] if lead else "") + f"〔{previous[1]}｜同比〕")
                at = span_end
                self.out.changes += 1
                previous = None
                continue
            hit = self._row_for(f, sheets_here)
            name, same = self._unique(f.label, f.typed, f.unit, hit.indicator.label if hit else "")
            if same is not None:
                same.cited += 1
            else:
                row = FigureRow(name, f.typed, f.unit, f.printed, _sentence(text, f), where)
                if hit:
                    slot = f"{hit.sheet.key}.{hit.indicator.key}"
                    if slot in self.holders:  # a larger figure of the same row: the total, its part goes
                        self.holders[slot].sheet = self.holders[slot].key = ""
                    row.sheet, row.key = hit.sheet.key, hit.indicator.key
                    self.holders[slot] = row
                self.by_label[name] = row
                self.out.figures.append(row)
            pieces.append(text[at : f.start])
            pieces.append(f"〔{name}〕")
            at = f.end
            previous = (f, name)
        tail = text[at:]
        if previous:
            change = _CHANGE.match(tail)
            if change:
                lead = re.match(r"^[，,]?\s*", tail)
                tail = (lead[0] if lead else "") + f"〔{previous[1]}｜同比〕" + tail[change.end() :]
                self.out.changes += 1
        pieces.append(tail)
        return "".join(pieces)


_BARE_CHANGE = r"(?:同比|较上年|比上年)?(?:增长|下降|上升|提高|减少|增加|降低)"


def _number(typed: str) -> Decimal | None:
    """The number a figure as typed stands for (突破32万 → 320000), None for a rate or text."""
    value, _ = typed_number(typed)
    return value if isinstance(value, Decimal) else None


def _approximate(typed: str) -> bool:
    return typed_number(typed)[1] != "" or typed.startswith(APPROX_PREFIXES) or typed.endswith(("余", "多", "以上"))


_DIGITS = re.compile(r"(?<![\d.〔])\d+(?:\.\d+)?")


def uncited_numbers(texts: list[str]) -> list[str]:
    """Numbers left as they were in the narrative that look like counts (not years, dates, ordinals,
    document numbers, titles, phone numbers): last year's number, unless the clerk changes it."""
    out: list[str] = []
    for text in texts:
        bare = re.sub(r"〔[^〕]*〕|《[^》]*》|[“\"][^”\"]*[”\"]", lambda m: " " * len(m[0]), text)
        for m in _DIGITS.finditer(bare):
            before, after = bare[max(0, m.start() - 2) : m.start()], bare[m.end() : m.end() + 3]
            if len(m[0]) >= 7 or re.match(r"\s*(?:年|月|日|号|时|点|周岁|[-—－~～:：·])", after):
                continue
            if before.endswith(("第", "前", "近")) or re.match(r"\d*(?:热线|\.\d)", after) or int(float(m[0])) == 0:
                continue
            if re.fullmatch(r"1\d{2,4}", m[0]) and not bare[m.end() :].startswith(UNITS):
                continue  # 110, 12320, 12345: a service's number, not a count
            out.append(text[max(0, m.start() - 6) : m.end() + 3])
    return out


def keep_to_the_rules(figures: list[FigureRow]) -> int:
    """Figures taken out of catalogue rows whose sums or parts the validation would refuse
    (12345热线受理群众诉求15.2万件 is no part of 受理信访事项2860件): they stay 特色指标.  How many."""
    rows = {(f.sheet, f.key): f for f in figures if f.sheet}
    moved = 0
    for rule in cat.RULES:
        if isinstance(rule, cat.SumRule):
            total, parts = rows.get((rule.sheet, rule.total)), [rows.get((rule.sheet, k)) for k in rule.parts]
            given = [f for f in parts if f is not None]
            values = [_number(f.typed) for f in given]
            whole = _number(total.typed) if total else None
            if whole is None or not given or None in values:
                continue
            summed = sum(v for v in values if v is not None)
            if summed > whole or (len(given) == len(parts) and summed != whole):
                for f in given:
                    f.sheet = f.key = ""
                    moved += 1
        elif not rule.warning:
            part, whole_row = rows.get((rule.sheet, rule.part)), rows.get((rule.sheet, rule.whole))
            if part and whole_row:
                a, b = _number(part.typed), _number(whole_row.typed)
                if a is not None and b is not None and a > b:
                    part.sheet = part.key = ""
                    moved += 1
    return moved


def _sentence(text: str, f: Found) -> str:
    start = max(text.rfind(m, 0, f.start) for m in "。；;\n") + 1
    ends = [i for i in (text.find(m, f.end) for m in "。；;\n") if i >= 0]
    return text[start : (min(ends) + 1 if ends else len(text))].strip()


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
    if year and (m := re.search(rf"^(.+?)\s*(?:关于)?\s*{year}\s*年", title)):
        info["机关名称"] = m[1].strip()
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
    for ending, own in (("委员会", "我委"), ("办公室", "我办"), ("中心", "我中心")):
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
        r"(?:(?:分析|究其|产生|存在)[^。；]{0,12})?原因[^。；：:]{0,12}?(?:主要是|主要有|在于|是)[：:，,]?"
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


def assemble(outline: Outline, same_year: bool = False) -> Imported:
    """This year's workbook content from last year's outline (``same_year``: the report's own year,
    its figures as 本年 and its plans as 下年安排: the workbook it could have been made from)."""
    out = Imported(outline, same_year=same_year)
    year = outline.year
    out.info = _info(outline)
    if same_year and year:
        out.info["报告年度"] = year
    figures = _Figures(out)

    def moved(text: str) -> str:
        if year and f"{year}年" in text and not same_year:
            changed = replace_year(text, year, str(year + 1))
            out.years_moved += len(re.findall(rf"(?<!\d){year + 1}年", changed)) - len(
                re.findall(rf"(?<!\d){year + 1}年", text)
            )
            text = changed
        return text

    def cite(text: str, where: str, key: str = "") -> str:
        return figures.cite(moved(text), where, key)

    if outline.title:
        out.wordings["标题"] = _placeholders(outline.title, out.info, year)
    if outline.opening:
        out.wordings["开头段落"] = _placeholders("\n".join(outline.opening), out.info, year)
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
    if 4 in outline.part_leads:
        out.last_plans.append(("（引语）", "\n".join(outline.part_leads[4])))
        out.wordings["第四部分引语"] = _placeholders("\n".join(outline.part_leads[4]), out.info, year)
    out.last_plans += [(it.title, it.text) for it in outline.items[4]]
    out.others = [("", cite(t, "第五部分")) for t in outline.part_leads.get(5, [])]
    out.others += _rows(outline.items[5], cite)
    taken = {tf.where for tf in table_figures(outline.tables, year) if figures.add_table(tf)}
    outline.unplaced = [
        (w, t, why + "；其中的数字已写入指标表或特色指标表" if w in taken else why) for w, t, why in outline.unplaced
    ]
    keep_to_the_rules(out.figures)
    narrative = [t for *_, t in out.measures] + [t for _, t in out.shortcomings + out.duties + out.others]
    out.uncited = uncited_numbers(narrative + [lead for *_, lead in out.structure])
    return out
