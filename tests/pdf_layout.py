"""Read line geometry out of a PDF with poppler's ``pdftotext -bbox-layout``.

Each line comes with its box in millimetres from the top-left corner of the page and its text.
The box is the font's ascent-to-descent box, so its height tells the font size: a 三号 (16 pt)
line is about 1.3 × 16 pt tall.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from generator.docx.fonts import private_fontconfig

MM_PER_PT = 25.4 / 72
_NS = "{http://www.w3.org/1999/xhtml}"
BOX_PER_EM = 1.3  # pdftotext's line box height divided by the font size (measured: 16 pt → 20.8 pt)


@dataclass(frozen=True)
class Word:
    x0: float
    x1: float
    text: str


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    words: tuple[Word, ...] = ()

    @property
    def size_pt(self) -> float:
        return (self.y1 - self.y0) / MM_PER_PT / BOX_PER_EM


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]

    def body_lines(self) -> list[Line]:
        """Lines set in 三号 (the body and headings), page numbers and the title left out."""
        return [ln for ln in self.lines if 15 <= ln.size_pt <= 17]

    def page_number_lines(self) -> list[Line]:
        return [ln for ln in self.lines if 13 <= ln.size_pt <= 15 and re.fullmatch(r"—\d+—", ln.text)]


def soffice_exe() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, "LibreOffice (soffice) is not installed; the README's test command installs it"
    return exe


def convert(source: Path, out_dir: Path, fmt: str = "pdf") -> Path:
    """Convert with LibreOffice headless, in a private profile so parallel runs do not collide, and
    with the faces ``build --pdf`` maps the standard's to (generator.docx.fonts)."""
    profile = out_dir / "lo-profile"
    fonts_env = private_fontconfig(out_dir)
    subprocess.run(
        [
            soffice_exe(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, **fonts_env},
    )
    out = out_dir / f"{source.stem}.{fmt}"
    assert out.exists(), f"LibreOffice did not write {out.name}"
    return out


def to_pdf(docx: Path, out_dir: Path) -> Path:
    return convert(docx, out_dir, "pdf")


def read_pages(pdf: Path) -> list[Page]:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is not installed; the README's test command installs it"
    out = subprocess.run([exe, "-bbox-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    root = ET.fromstring(out)
    pages: list[Page] = []
    for i, page in enumerate(root.iter(f"{_NS}page"), start=1):
        lines = []
        for line in page.iter(f"{_NS}line"):
            a = line.attrib
            words = tuple(
                Word(float(w.attrib["xMin"]) * MM_PER_PT, float(w.attrib["xMax"]) * MM_PER_PT, w.text or "")
                for w in line.iter(f"{_NS}word")
            )
            lines.append(
                Line(
                    float(a["xMin"]) * MM_PER_PT,
                    float(a["yMin"]) * MM_PER_PT,
                    float(a["xMax"]) * MM_PER_PT,
                    float(a["yMax"]) * MM_PER_PT,
                    "".join(w.text for w in words),
                    words,
                )
            )
        pages.append(Page(i, float(page.attrib["width"]) * MM_PER_PT, float(page.attrib["height"]) * MM_PER_PT, lines))
    return pages


def is_chinese_only(text: str) -> bool:
    """Only CJK characters and full-width punctuation: each takes exactly one 字."""
    return bool(text) and all(
        "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or c in "“”‘’—…·"
        for c in text
    )


@dataclass(frozen=True)
class Raster:
    """One page as RGB pixels (poppler's pdftoppm, PPM), to find colours and rules."""

    width: int
    height: int
    dpi: int
    pixels: bytes

    def rgb(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * 3
        return self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]

    def mm(self, px: int) -> float:
        return px * 25.4 / self.dpi

    def px(self, mm: float) -> int:
        return round(mm * self.dpi / 25.4)

    def red_share(self, x0: float, y0: float, x1: float, y1: float) -> float:
        """Of the inked pixels in a box (mm), the share that is red."""
        inked = red = 0
        for y in range(self.px(y0), self.px(y1)):
            for x in range(self.px(x0), self.px(x1)):
                r, g, b = self.rgb(x, y)
                if r + g + b < 600:
                    inked += 1
                    red += r > 180 and g < 90 and b < 90
        return red / inked if inked else 0.0

    def rules(self, red: bool = False) -> list[float]:
        """Rows (mm from the top) where a horizontal line crosses most of the page's width."""
        rows = []
        for y in range(self.height):
            hits = 0
            for x in range(0, self.width, 2):
                r, g, b = self.rgb(x, y)
                hits += (r > 180 and g < 90 and b < 90) if red else (r + g + b < 200)
            if hits * 2 > self.width * 0.6:
                rows.append(self.mm(y))
        merged: list[float] = []
        for row in rows:
            if not merged or row - merged[-1] > 0.6:
                merged.append(row)
        return merged


def raster(pdf: Path, page: int, dpi: int = 150) -> Raster:
    exe = shutil.which("pdftoppm")
    assert exe, "pdftoppm (poppler-utils) is not installed"
    out = subprocess.run(
        [exe, "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)], check=True, capture_output=True
    ).stdout
    magic, dims, _maxval, pixels = out.split(b"\n", 3)
    assert magic == b"P6"
    width, height = map(int, dims.split())
    return Raster(width, height, dpi, pixels[: width * height * 3])


def ink_extent(r: Raster, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float]:
    """Top and bottom (mm) of the ink inside a box: the glyphs' visible extent, not the font's box."""
    rows = [y for y in range(r.px(y0), r.px(y1)) if any(sum(r.rgb(x, y)) < 600 for x in range(r.px(x0), r.px(x1), 2))]
    assert rows, "no ink in the box"
    return r.mm(rows[0]), r.mm(rows[-1] + 1)


def line_faces(pdf: Path, page: int = 1) -> list[tuple[str, set[str]]]:
    """Each text line of a page with the faces its Chinese characters are set in (pdfminer.six reads
    the content stream: which font each glyph is shown with), subset prefixes ("BAAAAA+") removed."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    lines: list[tuple[str, set[str]]] = []
    for layout in extract_pages(str(pdf), page_numbers=[page - 1]):
        for box in layout:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if isinstance(line, LTTextLine):
                    chars = [c for c in line if isinstance(c, LTChar)]
                    faces = {c.fontname.split("+")[-1] for c in chars if "\u4e00" <= c.get_text() <= "\u9fff"}
                    lines.append(("".join(c.get_text() for c in chars), faces))
    return lines


def pdf_faces(pdf: Path) -> list[str]:
    """The faces poppler's ``pdffonts`` lists, subset prefixes removed."""
    exe = shutil.which("pdffonts")
    assert exe, "pdffonts (poppler-utils) is not installed"
    out = subprocess.run([exe, str(pdf)], check=True, capture_output=True, text=True).stdout
    return [row.split()[0].split("+")[-1] for row in out.splitlines()[2:] if row.strip()]


@dataclass(frozen=True)
class Stroke:
    """A straight stroked segment of a page's drawing (a rule or a table border), in mm."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float  # the pen's width

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) < 0.05

    @property
    def length(self) -> float:
        return math.hypot(self.x1 - self.x0, self.y1 - self.y0)


_SVG = "{http://www.w3.org/2000/svg}"
_MATRIX = re.compile(r"matrix\(([^)]*)\)")
_STROKE_WIDTH = re.compile(r"stroke-width:([\d.]+)")


def strokes(pdf: Path, page: int) -> list[Stroke]:
    """The straight stroked segments a page draws, read from its vector drawing, not from pixels.

    poppler's ``pdftocairo -svg`` writes each path of the page's content stream as an SVG path
    with its transformation matrix; glyphs are symbols in ``<defs>`` and are left out.  Segments
    drawn twice (LibreOffice draws some borders twice) are kept once.
    """
    exe = shutil.which("pdftocairo")
    assert exe, "pdftocairo (poppler-utils) is not installed"
    svg = subprocess.run(
        [exe, "-svg", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True, capture_output=True
    ).stdout
    root = ET.fromstring(svg)
    found: dict[tuple[float, ...], Stroke] = {}
    for path in root.iter(f"{_SVG}path"):
        style = path.get("style", "")
        if "stroke:none" in style or "stroke:" not in style:
            continue
        a, b, c, d, e, f = (
            float(v) for v in _MATRIX.search(path.get("transform", "matrix(1,0,0,1,0,0)"))[1].split(",")
        )
        d_attr = path.get("d", "")
        if set(re.findall(r"[A-Za-z]", d_attr)) - {"M", "L"}:
            continue  # curves and closed shapes are not rules
        numbers = [float(v) for v in re.findall(r"-?[\d.]+", d_attr)]
        pen = float(m[1]) if (m := _STROKE_WIDTH.search(style)) else 1.0
        xy = [
            ((a * x + c * y + e) * MM_PER_PT, (b * x + d * y + f) * MM_PER_PT)
            for x, y in zip(numbers[::2], numbers[1::2], strict=True)
        ]
        for (x0, y0), (x1, y1) in itertools.pairwise(xy):
            (x0, y0), (x1, y1) = sorted([(x0, y0), (x1, y1)])
            s = Stroke(x0, y0, x1, y1, pen * math.hypot(a, b) * MM_PER_PT)
            found.setdefault(tuple(round(v, 2) for v in (x0, y0, x1, y1)), s)
    return list(found.values())
