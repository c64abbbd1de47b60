"""The benchmark's baseline (not a test): the same job done as a user of docxtpl would do it.

    python tests/docxtpl_baseline.py WORKBOOK_OR_FOLDER… -o OUT_FOLDER [--template T.docx]

openpyxl (read-only, cached values) reads 基本信息, every indicator sheet (编码 | 指标 | 本年 | 上年 |
单位, 特色指标 with 所属分项), 报告结构 and the narrative sheets (主要举措, 不足和原因, 第一责任人,
下年安排, 其他事项); pydantic validates them; 同比 is (本年 − 上年) / 上年; docxtpl renders a template
made once with python-docx (:func:`make_template`) into ``OUT_FOLDER/<workbook name>.docx``.

Validated (a subset of our validator's rules): 机关名称 and 报告年度 present, 报告年度 a year
2000–2100, 成文日期 a date when given; 本年 and 上年 numbers (or "300余", "超过100", "32万" typed as
text) not below zero, a rate (单位 %) not above 100; a narrative row with a 小标题 has its 内容, a
主要举措 row has its 所属分项, a 不足和原因 row's 类别 is 不足 or 原因.  Every error is said with its
``工作表!单元格`` and the workbook's draft is not written.  Not done: parts against their totals,
tenfold jumps from last year, integers for counts, 元/万元 units, figures cited in the narrative
(〔指标〕 is replaced by the figure when the label matches, else left), 发文要素, 报告用语, GB/T 9704
styles, provenance, backups of what it would overwrite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from openpyxl import load_workbook
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

INDICATOR_HEADER = ("编码", "指标", "本年", "上年", "单位")
# which subsection of part one an indicator sheet's figures are said under
SHEET_SECTION = {
    "行政执法": "行政执法",
    "行政许可": "政务服务",
    "信访": "化解矛盾",
    "学法": "学法用法",
    "合法性审查": "依法决策",
    "复议诉讼": "化解矛盾",
    "普法": "普法宣传",
    "政务公开": "监督公开",
    "建议提案": "监督公开",
}
NUMBERS = "一二三四五六七八九十"
TYPED = re.compile(r"^(超过|约|突破|不少于)?(\d+(?:\.\d+)?)(万|亿)?(余|多|以上)?%?$")


# -- the model ----------------------------------------------------------------------------------
class Info(BaseModel):
    agency: str = Field(min_length=1)
    self_name: str = "我局"
    year: int = Field(ge=2000, le=2100)
    addressee: str = ""
    leader: str = ""
    council: str = ""
    signature: str = ""
    date: dt.date | None = None


class Figure(BaseModel):
    label: str = Field(min_length=1)
    unit: str = ""
    value: Decimal | None = Field(default=None, ge=0)
    prev: Decimal | None = Field(default=None, ge=0)
    typed: str = ""  # this year's value as typed when it is text ("300余")
    section: str = ""

    @field_validator("value", "prev", mode="before")
    @classmethod
    def _number(cls, v: Any) -> Any:
        if isinstance(v, str):
            text = v.strip().replace(",", "")
            if not text:
                return None
            found = TYPED.match(text)
            if not found:
                raise ValueError(f"应填写数字，现在是“{v}”")
            scale = {"万": 10_000, "亿": 100_000_000}.get(found[3] or "", 1)
            return Decimal(found[2]) * scale
        return v

    @model_validator(mode="after")
    def _rate(self) -> Figure:
        if self.unit == "%" and any(v is not None and v > 100 for v in (self.value, self.prev)):
            raise ValueError("比率不能超过100%")
        return self


class Item(BaseModel):
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)


class Measure(Item):
    section: str = Field(min_length=1)


class Shortcoming(BaseModel):
    kind: str = Field(pattern="^(不足|原因)$")
    text: str = Field(min_length=1)


INFO_FIELDS = {
    "机关名称": "agency",
    "机关自称": "self_name",
    "报告年度": "year",
    "主送机关": "addressee",
    "领导机关": "leader",
    "法治建设议事协调机构": "council",
    "署名": "signature",
    "成文日期": "date",
}


class Problems(Exception):
    pass


def _checked(model: type[BaseModel], data: dict[str, Any], cells: dict[str, str], errors: list[str]) -> Any:
    """``data`` validated by ``model``; each error said with the cell of the field it is about."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for e in exc.errors():
            where = cells.get(str(e["loc"][0]) if e["loc"] else "", cells.get("", ""))
            errors.append(f"{where}：{e['msg']}（{e.get('input')!r}）")
        return None


