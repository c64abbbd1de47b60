"""The paragraphs of a report given as a file (placeholder: the contract; a helper writes the reader)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """One paragraph of the document, as the reader sees it."""

    text: str  # whitespace-trimmed, never ""; automatic list numbering rendered in front ("一、", "（一）", "1.")
    where: str  # for messages: "第12段", "表格1第2行第3列", "第12行" (text files)
    level: int = 0  # the heading level the document itself declares (1–3), 0 when it declares none
    run_in: str = ""  # a run-in title set off by formatting (bold, 楷体 …) at the paragraph's start
    in_table: bool = False


@dataclass(frozen=True)
class Document:
    name: str  # the file's name, for messages
    kind: str  # "docx", "doc", "wps", "txt" or "html"
    blocks: tuple[Block, ...]
    own_fingerprint: str = ""  # the 报告生成器指纹 property when the file is this program's draft
