"""Print the sample draft's page geometry as LibreOffice renders it (the figures of the closing note).

    python tests/measure_layout.py [WORKBOOK]

Builds the draft, converts it with LibreOffice and prints, page by page, the number of body lines,
the text block's edges, the characters on full lines and where the page number sits.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import gbt9704 as std  # noqa: E402
from generator.pipeline import build  # noqa: E402
from tests.pdf_layout import is_chinese_only, read_pages, to_pdf  # noqa: E402

SAMPLE = ROOT / "data_inputs" / "示例县卫生健康局 2025年度数据.xlsx"
CELL_BELOW_BOX = 0.5  # a 三号 line's box ends this far above its grid cell's bottom (measured)


def main() -> None:
    workbook = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    left, top = std.MARGIN_LEFT.mm, std.MARGIN_TOP.mm
    right, bottom, pitch = left + std.TYPE_AREA_WIDTH.mm, top + std.TYPE_AREA_HEIGHT.mm, std.LINE_PITCH.mm
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "draft.docx"
        build(workbook, docx)
        pages = read_pages(to_pdf(docx, Path(tmp)))
    print(f"{len(pages)} pages; type area {left:.1f}–{right:.1f} mm across, {top:.1f}–{bottom:.1f} mm down")
    print("page  size(mm)       lines  top    bottom  left   full-line chars   number  num-top  num-side")
    for page in pages:
        body = page.body_lines()
        full = Counter(
            len(ln.text) - (ln.x1 > right + 0.5)
            for ln in body
            if abs(ln.x0 - left) < 0.5 and ln.x1 >= right - 1.5 and is_chinese_only(ln.text)
        )
        number = page.page_number_lines()[0]
        side = f"right {right - number.x1:.2f}" if page.number % 2 else f"left {number.x0 - left:.2f}"
        print(
            f"{page.number:>4}  {page.width:.1f}×{page.height:.1f}  {len(body):>5}  "
            f"{body[0].y1 + CELL_BELOW_BOX - pitch:6.2f} {body[-1].y1 + CELL_BELOW_BOX:7.2f} "
            f"{min(ln.x0 for ln in body):6.2f}   {dict(full)!s:<16} {number.text:>6}  {number.y0 - bottom:7.2f}  {side}"
        )


if __name__ == "__main__":
    main()
