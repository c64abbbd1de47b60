"""The report's own structure and words: the 报告结构 and 报告用语 sheets, validated.

报告结构 lists item 一's subsections in the order they print, each with its 二级 heading and a lead
paragraph (引语) printed under the heading before the measures.  报告用语 holds the title, the
opening paragraph and the leads of items 二 and 四.  Both sheets come pre-filled with the built-in
defaults (:data:`generator.read.catalogue.SUBSECTIONS`, :data:`generator.read.catalogue.WORDINGS`); a cell still
equal to its default (whitespace aside) is not set, so an agency's 机关资料 and templates give the
text.  A changed cell wins over both.  A workbook without the sheets (an older ``init``) reads as
before.

In 报告用语 and 引语, 〔年度〕〔下年〕〔机关名称〕… stand for the values of 基本信息; any other 〔〕
cites a figure as in every narrative cell (:class:`generator.model.citations.Citer`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.errors import Problem, Severity
from generator.model.citations import BAR, CITATION, Citer
from generator.model.profile import Profile, SectionSpec
from generator.model.sections import SectionNames
from generator.model.spans import Span, Spans, Text, spans
from generator.model.values import clean_text
from generator.read import catalogue as cat
from generator.read.cells import ErrorValue
from generator.read.reader import Cell

_SPACE = re.compile(r"\s+")


def _same(text: str, default: str) -> bool:
    """Whether a cell still holds the built-in text (spaces and line breaks aside)."""
    return _SPACE.sub("", text) == _SPACE.sub("", default)


def _usable(*cells: Cell) -> bool:
    """An error value is refused where it stands (:mod:`generator.model.error_values`)."""
    return not any(isinstance(c.value, ErrorValue) for c in cells)


@dataclass(frozen=True)
class Row:
    """One 报告结构 row, its 分项 read."""

    name: str  # as typed: a standard short name or a new one
    title: Cell
    lead: Cell


def read_rows(rows: list[dict[str, Cell]] | None, names: SectionNames, problems: list[Problem]) -> list[Row]:
    """The 报告结构 rows, before any 所属分项 is read, so that a new name listed here is known there."""
    out: list[Row] = []
    seen: dict[str, str] = {}
    for row in rows or []:
        name_cell, title, lead = row["分项"], row["二级标题"], row["引语"]
        if not _usable(name_cell, title, lead):
            continue
        name = clean_text(name_cell.value)
        if not name:
            problems.append(
                Problem(
                    Severity.WARNING,
                    name_cell.ref,
                    "这一行填了二级标题或引语，但“分项”是空的，这一行已忽略。"
                    f"请填写分项名称（{'、'.join(s.short for s in cat.SUBSECTIONS)}，或新的分项名称）。",
                )
            )
            continue
        once = "每个分项只写一行，请删除或合并重复的一行。"
        if _repeated(f"分项“{name}”", name, name_cell.ref, seen, once, problems):
            continue
        names(name, name_cell.ref, problems)  # a new name close to a listed one: "是否指……"
        out.append(Row(name, title, lead))
    return out


class Filler:
    """Fills 〔年度〕… from 基本信息 and cites the figures in the rest of a cell's text."""

    def __init__(self, info: dict[str, Any], info_cells: dict[str, Cell], cite: Citer, problems: list[Problem]) -> None:
        year = info.get("year")
        self.values: dict[str, str | None] = {  # None: the field is wrong or missing, already said
            "年度": str(year) if year else None,
            "下年": str(year + 1) if year else None,
            "机关名称": info.get("agency"),
            "机关自称": info.get("self_name") or "我局",
            "领导机关": info.get("leadership") or info.get("addressee") or "",
            "法治建设议事协调机构": info.get("coordinator") or "",
            "主送机关": info.get("addressee") or "",
        }
        self.info_cells, self.cite, self.problems = info_cells, cite, problems

    def _error(self, where: str, message: str) -> None:
        self.problems.append(Problem(Severity.ERROR, where, message))

    def _placeholder(self, name: str, where: str) -> str:
        value = self.values[name]
        if value == "":
            label = cat.PLACEHOLDERS[name]
            cell = self.info_cells.get(cat.INFO_BY_LABEL[label].key)
            at = f"（{cell.ref}）" if cell is not None else ""
            self._error(
                where,
                f"用了〔{name}〕，但“{cat.INFO_SHEET}”表的“{label}”没有填写{at}。请填写“{label}”，或删去〔{name}〕。",
            )
        return value or ""

    def _unknown(self, cited: str, name: str, where: str) -> None:
        names = list(cat.PLACEHOLDERS)
        close = difflib.get_close_matches(name, names + list(self.cite.figures), n=1, cutoff=0.5)
        hint = f"是否指“〔{close[0]}〕”？" if close else ""
        self._error(
            where,
            f"“{cited}”不是可用的占位符，也不是指标名称。{hint}"
            f"可用的占位符：{''.join(f'〔{n}〕' for n in names)}（换成“{cat.INFO_SHEET}”表中的内容）；"
            "引用数字时〔〕中写指标表中的指标名称。",
        )

    def __call__(self, text: str, where: str) -> Spans:
        parts: list[Span | Spans] = []
        start = 0
        for m in CITATION.finditer(text):
            inner = m[1].strip()
            label = BAR.split(inner, 1)[0].strip()
            if inner in self.values:
                shown = self._placeholder(inner, where)
            elif label.isdigit() or label in self.cite.figures or label in self.cite.unread:
                continue  # a figure (or a 发文字号's year): the Citer's
            else:
                self._unknown(m[0], label, where)
                shown = m[0]
            parts += [self.cite(text[start : m.start()], where, self.problems), Text(shown)]
            start = m.end()
        parts.append(self.cite(text[start:], where, self.problems))
        return spans(*parts)


