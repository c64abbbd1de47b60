"""What a reader of a DOCX sees and annotates, as canonical lines: the content the fingerprint hashes.

Two files with the same lines look and read the same, whatever XML wrote them: Word, WPS and
LibreOffice rename styles, split and merge runs, move properties between styles and paragraphs, add
empty property elements and bookmarks, and write a field as ``w:fldSimple`` or as ``w:fldChar``
runs.  So the model holds, for every story (the body with its tables, each section's headers and
footers as they apply, comments with the text they anchor, footnotes and endnotes where referenced,
text boxes):

- paragraphs, each with its effective formatting (alignment, indentation, spacing, page break
  before, borders, shading, list numbering) and its runs' text with their effective formatting —
  resolved docDefaults → paragraph style chain → character style chain → direct formatting, theme
  fonts resolved (bold, italic, underline, strike, caps, hidden, colour, highlight, size, fonts,
  character spacing and scale, raised/lowered, superscript/subscript, shading, emphasis marks) —
  adjacent runs of equal formatting merged into one;
- tracked changes: each run says whether (and by whom) it is inserted or deleted, so accepting or
  rejecting a change changes the lines; tracked formatting changes are marked too;
- tables with their rows, cells, spans and vertical merges, cell shading and contents;
- fields as their instruction (whitespace collapsed, ``\\* MERGEFORMAT`` dropped, nested fields in
  braces), not their last result, which every application recomputes;
- pictures as a digest of their image bytes and their size; hyperlinks with their target;
- each section's page size, orientation, margins, columns, line grid, break type, page numbering.

Left out, because applications rewrite them on a plain save and a reader does not see them: style
ids and names, rsids, bookmarks, proofing marks, language tags, kerning, tab stops, keep-with-next,
widow control, the paragraph mark's own run properties, document properties, comment dates.
The parts come from :func:`generator.docx.fingerprint.docx_parts`; only the standard library is used
(a part declaring a DTD is refused, as the workbook reader refuses one).
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from typing import Any

from generator.docx.content_format import (
    MC,
    OFF,
    REVISIONS,
    Package,
    R,
    W,
    colour,
    local,
    to_int,
)

_MERGEFORMAT = re.compile(r"\\\*\s*mergeformat", re.IGNORECASE)


class _Story:
    """One story read into canonical blocks; comment anchors are collected as its text goes by."""

    def __init__(self, doc: Package, part: str, anchors: dict[str, list[str]] | None = None) -> None:
        self.doc, self.part = doc, part
        self.rels = doc.rels(part) if part != doc.main else doc.main_rels
        self.anchors: dict[str, list[str]] = anchors if anchors is not None else {}
        self.open: set[str] = set()
        self.sections: list[ET.Element] = []

    def blocks(self, container: ET.Element) -> list[Any]:
        out: list[Any] = []
        for child in self._children(container):
            name = local(child.tag)
            if name == "p":
                sect = child.find(f"{W}pPr/{W}sectPr")
                out += self.paragraph(child, closes_section=sect is not None)
                if sect is not None:
                    self.sections.append(sect)
            elif name == "tbl":
                out.append({"table": [self.row(tr) for tr in child.findall(f"{W}tr")]})
            elif name == "sectPr":
                self.sections.append(child)
            elif name in ("sdt", "customXml", "ins", "del", "moveTo", "moveFrom"):
                out += self.blocks(child.find(f"{W}sdtContent") if name == "sdt" else child)  # type: ignore[arg-type]
        return out

    def _children(self, el: ET.Element | None) -> Iterator[ET.Element]:
        """Children, an mc:AlternateContent read as its first choice (the fallback repeats it)."""
        for child in el if el is not None else ():
            if child.tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                yield from self._children(choice if choice is not None else child.find(f"{MC}Fallback"))
            else:
                yield child

    def row(self, tr: ET.Element) -> list[Any]:
        cells = []
        for tc in self._cells(tr):
            props = tc.find(f"{W}tcPr")
            span = props.find(f"{W}gridSpan") if props is not None else None
            merge = props.find(f"{W}vMerge") if props is not None else None
            shade = props.find(f"{W}shd") if props is not None else None
            cell: dict[str, Any] = {"blocks": self.blocks(tc)}
            if span is not None and to_int(span.get(f"{W}val"), 1) != 1:
                cell["span"] = to_int(span.get(f"{W}val"), 1)
            if merge is not None:
                cell["vMerge"] = merge.get(f"{W}val") or "continue"
            if shade is not None and colour(shade.get(f"{W}fill")):
                cell["shd"] = colour(shade.get(f"{W}fill"))
            cells.append(cell)
        return cells

    def _cells(self, tr: ET.Element) -> Iterator[ET.Element]:
        for child in self._children(tr):
            if local(child.tag) == "tc":
                yield child
            elif local(child.tag) in ("sdt", "customXml"):
                yield from self._cells(child.find(f"{W}sdtContent") if local(child.tag) == "sdt" else child)  # type: ignore[arg-type]

    def paragraph(self, p: ET.Element, closes_section: bool = False) -> list[Any]:
        """The paragraph's block, with a page break before or after it as blocks of their own.

        A page break at the end of a paragraph and "page break before" on the next are one break
        (LibreOffice writes the one for the other), and an empty paragraph that only carries a
        section break is the break (LibreOffice moves it onto the paragraph before)."""
        ppr = p.find(f"{W}pPr")
        style = self.doc.styles.paragraph_style(ppr)
        props = self.doc.paragraph_format(ppr)
        if "num" in props:
            shown = self.doc.numbering.get(props.pop("num"), "")
            if shown:
                props["num"] = shown
        mark = ppr.find(f"{W}rPr") if ppr is not None else None
        for change in mark if mark is not None else ():
            if local(change.tag) in REVISIONS:
                props["mark"] = f"{REVISIONS[local(change.tag)]} {change.get(f'{W}author', '')}"
        items: list[list[Any]] = []
        self._inline(p, style, "", "", items, [])
        before = [{"break": "page"}] if props.pop("pageBreakBefore", False) else []
        after = []
        while items and isinstance(items[-1][1], str) and items[-1][1].endswith("\f"):
            items[-1][1] = items[-1][1][:-1]
            after = [{"break": "page"}]
            if not items[-1][1]:
                items.pop()
        while items and isinstance(items[0][1], str) and items[0][1].startswith("\f"):
            items[0][1] = items[0][1][1:]
            before = [{"break": "page"}]
            if not items[0][1]:
                items.pop(0)
        if closes_section and not items and "mark" not in props:
            return before + after
        return [*before, {"p": props, "runs": items}, *after]

    def _inline(
        self, el: ET.Element, style: str | None, rev: str, link: str, items: list[Any], fields: list[Any]
    ) -> None:
        """Runs and what holds them (hyperlinks, revisions, content controls, simple fields)."""
        for child in self._children(el):
            name = local(child.tag)
            if name == "r":
                self._run(child, style, rev, link, items, fields)
            elif name in REVISIONS:
                self._inline(child, style, f"{REVISIONS[name]} {child.get(f'{W}author', '')}", link, items, fields)
            elif name == "hyperlink":
                target = self.rels.get(child.get(f"{R}id", ""), ("", ""))[0] or "#" + child.get(f"{W}anchor", "")
                self._inline(child, style, rev, target, items, fields)
            elif name == "fldSimple":
                rpr = child.find(f"{W}r/{W}rPr")
                self._add(
                    items,
                    fields,
                    self._format(style, rpr, rev, link),
                    {"field": _instruction(child.get(f"{W}instr", ""))},
                )
            elif name == "commentRangeStart":
                self.open.add(child.get(f"{W}id", ""))
                self.anchors.setdefault(child.get(f"{W}id", ""), [])
            elif name == "commentRangeEnd":
                self.open.discard(child.get(f"{W}id", ""))
            elif name in ("sdt", "smartTag", "customXml", "dir", "bdo"):
                self._inline(child.find(f"{W}sdtContent") if name == "sdt" else child, style, rev, link, items, fields)  # type: ignore[arg-type]
            elif name in ("oMath", "oMathPara"):
                text = "".join(t.text or "" for t in child.iter() if local(t.tag) == "t")
                self._add(items, fields, {"rev": rev}, {"math": text})

    def _format(self, style: str | None, rpr: ET.Element | None, rev: str, link: str) -> dict[str, Any]:
        fmt = self.doc.run_format(style, rpr)
        if rev:
            fmt["rev"] = rev
        if link:
            fmt["link"] = link
        return fmt

    def _run(self, r: ET.Element, style: str | None, rev: str, link: str, items: list[Any], fields: list[Any]) -> None:
        rpr = r.find(f"{W}rPr")
        fmt = self._format(style, rpr, rev, link)
        for child in self._children(r):
            name = local(child.tag)
            if name == "fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    fields.append({"fmt": fmt, "code": [], "result": False})
                elif kind == "separate" and fields:
                    fields[-1]["result"] = True
                elif kind == "end" and fields:
                    done = fields.pop()
                    code = _instruction("".join(done["code"]))
                    if fields:
                        fields[-1]["code"].append("{" + code + "}")
                    else:
                        self._add(items, fields, done["fmt"], {"field": code})
            elif name in ("instrText", "delInstrText"):
                if fields and not fields[-1]["result"]:
                    fields[-1]["code"].append(child.text or "")
            elif name in ("t", "delText"):
                self._text(items, fields, fmt, child.text or "")
            elif name in ("tab", "ptab"):
                self._text(items, fields, fmt, "\t")
            elif name in ("br", "cr"):
                kind = child.get(f"{W}type", "textWrapping")
                self._text(items, fields, fmt, {"page": "\f", "column": "\v"}.get(kind, "\n"))
            elif name == "noBreakHyphen":
                self._text(items, fields, fmt, "\u2011")
            elif name == "softHyphen":
                self._text(items, fields, fmt, "\u00ad")
            elif name == "sym":
                self._text(items, fields, fmt, chr(int(child.get(f"{W}char", "0") or "0", 16)))
            elif name in ("footnoteReference", "endnoteReference"):
                notes = self.doc.footnotes if name == "footnoteReference" else self.doc.endnotes
                note = notes.get(child.get(f"{W}id", ""))
                self._add(items, fields, fmt, {name: self._story_of(note) if note is not None else []})
            elif name in ("drawing", "pict", "object"):
                self._add(items, fields, fmt, {"picture": self._picture(child)})

    def _story_of(self, container: ET.Element) -> list[Any]:
        """A note's or a text box's blocks (same part, same relationships)."""
        return self.blocks(container)

    def _picture(self, el: ET.Element) -> dict[str, Any]:
        images = []
        for node in el.iter():
            for attr in (f"{R}embed", f"{R}link", f"{R}id"):
                target = self.rels.get(node.get(attr) or "")
                if target is not None and target[0] in self.doc.parts:
                    images.append(hashlib.sha256(self.doc.parts[target[0]]).hexdigest()[:32])
        sizes = [(n.get("cx"), n.get("cy")) for n in el.iter() if local(n.tag) == "extent" and n.get("cx") is not None]
        boxes = [self.blocks(box) for box in el.iter(f"{W}txbxContent")]
        return {"images": images, "size": sizes[:1], "text": boxes}

    def _text(self, items: list[Any], fields: list[Any], fmt: dict[str, Any], text: str) -> None:
        if fields:  # a field's instruction is kept, its result is not
            return
        for cid in self.open:
            self.anchors[cid].append(text)
        if items and items[-1][0] == fmt and isinstance(items[-1][1], str):
            items[-1][1] += text
        elif text:
            items.append([fmt, text])

    def _add(self, items: list[Any], fields: list[Any], fmt: dict[str, Any], thing: Any) -> None:
        if not fields:
            items.append([fmt, thing])


def _plain(blocks: list[Any]) -> list[str]:
    """The text of a comment's paragraphs: applications restyle a comment's text on every save."""
    return ["".join(text for _, text in b["runs"] if isinstance(text, str)) for b in blocks if "p" in b]


def _instruction(code: str) -> str:
    return " ".join(_MERGEFORMAT.sub(" ", code).split())


def _section(doc: Package, sect: ET.Element, inherited: dict[str, Any]) -> dict[str, Any]:
    """A section's page set-up and the headers and footers that apply to it."""

    def attrs(name: str, *keys: str) -> list[Any]:
        node = sect.find(f"{W}{name}")
        return [node.get(f"{W}{k}") if node is not None else None for k in keys]

    title_page = sect.find(f"{W}titlePg")
    first = title_page is not None and title_page.get(f"{W}val") not in OFF
    for ref in sect:
        kind = local(ref.tag).removesuffix("Reference")
        if kind in ("header", "footer"):
            target = doc.main_rels.get(ref.get(f"{R}id", ""), ("", ""))[0]
            root = doc.xml(target) if target else None
            story = _Story(doc, target)
            blocks = story.blocks(root) if root is not None else []
            empty = all(b.get("runs") == [] for b in blocks)
            inherited[f"{kind} {ref.get(f'{W}type', 'default')}"] = None if empty else blocks
    kinds = ["default"] + (["first"] if first else []) + (["even"] if doc.even_and_odd else [])
    stories = {f"{part} {k}": inherited.get(f"{part} {k}") for part in ("header", "footer") for k in kinds}
    margins = [to_int(v) for v in attrs("pgMar", "top", "right", "bottom", "left", "header", "footer", "gutter")]
    for i, part in ((4, "header"), (5, "footer")):  # the distance of a header or footer that is not there
        if not any(v for k, v in stories.items() if k.startswith(part)):
            margins[i] = 0
    grid = attrs("docGrid", "type", "linePitch", "charSpace")
    grid = grid if grid[0] in ("linesAndChars", "snapToChars") else grid[:2] if grid[0] == "lines" else []
    page = attrs("pgSz", "w", "h", "orient")
    return {
        "page": [to_int(page[0]), to_int(page[1]), page[2] or "portrait"],
        "margins": margins,
        "columns": [to_int(v, d) for v, d in zip(attrs("cols", "num", "space"), (1, 720), strict=True)],
        "grid": grid,
        "start": attrs("type", "val")[0] or "nextPage",
        "numbers": [attrs("pgNumType", "fmt")[0] or "decimal", attrs("pgNumType", "start")[0]],
        "vAlign": attrs("vAlign", "val")[0] or "top",
        **stories,
    }


