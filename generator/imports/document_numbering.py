"""Word's automatic list numbers rendered as text: the "一、" "（一）" "1." a reader sees in front.

A clerk who numbers headings with Word's list feature has no "一、" in the paragraph's text: it is
made from ``word/numbering.xml`` when the page is drawn.  :class:`Numbering` draws it the same way,
so that a heading numbered by Word reads as one typed by hand.  Counting follows Word: one counter
per abstract list and level, shared by the list instances (``w:num``) that point to it; an
instance's ``w:startOverride`` restarts its level the first time the instance is used; using a
level restarts the levels below it (or only those whose ``w:lvlRestart`` allows it).  Bullets give
no label: a bullet is no number a reader would type.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from generator.docx.formatting import Props, Styles, w

_LEVELS = 9
_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
_ROMAN += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _counting(n: int, digits: str, ten: str, hundred: str, thousand: str) -> str:
    """A number in Chinese counting words up to 9999 (十一, 二十, 一百零五, 一千二百), as Word
    writes list numbers; larger numbers in Arabic digits."""
    if not 0 < n < 10_000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        out += ("" if digit == 1 and unit == "十" and not out else digits[digit]) + unit  # 十一, but 壹拾壹
    return out


def _enclosed(n: int, first: int, last: int) -> str | None:
    return chr(first + n - 1) if 1 <= n <= last - first + 1 else None


def _circled(n: int) -> str:
    """①–⑳, ㉑–㉟, ㊱–㊿ (Word's decimalEnclosedCircle); beyond 50 the number."""
    for low, start, high in ((1, 0x2460, 20), (21, 0x3251, 35), (36, 0x32B1, 50)):
        if low <= n <= high:
            return chr(start + n - low)
    return str(n)


def _letters(n: int) -> str:
    """A, B … Z, AA, BB … as Word repeats the letter."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """``n`` written in the numFmt ``fmt`` (decimal for a format this reader does not know)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCountingThousand", "japaneseCounting"):
        return _counting(n, _DIGITS, "十", "百", "千")
    if fmt == "chineseLegalSimplified":
        return _counting(n, _LEGAL, "拾", "佰", "仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _STEMS[n - 1] if 1 <= n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[n - 1] if 1 <= n <= 12 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _circled(n)
    simple = {
        "decimalEnclosedFullstop": _enclosed(n, 0x2488, 0x249B),  # ⒈ … ⒛
        "decimalEnclosedParen": _enclosed(n, 0x2474, 0x2487),  # ⑴ … ⒇
        "decimalFullWidth": "".join(chr(0xFF10 + int(d)) for d in str(n)) if n >= 0 else None,
        "decimalFullWidth2": "".join(chr(0xFF10 + int(d)) for d in str(n)) if n >= 0 else None,
        "decimalZero": f"{n:02d}",
        "upperLetter": _letters(n),
        "lowerLetter": _letters(n).lower(),
        "upperRoman": _roman(n),
        "lowerRoman": _roman(n).lower(),
    }
    return simple.get(fmt) or str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: None restarts after any higher level, 0 never
    legal: bool = False  # w:isLgl: the higher levels' numbers in decimal


@dataclass
class _List:
    levels: dict[int, _Level] = field(default_factory=dict)
    counters: list[int | None] = field(default_factory=lambda: [None] * _LEVELS)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


def _level(el: ET.Element, base: _Level | None = None) -> _Level:
    def val(name: str) -> str | None:
        child = el.find(w(name))
        return child.get(w("val")) if child is not None else None

    base = base or _Level()
    restart, text = val("lvlRestart"), val("lvlText")
    return _Level(
        start=_int(val("start"), base.start),
        fmt=val("numFmt") or base.fmt,
        text=text if text is not None else base.text,
        restart=_int(restart, 0) if restart is not None else base.restart,
        legal=el.find(w("isLgl")) is not None and val("isLgl") not in ("0", "false", "off"),
    )


class Numbering:
    """The list definitions of one document and the counters of a reading through it, in order."""

    def __init__(self, root: ET.Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, ET.Element] = {}
        self._nums: dict[str, tuple[str, dict[int, ET.Element]]] = {}  # numId → (abstractNumId, overrides)
        self._lists: dict[str, _List] = {}
        self._started: set[str] = set()  # numIds whose start overrides have been applied
        for el in root.findall(w("abstractNum")) if root is not None else ():
            self._abstract[el.get(w("abstractNumId"), "")] = el
        for el in root.findall(w("num")) if root is not None else ():
            ref = el.find(w("abstractNumId"))
            overrides = {_int(o.get(w("ilvl")), 0): o for o in el.findall(w("lvlOverride"))}
            self._nums[el.get(w("numId"), "")] = (ref.get(w("val"), "") if ref is not None else "", overrides)

    def _abstract_of(self, abstract_id: str) -> ET.Element | None:
        """The abstract list, through a list style's w:numStyleLink (one step, as Word follows it)."""
        el = self._abstract.get(abstract_id)
        link = el.find(w("numStyleLink")) if el is not None else None
        if el is None or link is None:
            return el
        style = self._styles.by_id.get(link.get(w("val"), ""))
        num_id = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}") if style is not None else None
        target = self._nums.get(num_id.get(w("val"), "")) if num_id is not None else None
        return self._abstract.get(target[0]) if target else el

    def _list(self, num_id: str) -> _List | None:
        if num_id not in self._nums:
            return None
        abstract_id, overrides = self._nums[num_id]
        key = f"num:{num_id}" if any(o.find(w("lvl")) is not None for o in overrides.values()) else abstract_id
        if key not in self._lists:
            abstract = self._abstract_of(abstract_id)
            if abstract is None:
                return None
            levels = {_int(el.get(w("ilvl")), 0): _level(el) for el in abstract.findall(w("lvl"))}
            for ilvl, override in overrides.items():
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl, levels.get(ilvl))
            self._lists[key] = _List(levels)
        numbered = self._lists[key]
        if num_id not in self._started:
            self._started.add(num_id)
            for ilvl, override in overrides.items():
                start = override.find(w("startOverride"))
                if start is not None and 0 <= ilvl < _LEVELS:
                    numbered.counters[ilvl] = _int(start.get(w("val")), 1) - 1
        return numbered

    def label(self, pprops: Props, style_id: str | None) -> str:
        """The number a paragraph with these effective properties shows, counted; "" for none."""
        num_id = pprops.get(("numPr/numId", "val"))
        if not num_id or num_id == "0":
            return ""
        numbered = self._list(num_id)
        if numbered is None:
            return ""
        ilvl = pprops.get(("numPr/ilvl", "val"))
        if ilvl is None:  # a style's list: the level that names the style, else the first
            ilvl_n = self._level_of_style(num_id, style_id)
        else:
            ilvl_n = min(max(_int(ilvl, 0), 0), _LEVELS - 1)
        level = numbered.levels.get(ilvl_n, _Level())
        current = numbered.counters[ilvl_n]
        numbered.counters[ilvl_n] = level.start if current is None else current + 1
        for deeper in range(ilvl_n + 1, _LEVELS):
            restart = numbered.levels.get(deeper, _Level()).restart
            if restart is None or (restart and ilvl_n < restart):
                numbered.counters[deeper] = None
        if level.fmt in ("bullet", "none") and "%" not in level.text:
            return "" if level.fmt == "bullet" else level.text
        return self._render(numbered, level)

    def _level_of_style(self, num_id: str, style_id: str | None) -> int:
        abstract = self._abstract_of(self._nums[num_id][0])
        for el in abstract.findall(w("lvl")) if abstract is not None and style_id else ():
            style = el.find(w("pStyle"))
            if style is not None and style.get(w("val")) == style_id:
                return min(max(_int(el.get(w("ilvl")), 0), 0), _LEVELS - 1)
        return 0

    @staticmethod
    def _render(numbered: _List, level: _Level) -> str:
        def number(match: re.Match[str]) -> str:
            i = int(match.group(1)) - 1
            other = numbered.levels.get(i, _Level())
            value = numbered.counters[i]
            value = other.start if value is None else value
            fmt = "decimal" if level.legal and other.fmt != "bullet" else other.fmt
            return "" if fmt in ("bullet", "none") else format_number(value, fmt)

        return re.sub(r"%([1-9])", number, level.text)
