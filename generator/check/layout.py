"""Reading a document's layout as ``check`` sees it: 版头, title, 主送机关, body, headings, 署名, date.

Any DOCX, not only ours: paragraphs are told apart by their text and alignment (a heading by its
number, the 主送机关 by its closing colon, the 成文日期 by its form), never by style names, which
every application renames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.docx.props import Docx, Para

# -- classifying paragraphs -------------------------------------------------------------------
CN_NUM = "一二三四五六七八九十"
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (2, re.compile(rf"^\s*([（(])([{CN_NUM}]+)([）)])")),
    (4, re.compile(r"^\s*([（(])(\d+)([）)])")),
    (1, re.compile(rf"^\s*([{CN_NUM}]+)([、.．，,])")),
    (3, re.compile(r"^\s*(\d+)([.．、])(?!\d)")),
)
DATE_RE = re.compile(r"^\s*([0-9０-９〇○零一二三四五六七八九十]{4})\s*年\s*(\S{1,3}?)\s*月\s*(\S{1,3}?)\s*日\s*$")


def _cn_value(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    if "十" not in text:
        return CN_NUM.index(text) + 1 if text in CN_NUM else 0
    tens, _, ones = text.partition("十")
    return (CN_NUM.index(tens) + 1 if tens else 1) * 10 + (CN_NUM.index(ones) + 1 if ones else 0)


@dataclass
class Heading:
    """A numbered heading: its paragraph, level (1 for 一、 … 4 for （1）), value, and whether its
    number has the standard's form (7.3.3)."""

    para: Para
    level: int
    value: int
    form_ok: bool
    number: str


def heading_of(p: Para) -> Heading | None:
    """The paragraph as a numbered heading, or None if it does not start with a heading number."""
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(p.text)
        if not m:
            continue
        if level in (2, 4):
            value = _cn_value(m[2]) if level == 2 else int(m[2])
            ok = m[1] == "（" and m[3] == "）"
        elif level == 1:
            value, ok = _cn_value(m[1]), m[2] == "、"
        else:
            value, ok = int(m[1]), m[2] in ".．"
        return Heading(p, level, value, ok, m.group(0).strip())
    return None


DOC_NUMBER_LOOSE = re.compile(r"[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*第?\s*(\d+)\s*号")
DOC_NUMBER_STRICT = re.compile(r"〔\d{4}〕[1-9]\d*号")
MASTHEAD_SEARCH = 8  # the 版头 is within the first paragraphs


@dataclass
class Layout:
    """The document's parts, each a paragraph or a list of them (empty where there is none)."""

    masthead: list[Para]
    title: list[Para]
    addressee: Para | None
    body: list[Para]
    headings: list[Heading]
    signature: Para | None
    date: Para | None


def classify(doc: Docx) -> Layout:
    """Tell the non-empty paragraphs of ``doc`` apart, from the top: 版头, title, 主送机关, body, end."""
    paras = [p for p in doc.paragraphs if p.text.strip()]
    i = 0
    masthead: list[Para] = []
    for k, p in enumerate(paras[:MASTHEAD_SEARCH]):
        if DOC_NUMBER_LOOSE.search(p.text):
            masthead, i = paras[: k + 1], k + 1
            break
    title: list[Para] = []
    while i < len(paras) and not paras[i].text.strip().endswith(("：", ":")) and heading_of(paras[i]) is None:
        jc = paras[i].pprops.get(("jc", "val"), "")
        if title and jc != "center":
            break
        title.append(paras[i])
        i += 1
        if jc != "center":
            break
    addressee = None
    if i < len(paras) and paras[i].text.strip().endswith(("：", ":")) and len(paras[i].text) < 60:
        addressee = paras[i]
        i += 1
    # 成文日期: the last date line of the body's end; 附注, 附件 and 版记 may follow it.
    end = len(paras)
    date = signature = None
    dates = [k for k in range(i, len(paras)) if DATE_RE.match(paras[k].text) and "印发" not in paras[k].text]
    if dates:
        k = dates[-1]
        date = paras[k]
        end = k
        if end > i and len(paras[end - 1].text.strip()) <= 30 and not paras[end - 1].text.strip().endswith("。"):
            signature = paras[end - 1]
            end -= 1
    body = paras[i:end]
    headings = [h for h in (heading_of(p) for p in body) if h is not None]
    return Layout(masthead, title, addressee, body, headings, signature, date)


def official_item(text: str) -> int:
    """Which official content item a level-1 heading stands for (0 when none)."""
    if "第一责任人" in text or "主要负责人" in text:
        return 3
    if "不足" in text or "原因" in text or "问题" in text:
        return 2
    if "安排" in text or "计划" in text or "打算" in text or "思路" in text:
        return 4
    if "其他" in text:
        return 5
    if "举措" in text or "成效" in text or "工作情况" in text or "主要工作" in text:
        return 1
    return 0