def report_sections(
    rows: list[Row], profile: Profile, fill: Filler, title: Callable[[Cell], str]
) -> tuple[SectionSpec, ...]:
    """Item 一's subsections in order, each with its title ("" leaves the template's) and lead.

    The rows' order counts when it differs from the standard one, else the profile's order does;
    the standard subsections not listed follow in their order, then the profile's other names."""
    listed = [r.name for r in rows]
    order = listed if rows and listed != [s.short for s in cat.SUBSECTIONS] else [s.name for s in profile.sections]
    order += [s.short for s in cat.SUBSECTIONS if s.short not in order]
    order += [s.name for s in profile.sections if s.name not in order]
    by_name = {r.name: r for r in rows}
    profile_titles = {s.name: s.title for s in profile.sections}
    out: list[SectionSpec] = []
    for name in order:
        row = by_name.get(name)
        heading, lead = profile_titles.get(name, ""), ()
        if row is not None:
            typed = title(row.title) if not row.title.empty else ""
            standard = cat.SUBSECTIONS_BY_SHORT.get(name)
            if typed and (standard is None or not _same(typed, standard.title)):
                heading = typed
            text = clean_text(row.lead.value)
            lead = fill(text, row.lead.ref) if text else ()
        out.append(SectionSpec(name=name, title=heading, lead=lead))
    return tuple(out)


def report_wording(rows: list[dict[str, Cell]] | None, fill: Filler, problems: list[Problem]) -> dict[str, Spans]:
    """The 报告用语 texts the clerk changed, by 用语 name, placeholders filled."""
    out: dict[str, Spans] = {}
    seen: dict[str, str] = {}
    names = [w.name for w in cat.WORDINGS]
    for row in rows or []:
        name_cell, text_cell = row["用语"], row["内容"]
        if not _usable(name_cell, text_cell):
            continue
        name = clean_text(name_cell.value)
        spec = cat.WORDINGS_BY_NAME.get(name)
        if spec is None:
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.5) if name else []
            problems.append(
                Problem(
                    Severity.WARNING,
                    name_cell.ref,
                    (f"“{name}”不是报告用语中的项目" if name else "这一行填了内容，但“用语”是空的")
                    + f"，这一行已忽略。“用语”只能是：{'、'.join(names)}。"
                    + (f"是否指“{close[0]}”？" if close else ""),
                )
            )
            continue
        if _repeated(f"用语“{name}”", name, name_cell.ref, seen, "请删除重复的一行。", problems):
            continue
        text = clean_text(text_cell.value)
        if text and not _same(text, spec.default):
            out[name] = fill(text, text_cell.ref)
    return out


def _repeated(what: str, name: str, ref: str, seen: dict[str, str], advice: str, problems: list[Problem]) -> bool:
    """True (and an error naming both cells) when ``name`` had a row already; else noted as seen."""
    if name in seen:
        problems.append(Problem(Severity.ERROR, ref, f"{what}出现了两次（另一处在 {seen[name]}）。{advice}"))
        return True
    seen[name] = ref
    return False