def content_lines(parts: Mapping[str, bytes]) -> list[str]:
    """The canonical content of a DOCX's parts, one JSON line per block, section and comment.

    Raises ``KeyError``, ``ParseError`` or ``ValueError`` (a DTD) when the parts are no Word document."""
    doc = Package(parts)
    root = doc.xml(doc.main)
    body = root.find(f"{W}body") if root is not None else None
    if body is None:
        raise KeyError(doc.main)
    main = _Story(doc, doc.main)
    lines = [json.dumps({"body": block}, ensure_ascii=False, sort_keys=True) for block in main.blocks(body)]
    inherited: dict[str, Any] = {}
    for sect in main.sections:
        lines.append(json.dumps({"section": _section(doc, sect, inherited)}, ensure_ascii=False, sort_keys=True))
    comments = []
    for cid, comment in doc.comments.items():
        blocks = _Story(doc, doc.part_of.get("comments", doc.main)).blocks(comment)
        anchored = "".join(main.anchors[cid]) if cid in main.anchors else None
        comments.append({"author": comment.get(f"{W}author", ""), "text": _plain(blocks), "on": anchored})
    comments.sort(key=lambda c: json.dumps(c, ensure_ascii=False, sort_keys=True))
    lines += [json.dumps({"comment": c}, ensure_ascii=False, sort_keys=True) for c in comments]
    return lines
