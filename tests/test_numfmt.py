"""Number format codes read as Excel shows a number in them: date, duration, percentage or plain number.

Each case is the code, a value, and what the value reads as; the section that applies to the value
decides, and quoted, escaped, padding and fill characters are text, not codes.
"""

from __future__ import annotations

import pytest

from generator.read.numfmt import BUILTIN, Kind, Section, builtin, parse

NUMBER, DATE, DURATION = Kind.NUMBER, Kind.DATE, Kind.DURATION


@pytest.mark.parametrize(
    ("code", "value", "kind", "percent"),
    [
        # percentages: only an unquoted, unescaped % in the section that applies
        ("0.0%", 0.5, NUMBER, True),
        ("0%", 0.5, NUMBER, True),
        ('0.0"%"', 0.5, NUMBER, False),
        ("0.0\\%", 0.5, NUMBER, False),
        ('0"%"', 0.5, NUMBER, False),
        ('0.0"%";-0.0"%"', -0.5, NUMBER, False),
        ("0.0%;-0.0%", -0.5, NUMBER, True),
        ("0.0%;-0.0", -0.5, NUMBER, False),
        ("0.0;-0.0%", 0.5, NUMBER, False),
        ("0.0;-0.0%", -0.5, NUMBER, True),
        ("0.0%;-0.0%;0", 0, NUMBER, False),
        ("0_%", 0.5, NUMBER, False),
        ("0*%", 0.5, NUMBER, False),
        ("[Red]0.0%", 0.5, NUMBER, True),
        ("[<1]0.0%;0.0", 0.5, NUMBER, True),
        ("[<1]0.0%;0.0", 5, NUMBER, False),
        ("[>=100]0;[<100]0.0%", 0.5, NUMBER, True),
        ('[$-804]0.0"%"', 0.5, NUMBER, False),
        # dates and times
        ("yyyy-mm-dd", 46042, DATE, False),
        ('yyyy"年"m"月"d"日"', 46042, DATE, False),
        ('[$-804]yyyy"年"m"月"d"日";@', 46042, DATE, False),
        ("[DBNum1][$-804]yyyy年m月d日", 46042, DATE, False),
        ("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", 46042, DATE, False),
        ("h:mm AM/PM", 0.5, DATE, False),
        ('e"年"m"月"', 46042, DATE, False),
        # not dates: letters quoted, escaped, padded, filled, or in another section
        ("0_d;-0", 5, NUMBER, False),
        ("0_d;-0", -5, NUMBER, False),
        ('0"天"', 5, NUMBER, False),
        ('0" days"', 5, NUMBER, False),
        ("0\\d", 5, NUMBER, False),
        ("0*d", 5, NUMBER, False),
        ("General;General;General;[h]:mm", 0.5, NUMBER, False),
        ("General;General;General;yyyy-mm-dd", 46042, NUMBER, False),
        ("General", 5, NUMBER, False),
        ("[DBNum1][$-804]General", 5, NUMBER, False),
        ("[Red][<100]0;[Blue][>=100]0", 5, NUMBER, False),
        ("0.00E+00", 5, NUMBER, False),
        ("##0.0E+0", 5, NUMBER, False),
        ('#,##0.00;[Red]-#,##0.00;"-"', 0, NUMBER, False),
        ('_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', -5, NUMBER, False),
        ("0;yyyy-mm-dd", 5, NUMBER, False),
        ("0;yyyy-mm-dd", -5, DATE, False),
        ("0;0;yyyy-mm-dd", 0, DATE, False),
        ("[<100]0;yyyy-mm-dd", 46042, DATE, False),
        ("[<100]0;yyyy-mm-dd", 5, NUMBER, False),
        # durations (elapsed time), as openpyxl reads them
        ("[h]:mm", 1.5, DURATION, False),
        ("[H]:MM:SS", 1.5, DURATION, False),
        ("[mm]:ss", 1.5, DURATION, False),
        ("[ss].00", 1.5, DURATION, False),
    ],
)
def test_a_value_reads_as_the_section_that_shows_it(code: str, value: float, kind: Kind, percent: bool) -> None:
    shown = parse(code).reads(value)
    assert (shown.kind, shown.percent) == (kind, percent)


@pytest.mark.parametrize(
    ("number_format_id", "kind"),
    [(0, NUMBER), (9, NUMBER), (14, DATE), (20, DATE), (22, DATE), (45, DATE), (46, DURATION), (47, DATE)]
    + [(i, DATE) for i in [*range(27, 37), *range(50, 59)]]  # the East Asian dates
    + [(i, NUMBER) for i in [1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, *range(37, 45), 48, 49, 164, 200]],
)
def test_built_in_formats(number_format_id: int, kind: Kind) -> None:
    assert builtin(number_format_id).reads(46042).kind is kind
    assert builtin(number_format_id).reads(0.5).percent is (number_format_id in (9, 10))


def test_a_format_with_one_reading_for_every_number_is_marked_uniform() -> None:
    """The reader's fast path: most formats read every number the same, so a cell picks no section."""
    assert parse("0.0%").uniform == Section(NUMBER, percent=True)
    assert parse("#,##0;[Red]-#,##0").uniform == Section(NUMBER)
    assert parse("General;General;General;[h]:mm").uniform == Section(NUMBER)
    assert parse("0;yyyy-mm-dd").uniform is None
    assert parse("[<1]0.0%;0.0").uniform is None
    assert all(parse(code).uniform is not None for code in BUILTIN.values())


@pytest.mark.parametrize("code", ['"', "[", "\\", "_", "*", ";;;;;", "[<abc]0", "[h", '0"%'])
def test_a_broken_code_reads_without_error(code: str) -> None:
    shown = parse(code).reads(1.5)
    assert isinstance(shown.kind, Kind) and isinstance(shown.percent, bool)


@pytest.mark.parametrize(
    ("code", "value", "sign"),
    [
        ('0.0"%"', 0.5, True),
        ("0.0\\%", 0.5, True),
        ('0" %"', 0.5, True),
        ('#,##0.0"％"', 0.5, True),  # the full-width sign, quoted or not, is text as well
        ("0.0％", 0.5, True),
        ('0.0"%";-0.0', -0.5, False),
        ("0.0%", 0.5, False),  # a real percentage, not a sign after the number
        ("0_%", 0.5, False),  # padding: no percent sign shown
        ("0.0", 0.5, False),
    ],
)
def test_a_quoted_or_escaped_percent_is_a_sign_after_the_number(code: str, value: float, sign: bool) -> None:
    shown = parse(code).reads(value)
    assert shown.percent_sign is sign and not (shown.percent and shown.percent_sign)
