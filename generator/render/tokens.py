"""How workbook text and figures cross Jinja's string output and come back as typed spans.

A template's output is one string, so what a template prints from the workbook has to be told
apart from what the template itself wrote: a cell that holds 【二级】 is text, never structure, and
a figure must come back as a :class:`~generator.model.spans.FigureRef` that knows its cell.  The
renderer prints each such value through one :class:`Tokens` made for that render: workbook text
between two data tokens, a figure between a figure token (naming its entry in the render's table
of sources) and a closing one.  :mod:`generator.render.markup` parses the structure around them and asks
the same object for the spans.

Every token carries the render's nonce, 128 random bits drawn afresh for each render.  A cell
cannot forge a token, since nobody knows the nonce before the render starts, and the nonce reaches
no output (the draft is the same bytes whatever it was).  The tokens' format is written and read in
this module only.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from generator.model.spans import FigureRef, Source, Span, Spans, Text, spans

_OPEN, _CLOSE, _BREAK, _END = "(", ")", "/", "."  # data opens, data closes, line break, figure ends


class Tokens:
    """One render's tokens and the table of the figures it printed."""

    def __init__(self) -> None:
        self._prefix = f"⟦{secrets.token_hex(16)}"
        self.data_open = self._token(_OPEN)
        self.data_close = self._token(_CLOSE)
        self._break = self._token(_BREAK)
        self._end = self._token(_END)
        p = re.escape(self._prefix)
        self._figure = re.compile(f"{p}#(\\d+)⟧(.*?){p}{re.escape(_END)}⟧", re.DOTALL)
        self._any = re.compile(f"{p}(?:#\\d+|[{re.escape(_OPEN + _CLOSE + _BREAK + _END)}])⟧")
        self._data = re.compile(f"{p}[{re.escape(_OPEN + _CLOSE)}]⟧")
        self.sources: list[Source] = []  # every figure printed, by its number in the figure token

    def _token(self, code: str) -> str:
        return f"{self._prefix}{code}⟧"

    # -- written by the renderer ------------------------------------------------------------------
    def figure(self, source: Source) -> str:
        """A figure as printed, marked so that it comes back as a FigureRef with its source."""
        self.sources.append(source)
        return f"{self._token(f'#{len(self.sources) - 1}')}{source.shown}{self._end}"

    def data(self, value: Any) -> str:
        """Workbook text (a string or spans) marked as data, so markers typed into a cell stay text.

        A line break in a cell becomes a paragraph break; "" stays "" (a template's ``if`` sees it)."""
        if value is None:
            return ""
        if isinstance(value, tuple):
            text = "".join(self._text(s) for s in value)
        else:
            text = self._text(Text(str(value)))
        return f"{self.data_open}{text}{self.data_close}" if text else ""

    def _text(self, span: Span) -> str:
        if isinstance(span, FigureRef):
            return self.figure(span.source)
        text = self._data.sub("", span.text)
        return text.replace("\r\n", "\n").replace("\n", self._break)

    def without_data(self, text: str) -> str:
        """Text with its data tokens removed (what the data held, figures still marked)."""
        return self._data.sub("", text)

    # -- read by the parser -----------------------------------------------------------------------
    def paragraphs(self, text: str) -> list[str]:
        """Text split at the line breaks that came from cells."""
        return text.split(self._break)

    def spans(self, text: str) -> Spans:
        """Rendered text as spans: each figure token a FigureRef, every other token removed."""
        parts: list[str | Span] = []
        pos = 0
        for m in self._figure.finditer(text):
            parts.append(self._any.sub("", text[pos : m.start()]))
            parts.append(FigureRef(self._any.sub("", m[2]), self.sources[int(m[1])]))
            pos = m.end()
        parts.append(self._any.sub("", text[pos:]))
        return spans(*parts)

    def plain(self, text: str) -> str:
        """Rendered text as a reader sees it, every token removed."""
        return self._any.sub("", text)
