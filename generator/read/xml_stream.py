"""Streaming an .xlsx part through expat, with every DTD refused.

A DOCTYPE is refused outright (Excel never writes one), which stops entity expansion and external
entities before they start.  Shared by the workbook's parts (:mod:`generator.read.xlsx`) and its
sheets (:mod:`generator.read.sheet_xml`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO
from xml.parsers import expat


class Unreadable(Exception):
    """The file is not a workbook this reader can make sense of."""


class Stop(Exception):
    """Raised inside a parse to stop it early."""


def _parser(start: Callable[..., None], end: Callable[[str], None] | None, text: Callable[[str], None] | None) -> Any:
    p = expat.ParserCreate(namespace_separator="}")
    p.buffer_text = True

    def refuse(*_: Any) -> None:
        raise Unreadable("DOCTYPE")

    p.StartDoctypeDeclHandler = refuse
    p.EntityDeclHandler = refuse
    p.ExternalEntityRefHandler = refuse
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.StartElementHandler = start
    if end is not None:
        p.EndElementHandler = end
    if text is not None:
        p.CharacterDataHandler = text
    return p


def local(name: str) -> str:
    return name.rpartition("}")[2]


def local_attrs(attributes: dict[str, str]) -> dict[str, str]:
    return {local(k): v for k, v in attributes.items()}


def parse(stream: BinaryIO, start: Callable[..., None], end: Any = None, text: Any = None) -> None:
    try:
        _parser(start, end, text).ParseFile(stream)
    except Stop:
        pass
    except expat.ExpatError as exc:
        raise Unreadable(str(exc)) from exc
