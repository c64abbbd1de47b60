"""The figures in a sentence of last year's report: where each is, its value as written, its unit
and a label taken from its clause.

A figure is a number in digits followed by a unit or measure word (件, 起, 人次, 万元, % …), with the
marks the genre writes around it: 超过/突破/不少于/约/近/逾 before, 余/多/以上 after, 万/亿 inside.
These are not figures, however they look: years and dates (2022年, 7月, 1月17日), periods in a
title ((2021-2025年)), ordinals (第2次), document numbers (〔2022〕4号), anything inside 《》 or
〔〕, phone numbers and other long digit strings, names that start with digits (12345热线,
3.15普法日: no unit follows), a statutory limit (法定12天), and a lone 1 used as an article before a
noun (1例…案).

The label is the clause's words before the number — from the last clause mark (，；。：) or the
previous figure, less the subject and time words that open a clause (2022年, 我局, 全年, 共, 其中 …)
and a verb of degree at its end (达, 达到, 为) — or, when the number stands before its noun
("对1800多家公共场所"), the noun after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# units and measure words, longest first so that 人次 wins over 人 and 万元 over 元
UNITS = tuple(
    sorted(
        (
            "台（套） 台(套) 个工作日 个百分点 人次 户次 家次 场次 批次 台次 辆次 万元 亿元 学时 课时 小时 "
            "平方米 公里 笔 件 起 宗 例 人 名 位 次 场 期 轮 份 册 本 套 台 辆 部 家 户 所 个 项 类 条 张 篇 卷 幅 块 "
            "处 座 间 支 组 批 天 元 万 亿 % ％"
        ).split(),
        key=len,
        reverse=True,
    )
)
_SHARE_UNITS = ("%", "％", "个百分点")
_ARTICLES = ("例", "个", "起", "件", "名", "位", "家", "所", "项", "条", "份", "部", "宗")  # "1例…案" names one
PREFIXES = ("超过", "突破", "不少于", "不足", "约", "近", "逾")
SUFFIXES = ("余", "多", "以上")
NUMBER = re.compile(
    r"(?P<pre>" + "|".join(PREFIXES) + r")?"
    r"(?<![\d.．,〔\[【(（/:：\-—－a-zA-Z])"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<mul>万|亿)?(?P<suf1>余|多)?\s?(?P<unit>" + "|".join(map(re.escape, UNITS)) + r")"
    r"(?P<suf2>以上|余|多)?"
)
# a clause opens with these: time, subject, aggregating words; taken off the label
_OPENERS = re.compile(
    r"^(?:(?:\d{4}年(?:度)?(?:\d{1,2}月)?(?:以来|来)?|今年(?:以来)?|全年|年内|当年|本年度?|同时|此外|另外|"
    r"其中|共计|共|累计|合计|总计|先后|分别|全系统|全局|局机关|我[局委办厅院署会处站所队]|本[局委办厅院署会])[，,、]?)+"
)
# a verb of degree or being that ends a clause before its number; one character only where it is no
# word's end (行为, 审计, 作为 keep theirs)
_CLOSERS = re.compile(
    r"(?:达到|共计|累计|总计|合计|(?<![行作认成称])为|(?<![下到传送])达|是|约|(?:仅|还|已|现|共|拥|中)?有)$"
)
_SCOPES = re.compile(r"(?:全区|全县|全市|全省|全镇|全乡|全系统|全局|辖区内?|各)$")
_JOINERS = re.compile(r"^[和及与、]|[和及与、]$")
_NOT_BEFORE = ("法定", "第", "编号", "号", "电话", "热线", "邮编", "序号")
_PLAIN_ONE_NOUN = re.compile(r"[\u4e00-\u9fff“\"]")
_CLAUSE_MARKS = "，,；;。：:！？!?\n"
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_PAIRS = {"《": "》", "〔": "〕", "[": "]", "【": "】"}


@dataclass(frozen=True)
class Found:
    """One figure in a sentence: ``text[start:end]`` is what it replaces (marks, number, unit)."""

    start: int
    end: int
    typed: str  # the value as a clerk types it: "300余", "突破32万", "70%以上", "6688"
    unit: str  # "件", "元", "%" …
    label: str  # from its clause
    printed: str  # as the report wrote it: "300余份", "突破32万元", "70%以上"

    @property
    def rate(self) -> bool:
        return self.unit == "%"


def _enclosed(text: str) -> list[tuple[int, int]]:
    """Spans inside 《》, 〔〕, [] and 【】: titles and document numbers."""
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            close = text.find(_PAIRS[ch], i + 1)
            if close > i:
                spans.append((i, close + 1))
    return spans


def _clause_start(text: str, at: int, floor: int) -> int:
    i = at
    while i > floor and text[i - 1] not in _CLAUSE_MARKS:
        i -= 1
    return i


_VERBS = (
    "开展",
    "组织",
    "举办",
    "召开",
    "完成",
    "办理",
    "处理",
    "出动",
    "发放",
    "制作",
    "配备",
    "受理",
    "接待",
    "查处",
    "培训",
    "聘请",
    "印发",
    "制定",
    "签订",
    "审查",
    "审核",
    "检查",
    "排查",
    "整治",
    "下达",
    "张贴",
    "张挂",
    "悬挂",
    "推送",
    "发布",
    "建设",
    "建成",
    "新建",
    "设立",
    "成立",
    "评查",
    "调解",
    "化解",
    "答复",
    "回复",
    "移送",
    "移交",
    "办结",
    "审结",
    "追回",
    "挽回",
    "追缴",
    "收缴",
    "下放",
    "清理",
    "表彰",
    "提供",
)
_VERB = re.compile("|".join(_VERBS))
_AGGREGATE = re.compile(r"(?:共计|累计|合计|总计|(?<![公总])共(?![享同建治赢商和产青]))")
_POINTERS = re.compile(r"(?:将|把|对|向|给|赴|带队|带领)")
MAX_LABEL = 16


_LIST_MARK = re.compile(
    r"^(?:[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[）)]|[①-⑳]|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]是)"
)


def _trim(label: str) -> str:
    label = _OPENERS.sub("", _LIST_MARK.sub("", label.strip()))
    label = _CLOSERS.sub("", label).strip(" 、")
    cut = list(_AGGREGATE.finditer(label))
    if cut and len(label) - cut[-1].end() >= 4:
        label = label[cut[-1].end() :]  # 聘请的法律顾问共参与…会商 → 参与…会商
    subject = _SUBJECT.match(label)
    if subject and _LEADING_VERB.match(label[subject.end() :]) and len(label) - subject.end() >= 4:
        label = label[subject.end() :]  # 县司法局全年审查县政府规范性文件 → 审查县政府规范性文件
    if len(label) > MAX_LABEL:
        cut = list(_POINTERS.finditer(label))
        if cut and len(label) - cut[-1].end() >= 2:
            label = label[cut[-1].end() :]
    return label


# who did it, and when, before the verb: taken off a label (the figure is what was done)
_SUBJECT = re.compile(
    r"^(?![向对为在于与和把将给从])[\u4e00-\u9fff]{0,12}?(?:局|委|办|厅|院|中心|部门|单位|政府|队|所|站)"
    r"(?:全年|今年|年内|共|累计)?"
)


def _before(text: str, start: int, floor: int) -> str:
    return text[_clause_start(text, start, floor) : start].strip()


_LATER_VERBS = re.compile(r"进行|予以|给予|实施|参加|接受|提供|公布|设立|实现|完成|签订|开展")


def _noun_after(text: str, end: int) -> tuple[str, int]:
    """The noun a number stands before, and where it ends: up to a verb, a clause mark, a number or
    the 和 that joins the next number ("42个县直部门和15个乡镇")."""
    m = re.match(r"[^，,；;。：:\d“”\"]*", text[end:])
    noun = m[0] if m else ""
    hits = [h for h in (_VERB.search(noun), _LATER_VERBS.search(noun)) if h]
    if hits:
        noun = noun[: min(h.start() for h in hits)]
    noun = _JOINERS.sub("", noun.strip()) if re.match(r"[和及与、]?\d", text[end + len(noun) :]) else noun.strip()
    return noun, end + len(noun)


def _verb_after(text: str, at: int) -> str:
    """The verb phrase after a noun, when one follows ("下达卫生监督意见书"), up to a number or a mark."""
    m = re.match(r"(?:进行|予以)?((?:" + _VERB.pattern + "|" + _LATER_VERBS.pattern + r")[^，,；;。：:\d]*)", text[at:])
    return m[1] if m else ""


def _label(text: str, start: int, end: int, floor: int) -> tuple[str, int]:
    """The figure's label, and where the next figure's clause may start."""
    before = _before(text, start, floor)
    trimmed = _JOINERS.sub("", _trim(before))
    scoped = _SCOPES.sub("", trimmed)  # 组织全县42个县直部门: the scope is the noun's
    if scoped != trimmed and (not scoped or scoped.endswith(_VERBS) or re.fullmatch(r"[对向为在于]", scoped)):
        trimmed = scoped
    prenominal = (
        not trimmed
        or re.fullmatch(r"[对向为在于]?(?:全区|全县|全市|全省|全镇|辖区内?|各)?", trimmed)
        or trimmed.endswith(("了", "等", "的"))
        or (trimmed.endswith(_VERBS) and not re.match(r"[，,；;。、]|$", text[end : end + 1]))
    )
    if not prenominal:
        return trimmed, end
    noun, noun_end = _noun_after(text, end)
    if not noun:
        return trimmed, end
    if trimmed.endswith("的"):  # 对委机关签订的26份合同: 委机关签订的合同
        return (re.sub(r"^[对向为在于]", "", trimmed) + noun)[: MAX_LABEL + 8], noun_end
    verb = ""
    tail = trimmed.removesuffix("了")
    v = list(_VERB.finditer(tail))
    if v and v[-1].end() == len(tail):
        verb = v[-1][0]
    if not verb:
        after = _verb_after(text, noun_end)
        if after:  # 对1800多家公共场所下达卫生监督意见书: 下达卫生监督意见书的公共场所
            after = re.split(r"[、，]", after)[0][:12]
            if re.match(r"进行|予以", text[noun_end:]):  # 对300余份文件进行排查: 排查文件
                return (re.sub(r"^(?:进行|予以)", "", after) + noun)[: MAX_LABEL + 4], noun_end
            return f"{after}的{noun}"[: MAX_LABEL + 8], noun_end
        scope = trimmed if len(trimmed) <= 6 and not re.search(r"[对向为在于]$", trimmed) else ""
        return (scope + noun)[: MAX_LABEL + 4], noun_end  # 全县128所中小学
    return (verb + noun)[: MAX_LABEL + 4], noun_end


def _is_date(text: str, m: re.Match[str]) -> bool:
    after = text[m.end("num") :]
    before = text[: m.start("num")]
    return (after.startswith(("年", "月", "日", "号", "时", "点", "周岁")) and not m["unit"].startswith("个")) or (
        after.startswith("日") and before.endswith("月")
    )


def typed_as_written(
    pre: str | None, number: str, mul: str | None, suf1: str | None, suf2: str | None, unit: str
) -> tuple[str, str]:
    """A figure as a clerk types it into its cell, from its pieces as written, and its unit:
    突破+32+万+元 → ("突破32万", "元"); 120+余+万元 → ("120万余", "元"); 70+%+以上 → ("70%以上", "%")."""
    if unit in ("万元", "亿元") and not mul:
        mul, unit = unit[0], "元"
    number += mul or ""
    if unit == "%":
        return (f"{pre}{number}%" if pre else f"{number}%{suf1 or suf2 or ''}"), unit
    return (pre + number if pre else number + (suf1 or "") + (suf2 or "")), unit


def find_figures(text: str) -> list[Found]:
    """The figures of ``text`` in order (see the module's docstring for what is and is not one)."""
    norm = text.translate(_ASCII_DIGITS)  # full-width digits read as ASCII, the rest as written
    enclosed = _enclosed(norm)
    out: list[Found] = []
    floor = 0
    for m in NUMBER.finditer(norm):
        start, end = m.start(), m.end()
        num = m["num"]
        if any(a <= m.start("num") < b for a, b in enclosed) or _is_date(norm, m):
            continue
        digits = num.replace(",", "")
        if len(digits.split(".")[0]) >= 7 and not m["mul"]:
            continue  # a phone number or an id, not a count (counts that large are written with 万)
        before = norm[max(0, m.start("num") - 3) : m.start("num")]
        if before.endswith(_NOT_BEFORE) or re.search(r"\d[-—－~～至]$", before):
            continue
        if norm[m.end("num") : m.end("num") + 1] in "-—－~～" and m.end("num") < len(norm):
            continue  # the first number of a range (2021-2025年)
        unit = "%" if m["unit"] in ("%", "％") else m["unit"]
        if unit in ("万", "亿"):
            continue  # 万/亿 with no unit after: a bare amount, too often a name (十万火急) to take
        after_unit = norm[end : end + 1]
        if digits == "1" and not m["pre"] and not m["suf1"] and not m["suf2"] and _PLAIN_ONE_NOUN.match(after_unit):
            counted = re.search(r"(?:其中|共|有|达|为|计|仅|至|压缩到|缩短到)$", norm[max(0, start - 4) : start])
            if unit in _ARTICLES and not counted:
                continue  # 1例口腔诊所非法行医案: an article, the noun names the thing
        typed, unit = typed_as_written(m["pre"], digits, m["mul"], m["suf1"], m["suf2"], unit)
        label, floor = _label(norm, start, end, floor)
        previous = out[-1].label if out and out[-1].end >= start - 12 else ""
        series = bool(out) and norm[out[-1].end : out[-1].end + 1] == "、"
        label = _after_previous(label, previous, series)
        out.append(Found(start, end, typed, unit, label, text[start:end]))
    return out


_LEADING_VERB = re.compile("^(?:" + "|".join(sorted(_VERBS, key=len, reverse=True)) + ")")


def _after_previous(label: str, previous: str, series: bool = False) -> str:
    """A label that only makes sense after the figure before it: a bare verb of a series
    (受理行政许可事项458件，办结455件 → 办结行政许可事项), the two ends of 由…压缩至…."""
    if not label:
        return previous
    cut = re.search(r"(压缩|缩短|减少|降低|提高|提升)?(?:至|到)$", label)
    if cut and cut.start() > 0 and not previous.endswith("（原）"):
        return label[: cut.start()] + (f"（{cut[1]}后）" if cut[1] else "")  # 企业开办时间压缩至1个工作日
    if label.endswith("由") and len(label) > 1:
        return label[:-1] + "（原）"  # 审批时限由20个工作日压缩至7个工作日
    if re.fullmatch(r"(?:压缩|缩短|减少|提高|提升|增加)?(?:至|到)", label) and previous.endswith("（原）"):
        return previous.removesuffix("（原）") + "（现）"
    verb = _LEADING_VERB.match(previous)
    if verb and len(label) <= 3 and _LEADING_VERB.fullmatch(label) and len(previous) > verb.end():
        return label + previous[verb.end() :]
    if verb and series and not _LEADING_VERB.match(label) and not _VERB.search(label):
        return verb[0] + label  # 审查规范性文件6件、政府合同87份: 审查政府合同
    return label


def is_share(unit: str) -> bool:
    return unit in _SHARE_UNITS
