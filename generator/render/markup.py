"""The templates' output language, parsed into an :class:`~generator.render.outline.Outline`.

Templates write plain Chinese text with a few markers in 【】 at the start of a line::

    【标题】示例县卫生健康局【换行】2025年法治政府建设年度报告
    【主送】县委、县政府：
    开篇段落……（连续的普通行合为一段，空行分段）
    【事项一】2025年推进法治政府建设的主要举措和成效
    【二级】严格规范公正文明执法
    【三级】严格落实三项制度【正文】全面落实行政执法公示……
    【署名】示例县卫生健康局
    【日期】2026年1月20日

Values from the workbook arrive between the render's data tokens (:mod:`generator.render.tokens`), so a
workbook cell that happens to contain 【二级】 is text, never structure; a line break inside a cell
becomes a paragraph break, and each figure comes back as a span that knows its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.errors import TemplateProblem
from generator.model.spans import Text, spans
from generator.render.outline import (
    Addressee,
    Block,
    Heading,
    Outline,
    Paragraph,
    Signature,
    Title,
    drop_empty_headings,
    number_headings,
)
from generator.render.tokens import Tokens

RUN_IN_END = "。！？：；"
OFFICIAL_ITEMS = {
    1: "主要举措和成效",
    2: "存在的不足和原因",
    3: "党政主要负责人履行推进法治建设第一责任人职责的情况",
    4: "下一年度推进法治政府建设的主要安排",
    5: "其他需要报告的情况",
}
_ITEM_MARK = {f"事项{'一二三四五'[n - 1]}": n for n in OFFICIAL_ITEMS}
_LEVEL_MARK = {"二级": 2, "三级": 3, "四级": 4}
_LINE_MARKS = {"标题", "主送", "署名", "日期", "正文", *_ITEM_MARK, *_LEVEL_MARK}
_MARK = re.compile(r"【(" + "|".join(sorted(_LINE_MARKS | {"换行"}, key=len, reverse=True)) + r")】")


@dataclass
class _Segment:
    mark: str | None  # a marker's name, or None for text
    text: str = ""


class _Reader:
    """The render's tokens as the parser needs them: where data opens and closes, clean text."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.special = re.compile(f"({re.escape(tokens.data_open)})|({re.escape(tokens.data_close)})|【")

    def segments(self, line: str) -> list[_Segment]:
        """Split a line into text and markers; markers inside workbook data are text."""
        if "【" not in line:  # no marker can start: the whole line is text (most body lines)
            return [_Segment(None, line)] if line else []
        out: list[_Segment] = []
        pos = start = depth = 0  # start: where the pending text begins
        while m := self.special.search(line, pos):
            i = m.start()
            pos = m.end()
            if m[1]:
                depth += 1
            elif m[2]:
                depth = max(0, depth - 1)
            elif depth == 0 and (mark := _MARK.match(line, i)):
                if i > start:
                    out.append(_Segment(None, line[start:i]))
                out.append(_Segment(mark.group(1)))
                pos = start = mark.end()
        if start < len(line):
            out.append(_Segment(None, line[start:]))
        return out

    def clean(self, text: str) -> str:
        return self.tokens.without_data(text).strip()

    def paragraphs(self, text: str) -> list[str]:
        return [p for p in (self.clean(part) for part in self.tokens.paragraphs(text)) if p]


