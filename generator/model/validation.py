"""Validation from the raw workbook to the report model, every problem at once.

The indicator sheets are :mod:`generator.model.figure_checks`; the 特色指标 :mod:`generator.model.own_figures`;
报告结构 and 报告用语 :mod:`generator.model.structure`; 发文要素 :mod:`generator.model.dispatch`.  Here: 基本信息,
the date and the addressee, the narrative sheets (with their citations), and the whole.  A model is
produced only when there is no error.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from generator.errors import Problem, Severity
from generator.model import error_values, structure
from generator.model.citations import Citer
from generator.model.dispatch import Dispatch, validate_dispatch
from generator.model.figure_checks import check_changes, check_rules, validate_sheet
from generator.model.profile import Profile
from generator.model.report import Item, Report, number_in
from generator.model.sections import SectionNames
from generator.model.spans import Spans
from generator.model.values import clean_text, parse_date
from generator.read import catalogue as cat
from generator.read.reader import Cell, RawWorkbook


# -- basic information ----------------------------------------------------------------------------
def _info(raw: RawWorkbook, problems: list[Problem], profile: Profile) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in cat.INFO_FIELDS:
        cell = raw.info.get(field.key)
        given = profile.names.get(field.key, "")
        if given and (cell is None or cell.empty):
            out[field.key] = given  # the agency profile fills what the workbook leaves empty
            continue
        if given and clean_text(cell.value).rstrip("：:") != given:  # type: ignore[union-attr]
            problems.append(
                Problem(
                    Severity.WARNING,
                    cell.ref,  # type: ignore[union-attr]
                    f"“{field.label}”与机关资料（{profile.path}）中的“{given}”不同，本次使用工作簿中的“{clean_text(cell.value)}”。",  # type: ignore[union-attr]
                )
            )
        if cell is None:
            if field.required and cat.INFO_SHEET not in {p.where.split("!")[0] for p in problems}:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        cat.INFO_SHEET,
                        f"找不到“{field.label}”这一行。请在“项目”列加上“{field.label}”，并在“内容”列填写（例如：{field.example}）。",
                    )
                )
            continue
        where = cell.ref
        if cell.empty:
            if field.required:
                problems.append(
                    Problem(Severity.ERROR, where, f"请填写“{field.label}”（{field.help}，例如：{field.example}）。")
                )
            continue
        if field.key == "year":
            year = number_in(cell.value)
            try:
                y = int(Decimal(str(year)))
                if not 2000 <= y <= 2100 or Decimal(str(year)) != y:
                    raise ValueError
                out["year"] = y
            except (ValueError, ArithmeticError):
                problems.append(
                    Problem(Severity.ERROR, where, f"报告年度应为四位年份，例如 2025，现在是“{cell.value}”。")
                )
        elif field.key == "date":
            day = parse_date(cell.value)
            if day is None:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        where,
                        f"成文日期无法识别：“{cell.value}”。请填写日期，例如 2026-01-20 或 2026年1月20日。",
                    )
                )
            else:
                out["date"] = day
                out["date_ref"] = where
        else:
            text = clean_text(cell.value)
            if field.key == "addressee":
                text = text.rstrip("：:")
            out[field.key] = text
    return out


def _check_date(info: dict[str, Any], problems: list[Problem]) -> None:
    day, year = info.get("date"), info.get("year")
    if day is None or year is None:
        return
    where = info["date_ref"]
    if day.year != year + 1:
        problems.append(
            Problem(
                Severity.ERROR,
                where,
                f"成文日期 {day.year}年{day.month}月{day.day}日 不在报告年度的次年（{year + 1}年）。"
                "年度报告应在次年成文，请核对成文日期或报告年度。",
            )
        )
    elif day > dt.date(year + 1, 3, 1):
        problems.append(
            Problem(
                Severity.WARNING,
                where,
                f"成文日期晚于{year + 1}年3月1日。按规定，政府部门应在每年3月1日前报送上一年度的报告。",
            )
        )


def _check_addressee(raw: RawWorkbook, info: dict[str, Any], dispatch: Dispatch, problems: list[Problem]) -> None:
    """No 主送机关 makes a report for publication: a warning; but a 上行文 (版头) needs one, and the
    opening's 在……的正确领导下 needs a 领导机关 from one of the two."""
    if info.get("addressee"):
        return
    cell = raw.info.get("addressee")
    where = cell.ref if cell is not None else cat.INFO_SHEET
    example = cat.INFO_BY_LABEL["主送机关"].example
    if dispatch.masthead:
        problems.append(
            Problem(
                Severity.ERROR,
                where,
                f"使用了版头（上行文），必须填写“主送机关”（例如：{example}）。"
                "按 GB/T 9704-2012 7.3.2，主送机关写在标题下一行，顶格。",
            )
        )
    else:
        problems.append(
            Problem(
                Severity.WARNING,
                where,
                "没有填写“主送机关”。按 GB/T 9704-2012 7.3.2，报送的报告在标题下一行顶格写主送机关"
                f"（例如：{example}）；"
                "本次初稿不写主送机关，适用于向社会公开的文本。报送上级时请填写。",
            )
        )
    if not info.get("leadership"):
        lead = raw.info.get("leadership")
        problems.append(
            Problem(
                Severity.ERROR,
                lead.ref if lead is not None else cat.INFO_SHEET,
                "没有填写“主送机关”时，请填写“领导机关”（开头“在……的正确领导下”中的机关，"
                f"例如：{cat.INFO_BY_LABEL['领导机关'].example}）。",
            )
        )


