"""Long titles break into a trapezoid or a diamond, never leaving a lone character (GB/T 9704 7.3.1)."""

from __future__ import annotations

import itertools

import pytest

from generator import gbt9704 as std
from generator.docx.title_layout import break_title

CAPACITY = std.TYPE_AREA_WIDTH.twips


def width(text: str) -> float:
    """二号 (22 pt = 440 twips) a Chinese character, half that for ASCII."""
    return sum(220 if c.isascii() else 440 for c in text)


def shape_ok(widths: list[float]) -> bool:
    if len(widths) <= 2:
        return True
    rising = all(a <= b for a, b in itertools.pairwise(widths))
    falling = all(a >= b for a, b in itertools.pairwise(widths))
    top = widths.index(max(widths))
    return rising or falling or 0 < top < len(widths) - 1


def test_a_title_that_fits_stays_on_one_line() -> None:
    assert break_title("某县司法局2025年法治政府建设年度报告", (), width, CAPACITY) == [
        "某县司法局2025年法治政府建设年度报告"
    ]


def test_the_templates_break_point_is_preferred() -> None:
    text = "示例县卫生健康局2025年法治政府建设年度报告"
    assert break_title(text, (8,), width, CAPACITY) == ["示例县卫生健康局", "2025年法治政府建设年度报告"]


@pytest.mark.parametrize(
    "text",
    [
        "某某自治州人民政府办公室2025年法治政府建设年度报告",
        "某某市市场监督管理局关于2025年度法治政府建设情况的报告",
        "某某省卫生健康委员会综合监督执法局（省中医药管理局）2025年法治政府建设年度报告",
        "某某县人力资源和社会保障局2025年度推进法治政府建设和落实第一责任人职责情况的报告",
    ],
)
def test_long_titles_fit_without_a_lone_character_in_a_trapezoid_or_diamond(text: str) -> None:
    lines = break_title(text, (), width, CAPACITY)
    assert "".join(lines) == text
    assert 2 <= len(lines) <= 3
    assert all(width(line) <= CAPACITY for line in lines)
    assert all(len(line) >= 2 for line in lines)
    assert shape_ok([width(line) for line in lines])
    for line in lines[1:]:
        assert line[0] not in "，。、）》年"
    assert not any(line.endswith(("（", "《")) for line in lines)
    assert not any("2025" not in text or ("202" in line and "2025" not in line) for line in lines)