def parse(text: str, template: str = "模板", tokens: Tokens | None = None) -> Outline:
    """Turn a rendered template into numbered outline blocks; raise :class:`TemplateProblem`.

    ``tokens`` are the render's (:mod:`generator.render.tokens`); text without any parses alone."""
    tokens = tokens or Tokens()
    reader = _Reader(tokens)
    _clean, _paragraphs = reader.clean, reader.paragraphs
    blocks: list[Block] = []
    para: list[str] = []
    pending_name: str | None = None

    def flush() -> None:
        if para:
            for p in _paragraphs("".join(para)):
                blocks.append(Paragraph(tokens.spans(p)))
            para.clear()

    for lineno, line in enumerate(text.splitlines(), start=1):
        segs = reader.segments(line.strip())
        if not segs or all(s.mark is None and not _clean(s.text) for s in segs):
            flush()
            continue
        head = segs[0]
        if head.mark is None or head.mark == "换行":
            if any(s.mark for s in segs):
                bad = next(s.mark for s in segs if s.mark)
                raise TemplateProblem(f"{template}：渲染结果第{lineno}行：标记【{bad}】只能写在一行的开头。")
            para.append(head.text.strip())
            continue
        flush()
        rest = segs[1:]
        body_at = next((i for i, s in enumerate(rest) if s.mark == "正文"), None)
        main = rest if body_at is None else rest[:body_at]
        body = "" if body_at is None else "".join(s.text for s in rest[body_at + 1 :] if s.mark is None)
        for s in main:
            if s.mark is not None and not (head.mark == "标题" and s.mark == "换行"):
                raise TemplateProblem(
                    f"{template}：渲染结果第{lineno}行：【{head.mark}】这一行里不能再有【{s.mark}】。"
                )
        if head.mark == "标题":
            pieces = [""]  # the title's text between the places where 【换行】 allows a break
            for s in main:
                if s.mark == "换行":
                    pieces.append("")
                else:
                    pieces[-1] += s.text
            pieces = [tokens.plain(p).strip() for p in pieces]
            breaks = tuple(sum(len(p) for p in pieces[: i + 1]) for i in range(len(pieces) - 1))
            blocks.append(Title("".join(pieces), breaks))
            continue
        main_text = _clean("".join(s.text for s in main))
        if head.mark == "正文":
            para.append(main_text)
        elif head.mark == "主送":
            blocks.append(Addressee(tokens.plain(main_text)))
        elif head.mark == "署名":
            pending_name = tokens.plain(main_text)
        elif head.mark == "日期":
            if pending_name is None:
                raise TemplateProblem(f"{template}：渲染结果第{lineno}行：【日期】前面应有【署名】。")
            blocks.append(Signature(pending_name, tokens.plain(main_text)))
            pending_name = None
        else:
            level = 1 if head.mark in _ITEM_MARK else _LEVEL_MARK[head.mark]
            if not main_text:
                raise TemplateProblem(f"{template}：渲染结果第{lineno}行：【{head.mark}】标题是空的。")
            parts = [tokens.spans(p) for p in _paragraphs(body)]
            title = tokens.spans(main_text)
            if parts and tokens.plain(main_text)[-1:] not in tuple(RUN_IN_END):
                title = spans(title, Text("。"))  # a run-in title ends with 。 before its text
            heading = Heading(level, title, parts[0] if parts else (), item=_ITEM_MARK.get(head.mark))
            blocks.append(heading)
            blocks.extend(Paragraph(p) for p in parts[1:])
    flush()
    if pending_name is not None:
        raise TemplateProblem(f"{template}：有【署名】但没有紧随其后的【日期】。")
    blocks = drop_empty_headings(blocks)
    _check_official_order(blocks, template)
    number_headings(blocks)
    return Outline(blocks)


def _check_official_order(blocks: list[Block], template: str) -> None:
    """Items 一 to 四 must all be there, once each, in order; item 五 is optional (只在有内容时出现)."""
    items = [b.item for b in blocks if isinstance(b, Heading) and b.level == 1]
    if None in items:
        raise TemplateProblem(f"{template}：一级标题只能是规定的五个部分，请用【事项一】至【事项五】标记。")
    for n in (1, 2, 3, 4):
        if n not in items:
            raise TemplateProblem(
                f"{template}：缺少第{'一二三四'[n - 1]}部分“{OFFICIAL_ITEMS[n]}”（【事项{'一二三四'[n - 1]}】）。"
                "年度报告必须按规定的顺序包含这一部分。"
            )
    if items != sorted(items) or len(set(items)) != len(items):
        order = "、".join("一二三四五"[n - 1] for n in items)  # type: ignore[index]
        raise TemplateProblem(
            f"{template}：各部分的顺序是 {order}，应按一、二、三、四、五的规定顺序排列，且每部分只出现一次。"
        )