# -- narratives ----------------------------------------------------------------------------------
MAX_TEXT = 5000  # characters in one narrative cell

_TYPED_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[①-⑳])\s*"
)


def _title(cell: Cell, problems: list[Problem]) -> str:
    text = clean_text(cell.value)
    stripped = _TYPED_NUMBER.sub("", text)
    if stripped != text:
        problems.append(Problem(Severity.WARNING, cell.ref, f"小标题“{text}”自带编号，已去掉；编号由程序自动生成。"))
    return stripped.rstrip("。.；;，,")


def _items(
    spec: cat.NarrativeSheet, rows: list[dict[str, Cell]], problems: list[Problem], cite: Citer, sections: SectionNames
) -> list[Item]:
    out: list[Item] = []
    untitled: list[str] = []  # rows without 小标题: unnumbered paragraphs, said once for the sheet
    for row in rows:
        text_cell = row["内容"]
        text = clean_text(text_cell.value)
        if len(text) > MAX_TEXT:
            problems.append(
                Problem(
                    Severity.ERROR,
                    text_cell.ref,
                    f"内容过长（{len(text)} 字）。一项举措的内容一般不超过 {MAX_TEXT} 字，请拆成几行或删减。",
                )
            )
            continue
        if not text:
            problems.append(
                Problem(Severity.ERROR, text_cell.ref, "这一行填了小标题但“内容”为空。请补写内容，或删除这一行。")
            )
            continue
        section: str | None = None
        if "所属分项" in row:
            sec_cell = row["所属分项"]
            name = clean_text(sec_cell.value)
            if not name:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        sec_cell.ref,
                        f"请选择“所属分项”（{'、'.join(s.short for s in cat.SUBSECTIONS)}，或填写新的分项名称）。",
                    )
                )
                continue
            section = sections(name, sec_cell.ref, problems)
        title = _title(row["小标题"], problems) if "小标题" in row else ""
        if "小标题" in row and not title:
            untitled.append(row["小标题"].ref)
        out.append(Item(title=title, text=cite(text, text_cell.ref, problems), cell=text_cell.ref, section=section))
    if untitled:
        cells = "、".join(ref.split("!")[1] for ref in untitled)
        problems.append(
            Problem(
                Severity.WARNING,
                untitled[0],
                f"“{spec.name}”表有 {len(untitled)} 行没有小标题（{cells}）：报告中各写成不编号的一段，接在上一项后面。"
                "要单独编号的，请填写小标题（一句话概括这项工作，不要编号）。",
            )
        )
    if spec.required and not out and not any(p.where.startswith(spec.name + "!") for p in problems):
        problems.append(
            Problem(
                Severity.ERROR,
                f"{spec.name}!A3",
                f"“{spec.name}”表没有内容。报告第{'一二三四五'[spec.item - 1]}部分是规定的必备内容，请至少填写一行。",
            )
        )
    return out


