"""``report-draft import``: last year's report in, this year's workbook out.

:func:`import_report` reads and recognises (no file written); :func:`write_import` also writes the
workbook, never over an existing file unless asked (then after a dated backup).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from generator.errors import NotAReport
from generator.imports import document as _document
from generator.imports import own_draft
from generator.imports.assemble import Imported, assemble, full_width
from generator.imports.document import Document
from generator.imports.figures import NUMBER
from generator.imports.outline import marker, read_outline
from generator.imports.own_draft import Restored
from generator.imports.sheets import front_sheets, imported_workbook, text_stays_text
from generator.read import catalogue as cat
from generator.workbook.output import check_new_workbook, workbook_bytes, write_new_workbook

PART_NAMES = {
    1: "主要举措和成效",
    2: "存在的不足和原因",
    3: "党政主要负责人履行第一责任人职责",
    4: "下一年度主要安排",
    5: "其他需要报告的情况",
}


@dataclass
class ImportResult:
    source: str
    document: Document
    imported: Imported | None  # read from the text; None for a draft of ours given back from its cells
    workbook: Workbook
    restored: Restored | None = None
    notes: list[str] = field(default_factory=list)
    backup: Path | None = None

    def workbook_bytes(self) -> bytes:
        return workbook_bytes(self.workbook)

    def summary(self) -> list[str]:
        """What was recognised and what was not, in the clerk's words, one line each."""
        if self.restored is not None:
            return self.notes + _restored_summary(self.restored)
        assert self.imported is not None
        return self.notes + _text_summary(self.imported)


def _restored_summary(r: Restored) -> list[str]:
    lines = [
        f"这是本程序生成的初稿，生成后没有改动：工作簿按初稿中附带的 {r.cells} 个单元格还原，"
        "数字、叙述（含引用〔指标〕）、报告结构和用语与生成它的工作簿相同。"
    ]
    if r.year is not None:
        lines.append(
            f"报告年度 {r.year} → {r.year + 1}，成文日期留空；{r.figures} 个指标的本年数移到“上年”列；"
            f"去年的“下年安排” {r.plans} 项移到“去年的安排”表。"
        )
    return lines


def _text_summary(imp: Imported) -> list[str]:
    """What was recognised and what was not, in the clerk's words, one line each."""
    outline = imp.outline
    info = imp.info
    lines = [
        f"报告：{info.get('机关名称', '（未找到机关名称）')} {outline.year or '（未找到年度）'}年；"
        f"新工作簿的报告年度为 {info.get('报告年度', '（请填写）')}，成文日期留空。"
    ]
    found = "；".join(
        f"{'一二三四五'[n - 1]}、{PART_NAMES[n]}：" + ("找到" if n in outline.parts else "没有") for n in range(1, 6)
    )
    lines.append(f"五个部分：{found}。")
    if imp.structure:
        lines.append(
            f"第一部分的分项 {len(imp.structure)} 个："
            + "；".join(f"“{title}”→ 分项“{short}”" for short, title, _ in imp.structure)
            + "。"
        )
    counts = {"不足": 0, "原因": 0}
    for kind, _ in imp.shortcomings:
        counts[kind] += 1
    lines.append(
        f"主要举措 {len(imp.measures)} 项，不足 {counts['不足']} 条、原因 {counts['原因']} 条，"
        f"第一责任人 {len(imp.duties)} 项，去年的安排 {len(imp.last_plans)} 项（在“去年的安排”表），"
        f"其他事项 {len(imp.others)} 项。"
    )
    mapped = imp.mapped
    lines.append(
        f"数字 {len(imp.figures)} 个，去年的数写在“上年”列，本年留空待填：对应到指标表 {len(mapped)} 个"
        + ("（" + "、".join(f"{f.label}→{cat.SHEETS_BY_KEY[f.sheet].name}表" for f in mapped) + "）" if mapped else "")
        + f"，其余 {len(imp.figures) - len(mapped)} 个写入“特色指标”表；叙述中的这些数字都已改为引用〔指标〕。"
    )
    if imp.changes:
        lines.append(f"“同比增长……”{imp.changes} 处改为引用〔指标｜同比〕，今年按今年的数字重新计算。")
    if imp.uncited:
        shown = "；".join(f"“{t}”" for t in imp.uncited[:5])
        lines.append(
            f"叙述中还有 {len(imp.uncited)} 处数字没有改为引用（{shown}{'…' if len(imp.uncited) > 5 else ''}），"
            "仍是去年的写法，请逐一核对、改成今年的数字或改为引用〔指标〕。"
        )
    if "第四部分引语" in imp.wordings and not imp.same_year:
        lines.append(
            "第四部分开头的一段话沿用去年的写法（年份改为〔下年〕），写今年的安排时请一并核对（在“报告用语”表）。"
        )
    if imp.years_moved:
        year = outline.year
        shown = "；".join(f"“{t}”" for t in imp.moved_at[:5]) + ("…" if len(imp.moved_at) > 5 else "")
        lines.append(
            f"叙述中的“{year}年”{imp.years_moved} 处改为“{(year or 0) + 1}年”（{shown}），"
            "请逐处核对：说的是去年发生的事（如获奖、考核名次）的，改回原来的年份或删去。"
        )
    unplaced = len(outline.unplaced)
    for where, text, why in outline.unplaced[:10]:
        lines.append(f"未能归类：{where}“{text[:30]}{'…' if len(text) > 30 else ''}”——{why}")
    if unplaced > 10:
        lines.append(f"……另有 {unplaced - 10} 段未能归类。")
    lines.append(
        f"段落 {outline.placed + unplaced} 个：已归入工作簿 {outline.placed} 个，未能归类 {unplaced} 个"
        + ("（见“未能归类的段落”表，请逐条查看）。" if unplaced else "。")
    )
    return lines


