"""The document's fixed apparatus around the templates' text: 版头, 附件说明, 附注, 附件, 版记.

Their form and place are set by GB/T 9704-2012, not by an agency's phrasing, so they are built
here from the model rather than in templates: the 版头 before the title (7.2), the 附件说明 between
the body and the 署名 (7.3.4), the 附注 below the date (7.3.6), each attachment on pages of its own
(7.3.7) and the 版记 last (7.4).
"""

from __future__ import annotations

from decimal import Decimal

from generator.model.numbers import WAN, YI, change_clause, chinese_date, plain, scaled
from generator.model.report import Figure, Report
from generator.model.spans import FigureRef, Source, Spans, spans
from generator.model.values import APPROX_PREFIXES
from generator.read import catalogue as cat
from generator.render.outline import (
    Attachment,
    AttachmentNote,
    Block,
    Imprint,
    Masthead,
    Note,
    Outline,
    Signature,
    Table,
)


def _row_unit(f: Figure) -> tuple[str, Decimal]:
    """The unit a row's figures are shown in, and the divisor from the workbook's unit to it.

    Money takes the unit the body text would give the larger of the two years (GB/T 15835: 万 and 亿
    for large amounts), so both figures of a row are in one unit and the 单位 column names it.
    """
    if f.kind is cat.Kind.RATE:
        return "%", Decimal(1)
    if f.kind is not cat.Kind.AMOUNT:
        return f.unit or "—", Decimal(1)
    per = WAN if f.unit == "万元" else Decimal(1)  # yuan in one of the workbook's units
    yuan = max((Decimal(str(v)) * per for v in (f.value, f.prev) if isinstance(v, (int, Decimal))), default=Decimal(0))
    unit, size = ("亿元", YI) if yuan >= YI else ("万元", WAN) if yuan >= WAN else ("元", Decimal(1))
    return unit, size / per


def _bare(value: object, divisor: Decimal, approx: str, scale: str = "") -> str:
    """A figure without its unit (the 单位 column carries it), its approximation and 万 kept: 约300,
    300余, 100万余."""
    if not isinstance(value, (int, Decimal)):
        return str(value)
    text = scaled(value, scale) if divisor == 1 else plain(Decimal(value) / divisor)
    return approx + text if approx in APPROX_PREFIXES else text + approx


_SAME = {"与上年持平": "持平", "与上年基本持平": "基本持平"}  # under the header 同比


def _figure_cells(f: Figure) -> list[Spans]:
    unit, divisor = _row_unit(f)
    change = ""
    if isinstance(f.value, (int, Decimal)) and isinstance(f.prev, (int, Decimal)) and not (f.approx or f.prev_approx):
        change = change_clause(Decimal(f.value), Decimal(f.prev), f.kind is cat.Kind.RATE)
        change = _SAME.get(change, change.replace("同比", "").replace("较上年", ""))

    def figure(value: object, cell: str, label: str, approx: str, scale: str) -> Spans:
        """A figure of the table, with its cell (for --annotate and --sources)."""
        if value is None:
            return spans("—")
        shown = _bare(value, divisor, approx, scale if f.kind is not cat.Kind.AMOUNT else "")
        held = plain(value) if isinstance(value, (int, Decimal)) else str(value)
        return (FigureRef(shown, Source(label, shown, cell, held)),)

    return [
        spans(f.label),
        spans(unit),
        figure(f.value, f.value_cell, f.label, f.approx, f.scale),
        figure(f.prev, f.prev_cell, f"{f.label}（上年）", f.prev_approx, f.prev_scale),
        spans(change or "—"),
    ]


def figures_table(report: Report) -> Table:
    """The year's main figures: every indicator with a value, by sheet (附件 of the report).

    The 单位 column names the unit of both years' figures, which stand bare in their cells.
    """
    rows: list[list[Spans]] = []
    groups = [
        (spec.name, [f for f in report.figures[spec.key].values() if f.kind is not cat.Kind.TEXT])
        for spec in cat.INDICATOR_SHEETS
    ]
    groups.append((cat.SPECIAL_SHEET, list(report.special)))
    for name, figures in groups:
        shown = [f for f in figures if f.value is not None]
        if shown:
            rows.append([spans(name)])
            rows.extend(_figure_cells(f) for f in shown)
    return Table(
        header=["指标", "单位", f"{report.year}年", f"{report.year - 1}年", "同比"],
        rows=rows,
        numeric=[False, True, True, True, True],
    )


def add_apparatus(outline: Outline, report: Report) -> Outline:
    """The outline with the upward-report elements the workbook switched on, each in its place."""
    d = report.dispatch
    blocks: list[Block] = list(outline.blocks)
    if d.masthead:
        secrecy = f"{d.secrecy}★{d.secrecy_term}" if d.secrecy and d.secrecy_term else d.secrecy
        blocks.insert(0, Masthead(d.issuer_mark, d.doc_number, d.signers, d.copy_no, secrecy, d.urgency))
    attachments: list[Attachment] = []
    if d.figures_table:
        attachments.append(
            Attachment("附件", f"{report.agency}{report.year}年法治政府建设主要数据", figures_table(report))
        )
    if len(attachments) > 1:
        for n, a in enumerate(attachments, start=1):
            a.label = f"附件{n}"
    sig = next((i for i, b in enumerate(blocks) if isinstance(b, Signature)), len(blocks))
    if attachments:
        blocks.insert(sig, AttachmentNote([a.title for a in attachments]))
        sig += 1
    tail: list[Block] = []
    if d.contact or d.phone:
        parts = [f"联系人：{d.contact}" if d.contact else "", f"电话：{d.phone}" if d.phone else ""]
        tail.append(Note(f"（{'，'.join(p for p in parts if p)}）"))
    tail.extend(attachments)
    if d.imprint and d.print_date is not None:
        tail.append(Imprint(d.cc, d.printer, chinese_date(d.print_date)))
    blocks[sig + 1 : sig + 1] = tail
    return Outline(blocks)
