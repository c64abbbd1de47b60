"""Numbers as GB/T 15835-2011 (出版物上数字用法) and the genre write them.

Arabic numerals for counts, money and percentages; 万 and 亿 for large amounts of money instead of
digit grouping (公文 prefer them to commas); percentages with the decimals the data gives; 同比
clauses with one decimal; nothing is rounded silently except the 同比 percentage itself.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

WAN = Decimal(10000)
YI = Decimal(100000000)


def plain(value: Decimal | int) -> str:
    """A number without exponent or trailing zeros: 32.10 → 32.1, 1E+2 → 100."""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    return text


def scaled(value: Decimal | int, scale: str) -> str:
    """A number in the 万 or 亿 it was typed with: 1000000 typed as 100万 → "100万"."""
    if scale not in ("万", "亿"):
        return plain(value)
    return plain(Decimal(value) / (WAN if scale == "万" else YI)) + scale


def money(value: Decimal, unit: str) -> str:
    """Money with its unit, switching to 万元/亿元 where the amount is large (GB/T 15835 5.3)."""
    yuan = value * WAN if unit == "万元" else value
    if yuan >= YI:
        return f"{plain(yuan / YI)}亿元"
    if yuan >= WAN:
        return f"{plain(yuan / WAN)}万元"
    return f"{plain(yuan)}元"


def percent(value: Decimal) -> str:
    return f"{plain(value)}%"


def change_clause(value: Decimal, prev: Decimal, is_rate: bool) -> str:
    """同比 clause: 同比增长12.3% / 同比下降5% / 与上年持平; rates change in 百分点."""
    if value == prev:
        return "与上年持平"
    if is_rate:
        diff = abs(value - prev)
        verb = "提高" if value > prev else "下降"
        return f"较上年{verb}{plain(diff)}个百分点"
    if prev == 0:
        return ""
    ratio = ((value - prev) / prev * 100).quantize(Decimal("0.1"))
    if ratio == 0:
        return "与上年基本持平"
    verb = "增长" if ratio > 0 else "下降"
    return f"同比{verb}{plain(abs(ratio))}%"


def chinese_date(day: dt.date) -> str:
    """成文日期 in Arabic numerals, full year, no leading zeros (GB/T 9704 7.3.5.4)."""
    return f"{day.year}年{day.month}月{day.day}日"
