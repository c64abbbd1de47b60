"""The empty, styled document every draft starts from, made once by python-docx and kept in the cache.

python-docx is imported only to make the skeleton: its default template, with the parts a report
does not need dropped, our styles installed (:mod:`generator.docx.styles`), the template's other
styles pruned, the section set up (:mod:`generator.docx.page`) and a font table of our faces.  The
cache key is derived from what the skeleton is made of (:func:`skeleton_inputs`): the source of
every module of this package that the making imports, and python-docx's templates and version.
"""

from __future__ import annotations

import functools
import io
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from lxml import etree

from generator import gbt9704 as std
from generator.cache import cached_bytes, key_of
from generator.docx.ooxml import NS, el, qn
from generator.docx.package import read_parts, xml_bytes, zip_parts
from generator.docx.page import setup_section
from generator.docx.styles import install_styles, prune_styles

if TYPE_CHECKING:  # python-docx makes only the skeleton, and is imported only then
    from docx.document import Document as DocumentObject

# Parts of python-docx's default template that a report does not need: a thumbnail of an empty
# page (Windows Explorer would show it as the preview), Word 2010's duplicate style sheet, an
# empty custom-XML item, and list numbering that no paragraph uses (its levels name list styles
# that the pruning drops).
_DROPPED_PARTS = ("/thumbnail", "/stylesWithEffects", "/customXml", "/numbering")
_SONG_FACES = (std.FONT_SONGTI, std.FONT_XIAOBIAOSONG)


def skeleton_inputs() -> list[Path]:
    """The files the skeleton is made of, in a fixed order.

    Ours: this module and every module of the package it imports, directly or through another
    (found from the modules' namespaces, not listed by hand).  python-docx's: its ``__init__.py``,
    which carries its version, and the files of its ``templates`` folder, which it builds a
    document, its footers and its settings from.  python-docx is found, not imported."""
    from importlib.util import find_spec

    ours = [Path(m.__file__) for m in _package_imports(sys.modules[__name__]) if m.__file__]
    spec = find_spec("docx")
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    theirs: list[Path] = []
    if origin is not None:
        templates = origin.parent / "templates"
        found = sorted(p for p in templates.iterdir() if p.is_file()) if templates.is_dir() else []
        theirs = [origin, *found]
    return [*ours, *theirs]


def _package_imports(module: ModuleType) -> list[ModuleType]:
    """``module`` and the modules of its package it reaches through its names, transitively: a
    module imported, or the module a function, class or value imported from one was defined in."""
    package = module.__name__.partition(".")[0]
    found: dict[str, ModuleType] = {}
    todo = [module]
    while todo:
        current = todo.pop()
        if current.__name__ in found:
            continue
        found[current.__name__] = current
        for value in vars(current).values():
            name = value.__name__ if isinstance(value, ModuleType) else getattr(type(value), "__module__", None)
            if not isinstance(value, ModuleType) and callable(value):
                name = getattr(value, "__module__", name)
            if isinstance(name, str) and name.partition(".")[0] == package and name in sys.modules:
                todo.append(sys.modules[name])
    return sorted(found.values(), key=lambda m: m.__name__)


def skeleton_key(inputs: list[Path]) -> str:
    """The cache key of a skeleton made of ``inputs``: their contents (a file missing counts as
    empty), and the version of lxml, which serializes the parts."""
    contents = []
    for path in inputs:
        try:
            contents.append(path.read_bytes())
        except OSError:
            contents.append(b"")
    return key_of(*contents, ".".join(map(str, etree.LXML_VERSION)).encode())


@functools.cache
def skeleton() -> bytes:
    """The skeleton's DOCX bytes: from the user's cache, or made (and kept there) once."""
    return cached_bytes("skeleton", skeleton_key(skeleton_inputs()), make_skeleton)


@functools.cache
def skeleton_parts() -> dict[str, bytes]:
    """The skeleton's parts, unzipped once a process (a batch builds hundreds of drafts from them)."""
    return read_parts(skeleton())


def make_skeleton() -> bytes:
    """Make the skeleton with python-docx (about a tenth of a second; the cache keeps the result)."""
    from docx import Document

    doc = Document()
    _drop_unneeded_parts(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    install_styles(doc)
    prune_styles(doc)
    setup_section(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    parts = read_parts(buffer.getvalue())
    parts[_font_table_name(doc)] = _font_table()  # python-docx keeps the part's bytes to itself
    return zip_parts(parts)


def _drop_unneeded_parts(doc: DocumentObject) -> None:
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(_DROPPED_PARTS):
                rels.pop(rid)


def _font_table() -> bytes:
    """A font table naming our faces, each with a fallback in its own family (w:altName)."""
    root = etree.Element(qn("w:fonts"), nsmap={"w": NS["w"]})
    for name, alt in std.FONT_FALLBACKS.items():
        font = el("w:font", name=name)
        font.append(el("w:altName", val=alt))
        font.append(el("w:charset", val="86"))
        font.append(el("w:family", val="roman" if name in _SONG_FACES else "modern"))
        font.append(el("w:pitch", val="variable"))
        root.append(font)
    return xml_bytes(root)


def _font_table_name(doc: DocumentObject) -> str:
    """The font table's part name in the package (``word/fontTable.xml`` in python-docx's template)."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            return str(rel.target_part.partname).lstrip("/")
    raise LookupError("python-docx's template has no font table")
