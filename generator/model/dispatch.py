"""发文要素: the parts of a report sent upward, validated from the 发文要素 sheet.

版头 (GB/T 9704-2012 7.2), 附注 (7.3.6), 附件 (7.3.4, 7.3.7) and 版记 (7.4).  Each is off unless the
workbook switches it on; when it is on, what the standard requires of it is required here, with a
Chinese message naming the cell.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict

from generator.errors import Problem, Severity
from generator.model.values import clean_text, parse_date
from generator.read import catalogue as cat
from generator.read.reader import Cell

# 7.2.5: 机关代字 + 〔year〕 + number + 号; no 第, no leading zero, year in full.
DOC_NUMBER = re.compile(r"^\S+〔(\d{4})〕([1-9]\d*)号$")


class Dispatch(BaseModel):
    """What the writer needs for the upward-report elements; empty strings mean "not there"."""

    model_config = ConfigDict(frozen=True)

    masthead: bool = False
    copy_no: str = ""
    secrecy: str = ""
    secrecy_term: str = ""
    urgency: str = ""
    issuer_mark: str = ""
    doc_number: str = ""
    signers: tuple[str, ...] = ()
    contact: str = ""
    phone: str = ""
    figures_table: bool = False
    imprint: bool = False
    cc: str = ""
    printer: str = ""
    print_date: dt.date | None = None


def _text(cell: Cell | None) -> str:
    return clean_text(cell.value) if cell is not None else ""


def validate_dispatch(
    cells: dict[str, Cell],
    problems: list[Problem],
    agency: str,
    report_date: dt.date | None,
    defaults: dict[str, str] | None = None,
) -> Dispatch:
    """Read and check the 发文要素 sheet; every problem goes into ``problems``."""
    fields = {f.key: f for f in cat.DISPATCH_FIELDS}
    values: dict[str, str] = {}

    def where(key: str) -> str:
        """The cell, or the profile when the value came from there."""
        if key in cells and (_text(cells[key]) or key not in (defaults or {})):
            return cells[key].ref
        return "机关资料“发文要素”" if key in (defaults or {}) else cat.DISPATCH_SHEET

    for key, field in fields.items():
        text = _text(cells.get(key)) or (defaults or {}).get(key, "")
        if field.choices and text and text not in field.choices:
            problems.append(
                Problem(
                    Severity.ERROR,
                    where(key),
                    f"“{field.label}”只能填 {'、'.join(field.choices)}，现在是“{text}”。",
                )
            )
            text = ""
        values[key] = text

    def need(key: str, why: str) -> None:
        if not values[key]:
            problems.append(
                Problem(
                    Severity.ERROR, where(key), f"{why}，请填写“{fields[key].label}”（例如：{fields[key].example}）。"
                )
            )

    masthead = values["masthead"] == "是"
    if masthead:
        need("doc_number", "使用版头时要有发文字号")
        need("signers", "报告是上行文，版头中必须标注签发人")
    if values["doc_number"]:
        loose = re.match(r"^(\S+?)[\[［(（【〔]\s*(\d{4})\s*[\]］)）】〕]\s*第?\s*0*(\d+)\s*号$", values["doc_number"])
        fixed = f"{loose[1]}〔{loose[2]}〕{loose[3]}号" if loose else ""
        if not DOC_NUMBER.match(values["doc_number"]):
            hint = (
                f"应写作“{fixed}”"
                if DOC_NUMBER.match(fixed)
                else "格式为 机关代字〔年份〕序号号，例如 示卫发〔2026〕5号"
            )
            problems.append(
                Problem(
                    Severity.ERROR,
                    where("doc_number"),
                    f"发文字号“{values['doc_number']}”不合规范：年份用六角括号〔〕，序号不编虚位、不加“第”，{hint}。",
                )
            )
        elif report_date is not None and int(DOC_NUMBER.match(values["doc_number"])[1]) != report_date.year:  # type: ignore[index]
            problems.append(
                Problem(
                    Severity.WARNING,
                    where("doc_number"),
                    f"发文字号的年份与成文日期（{report_date.year}年）不一致，请核对。",
                )
            )
    if values["copy_no"] and not re.fullmatch(r"\d{6}", values["copy_no"]):
        problems.append(
            Problem(Severity.ERROR, where("copy_no"), f"份号应为6位数字，例如 000001，现在是“{values['copy_no']}”。")
        )
    if values["secrecy_term"] and not values["secrecy"]:
        problems.append(Problem(Severity.ERROR, where("secrecy_term"), "填了保密期限但没有选择密级。"))
    imprint = values["imprint"] == "是"
    print_date: dt.date | None = None
    if imprint:
        need("printer", "使用版记时要有印发机关")
        need("print_date", "使用版记时要有印发日期")
    if values["print_date"]:
        print_date = parse_date(
            cells["print_date"].value if "print_date" in cells and _text(cells["print_date"]) else values["print_date"]
        )
        if print_date is None:
            problems.append(
                Problem(
                    Severity.ERROR,
                    where("print_date"),
                    f"印发日期无法识别：“{values['print_date']}”。请填写日期，例如 2026-01-20。",
                )
            )
    signers = tuple(s.strip() for s in re.split(r"[、，,；;\s]+", values["signers"]) if s.strip())
    return Dispatch(
        masthead=masthead,
        copy_no=values["copy_no"],
        secrecy=values["secrecy"],
        secrecy_term=values["secrecy_term"],
        urgency=values["urgency"],
        issuer_mark=values["issuer_mark"] or (f"{agency}文件" if masthead else ""),
        doc_number=values["doc_number"],
        signers=signers,
        contact=values["contact"],
        phone=values["phone"],
        figures_table=values["figures_table"] == "是",
        imprint=imprint,
        cc=values["cc"].rstrip("。"),
        printer=values["printer"],
        print_date=print_date,
    )
