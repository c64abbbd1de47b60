"""A new draft whose differences from an earlier one are Word tracked changes.

Paragraphs are matched by their text; inside a changed paragraph the sentences are compared, and
each changed sentence becomes one deletion (the old sentence) and one insertion (the new one), so
a reviewer accepts or rejects a correction sentence by sentence in Word or WPS.  New paragraphs are
insertions, vanished ones deletions.  Author 报告生成器, dated by the run.  Part of the DOCX writer.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
from pathlib import Path
from typing import Any

from lxml import etree

from generator.docx.ooxml import el, ppr, put, qn
from generator.docx.package import read_parts, xml_bytes, zip_parts
from generator.docx.props import paragraph_texts
from generator.render.outline import split_sentences

AUTHOR = "报告生成器"


class _Marks:
    def __init__(self, when: dt.datetime) -> None:
        self.next_id = 9000
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def make(self, tag: str) -> Any:
        self.next_id += 1
        return el(tag, id=str(self.next_id), author=AUTHOR, date=self.date)


def _text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _run(text: str, rpr: Any, deleted: bool = False) -> Any:
    r = el("w:r")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    t = el("w:delText" if deleted else "w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def _chars(p: Any) -> list[tuple[str, Any]]:
    """Each character of a paragraph with the run properties it is set in."""
    out: list[tuple[str, Any]] = []
    for r in p.findall(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        for t in r.findall(qn("w:t")):
            out.extend((c, rpr) for c in t.text or "")
    return out


def _emit(chars: list[tuple[str, Any]], wrap: Any = None) -> list[Any]:
    """Runs for a stretch of characters, one per change of formatting, optionally inside w:ins."""
    runs: list[Any] = []
    for c, rpr in chars:
        if runs and runs[-1][1] is rpr:
            runs[-1][0].append(c)
        else:
            runs.append(([c], rpr))
    made = [_run("".join(cs), rpr) for cs, rpr in runs]
    if wrap is None:
        return made
    for r in made:
        wrap.append(r)
    return [wrap]


def _mark_paragraph(p: Any, kind: str, marks: _Marks) -> None:
    """Track the paragraph mark itself as inserted or deleted."""
    props = ppr(p)
    rpr = props.find(qn("w:rPr"))
    if rpr is None:
        rpr = put(props, el("w:rPr"))
    rpr.insert(0, marks.make(f"w:{kind}"))


def _changed(p: Any, old_text: str, marks: _Marks) -> None:
    chars = _chars(p)
    new_text = "".join(c for c, _ in chars)
    old_s, new_s = split_sentences(old_text), split_sentences(new_text)
    starts = [0]
    for s in new_s:
        starts.append(starts[-1] + len(s))
    default_rpr = chars[0][1] if chars else None
    content: list[Any] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_s, b=new_s, autojunk=False).get_opcodes():
        span = chars[starts[j1] : starts[j2]]
        if tag == "equal":
            content += _emit(span)
            continue
        if i2 > i1:
            rpr = span[0][1] if span else default_rpr
            deletion = marks.make("w:del")
            deletion.append(_run("".join(old_s[i1:i2]), rpr, deleted=True))
            content.append(deletion)
        if j2 > j1:
            content += _emit(span, marks.make("w:ins"))
    for r in p.findall(qn("w:r")):
        p.remove(r)
    for node in content:
        p.append(node)


def _inserted(p: Any, marks: _Marks) -> None:
    runs = p.findall(qn("w:r"))
    if runs:
        ins = marks.make("w:ins")
        runs[0].addprevious(ins)
        for r in runs:
            ins.append(r)
    _mark_paragraph(p, "ins", marks)


def _deleted(text: str, style: str, marks: _Marks) -> Any:
    p = el("w:p")
    ppr = el("w:pPr")
    ppr.append(el("w:pStyle", val=style))
    p.append(ppr)
    _mark_paragraph(p, "del", marks)
    if text:
        deletion = marks.make("w:del")
        deletion.append(_run(text, None, deleted=True))
        p.append(deletion)
    return p


def track_changes(new_docx: bytes, old_docx: Path, when: dt.datetime) -> bytes:
    """``new_docx`` with its differences from ``old_docx`` marked as tracked changes."""
    old_texts = paragraph_texts(old_docx)
    marks = _Marks(when)
    parts = read_parts(new_docx)
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(qn("w:body"))
    paras = body.findall(qn("w:p"))
    new_texts = [_text(p) for p in paras]
    ops = difflib.SequenceMatcher(a=old_texts, b=new_texts, autojunk=False).get_opcodes()
    end = body.find(qn("w:sectPr"))  # found once: each search walks the body, which grows by a paragraph a deletion
    for tag, i1, i2, j1, j2 in reversed(ops):  # from the end, so inserted paragraphs keep indices valid
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            _changed(paras[j1 + k], old_texts[i1 + k], marks)
        for k in range(j1 + pairs, j2):
            _inserted(paras[k], marks)
        anchor = paras[j2] if j2 < len(paras) else None
        for text in old_texts[i1 + pairs : i2]:
            gone = _deleted(text, "GwBody", marks)
            if anchor is not None:
                anchor.addprevious(gone)
            else:
                end.addprevious(gone)
    parts["word/document.xml"] = xml_bytes(root)
    return zip_parts(parts)