_NOT_WORDS = re.compile(r"〔[^〕]*〕|[\d\s\W_a-zA-Z]")
_FIGURE_TEXT = NUMBER  # a figure with its marks and unit, as find_figures reads one


def _words(text: str) -> str:
    """Only the Chinese words of a text: no citations, figures, marks or spaces (a year moved on,
    a figure cited or a comma made full-width still match)."""
    return _NOT_WORDS.sub("", _FIGURE_TEXT.sub("", text))


def _kept_texts(imported: Imported) -> str:
    """Every text the workbook holds (and the reasons sheet), placeholders written out."""
    imp, outline = imported, imported.outline
    texts = [outline.title, outline.addressee, outline.signature, outline.date]
    texts += list(imp.wordings.values()) + list(outline.parts.values())
    texts += [t for row in imp.structure for t in row] + [t for row in imp.measures for t in row]
    texts += [t for _, t in imp.shortcomings] + list(outline.shortcomings)
    texts += [t for rows in (imp.duties, imp.last_plans, imp.others) for row in rows for t in row]
    texts += [t for _, t, _ in outline.unplaced]
    joined = "\n".join(texts)
    for label, name in (("领导机关", "领导机关"), ("法治建设议事协调机构", "法治建设议事协调机构")):
        joined = joined.replace(f"〔{name}〕", str(imp.info.get(label, "")))
    for label in ("机关名称", "机关自称"):
        joined = joined.replace(f"〔{label}〕", str(imp.info.get(label, "")))
    return _words(joined)


def _nothing_lost(blocks: list, imported: Imported) -> None:
    """Every paragraph is in a cell or in 未能归类: one the reading could not place is put there."""
    kept = _kept_texts(imported)
    outline = imported.outline
    for b in blocks:
        rest = marker(b.text)[2]
        pieces = [_words(piece)[:10] for piece in re.split(r"(?<=。)", rest, maxsplit=1)]  # a run-in title, its text
        if any(p and p not in kept for p in pieces):
            outline.unplaced.append((b.where, b.text, "程序没有认出它在报告中的位置，没有写入其他表，请放到相应的表"))
            outline.placed -= 1


def _check_is_report(document: Document, imported: Imported) -> None:
    parts = imported.outline.parts
    if 1 in parts and (len(parts.keys() & {2, 3, 4}) >= 1) and imported.outline.year:
        return
    headings = [
        b.text for b in document.blocks if b.level == 1 or b.text[:2] in {f"{c}、" for c in "一二三四五六七八九十"}
    ]
    shown = "、".join(f"“{h[:20]}”" for h in headings[:6]) or "没有找到“一、”这样的一级标题"
    raise NotAReport(
        f"{document.name}：这份文件不像法治政府建设年度报告，没有导入。年度报告有“主要举措和成效”“存在的不足和原因”"
        f"“党政主要负责人履行第一责任人职责”“下一年度主要安排”等部分，标题中有年度；这份文件的一级标题是：{shown}。"
        "请确认选的是去年的年度报告（Word 文档，或网站上公开的报告另存的文字或网页）。"
    )


def import_report(source: Path | bytes, name: str | None = None, same_year: bool = False) -> ImportResult:
    """Read last year's report and make this year's workbook (not written).  ``same_year``: keep
    the report's year and its figures as 本年 — the workbook the report was made from."""
    label = name or (source.name if isinstance(source, Path) else "报告")
    document = _document.read_document(source, label)
    notes: list[str] = []
    if document.kind == "docx":
        carried = own_draft.carried(source)
        if carried.cells and carried.unchanged:
            restored = own_draft.own_workbook(carried.cells, same_year)
            note = "（本程序生成的初稿，已按其中附带的工作簿内容还原，没有未能归类的段落。）"
            front_sheets(restored.workbook, [], restored.last_plans, label, note)
            text_stays_text(restored.workbook)
            return ImportResult(label, document, None, restored.workbook, restored)
        if carried.cells:
            notes.append("这是本程序生成的初稿，但生成后改过（文字或格式）：按文字读入，改过的地方以文字为准。")
    blocks = [replace(b, text=full_width(ILLEGAL_CHARACTERS_RE.sub("", b.text))) for b in document.blocks]
    blocks = [b for b in blocks if b.text.strip()]  # a page break (\x0c) or Word's soft hyphen is no text
    imported = assemble(read_outline(blocks), same_year)
    _check_is_report(document, imported)
    _nothing_lost(blocks, imported)
    workbook = imported_workbook(imported, label, same_year)
    text_stays_text(workbook)
    return ImportResult(label, document, imported, workbook, notes=notes)


def write_import(
    source: Path,
    output: Path,
    force: bool = False,
    waiting: Callable[[str], None] | None = None,
    same_year: bool = False,
) -> ImportResult:
    """Import ``source`` and write the workbook to ``output`` (never over a file unless ``force``)."""
    check_new_workbook(output, force)
    result = import_report(source, same_year=same_year)
    result.backup = write_new_workbook(output, result.workbook_bytes(), force, waiting)
    return result
