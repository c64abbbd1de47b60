"""The sentence builder: the figures the narrative does not state, said as a reviewer would keep them.

Part of the renderer.  It knows nothing of tokens or templates: it is given :class:`Fact` values
(a figure already printed as the draft shows it, with its clause) and returns sentences.  The rules,
with examples from the published reports, are in the README (developer section, "How the data
sentences are written"); each is one step below:

1. a figure is said once, and not at all when the narrative states it (the caller leaves it out);
2. every clause has its verb: the catalogue's clause (:mod:`generator.render.clauses`), or the
   department's own label when it begins with a verb, or "label为…" / "label达到…";
3. a total comes before its parts, and the parts follow it in the same clause after "其中";
   a part whose total is not said is said on its own, with its own verb;
4. a zero is said in words where the genre does ("未发生行政复议案件", "无败诉案件"), else left out,
   and the parts of a zero total are left out with it;
5. the clauses of one group make one sentence; "全年" opens the first sentence about the year.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.clauses import LEADS_DROPPED, VERBS, Clause


@dataclass(frozen=True)
class Fact:
    """One figure to be said: its key, how it is said, and how it prints."""

    key: str
    clause: Clause
    shown: str  # the figure with its unit, as the draft prints it
    yoy: str = ""  # "同比增长7.7%"; "" when not said or unknown
    zero: bool = False


def own_clause(label: str, rate: bool, group: str) -> Clause:
    """The clause for a figure in the department's own words (a 特色指标 or a relabelled row)."""
    words = label
    for lead in LEADS_DROPPED:
        if words.startswith(lead) and len(words) > len(lead):
            words = words[len(lead) :]
            break
    if words.startswith(VERBS):
        say = words + "{}"
    elif rate or words.endswith(("率", "度")):
        say = words + "达到{}"
    else:
        say = words + "为{}"
    return Clause(say, group, yoy=True)


def in_clerks_words(pattern: str, old: str, new: str, rate: bool) -> tuple[str, bool]:
    """A clause about a row the clerk relabelled from ``old`` to ``new``: the clerk's label in the
    clause's place ("办理卫生行政处罚案件{}", True), or the label said on its own when it has its own
    verb ("查处违法行为{}") or the clause does not name the old label (False)."""
    if old and old in pattern and not new.startswith(VERBS):
        return pattern.replace(old, new), True
    return own_clause(new, rate, "").say, False


def relabelled(clause: Clause, old: str, new: str, rate: bool) -> Clause:
    """A catalogue clause for a row the clerk relabelled (:func:`in_clerks_words`); the zero's words
    are about the old label, so a zero is left out."""
    say, kept = in_clerks_words(clause.say, old, new, rate)
    part = clause.part.replace(old, new) if kept else say
    return Clause(say, clause.group, clause.part_of, part, "", clause.stock, clause.yoy, clause.section)


def _said(fact: Fact, pattern: str) -> str:
    text = pattern.replace("{}", fact.shown)
    return text + (f"，{fact.yoy}" if fact.yoy and fact.clause.yoy else "")


def select(facts: list[Fact]) -> list[Fact]:
    """The facts that will be said: a zero only with its words, and no part of a zero total."""
    zero_totals = {f.key for f in facts if f.zero}
    return [f for f in facts if not (f.zero and not f.clause.zero) and f.clause.part_of not in zero_totals]


def clauses(facts: list[Fact]) -> list[tuple[str, Fact, str]]:
    """Each fact's clause and the mark that ties it to the one before ("，" or "、"), parts gathered
    after their total.  ``facts`` are :func:`select`'s, each zero's ``shown`` its words."""
    keyed = {f.key: f for f in facts}
    out: list[tuple[str, Fact, str]] = []
    for fact in facts:
        c = fact.clause
        if c.part_of in keyed:
            continue  # said with its total below
        if fact.zero:
            out.append((fact.shown, fact, "，"))
            continue
        before = out[-1] if out else None
        tie = "，"
        pattern = c.say
        if before and not before[1].zero:
            b = before[1].clause
            if c.series and c.short and b.series == c.series:
                pattern = c.short
                plain_before = not (before[1].yoy and b.yoy) and "其中" not in before[0]
                tie = "、" if plain_before and not c.short.startswith(VERBS) else "，"  # 办结… is a clause
            elif c.part_of and b.part_of == c.part_of:  # parts of a total not said: one list
                pattern, tie = c.part, "、"
        text = _said(fact, pattern)
        parts = [p for p in facts if p.clause.part_of == fact.key]
        listed = [_said(p, p.clause.part) for p in parts if not p.zero]
        if listed:
            text += "，其中" + "、".join(listed)
        text += "".join(f"，{p.shown}" for p in parts if p.zero)
        out.append((text, fact, tie))
    return out


def sentences(facts: list[Fact], lead: str = "", year: bool = True) -> list[str]:
    """The facts' sentences, one a group; ``lead`` opens the first, "全年" the first about the year."""
    groups: list[list[tuple[str, Fact, str]]] = []
    for said in clauses(facts):
        if groups and groups[-1][-1][1].clause.group == said[1].clause.group:
            groups[-1].append(said)
        else:
            groups.append([said])
    out: list[str] = []
    for group in groups:
        text = group[0][0] + "".join(tie + t for t, _, tie in group[1:])
        if year and not group[0][1].clause.stock:
            text = "全年" + text
            year = False
        out.append(text + "。")
    if out and lead:
        out[0] = lead + out[0]
    return out
