"""Round trip of ``report-draft import``: last year's report → workbook → a draft that says it again.

    python tests/import_roundtrip.py REPORT [OUT_DIR]     import, fill, build; print the measures

What a clerk would do if nothing had changed since last year: copy each figure's 上年 into 本年,
carry last year's plans (去年的安排) into 下年安排, give a 成文日期, and build.  The draft is then
compared with the report, sentence by sentence:

- the report's sentences are its body paragraphs (title lines, signature and date left out) cut
  after each 。；！？ (a heading is one sentence); a sentence is *stated word for word* when the
  draft's text holds it exactly, once both are unified the same way: punctuation full-width
  (the report's text may have half-width commas), spaces removed, and every year (2022年, 2023年 …)
  read as one token, since the draft is a year later;
- a figure is *stated once* when its text as the report printed it (300余份, 突破32万元) stands in
  the draft as many times as in the report (as a figure of its own: the 3起 of 13起 is not counted).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from generator.imports.api import import_report  # noqa: E402
from generator.imports.assemble import full_width  # noqa: E402
from generator.read import catalogue as cat  # noqa: E402
from generator.workbook.blank import save_workbook  # noqa: E402

_YEAR = re.compile(r"\d{4}年")


def as_this_year(workbook: Path, out: Path) -> None:
    """The imported workbook as if this year's figures were last year's (see the docstring)."""
    wb = openpyxl.load_workbook(workbook)
    for name in [s.name for s in cat.INDICATOR_SHEETS] + [cat.SPECIAL_SHEET]:
        ws = wb[name]
        for row in ws.iter_rows(min_row=3):
            if len(row) >= 4 and row[3].value not in (None, ""):
                row[2].value = row[3].value
    plans = wb[cat.PLANS.name]
    rows = [
        (r[0].value, r[1].value)
        for r in wb[cat.LAST_PLANS_SHEET].iter_rows(min_row=3)
        if r[1].value and r[0].value != "（引语）"
    ]
    for i, (title, text) in enumerate(rows, start=3):
        plans.cell(row=i, column=1, value=title)
        plans.cell(row=i, column=2, value=text)
    info = {str(r[0].value): r for r in wb[cat.INFO_SHEET].iter_rows(min_row=3) if r[0].value}
    year = int(info["报告年度"][1].value)
    info["成文日期"][1].value = dt.date(year + 1, 1, 20)
    wb.save(out)


def unified(text: str) -> str:
    return _YEAR.sub("Y年", full_width(text).replace(" ", "").replace("\u3000", ""))


def sentences(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += [s for s in re.split(r"(?<=[。；！？])", unified(line)) if s.strip("。；！？ ")]
    return out


@dataclass
class Measured:
    sentences: int
    stated: int
    missing: list[str]
    figures: list[tuple[str, int, int]]  # printed, times in the report, times in the draft

    @property
    def share(self) -> float:
        return self.stated / self.sentences if self.sentences else 0.0


def _count(text: str, printed: str) -> int:
    """How often a figure's text stands in ``text`` as a figure of its own (3起, not the 3起 of 13起)."""
    return len(re.findall(r"(?<![\d.])" + re.escape(unified(printed)), text))


def measure(report_lines: list[str], draft_text: str, printed: list[str]) -> Measured:
    body = unified(draft_text)
    said = sentences(report_lines)
    missing = [s for s in said if s not in body]
    original = unified("".join(report_lines))
    figures = [(p, _count(original, p), _count(body, p)) for p in dict.fromkeys(printed)]
    return Measured(len(said), len(said) - len(missing), missing, figures)


def round_trip(report: Path, out_dir: Path) -> tuple[Measured, Path]:
    from docx import Document

    from generator.pipeline import build

    result = import_report(report)
    imported = out_dir / "导入的工作簿.xlsx"
    save_workbook(result.workbook, imported)
    filled = out_dir / "照去年填好的工作簿.xlsx"
    as_this_year(imported, filled)
    draft = out_dir / "初稿.docx"
    build(filled, draft, force=True)
    text = "\n".join(p.text for p in Document(str(draft)).paragraphs)
    blocks = result.document.blocks
    outline = result.imported.outline
    skip = set(outline.title_where)
    lines = [b.text for b in blocks if b.where not in skip and b.text not in (outline.signature, outline.date)]
    return measure(lines, text, [f.printed for f in result.imported.figures]), draft


if __name__ == "__main__":
    source = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/import-roundtrip")
    out.mkdir(parents=True, exist_ok=True)
    m, draft = round_trip(source, out)
    print(f"初稿：{draft}")
    print(f"原文句子 {m.sentences} 句，初稿逐字写出 {m.stated} 句（{m.share:.1%}）")
    for s in m.missing:
        print(f"  未逐字写出：{s}")
    wrong = [(p, a, b) for p, a, b in m.figures if a != b]
    print(f"数字 {len(m.figures)} 个，初稿中次数与原文相同的 {len(m.figures) - len(wrong)} 个")
    for p, a, b in wrong:
        print(f"  {p}：原文 {a} 次，初稿 {b} 次")
