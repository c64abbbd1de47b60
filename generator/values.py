"""Reading values as clerks type them: text without forbidden characters, dates in common forms."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ue000-\ue00f]")


def clean_text(value: Any) -> str:
    """Text as a report may print it: no XML-forbidden control characters, no private-use marks."""
    text = "" if value is None else str(value)
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
