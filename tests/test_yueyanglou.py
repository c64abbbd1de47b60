"""A published report (岳阳楼区卫生健康局, 2022) through the workbook: its figures, sentences and headings.

The workbook is made by tests/make_yueyanglou.py from the report's text, in a temporary folder, and
built through the library (:func:`generator.pipeline.build`) with its sources table.  The draft must
state every figure of the report once, from its cell, in the report's own sentence, with the
report's unit and qualifier; and carry the report's 二级 headings.  ``pytest -s`` shows the count:

    figures in cells A / in the report B / stated twice C
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from generator.errors import Problem
from generator.model.spans import FigureRef, Source
from generator.pipeline import build
from generator.render.outline import Heading, Outline, Paragraph
from tests import make_yueyanglou as yyl

_NUMBERED = re.compile(r"^(?:\d+\.|（[一二三四五六七八九十]+）)")
_SECOND_LEVEL = re.compile(r"^（[一二三四五六七八九十]+）(.+)$")


@dataclass(frozen=True)
class Said:
    """A paragraph's text (a run-in heading's text after its title) and where its figures stand in it."""

    text: str
    figures: frozenset[tuple[int, int, str, str]]  # start, end, printed form, cell


def _said(outline: Outline) -> list[Said]:
    out: list[Said] = []
    for block in outline.blocks:
        if not isinstance(block, (Paragraph, Heading)):
            continue
        text, found = "", set()
        for span in block.body:
            if isinstance(span, FigureRef):
                found.add((len(text), len(text) + len(span.text), span.text, span.source.cell))
            text += span.text
        out.append(Said(text, frozenset(found)))
    return out


@dataclass(frozen=True)
class Draft:
    workbook: Path
    paragraphs: list[str]
    sources: list[Source]  # the --sources table's figures: one per cell and printed form
    printed: list[Source]  # every figure span the draft prints, in order, repeats included
    csv_rows: list[list[str]]  # --sources: 指标, 报告中的写法, 来源单元格, 单元格中的值
    warnings: list[Problem]
    said: list[Said]

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Draft:
    folder = tmp_path_factory.mktemp("岳阳楼区 报告")
    workbook = folder / "岳阳楼区卫生健康局 2022年度数据.xlsx"
    yyl.write(workbook)
    out = folder / "岳阳楼区卫生健康局 初稿.docx"
    result = build(workbook, out, sources=True)
    table = out.with_suffix(".sources.csv").read_text(encoding="utf-8-sig").splitlines()
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    printed = [f.source for f in result.outline.figures()]
    rows = list(csv.reader(table))[1:]
    said = _said(result.outline)
    return Draft(workbook, paragraphs, result.outline.sources, printed, rows, result.warnings, said)


CELLS = yyl.cells()
ENTRIES = yyl.parse_report().entries


def _printed_from_its_cell(d: Draft, f: yyl.Figure) -> bool:
    """The figure is printed from the table's cell at its place in the report's sentence, and the
    --sources table names that cell for it."""
    cell = CELLS[f.label]
    (paragraph,) = [e.text for e in ENTRIES if f.text in e.text]  # the report's paragraph stating it
    at = [(s.text.index(f.text) + f.text.index(f.printed), s) for s in d.said if s.text == paragraph]
    in_place = any((i, i + len(f.printed), f.printed, cell) in s.figures for i, s in at)
    return in_place and any(r[1] == f.printed and r[2] == cell for r in d.csv_rows)


def _stated(d: Draft) -> Counter[str]:
    """How many times the draft prints a figure from each cell (--sources lists each cell and
    printed form once, so a figure said twice alike is one row there: the spans are counted)."""
    return Counter(s.cell for s in d.printed)


def test_the_table_holds_every_number_of_the_report_and_the_cells_hold_them_as_typed(draft: Draft) -> None:
    report = "\n".join(yyl.report_lines())
    rest = report
    for f in yyl.FIGURES:
        assert report.count(f.text) == 1, f"{f.text} is not once in the report"
        assert f.text.count(f.printed) == 1, f.text
        rest = rest.replace(f.text, "")
    for words in yyl.NOT_FIGURES:
        assert words in rest, f"{words} is not in the report"
        rest = rest.replace(words, "")
    assert re.findall(r"\d+", rest) == [], "a number of the report is neither a figure nor listed as none"
    wb = load_workbook(draft.workbook)
    for f in yyl.FIGURES:
        sheet, ref = CELLS[f.label].split("!")
        ws, row = wb[sheet], int(ref[1:])
        assert (ws[ref].value, ws.cell(row=row, column=2).value, ws.cell(row=row, column=5).value) == (
            f.typed,
            f.label,
            f.unit,
        )
    assert [title for _, title in yyl.SECTIONS] == yyl.parse_report().headings


def test_every_figure_is_printed_from_its_cell_in_the_reports_sentence_with_its_unit_and_qualifier(
    draft: Draft,
) -> None:
    for f in yyl.FIGURES:
        assert f.text in draft.body, f"“{f.text}” is not in the draft"
        assert _printed_from_its_cell(draft, f), f"{f.printed} is not printed from {CELLS[f.label]}"
    assert "共对300余份文件、合同及重大决策会议纪要进行排查" in draft.body  # 300余份 stays 300余份


def test_each_paragraph_of_the_report_is_printed_as_the_report_words_it(draft: Draft) -> None:
    printed = {_NUMBERED.sub("", p) for p in draft.paragraphs}
    for entry in yyl.parse_report().entries:
        assert entry.paragraph in printed, entry.paragraph


def test_no_figure_is_stated_twice(draft: Draft) -> None:
    """Fails until the sentence builder leaves out a figure the narrative cites (#14 item 3)."""
    stated = _stated(draft)
    twice = sorted(cell for cell, n in stated.items() if n > 1)
    assert twice == [], f"stated twice: {twice}"
    assert [f.text for f in yyl.FIGURES if draft.body.count(f.text) != 1] == []
    assert set(stated) <= set(CELLS.values()), "the draft prints a figure that is not the report's"


def test_no_generated_sentence_begins_with_cishi_and_no_loose_figure(draft: Draft) -> None:
    sentences = [s.strip() for s in re.split(r"[。；！？\n]", draft.body)]
    assert [s for s in sentences if s.startswith("此外")] == []
    loose = [w for w in draft.warnings if "不会随数据更新" in w.message]
    for w in loose:  # plain digits left in the narrative are the numbers that are not figures
        number = w.message.split("文字中的“")[1].split("”")[0]
        assert any(number in words for words in yyl.NOT_FIGURES), w.message


def test_part_one_has_the_reports_second_level_headings(draft: Draft) -> None:
    """Fails until the 报告结构 sheet is read (#14 item 4)."""
    start = draft.paragraphs.index(next(p for p in draft.paragraphs if p.startswith("一、")))
    end = draft.paragraphs.index(next(p for p in draft.paragraphs if p.startswith("二、")))
    headings = [m[1] for p in draft.paragraphs[start:end] if (m := _SECOND_LEVEL.match(p)) and "。" not in p]
    assert headings == yyl.parse_report().headings


def test_title_opening_and_part_leads_are_the_reports(draft: Draft) -> None:
    """Fails until the 报告用语 sheet is read (#14 item 4)."""
    parsed = yyl.parse_report()
    assert draft.paragraphs[0].replace("\n", "") == yyl.TITLE
    assert yyl.report_lines()[3] in draft.paragraphs  # the opening paragraph
    listed, cause = parsed.shortcomings_paragraph.split("。", 1)
    assert listed + "。" in draft.body and cause in draft.body
    assert parsed.plans_lead in draft.paragraphs


def test_the_count_of_figures(draft: Draft) -> None:
    """figures in cells / figures in the report / figures stated twice, shown with ``pytest -s``."""
    in_cells = sum(_printed_from_its_cell(draft, f) for f in yyl.FIGURES)
    in_report = len(yyl.FIGURES)
    stated = _stated(draft)
    twice = sum(stated[CELLS[f.label]] > 1 for f in yyl.FIGURES)
    print(f"figures in cells {in_cells} / in the report {in_report} / stated twice {twice}")
    assert in_cells == in_report
