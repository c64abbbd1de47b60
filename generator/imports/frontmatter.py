"""The beginning and the end of a report: title, 主送机关, opening; signature and date — and a web
page's own lines around them, set aside."""

from __future__ import annotations

import re

from generator.imports.document import Block
from generator.imports.structure import DATE, OFFICIAL, Outline, heading_like, marker

_TITLE_WORDS = re.compile(r"(?:报告|工作情况|工作总结)")
_TITLE_TOPIC = re.compile(r"法治|依法行政|\d{4}\s*年")  # a title names its topic or its year
_META = re.compile(
    r"发布时间|发布日期|发文日期|来源[:：]|信息来源|浏览次数|阅读次数|点击[数率量]|字体[:：]|字号[:：]|打印本页|【打印】|"
    r"关闭窗口|【关闭】|分享到|索引号|主题分类|作者[:：]|责任编辑|扫一扫|当前位置|首页\s*[>＞»]|"
    r"今天是|更新时间|所在的?位置|【大\s*中\s*小】"
)


_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号$")


def _first_heading(blocks: list[Block]) -> int:
    """Where the body starts: the first level-1 or 二级 heading or numbered item."""
    for i, b in enumerate(blocks):
        kind, _, rest = marker(b.text)
        if (kind in ("cn", "part", "pcn") and heading_like(rest)) or b.level in (1, 2):
            return i
        if kind and heading_like(rest) and OFFICIAL.search(rest):
            return i
        if kind in ("ar", "par", "pcn") and i > 0:
            return i
    return len(blocks)


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def front(blocks: list[Block], out: Outline) -> int:
    """Title, 主送机关 and opening: the blocks before the body (a web page's own lines — its title
    again, 发布时间, 来源 — are not the report's and go to 未能归类).  Returns where the body starts."""
    first = _first_heading(blocks)
    head = blocks[:first]
    at = next(
        (
            i
            for i, b in enumerate(head[:12])
            if len(b.text) <= 80
            and _TITLE_WORDS.search(b.text)
            and _TITLE_TOPIC.search(b.text)
            and not _META.search(b.text)
            and not re.search(r"[。；;]", b.text)
        ),
        None,
    )
    if at is None:  # no line names a report: the first short line without a sentence in it
        at = next((i for i, b in enumerate(head[:3]) if len(b.text) <= 60 and not re.search(r"[。，,]", b.text)), None)
    title = _flat(head[at].text) if at is not None else ""
    start = 0
    if at is not None:
        before = head[at - 1] if at > 0 else None
        if before is not None and len(before.text) <= 30 and not re.search(r"[。，,：:\d]", before.text):
            if not _META.search(before.text) and not title.startswith(_flat(before.text)):
                title = _flat(before.text) + title  # the agency on a line of its own
                at -= 1
        for b in head[:at]:
            out.unplaced.append((b.where, b.text, "标题前面的文字（如网页的栏目名），不是报告的内容"))
        start = at
    for b in head[start:]:
        t = _flat(b.text)
        if t and (t in title or title.endswith(t) or t == title) and not out.opening:
            out.title_where.append(b.where)  # the title, or a piece of it on a line of its own
        elif _DOC_NUMBER.match(t):
            out.unplaced.append((b.where, b.text, "发文字号：今年的字号请填在“发文要素”表（使用版头时）"))
            continue
        elif _META.search(b.text) and len(b.text) <= 120:
            out.unplaced.append((b.where, b.text, "网页的发布信息（时间、来源等），不是报告的内容"))
            continue
        elif b.text.endswith(("：", ":")) and len(b.text) <= 40 and not out.opening:
            out.addressee = b.text.rstrip("：:")
        else:
            out.opening.append(b.text)
        out.placed += 1
    out.title = title
    return first


def back(blocks: list[Block], out: Outline) -> list[Block]:
    """Signature and date: the last date line among the last few, and the short line before it;
    what follows them (a web page's 打印本页) goes to 未能归类.  Returns the blocks before them."""
    body = list(blocks)
    tail = len(body) - 16  # a web page's footer (相关链接, 主办单位, ICP …) may follow the date
    at = next((i for i in range(len(body) - 1, max(tail, -1), -1) if DATE.match(_flat(body[i].text))), None)
    if at is None:
        return body
    for b in body[at + 1 :]:
        out.unplaced.append((b.where, b.text, "落款后面的文字，不是报告的内容"))
    out.date = _flat(body[at].text)
    out.placed += 1
    body = body[:at]
    last = body[-1].text if body else ""
    if last and len(last) <= 40 and not re.search(r"[。，,；;：:]", last) and not marker(last)[0]:
        out.signature = body.pop().text
        out.placed += 1
    return body
