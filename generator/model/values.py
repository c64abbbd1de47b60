"""Reading values as clerks type them: text without forbidden characters, dates in common forms."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation, localcontext
from typing import Any

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def as_text(value: Any) -> str:
    """A cell's value as text; a duration as Excel's [h]:mm:ss shows it (36:00:00), not "1 day, 12:00:00"."""
    if isinstance(value, dt.timedelta):
        seconds = round(value.total_seconds())
        sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
        return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return "" if value is None else str(value)


def clean_text(value: Any) -> str:
    """Text as a report may print it: no XML-forbidden control characters.

    Excel writes a character XML cannot hold as _xHHHH_; such escapes are decoded, then dropped
    with the other forbidden characters."""
    text = as_text(value)
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    return _FORBIDDEN.sub("", text).strip()


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")


def parse_date(value: Any) -> dt.date | None:
    """An Excel date, or text such as 2026年1月20日, 2026-01-20, 2026.1.20, 2026/1/20."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = _DATE_TEXT.match(unicodedata.normalize("NFKC", value).strip())
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


# -- numbers as people type them -------------------------------------------------------------------
APPROX_PREFIXES = ("超过", "突破", "不少于", "不足", "约", "近", "逾")
APPROX_SUFFIXES = ("余", "多", "以上")
_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
_TYPED = re.compile(
    r"^(?P<pre>" + "|".join(APPROX_PREFIXES) + r")?(?P<num>[-+]?(?:\d+(?:\.\d*)?|\.\d+))"
    r"(?P<mul1>万|亿)?(?P<suf>余|多|以上)?(?P<mul2>万|亿)?(?P<unit>\D*)$"
)


MAX_DIGITS = 40  # past this a number is a slip of the keyboard, left for validation to refuse as too large


def typed_number(value: Any, units: tuple[str, ...] = ()) -> tuple[Any, str]:
    """A number as typed, and its approximation mark: "32万" → 320000; "300余" → (300, "余").

    Full-width digits, thousands separators, spaces and a sign are read; a trailing unit is accepted
    when it is one of ``units``; any other way of writing a number (1e3, .5) is read as Python reads
    it, so a number typed as text meets the same rules as the number.  Anything else is returned as
    it is, for validation to refuse."""
    if isinstance(value, bool):
        return str(value), ""  # TRUE/FALSE are not numbers
    if isinstance(value, float):
        return _whole(Decimal(repr(value))), ""
    if not isinstance(value, str):
        return value, ""
    text = unicodedata.normalize("NFKC", value).strip().replace(",", "").replace(" ", "").replace("，", "")
    if not text:
        return None, ""
    m = _TYPED.match(text)
    if not m or (m["unit"] and m["unit"] not in units) or (m["mul1"] and m["mul2"]):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return text, ""
        return (_whole(number) if number.is_finite() else text), ""
    with localcontext() as exact:  # no rounding, however many digits were typed
        exact.prec = 100
        number = Decimal(m["num"]) * _MULTIPLIERS.get(m["mul1"] or m["mul2"] or "", 1)
    return _whole(number), (m["pre"] or m["suf"] or "")


def typed_scale(value: Any) -> str:
    """The 万 or 亿 a number was typed with ("100万余" → "万"), so that it prints as typed; "" for none."""
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value).strip().replace(",", "").replace(" ", "").replace("，", "")
    m = _TYPED.match(text)
    return (m["mul1"] or m["mul2"] or "") if m and not (m["mul1"] and m["mul2"]) else ""


def _whole(number: Decimal) -> Decimal:
    """A whole number without its exponent or decimals: 1E+3 → 1000, 5.0 → 5."""
    if number.is_finite() and number.adjusted() < MAX_DIGITS and number == number.to_integral_value():
        return Decimal(int(number))  # exact for any length (quantize fails past 28 digits)
    return number
