"""所属分项 as typed: standard names by key, new names kept, a near miss warned about once."""

from __future__ import annotations

from generator.errors import Problem, Severity
from generator.model.sections import SectionNames


def test_a_standard_name_gives_its_key_without_a_word() -> None:
    problems: list[Problem] = []
    assert SectionNames()("行政执法", "主要举措!A3", problems) == "enforcement"
    assert problems == []


def test_a_new_name_far_from_every_known_one_is_a_new_subsection_without_a_word() -> None:
    problems: list[Problem] = []
    assert SectionNames()("食品药品安全监管", "主要举措!A3", problems) == "食品药品安全监管"
    assert problems == []


def test_a_near_miss_of_a_standard_name_is_warned_about_once_with_its_first_cell() -> None:
    problems: list[Problem] = []
    names = SectionNames()
    assert names("普法宣传工作", "主要举措!A3", problems) == "普法宣传工作"
    names("普法宣传工作", "主要举措!A4", problems)
    assert [(p.severity, p.where) for p in problems] == [(Severity.WARNING, "主要举措!A3")]
    assert "是否指“普法宣传”？" in problems[0].message


def test_a_near_miss_of_an_earlier_new_name_or_of_the_profiles_is_warned_about() -> None:
    problems: list[Problem] = []
    names = SectionNames(["安全生产监管"])
    names("食品药品安全监管", "特色指标!F3", problems)
    names("食品药品安全监管工作", "主要举措!A5", problems)
    names("安全生产监管工作", "主要举措!A6", problems)
    suggested = [(p.where, p.message.split("是否指“")[1].split("”")[0]) for p in problems]
    assert suggested == [("主要举措!A5", "食品药品安全监管"), ("主要举措!A6", "安全生产监管")]
