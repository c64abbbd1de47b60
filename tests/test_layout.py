"""The sample draft as LibreOffice renders it: the page geometry of GB/T 9704-2012.

The DOCX is converted to PDF by LibreOffice headless and the PDF's line boxes are measured
(poppler's pdftotext).  Figures asserted: A4 pages; the text block's left edge 28 mm, top 37 mm and
bottom 262 mm (±1 mm); 22 lines on every full body page, at the 28.95 pt grid pitch; 28 characters
on every full line; "— N —" 7 mm below the type area, right on odd pages, left on even ones.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from generator import gbt9704 as std
from tests.pdf_layout import Page, is_chinese_only, read_pages

TOLERANCE_MM = 1.0
LEFT = std.MARGIN_LEFT.mm
TOP = std.MARGIN_TOP.mm
BOTTOM = TOP + std.TYPE_AREA_HEIGHT.mm
RIGHT = LEFT + std.TYPE_AREA_WIDTH.mm
PITCH = std.LINE_PITCH.mm
CHAR_4HAO = std.SIZE_4HAO.mm
# Measured: a 三号 line's box ends 0.5 mm above the bottom of its grid cell in LibreOffice.
CELL_BELOW_BOX = 0.5


@pytest.fixture(scope="module")
def pages(sample_pdf: Path) -> list[Page]:
    return read_pages(sample_pdf)


def full_body_pages(pages: list[Page]) -> list[Page]:
    """Pages the body fills: not the first (title), nor the last two, where the closing lines are
    kept together with the 署名 so that it never stands alone on a page."""
    assert len(pages) >= 5, "the sample should run to several pages"
    return pages[1:-2]


def test_every_page_is_a4(pages: list[Page]) -> None:
    for page in pages:
        assert page.width == pytest.approx(210, abs=0.5)
        assert page.height == pytest.approx(297, abs=0.5)


def test_full_body_pages_hold_22_lines_on_the_grid(pages: list[Page]) -> None:
    for page in full_body_pages(pages):
        lines = page.body_lines()
        assert len(lines) == std.LINES_PER_PAGE, f"page {page.number}: {len(lines)} lines"
        steps = [b.y1 - a.y1 for a, b in itertools.pairwise(lines)]
        assert all(s == pytest.approx(PITCH, abs=0.2) for s in steps), f"page {page.number}: {steps}"


def test_every_line_after_page_one_sits_on_one_of_the_22_grid_lines(pages: list[Page]) -> None:
    for page in pages[1:]:
        for line in page.body_lines():
            slot = (line.y1 + CELL_BELOW_BOX - TOP) / PITCH
            assert slot == pytest.approx(round(slot), abs=0.1), f"page {page.number}: {line.text}"
            assert 1 <= round(slot) <= std.LINES_PER_PAGE


def test_signature_and_date_never_stand_alone_on_a_page(pages: list[Page]) -> None:
    last = pages[-1].body_lines()
    assert [line.text for line in last[-2:]] == ["示例县卫生健康局", "2026年1月20日"]
    assert len(last) > 2, "body text must come with the signature onto its page"
    name, date = last[-2], last[-1]
    two_chars = 2 * std.CHAR_WIDTH.mm
    # 7.3.5.2: the date keeps two 字 on the right.  (Its start two 字 right of the name's start is
    # checked in the XML, tests/test_docx.py: LibreOffice draws the digits in Noto Sans CJK wider
    # than the half 字 of 仿宋_GB2312 and adds Western/Asian spacing, so the render cannot show it.)
    assert RIGHT - date.x1 == pytest.approx(two_chars, abs=TOLERANCE_MM)
    assert name.x1 < RIGHT - two_chars
    assert date.y1 - name.y1 == pytest.approx(PITCH, abs=0.2)


def test_text_block_sits_at_the_margins(pages: list[Page]) -> None:
    for page in full_body_pages(pages):
        lines = page.body_lines()
        top = lines[0].y1 + CELL_BELOW_BOX - PITCH
        bottom = lines[-1].y1 + CELL_BELOW_BOX
        left = min(line.x0 for line in lines)
        assert top == pytest.approx(TOP, abs=TOLERANCE_MM), f"page {page.number}: top {top:.2f} mm"
        assert bottom == pytest.approx(BOTTOM, abs=TOLERANCE_MM), f"page {page.number}: bottom {bottom:.2f} mm"
        assert left == pytest.approx(LEFT, abs=TOLERANCE_MM), f"page {page.number}: left {left:.2f} mm"


def _inside(line_text: str, x1: float) -> int:
    """Characters inside the type area: LibreOffice hangs a closing mark in the margin."""
    hanging = x1 > RIGHT + 0.5 and line_text[-1] in "，。、；：！？”）》"
    return len(line_text) - (1 if hanging else 0)


def test_full_lines_hold_28_characters(pages: list[Page]) -> None:
    measured = []
    for page in pages:
        lines = page.body_lines()
        for line, after in zip(lines, [*lines[1:], None], strict=True):
            unindented = line.x0 == pytest.approx(LEFT, abs=0.5)
            reaches_right = line.x1 >= RIGHT - 1.5
            # a line before one that opens with a figure ("438条") is justified short of its 28th 字:
            # the half-width digits that would fill it are kept with their number
            before_digits = after is not None and after.text[:1].isascii() and after.text[:1].isdigit()
            if unindented and reaches_right and is_chinese_only(line.text) and not before_digits:
                measured.append((_inside(line.text, line.x1), page.number, line.text))
                assert line.x1 <= RIGHT + 0.5 or line.text[-1] in "，。、；：！？”）》"
    assert len(measured) >= 30, "too few full lines to judge"
    assert {n for n, _, _ in measured} == {std.CHARS_PER_LINE}, [m for m in measured if m[0] != std.CHARS_PER_LINE]


def test_page_numbers_sit_7mm_below_the_type_area_odd_right_even_left(pages: list[Page]) -> None:
    for page in pages:
        numbers = page.page_number_lines()
        assert [n.text for n in numbers] == [f"—{page.number}—"]
        number = numbers[0]
        assert number.y0 - BOTTOM == pytest.approx(7, abs=TOLERANCE_MM), f"page {page.number}"
        if page.number % 2:
            assert number.x1 == pytest.approx(RIGHT - CHAR_4HAO, abs=TOLERANCE_MM)
        else:
            assert number.x0 == pytest.approx(LEFT + CHAR_4HAO, abs=TOLERANCE_MM)


def test_title_is_centred_above_the_body(pages: list[Page]) -> None:
    first = pages[0]
    title = [line for line in first.lines if line.size_pt > 20]
    assert [t.text for t in title] == ["示例县卫生健康局", "2025年法治政府建设年度报告"]
    for t in title:
        assert (t.x0 + t.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=TOLERANCE_MM)
    assert title[0].y0 == pytest.approx(TOP, abs=3)


def test_a_heading_is_never_the_last_line_of_a_page(pages: list[Page], sample_docx: Path) -> None:
    from docx import Document

    headings = [p.text for p in Document(str(sample_docx)).paragraphs if p.style.name.endswith("级标题")]
    assert len(headings) > 10
    for page in pages[:-1]:
        last = page.body_lines()[-1].text
        assert not any(h.endswith(last) for h in headings), f"page {page.number} ends with a heading: {last}"
