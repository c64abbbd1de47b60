"""Figure rows: each figure of last year's text a row (in a catalogue row when it clearly is one,
else in 特色指标), and the text citing it (〔指标〕, a 同比 after it 〔指标｜同比〕); the checks that keep
the rows within the validation's rules, and the numbers left as written."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from generator.imports import mapping
from generator.imports.figures import UNITS, Found, find_figures
from generator.imports.tables import TableFigure
from generator.model.values import APPROX_PREFIXES, typed_number
from generator.read import catalogue as cat
from generator.render.clauses import SHEET_SECTIONS

_CHANGE = re.compile(
    r"^[，,]?\s*(?:同比|较上年|比上年|较去年|比去年)(?:增长|上升|提高|增加|下降|减少|降低)(?P<num>\d+(?:\.\d+)?)"
    r"(?:%|％|个百分点)|^[，,]?\s*与上年持平"
)
_FORBIDDEN_IN_LABEL = re.compile(r"[〔〕|｜\[\]【】]")


@dataclass
class FigureRow:
    label: str
    typed: str  # last year's value, as typed into the 上年 cell
    unit: str
    printed: str  # as the report wrote it
    context: str  # the sentence it stood in
    where: str
    sheet: str = ""  # a catalogue sheet's key, "" for 特色指标
    key: str = ""
    cited: int = 1


class FigureRows:
    """Turns each figure of a text into a row, and the text into one that cites it."""

    def __init__(self) -> None:
        self.rows: list[FigureRow] = []
        self.changes = 0  # 同比 phrases turned into 〔指标｜同比〕
        self.by_label: dict[str, FigureRow] = {}
        self.holders: dict[str, FigureRow] = {}  # "sheet.key" → the figure in that catalogue row
        self.names = {ind.label for s in cat.INDICATOR_SHEETS for ind in s.indicators}

    def _row_for(self, f: Found, sheets_here: tuple[str, ...]) -> mapping.Match | None:
        """The catalogue row the figure goes into: the one it clearly is, when that row holds no
        figure yet or a smaller count or amount (a part of this total: 罚没款180万元 of 2860.5万元)."""
        hit = mapping.match(f.label, f.unit, sheets_here)
        if hit is None:
            return None
        value = _number(f.typed)
        if hit.indicator.kind is cat.Kind.COUNT and (value is None or value != value.to_integral_value()):
            return None
        holder = self.holders.get(f"{hit.sheet.key}.{hit.indicator.key}")
        if holder is None:
            return hit
        if hit.indicator.kind in (cat.Kind.COUNT, cat.Kind.AMOUNT):
            held = _number(holder.typed)
            if value is not None and held is not None and value > held:
                return hit
        return None

    def _unique(self, label: str, typed: str, unit: str, own: str = "") -> tuple[str, FigureRow | None]:
        """A name no other row has (``own``: the catalogue label of the row it goes into, free to
        take), or the row of the same figure stated before."""
        label = _FORBIDDEN_IN_LABEL.sub("", label).strip() or "数字"
        if label in self.names and label != own and label not in self.by_label:
            label = f"{label}（{unit}）"  # a built-in row's name, not that row: 发放宣传资料（册）
        n, name = 1, label
        while name in self.by_label or (name in self.names and name != own):
            same = self.by_label.get(name)
            if same is not None and same.typed == typed and same.unit == unit and len(label) >= 6:
                return name, same  # the same figure stated again (a name that says what): one row
            n += 1
            name = f"{label}（{n}）"
        return name, None

    def add_table(self, tf: TableFigure) -> bool:
        """A figure of a table: a row, unless the narrative stated it already."""
        for f in self.rows:  # 违法案件96起 in the text is the table's 行政处罚案件 96 起
            if f.cited and f.typed == tf.typed and f.unit == tf.unit and _share_words(f.label, tf.label):
                return False
        found = Found(0, 0, tf.typed, tf.unit, tf.label, tf.printed)
        hit = self._row_for(found, ())
        name, same = self._unique(tf.label, tf.typed, tf.unit, hit.indicator.label if hit else "")
        if same is not None:
            return False
        self._add(FigureRow(name, tf.typed, tf.unit, tf.printed, tf.row_text, tf.where, cited=0), hit)
        return True

    def _add(self, row: FigureRow, hit: mapping.Match | None) -> None:
        """A new row, in the catalogue row ``hit`` when there is one (taking it from a smaller
        figure's: the total, its part goes to 特色指标)."""
        if hit:
            slot = f"{hit.sheet.key}.{hit.indicator.key}"
            if slot in self.holders:
                self.holders[slot].sheet = self.holders[slot].key = ""
            row.sheet, row.key = hit.sheet.key, hit.indicator.key
            self.holders[slot] = row
        self.by_label[row.label] = row
        self.rows.append(row)

    def cite(self, text: str, where: str, section_key: str = "") -> str:
        found = find_figures(text)
        if not found:
            return text
        sheets_here = tuple(k for k, v in SHEET_SECTIONS.items() if v == section_key)
        pieces: list[str] = []
        at = 0
        skip_to = -1
        previous: tuple[Found, str] | None = None
        for f in found:
            if f.start < skip_to:
                continue
            change = previous and _CHANGE.match(text[previous[0].end : f.end + 4])
            if change and previous and _approximate(previous[0].typed):
                change = None  # 突破18.6万户，同比增长7.2%: no 同比 of an approximate figure; a figure of its own
                if re.fullmatch(_BARE_CHANGE, f.label):
                    f = replace(f, label=previous[1] + f.label)
            if change and previous and previous[0].end <= f.start:
                # 同比增长7.4%: last year's change, said again from this year's figures
                span_end = previous[0].end + change.end()
                pieces.append(text[at : previous[0].end])
                lead = re.match(r"^[，,]?\s*", text[previous[0].end : span_end])
                pieces.append((lead[0] if lead else "") + f"〔{previous[1]}｜同比〕")
                at = span_end
                self.changes += 1
                previous = None
                continue
            hit = self._row_for(f, sheets_here)
            name, same = self._unique(f.label, f.typed, f.unit, hit.indicator.label if hit else "")
            if same is not None:
                same.cited += 1
            else:
                self._add(FigureRow(name, f.typed, f.unit, f.printed, _sentence(text, f), where), hit)
            pieces.append(text[at : f.start])
            pieces.append(f"〔{name}〕")
            at = f.end
            previous = (f, name)
        tail = text[at:]
        if previous:
            change = _CHANGE.match(tail)
            if change:
                lead = re.match(r"^[，,]?\s*", tail)
                tail = (lead[0] if lead else "") + f"〔{previous[1]}｜同比〕" + tail[change.end() :]
                self.changes += 1
        pieces.append(tail)
        return "".join(pieces)


def _share_words(a: str, b: str) -> bool:
    """Two labels with two characters running in common (案件, 受理): a figure said twice, likely."""
    return any(b[i : i + 2] in a for i in range(len(b) - 1))


_BARE_CHANGE = r"(?:同比|较上年|比上年)?(?:增长|下降|上升|提高|减少|增加|降低)"


def _number(typed: str) -> Decimal | None:
    """The number a figure as typed stands for (突破32万 → 320000), None for a rate or text."""
    value, _ = typed_number(typed)
    return value if isinstance(value, Decimal) else None


def _approximate(typed: str) -> bool:
    return typed_number(typed)[1] != "" or typed.startswith(APPROX_PREFIXES) or typed.endswith(("余", "多", "以上"))


_DIGITS = re.compile(r"(?<![\d.〔])\d+(?:\.\d+)?")


def uncited_numbers(texts: list[str]) -> list[str]:
    """Numbers left as they were in the narrative that look like counts (not years, dates, ordinals,
    document numbers, titles, phone numbers): last year's number, unless the clerk changes it."""
    out: list[str] = []
    for text in texts:
        bare = re.sub(r"〔[^〕]*〕|《[^》]*》|[“\"][^”\"]*[”\"]", lambda m: " " * len(m[0]), text)
        for m in _DIGITS.finditer(bare):
            before, after = bare[max(0, m.start() - 2) : m.start()], bare[m.end() : m.end() + 3]
            if len(m[0]) >= 7 or re.match(r"\s*(?:年|月|日|号|时|点|周岁|[-—－~～:：·])", after):
                continue
            if before.endswith(("第", "前", "近")) or re.match(r"\d*(?:热线|\.\d)", after) or int(float(m[0])) == 0:
                continue
            if re.fullmatch(r"1\d{2,4}", m[0]) and not bare[m.end() :].startswith(UNITS):
                continue  # 110, 12320, 12345: a service's number, not a count
            out.append(text[max(0, m.start() - 6) : m.end() + 3])
    return out


def keep_to_the_rules(figures: list[FigureRow]) -> dict[str, str]:
    """Figures taken out of catalogue rows whose sums or parts the validation would refuse
    (12345热线受理群众诉求15.2万件 is no part of 受理信访事项2860件): they stay 特色指标.  One named as
    a built-in row (来信) is renamed (来信（件）), for two rows may not share a name: the renames, old →
    new, for the caller to apply to the citations."""
    rows = {(f.sheet, f.key): f for f in figures if f.sheet}
    out: list[FigureRow] = []
    for rule in cat.RULES:
        if isinstance(rule, cat.SumRule):
            total, parts = rows.get((rule.sheet, rule.total)), [rows.get((rule.sheet, k)) for k in rule.parts]
            given = [f for f in parts if f is not None]
            values = [_number(f.typed) for f in given]
            whole = _number(total.typed) if total else None
            if whole is None or not given or None in values:
                continue
            summed = sum(v for v in values if v is not None)
            if summed > whole or (len(given) == len(parts) and summed != whole):
                out += given
        elif not rule.warning:
            part, whole_row = rows.get((rule.sheet, rule.part)), rows.get((rule.sheet, rule.whole))
            if part and whole_row:
                a, b = _number(part.typed), _number(whole_row.typed)
                if a is not None and b is not None and a > b:
                    out.append(part)
    names = {ind.label for s in cat.INDICATOR_SHEETS for ind in s.indicators}
    taken = {f.label for f in figures}
    renames: dict[str, str] = {}
    for f in out:
        f.sheet = f.key = ""
        if f.label in names:
            new, n = f"{f.label}（{f.unit}）", 2
            while new in taken or new in names:
                new, n = f"{f.label}（{n}）", n + 1
            renames[f.label], f.label = new, new
            taken.add(new)
    return renames


def renamed(text: str, renames: dict[str, str]) -> str:
    """``text`` citing the renamed rows by their new names (〔来信〕 → 〔来信（件）〕, 〔来信｜同比〕 too)."""
    for old, new in renames.items():
        text = text.replace(f"〔{old}〕", f"〔{new}〕").replace(f"〔{old}｜", f"〔{new}｜")
    return text


def _sentence(text: str, f: Found) -> str:
    start = max(text.rfind(m, 0, f.start) for m in "。；;\n") + 1
    ends = [i for i in (text.find(m, f.end) for m in "。；;\n") if i >= 0]
    return text[start : (min(ends) + 1 if ends else len(text))].strip()
