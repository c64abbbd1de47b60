"""Text as the model and the outline carry it: a tuple of spans, each plain text or a figure.

A figure span knows the workbook cell it comes from, so provenance (``--sources``), the writer's
comments (``--annotate``), diff and tracked changes follow the figure itself rather than a mark
hidden in a string.  These are plain frozen values with no dependency: the model, the renderer,
the outline and the writer all speak them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Operand:
    """A further cell a figure is worked out from: last year's value of a 同比, the whole of a share."""

    label: str
    cell: str  # 工作表!单元格
    value: str


@dataclass(frozen=True)
class Source:
    """A figure as the draft prints it and the workbook cell(s) it comes from."""

    label: str
    shown: str
    cell: str  # 工作表!单元格
    value: str  # the value as the cell holds it (for the reviewer who checks numbers)
    also: tuple[Operand, ...] = ()  # the other cells a worked-out figure (同比, 增减, 占) depends on

    def cells(self) -> list[Operand]:
        """Every cell the figure depends on, its own first."""
        return [Operand(self.label, self.cell, self.value), *self.also]


@dataclass(frozen=True)
class Text:
    """Plain text, printed as it is."""

    text: str


@dataclass(frozen=True)
class FigureRef:
    """A figure in the text: what is printed, and where it comes from."""

    text: str
    source: Source


Span = Text | FigureRef
Spans = tuple[Span, ...]


def spans(*parts: str | Span | Iterable[Span]) -> Spans:
    """Spans from text, spans and runs of spans, adjacent text merged and empty text dropped."""
    out: list[Span] = []

    def add(span: Span) -> None:
        if isinstance(span, Text):
            if not span.text:
                return
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + span.text)
                return
        out.append(span)

    for part in parts:
        if isinstance(part, str):
            add(Text(part))
        elif isinstance(part, (Text, FigureRef)):
            add(part)
        else:
            for span in part:
                add(span)
    return tuple(out)


def plain(body: Iterable[Span]) -> str:
    """The text a reader sees."""
    return "".join(s.text for s in body)


def figures(body: Iterable[Span]) -> list[FigureRef]:
    """The figures of a run of spans, in order."""
    return [s for s in body if isinstance(s, FigureRef)]
