"""Item 一's subsections as the clerk names them in 所属分项 (主要举措, 特色指标).

A standard subsection is picked by its short name from the dropdown; any other name makes a new
subsection with its own 二级 heading.  A new name close to one already known — a standard short name,
a name in the agency's 机关资料, or a new name typed earlier — is probably that one mistyped, so it
gets a "是否指……" warning (difflib, as the near-name hints of citations and 机关资料).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from generator.errors import Problem, Severity
from generator.read import catalogue as cat

CLOSE = 0.6  # difflib's ratio from which two names are taken for the same one mistyped ("行政执法监督"/"行政执法": 0.8)


class SectionNames:
    """Turns a typed 所属分项 into a subsection key (standard) or the new name, warning once per new
    name that is close to a known one."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        self._known = [s.short for s in cat.SUBSECTIONS] + [n for n in known if n not in cat.SUBSECTIONS_BY_SHORT]
        self._seen: set[str] = set()

    def __call__(self, name: str, where: str, problems: list[Problem]) -> str:
        sub = cat.SUBSECTIONS_BY_SHORT.get(name)
        if sub is not None:
            return sub.key
        if name not in self._seen and name not in self._known:
            close = difflib.get_close_matches(name, self._known, n=1, cutoff=CLOSE)
            if close:
                problems.append(
                    Problem(
                        Severity.WARNING,
                        where,
                        f"所属分项“{name}”不是列表中的分项，将作为新的分项另起一个二级标题。"
                        f"是否指“{close[0]}”？如果是，请改为“{close[0]}”。",
                    )
                )
            self._known.append(name)
        self._seen.add(name)
        return name