def _shortcomings(rows: list[dict[str, Cell]], problems: list[Problem], cite: Citer) -> tuple[list[Spans], list[Spans]]:
    found: dict[str, list[Spans]] = {k: [] for k in cat.SHORTCOMING_KINDS}
    for row in rows:
        kind = clean_text(row["类别"].value)
        text = clean_text(row["内容"].value).rstrip("。；;，,")
        if kind not in found:
            problems.append(Problem(Severity.ERROR, row["类别"].ref, f"类别应为“不足”或“原因”，现在是“{kind}”。"))
            continue
        if not text:
            problems.append(Problem(Severity.ERROR, row["内容"].ref, "“内容”为空。请补写，或删除这一行。"))
            continue
        found[kind].append(cite(text, row["内容"].ref, problems))
    spec = cat.SHORTCOMINGS
    if not any(p.where.startswith(spec.name + "!") for p in problems):
        if not found["不足"]:  # without it the draft has no part 二, which the 规定 makes compulsory
            problems.append(
                Problem(
                    Severity.ERROR,
                    f"{spec.name}!A3",
                    "没有类别为“不足”的条目。报告第二部分须写明存在的不足，请至少填写一条。",
                )
            )
        elif not found["原因"]:  # the 规定 asks for the causes, but published reports often give none
            problems.append(
                Problem(
                    Severity.WARNING,
                    f"{spec.name}!A3",
                    "没有类别为“原因”的条目。按规定，报告第二部分应写明存在的不足和原因；"
                    "本次初稿第二部分只写不足，不写原因分析。需要时请加一行类别为“原因”的条目。",
                )
            )
    return found["不足"], found["原因"]


# -- the whole --------------------------------------------------------------------------------
def validate(raw: RawWorkbook, profile: Profile | None = None) -> tuple[Report | None, list[Problem]]:
    """Check everything; return the model (``None`` if any error) and every problem found.

    ``profile`` is the agency's 机关资料: it fills names the workbook leaves empty, hides indicators,
    orders item 一's subsections and gives the wording of recurring phrases."""
    from generator.model import own_figures as own  # it builds on this module's figure types

    profile = profile or Profile()
    problems = [*raw.problems, *error_values.check(raw)]
    info = _info(raw, problems, profile)
    _check_date(info, problems)
    dispatch = validate_dispatch(raw.dispatch, problems, info.get("agency", ""), info.get("date"), profile.dispatch)
    _check_addressee(raw, info, dispatch, problems)
    figures = {
        spec.key: validate_sheet(spec, raw.indicators.get(spec.key, {}), problems) for spec in cat.INDICATOR_SHEETS
    }
    check_rules(figures, problems)
    check_changes(figures, problems)
    for hidden in profile.hidden:  # the agency leaves these out of its report
        sheet, key = hidden.split(".", 1)
        figures[sheet][key] = figures[sheet][key].model_copy(update={"value": None, "prev": None})
    sections = SectionNames(spec.name for spec in profile.sections)
    structure_rows = structure.read_rows(raw.structure, sections, problems)
    special = own.validate_own(raw.special, problems, sections)
    own.check_labels([*own.builtin_labels(raw.indicators), *((f.label, f.label_cell) for f in special)], problems)
    narratives = raw.narratives
    unread = frozenset(
        i.label for spec in cat.INDICATOR_SHEETS if spec.key not in raw.indicators for i in spec.indicators
    )
    every = [*(f for sheet in figures.values() for f in sheet.values()), *special]
    cite = Citer(every, problems, unread)  # two figures with one label are an error here

    def items(spec: cat.NarrativeSheet) -> list[Item]:
        return _items(spec, narratives[spec.key], problems, cite, sections) if spec.key in narratives else []

    measures, duties, plans, others = items(cat.MEASURES), items(cat.DUTIES), items(cat.PLANS), items(cat.OTHERS)
    shortcomings, causes = (
        _shortcomings(narratives["shortcomings"], problems, cite) if "shortcomings" in narratives else ([], [])
    )
    fill = structure.Filler(info, raw.info, cite, problems)
    report_sections = structure.report_sections(structure_rows, profile, fill, lambda cell: _title(cell, problems))
    texts = structure.report_wording(raw.wording, fill, problems)
    own.check_placement(special, measures, own.cited_labels(narratives), problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    agency = info["agency"]
    report = Report(
        agency=agency,
        self_name=info.get("self_name") or "我局",
        year=info["year"],
        addressee=info.get("addressee", ""),
        leadership=info.get("leadership") or info.get("addressee", ""),
        coordinator=info.get("coordinator", ""),
        signature=info.get("signature") or agency,
        date=info["date"],
        figures=figures,
        special=special,
        measures=measures,
        shortcomings=shortcomings,
        causes=causes,
        duties=duties,
        plans=plans,
        others=others,
        dispatch=dispatch,
        template=info.get("template", ""),
        sections=report_sections,
        wording=profile.wording,
        texts=texts,
    )
    return report, problems
