"""Breaking a long title into lines as GB/T 9704-2012 7.3.1 asks.

"标题回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形。"  A title
that fits stays on one line.  Otherwise the lines are chosen among break points — the template's
【换行】 points first, then any point that does not split a number, a bracketed name or one of the
genre's words — such that every line fits, no line is a lone character, the
line lengths form a trapezoid (growing or shrinking) or a diamond (the middle longest), and the
lines are as even as possible.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

MAX_LINES = 3
MIN_LINE_CHARS = 2  # never a lone character on a line
_NO_BREAK_BEFORE = set("，。、；：？！”’）》〕】…—年月日")
_NO_BREAK_AFTER = set("“‘（《〔【")
# Words of the genre that a break must not split (词意完整).  Without a dictionary-based segmenter
# (none is well kept and small), these cover the titles of this report: agencies and the phrases
# the templates write.
GENRE_WORDS = (
    "法治政府建设",
    "法治建设",
    "依法行政",
    "年度报告",
    "工作报告",
    "的报告",
    "第一责任人",
    "职责",
    "情况",
    "推进",
    "落实",
    "加强",
    "关于",
    "年度",
    "人民政府",
    "办公室",
    "委员会",
    "管理局",
    "执法局",
    "执法支队",
    "执法大队",
    "综合监督",
    "综合执法",
    "监督管理",
    "卫生健康",
    "市场监督",
    "人力资源",
    "社会保障",
    "生态环境",
    "自然资源",
    "住房和城乡建设",
    "城乡建设",
    "农业农村",
    "交通运输",
    "应急管理",
    "中医药",
    "司法局",
    "公安局",
    "教育局",
    "财政局",
    "民政局",
    "审计局",
    "统计局",
    "林业局",
    "水利局",
    "商务局",
)


def _inside_word(text: str, i: int) -> bool:
    for word in GENRE_WORDS:
        start = text.find(word)
        while start != -1:
            if start < i < start + len(word):
                return True
            start = text.find(word, start + 1)
    return False


def _allowed(text: str, i: int) -> bool:
    """May a line end before ``text[i]``?"""
    a, b = text[i - 1], text[i]
    if _inside_word(text, i):
        return False
    if b in _NO_BREAK_BEFORE or a in _NO_BREAK_AFTER:
        return False
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
        return False  # inside a number or a Latin word
    depth = sum(1 if c in "《（〔" else -1 if c in "》）〕" else 0 for c in text[:i])
    return depth == 0  # not inside 《》 or （）


def _shape_ok(widths: list[float]) -> bool:
    if len(widths) <= 2:
        return True
    rising = all(x <= y for x, y in itertools.pairwise(widths))
    falling = all(x >= y for x, y in itertools.pairwise(widths))
    middle = widths.index(max(widths))
    diamond = 0 < middle < len(widths) - 1 and widths[0] <= widths[middle] >= widths[-1]
    return rising or falling or diamond


def break_title(text: str, preferred: tuple[int, ...], width: Callable[[str], float], capacity: float) -> list[str]:
    """The lines of the title; ``preferred`` are the template's break points (indices into text)."""
    if width(text) <= capacity or len(text) < 2 * MIN_LINE_CHARS:
        return [text]
    candidates = sorted({i for i in range(1, len(text)) if _allowed(text, i)} | set(preferred))
    best: tuple[tuple[float, ...], list[str]] | None = None
    for n in range(2, MAX_LINES + 1):
        for cuts in itertools.combinations(candidates, n - 1):
            bounds = (0, *cuts, len(text))
            lines = [text[a:b] for a, b in itertools.pairwise(bounds)]
            if any(len(line) < MIN_LINE_CHARS for line in lines):
                continue
            widths = [width(line) for line in lines]
            if max(widths) > capacity or not _shape_ok(widths):
                continue
            off_preferred = sum(c not in preferred for c in cuts)
            score = (n, off_preferred, max(widths) - min(widths))
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    return [text]  # nothing fits the rules: let the word processor wrap it