# -- reading ------------------------------------------------------------------------------------
def _text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def read(path: Path) -> dict[str, Any]:
    """Everything the template needs, validated; :class:`Problems` with every error otherwise."""
    wb = load_workbook(path, read_only=True, data_only=True)
    errors: list[str] = []
    try:
        sheets = {ws.title: list(ws.iter_rows(min_row=2, values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()
    name = path.name

    info_data: dict[str, Any] = {}
    info_cells: dict[str, str] = {"": f"{name} 基本信息"}
    for i, row in enumerate(sheets.get("基本信息", [])[1:], start=3):
        field = INFO_FIELDS.get(_text(row[0]).lstrip("*"))
        if field and len(row) > 1 and row[1] is not None:
            info_data[field] = _text(row[1]) if field not in ("year", "date") else row[1]
            info_cells[field] = f"{name} 基本信息!B{i}"
    if isinstance(info_data.get("date"), dt.datetime):
        info_data["date"] = info_data["date"].date()
    info: Info | None = _checked(Info, info_data, info_cells, errors)

    figures: list[Figure] = []
    for title, rows in sheets.items():
        if not rows or tuple(_text(c) for c in rows[0][:5]) != INDICATOR_HEADER:
            continue
        section = SHEET_SECTION.get(title, "")
        for r, row in enumerate(rows[1:], start=3):
            row = (*row, None, None, None, None, None, None)[:6]
            if not _text(row[1]) or (row[2] is None and row[3] is None):
                continue
            data = {"label": _text(row[1]), "unit": _text(row[4]), "value": row[2], "prev": row[3]}
            data["typed"] = row[2] if isinstance(row[2], str) else ""
            if not data["unit"] and isinstance(row[2], str) and not TYPED.match(row[2].strip()):
                data["value"] = data["prev"] = None  # a row without a unit holds words (学法's 法律法规)
            data["section"] = _text(row[5]) if title == "特色指标" else section
            cells = {"value": f"{title}!C{r}", "prev": f"{title}!D{r}", "": f"{title}!C{r}"}
            if (f := _checked(Figure, data, {k: f"{name} {v}" for k, v in cells.items()}, errors)) is not None:
                figures.append(f)

    def items(sheet: str, model: type[BaseModel], columns: tuple[str, ...]) -> list[Any]:
        out = []
        for r, row in enumerate(sheets.get(sheet, [])[1:], start=3):
            values = [_text(v) for v in (*row, None, None, None)[: len(columns)]]
            if not any(values):
                continue
            cells = {c: f"{name} {sheet}!{'ABC'[i]}{r}" for i, c in enumerate(columns)}
            if (item := _checked(model, dict(zip(columns, values, strict=True)), cells, errors)) is not None:
                out.append(item)
        return out

    measures: list[Measure] = items("主要举措", Measure, ("section", "title", "text"))
    shortcomings: list[Shortcoming] = items("不足和原因", Shortcoming, ("kind", "text"))
    duties: list[Item] = items("第一责任人", Item, ("title", "text"))
    plans: list[Item] = items("下年安排", Item, ("title", "text"))
    others: list[Item] = items("其他事项", Item, ("title", "text"))
    if errors or info is None:
        raise Problems("\n".join(errors))
    headings = {_text(r[0]): _text(r[1]) for r in sheets.get("报告结构", [])[1:] if r and r[0] and len(r) > 1}
    return context(info, figures, measures, shortcomings, duties, plans, others, headings)


# -- the context --------------------------------------------------------------------------------
def _number(v: Decimal) -> str:
    return f"{v.normalize():f}"


def context(
    info: Info,
    figures: list[Figure],
    measures: list[Measure],
    shortcomings: list[Shortcoming],
    duties: list[Item],
    plans: list[Item],
    others: list[Item],
    headings: dict[str, str],
) -> dict[str, Any]:
    said = {f.label: f.typed or _number(f.value) for f in figures if f.value is not None}

    def cite(text: str) -> str:
        return re.sub(r"〔([^〕]+)〕", lambda m: said.get(m[1], m[0]), text)

    order: list[str] = list(dict.fromkeys([*headings, *(m.section for m in measures), *(f.section for f in figures)]))
    sections = []
    for short in order:
        ms = [{"title": m.title, "text": cite(m.text)} for m in measures if m.section == short]
        fs = []
        for f in figures:
            if f.section != short or (f.value is None and not f.typed):
                continue
            yoy = None
            if f.prev and f.value is not None and not f.typed:
                yoy = round((f.value - f.prev) / f.prev * 100, 1)
            unit = "" if f.unit == "%" else f.unit
            value = f.typed or _number(f.value) + ("%" if f.unit == "%" else "")  # type: ignore[arg-type]
            change = None if yoy is None or yoy == 0 else ("增长" if yoy > 0 else "下降")
            fs.append({"label": f.label, "value": value, "unit": unit, "change": change, "yoy": abs(yoy or 0)})
        if ms or fs:
            sections.append({"title": headings.get(short) or short, "measures": ms, "figures": fs})
    for n, s in enumerate(sections):
        s["number"] = NUMBERS[n] if n < len(NUMBERS) else str(n + 1)
    date = info.date
    return {
        "title": f"{info.agency}{info.year}年法治政府建设年度报告",
        "addressee": info.addressee,
        "opening": f"{info.year}年，在{info.leader or info.addressee}的正确领导下，{info.self_name}深入学习贯彻"
        f"习近平法治思想，推进法治政府建设取得新成效。现将有关情况报告如下。",
        "sections": sections,
        "shortfalls": [cite(s.text) for s in shortcomings if s.kind == "不足"],
        "causes": [cite(s.text) for s in shortcomings if s.kind == "原因"],
        "duties": [{"title": d.title, "text": cite(d.text)} for d in duties],
        "next_year": info.year + 1,
        "plans": [{"title": p.title, "text": cite(p.text)} for p in plans],
        "others": [{"title": o.title, "text": cite(o.text)} for o in others],
        "signature": info.signature or info.agency,
        "date": f"{date.year}年{date.month}月{date.day}日" if date else "",
    }


# -- the template -------------------------------------------------------------------------------
ITEMS = "{%p for m in LIST %}", "{{ loop.index }}.{{ m.title }}。{{ m.text }}", "{%p endfor %}"


def make_template() -> bytes:
    """The Word template, made with python-docx: the title, the five parts' headings and loops."""
    from docx import Document

    doc = Document()
    add = doc.add_paragraph
    doc.add_heading("{{ title }}", level=0)
    add("{{ addressee }}：")
    add("{{ opening }}")
    doc.add_heading("一、主要举措和成效", level=1)
    add("{%p for s in sections %}")
    doc.add_heading("（{{ s.number }}）{{ s.title }}", level=2)
    add("{%p for m in s.measures %}")
    add("{{ loop.index }}.{{ m.title }}。{{ m.text }}")
    add("{%p endfor %}")
    add("{%p for f in s.figures %}")
    add(
        "{{ f.label }}{{ f.value }}{{ f.unit }}{% if f.change %}，同比{{ f.change }}{{ f.yoy }}%{% endif %}"
        "{% if loop.last %}。{% else %}；{% endif %}"
    )
    add("{%p endfor %}")
    add("{%p endfor %}")
    doc.add_heading("二、存在的不足和原因", level=1)
    add("{%p for s in shortfalls %}")
    add("{{ s }}。")
    add("{%p endfor %}")
    add("分析原因，主要是：")
    add("{%p for s in causes %}")
    add("{{ s }}。")
    add("{%p endfor %}")
    doc.add_heading("三、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", level=1)
    for line in ITEMS:
        add(line.replace("LIST", "duties"))
    doc.add_heading("四、{{ next_year }}年推进法治政府建设的主要安排", level=1)
    for line in ITEMS:
        add(line.replace("LIST", "plans"))
    add("{%p if others %}")
    doc.add_heading("五、其他需要报告的情况", level=1)
    for line in ITEMS:
        add(line.replace("LIST", "others"))
    add("{%p endif %}")
    add("{{ signature }}")
    add("{{ date }}")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def render(template: bytes, ctx: dict[str, Any]) -> bytes:
    doc = DocxTemplate(BytesIO(template))
    doc.render(ctx)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def draft(template: bytes, workbook: Path) -> bytes:
    """Read, validate and render one workbook: the DOCX's bytes."""
    return render(template, read(workbook))


# -- the process --------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="docxtpl baseline: workbooks → DOCX drafts")
    parser.add_argument("inputs", nargs="+", type=Path, help="workbooks or folders of workbooks")
    parser.add_argument("-o", "--output", type=Path, required=True, help="output folder")
    parser.add_argument("--template", type=Path, help="the template (made with make_template when absent)")
    args = parser.parse_args(argv)
    template = args.template.read_bytes() if args.template else make_template()
    books = [b for p in args.inputs for b in (sorted(p.glob("*.xlsx")) if p.is_dir() else [p])]
    args.output.mkdir(parents=True, exist_ok=True)
    failed = 0
    for book in books:
        target = args.output / f"{book.stem}.docx"
        if target.exists():
            print(f"{target} 已存在，未覆盖", file=sys.stderr)
            failed += 1
            continue
        try:
            data = draft(template, book)
        except Problems as problems:
            print(problems, file=sys.stderr)
            failed += 1
            continue
        target.write_bytes(data)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
