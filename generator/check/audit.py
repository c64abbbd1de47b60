"""Audit any DOCX against GB/T 9704-2012 and the official order of the annual report.

Each finding names its rule, the clause it comes from, the paragraph (number and first characters)
and what is expected.  The checks judge what Word and WPS read — the effective formatting after
style inheritance — not how one renderer happens to draw it.  Derived rules stay quiet when the
rule they depend on already failed (a body in 12 pt is one finding, not three).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import asdict
from pathlib import Path

from generator import gbt9704 as std
from generator.check.layout import DATE_RE, DOC_NUMBER_LOOSE, DOC_NUMBER_STRICT, classify, heading_of, official_item
from generator.check.rules import RULES, Finding
from generator.docx.props import Docx, Para, Props, Section, read_docx, to_int
from generator.gbt9704 import Twips, family_of
from generator.render.markup import OFFICIAL_ITEMS

_PAGE_TOLERANCE = 20  # twips: paper within about a third of a millimetre of A4 is A4
_REDS = (std.MARK_COLOR, "E60000", "C00000", "RED")  # the reds Word's and WPS's palettes give


def _size_pt(props: Props) -> float:
    return to_int(props.get(("sz", "val")), 20) / 2  # Word's default is 10 pt


# -- the checks --------------------------------------------------------------------------------
class _Audit:
    def __init__(self, doc: Docx) -> None:
        self.doc = doc
        self.findings: list[Finding] = []
        self.layout = classify(doc)

    def add(self, rule: str, para: Para | None, expected: str, found: str) -> None:
        self.findings.append(
            Finding(
                rule,
                RULES[rule].clause,
                para.index if para else 0,
                para.excerpt() if para else "",
                expected,
                found,
            )
        )

    # page ------------------------------------------------------------------------------------
    def page(self, section: Section) -> None:
        a4 = (round(std.PAGE_WIDTH.twips), round(std.PAGE_HEIGHT.twips))
        if abs(section.width - a4[0]) > _PAGE_TOLERANCE or abs(section.height - a4[1]) > _PAGE_TOLERANCE:
            self.add(
                "page.size",
                None,
                f"A4（{std.PAGE_WIDTH.mm:.0f} mm × {std.PAGE_HEIGHT.mm:.0f} mm）",
                f"{Twips(section.width).mm:.0f} mm × {Twips(section.height).mm:.0f} mm",
            )
        expected = {
            "上": (section.top, std.MARGIN_TOP),
            "下": (section.bottom, std.MARGIN_BOTTOM),
            "左": (section.left, std.MARGIN_LEFT),
            "右": (section.right, std.MARGIN_RIGHT),
        }
        wrong = {k: v for k, v in expected.items() if abs(v[0] - v[1].twips) > std.MARGIN_TOLERANCE.twips}
        if wrong:
            area = f"（版心 {std.TYPE_AREA_WIDTH.mm:.0f} mm × {std.TYPE_AREA_HEIGHT.mm:.0f} mm）"
            self.add(
                "page.margins",
                None,
                "、".join(f"{k} {v[1].mm:.0f} mm" for k, v in wrong.items()) + area,
                "、".join(f"{k} {Twips(v[0]).mm:.1f} mm" for k, v in wrong.items()),
            )

    # grid ------------------------------------------------------------------------------------
    def _pitch(self, p: Para, section: Section) -> float:
        """Line pitch in twips, as Word computes it for the paragraph."""
        rule = p.pprops.get(("spacing", "lineRule"), "auto")
        line = to_int(p.pprops.get(("spacing", "line")), 240)
        snap = p.pprops.get(("snapToGrid", "val"), "1") not in ("0", "false", "off")
        if rule in ("exact", "atLeast"):
            return float(line)
        if section.grid_type in ("lines", "linesAndChars", "snapToChars") and snap and section.line_pitch:
            height = _size_pt(p.rprops) * 20 * 1.3 * line / 240
            return section.line_pitch * max(1, math.ceil(height / section.line_pitch - 0.01))
        return _size_pt(p.rprops) * 20 * 1.3 * line / 240

    def _advance(self, p: Para, section: Section) -> float:
        size = _size_pt(p.rprops)
        if section.grid_type in ("linesAndChars", "snapToChars"):
            return (size + section.char_space / 4096) * 20
        return size * 20 + to_int(p.rprops.get(("spacing", "val")))

    def grid(self, section: Section, body: list[Para]) -> None:
        plain = [p for p in body if heading_of(p) is None]
        if not plain:
            return
        p = plain[0]
        pitch = self._pitch(p, section)
        lines = int(std.TYPE_AREA_HEIGHT.twips // pitch) if pitch else 0
        if lines != std.LINES_PER_PAGE:
            self.add(
                "grid.lines",
                p,
                f"每页{std.LINES_PER_PAGE}行（行距约{std.TYPE_AREA_HEIGHT.pt / std.LINES_PER_PAGE:.2f}磅）",
                f"每页{lines}行（行距{pitch / 20:.2f}磅）",
            )
        if abs(_size_pt(p.rprops) - std.SIZE_3HAO.pt) < 0.1:  # else font.body has said it
            chars = int(std.TYPE_AREA_WIDTH.twips // self._advance(p, section))
            if chars != std.CHARS_PER_LINE:
                self.add("grid.chars", p, f"每行{std.CHARS_PER_LINE}字", f"每行{chars}字")

    # fonts -----------------------------------------------------------------------------------
    def _face(self, props: Props) -> tuple[str, float]:
        return self.doc.font(props), _size_pt(props)

    def _expect(self, rule: str, p: Para, family: str, size: float, what: str, props: Props | None = None) -> bool:
        runs = [r for r in p.runs if r.text.strip()] if props is None else []
        for props_ in [props] if props is not None else [r.props for r in runs] or [p.rprops]:
            font, pt = self._face(props_)
            if family_of(font) != family or abs(pt - size) > 0.1:
                self.add(rule, p, f"{what}{family}{_size_name(size)}", f"{font or '（未指定字体）'} {pt:g}磅")
                return False
        return True

    def fonts(self) -> None:
        lay = self.layout
        for p in lay.title:
            self._expect("font.title", p, family_of(std.FONT_XIAOBIAOSONG), std.SIZE_2HAO.pt, "")
            if p.pprops.get(("jc", "val")) != "center":
                self.add("font.title", p, "居中", f"对齐方式 {p.pprops.get(('jc', 'val'), 'left')}")
        if lay.addressee is not None:
            p = lay.addressee
            ok = self._expect("font.addressee", p, family_of(std.FONT_FANGSONG), std.SIZE_3HAO.pt, "")
            if ok and _first_line(p) > 20:
                self.add("font.addressee", p, "顶格（无首行缩进）", f"首行缩进{_first_line(p) / 20:g}磅")
        levels = {level: family_of(style.font) for level, style in std.HEADING_STYLES.items()}
        headings = {h.para.index: h for h in lay.headings}
        for p in lay.body:
            h = headings.get(p.index)
            runs = [r for r in p.runs if r.text.strip()]
            if h is not None and runs:
                self._expect("font.heading", p, levels[h.level], std.SIZE_3HAO.pt, f"{h.level}级标题", runs[0].props)
                rest = _after_heading(runs)
                if rest:
                    self._body_runs(p, rest)
            else:
                self._body_runs(p, runs)
            self._indent(p)
        for p in (lay.signature, lay.date):
            if p is not None:
                self._expect("font.signature", p, family_of(std.FONT_FANGSONG), std.SIZE_3HAO.pt, "")

    def _body_runs(self, p: Para, runs: list) -> None:
        family, size = family_of(std.FONT_FANGSONG), std.SIZE_3HAO.pt
        for r in runs:
            if not re.search(r"[\u4e00-\u9fff]", r.text):
                continue
            font, pt = self._face(r.props)
            if family_of(font) != family or abs(pt - size) > 0.1:
                self.add(
                    "font.body", p, f"{family}{_size_name(size)}（{size:g}磅）", f"{font or '（未指定字体）'} {pt:g}磅"
                )
                return

    def _indent(self, p: Para) -> None:
        chars = p.pprops.get(("ind", "firstLineChars"))
        if chars is not None and to_int(chars) == std.FIRST_LINE_CHARS * 100:  # in hundredths of a 字
            return
        first = _first_line(p)
        expected = std.FIRST_LINE_INDENT.twips
        if abs(first - expected) > 20:
            self.add("indent.body", p, f"首行缩进二字（{expected / 20:g}磅）", f"首行缩进{first / 20:g}磅")

    # numbering ---------------------------------------------------------------------------------
    def numbering(self) -> None:
        expected_next = [0, 1, 1, 1, 1]
        for h in self.layout.headings:
            if not h.form_ok:
                right = std.HEADING_STYLES[h.level].numbering
                self.add("numbering.form", h.para, f"“{right}”的形式", f"“{h.number}”")
            if h.value != expected_next[h.level]:
                self.add(
                    "numbering.sequence",
                    h.para,
                    f"本层级第{expected_next[h.level]}个序数",
                    f"“{h.number}”（第{h.value}个）",
                )
            expected_next[h.level] = h.value + 1
            for deeper in range(h.level + 1, 5):
                expected_next[deeper] = 1

    # official items ----------------------------------------------------------------------------
    def items(self) -> None:
        found: list[tuple[int, Para]] = []
        for h in self.layout.headings:
            if h.level == 1:
                item = official_item(h.para.text)
                if item:
                    found.append((item, h.para))
        numbers = [n for n, _ in found]
        for n in (1, 2, 3, 4):
            if n not in numbers:
                self.add("items.order", None, f"包含第{'一二三四'[n - 1]}部分“{OFFICIAL_ITEMS[n]}”", "缺少这一部分")
        for (a, _), (b, pb) in itertools.pairwise(found):
            if b < a:
                self.add("items.order", pb, f"“{OFFICIAL_ITEMS[b]}”排在“{OFFICIAL_ITEMS[a]}”之前", "顺序颠倒")

    # punctuation -------------------------------------------------------------------------------
    HALF = re.compile(r"(?<=[\u4e00-\u9fff])[,;:?!()]|[,;:?!(](?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\.(?![\d.])")

    def punctuation(self) -> None:
        lay = self.layout
        numbers = {h.para.index: len(h.number) for h in lay.headings}  # "1." is a number, not a full stop
        for p in [*lay.title, *([lay.addressee] if lay.addressee else []), *lay.body]:
            m = self.HALF.search(p.text, numbers.get(p.index, 0))
            if m:
                ctx = p.text[max(0, m.start() - 4) : m.end() + 4]
                self.add("punct.fullwidth", p, "全角标点（，；：？！（））", f"半角“{m.group(0)}”（…{ctx}…）")

    # date --------------------------------------------------------------------------------------
    def date(self) -> None:
        p = self.layout.date
        if p is None:
            self.add("date.form", None, "文末有成文日期，如“2026年1月20日”", "找不到成文日期")
            return
        m = DATE_RE.match(p.text)
        assert m
        parts = [m[1], m[2], m[3]]
        if not all(re.fullmatch(r"[0-9]+", x) for x in parts):
            self.add("date.form", p, "阿拉伯数字，如“2026年1月20日”", f"“{p.text.strip()}”")
        elif parts[1].startswith("0") or parts[2].startswith("0"):
            fixed = f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
            self.add("date.form", p, f"不编虚位，“{fixed}”", f"“{p.text.strip()}”")

    # page numbers ------------------------------------------------------------------------------
    def page_numbers(self, section: Section) -> None:
        def numbered(paras: list[Para]) -> Para | None:
            return next((q for q in paras if any("PAGE" in r.field_code.upper() for r in q.runs)), None)

        odd = numbered(section.footers.get("default", []))
        even = numbered(section.footers.get("even", [])) if self.doc.even_and_odd else odd
        if odd is None and even is None:
            self.add("pagenum.present", None, "每页有页码（页脚中的 PAGE 域）", "没有页码")
            return
        dash, family = std.PAGE_NUMBER_DASH, family_of(std.FONT_SONGTI)
        for label, p in (("单页", odd), ("双页", even)):
            if p is None:
                self.add("pagenum.present", None, f"{label}有页码", f"{label}没有页码")
                continue
            text = p.text.strip()
            font, pt = self._face(next((r.props for r in p.runs if r.text.strip()), p.rprops))
            if not (re.match(r"^[—–-]+\s*\S*\s*[—–-]+$", text) and text.startswith(dash) and text.endswith(dash)):
                self.add("pagenum.form", p, f"“{dash} 1 {dash}”的形式（一字线）", f"“{text}”")
            elif family_of(font) != family or abs(pt - std.SIZE_4HAO.pt) > 0.1:
                self.add(
                    "pagenum.form", p, f"4号{family}（{std.SIZE_4HAO.pt:g}磅）", f"{font or '（未指定字体）'} {pt:g}磅"
                )
        if not self.doc.even_and_odd:
            self.add("pagenum.sides", None, "奇偶页不同：单页居右、双页居左", "所有页的页码位置相同")
            return
        side = std.PAGE_NUMBER_SIDE_SPACE.twips
        if odd is not None and (odd.pprops.get(("jc", "val")) != "right" or abs(_ind(odd, "right") - side) > 40):
            self.add("pagenum.sides", odd, "单页页码居右空一字", _side_text(odd))
        if even is not None and (
            even.pprops.get(("jc", "val")) not in ("left", "start", None) or abs(_ind(even, "left") - side) > 40
        ):
            self.add("pagenum.sides", even, "双页页码居左空一字", _side_text(even))

    # 版头 -----------------------------------------------------------------------------------
    def masthead(self) -> None:
        lay = self.layout
        if not lay.masthead:
            return
        number = lay.masthead[-1]
        m = DOC_NUMBER_LOOSE.search(number.text)
        assert m
        if not DOC_NUMBER_STRICT.search(number.text):
            self.add("masthead.number", number, f"“〔{m[1]}〕{int(m[2])}号”的形式", f"“{m.group(0)}”")
        if "签发人" not in number.text:
            self.add("masthead.signer", number, "发文字号同一行右侧有“签发人：姓名”", "没有签发人")
        marks = [
            p
            for p in lay.masthead[:-1]
            if _size_pt(next((r.props for r in p.runs if r.text.strip()), p.rprops)) > std.SIZE_3HAO.pt
        ]
        if not marks:
            self.add("masthead.mark", number, "发文字号上方有发文机关标志", "没有找到发文机关标志")
        for p in marks:
            props = next(r.props for r in p.runs if r.text.strip())
            color = props.get(("color", "val"), "000000").upper()
            font = self.doc.font(props)
            family = family_of(std.FONT_XIAOBIAOSONG)
            if family_of(font) != family or color not in _REDS:
                self.add("masthead.mark", p, f"红色{family}体字", f"{font or '（未指定字体）'}，颜色 {color}")

    def run(self) -> list[Finding]:
        section = self.doc.sections[-1] if self.doc.sections else None
        if section is not None:
            self.page(section)
            self.grid(section, self.layout.body)
        self.masthead()
        self.fonts()
        self.numbering()
        self.items()
        self.punctuation()
        self.date()
        if section is not None:
            # a 版记 section whose number is an IF field (shown only without a blank page before
            # it, 7.5) is judged by the section before it, whose numbers it repeats
            plain = [s for s in self.doc.sections if not _conditional_footer(s)]
            self.page_numbers(plain[-1] if plain else section)
        return self.findings


def _conditional_footer(section: Section) -> bool:
    return any(
        r.field_code.strip().upper().startswith("IF") for ps in section.footers.values() for p in ps for r in p.runs
    )


def _first_line(p: Para) -> int:
    if ("ind", "hanging") in p.pprops:
        return -to_int(p.pprops[("ind", "hanging")])
    return to_int(p.pprops.get(("ind", "firstLine")))


def _ind(p: Para, side: str) -> int:
    alias = {"left": "start", "right": "end"}[side]
    return to_int(p.pprops.get(("ind", side), p.pprops.get(("ind", alias))))


def _side_text(p: Para) -> str:
    align = p.pprops.get(("jc", "val"), "left")
    return f"对齐 {align}，左缩进 {_ind(p, 'left') / 20:g}磅，右缩进 {_ind(p, 'right') / 20:g}磅"


def _size_name(pt: float) -> str:
    return next((name for size, name in std.SIZE_NAMES.items() if size.pt == pt), f"{pt:g}磅")


def _after_heading(runs: list) -> list:
    """The runs of a run-in heading that follow its title sentence (they are body text)."""
    seen = ""
    for i, r in enumerate(runs):
        seen += r.text
        if "。" in seen:
            return runs[i + 1 :]
    return []


def audit(path: Path) -> list[Finding]:
    """Every finding for the DOCX at ``path``; raise DocxUnreadable if it is not a Word document."""
    return _Audit(read_docx(path)).run()


def findings_as_json(findings: list[Finding]) -> list[dict[str, object]]:
    return [{**asdict(f), "title": RULES[f.rule].title, "message": str(f)} for f in findings]
