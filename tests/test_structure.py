"""The code's structure, as issue #14 asks to show it: what crosses a stage is a typed value."""

from __future__ import annotations

import re
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# the same characters written as escapes: \ue000, \U0000E000, \N{PRIVATE USE AREA-E000}, chr(0xe000),
# chr(57344), &#xE000; or &#57344;
_HEX = r"0*(?:e[0-9a-f]{3}|f[0-8][0-9a-f]{2})"
_DECIMAL = r"5[7-9]\d{3}|6[0-3]\d{3}"  # 57344 (U+E000) to 63743 (U+F8FF), roughly: 57000–63999
ESCAPED = re.compile(
    rf"\\u{_HEX}\b|\\U{_HEX}\b|\\N\{{private use|chr\(\s*(?:0x{_HEX}|{_DECIMAL})\s*\)|&#x{_HEX};|&#(?:{_DECIMAL});",
    re.IGNORECASE,
)


def _files() -> list[Path]:
    return [p for p in sorted(GENERATOR.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]


def test_no_private_use_character_in_the_generator_literal_or_escaped() -> None:
    found = []
    for path in _files():
        text = path.read_bytes().decode("utf-8", errors="replace")
        for lineno, line in enumerate(text.splitlines(), start=1):
            if PRIVATE_USE.search(line) or ESCAPED.search(line):
                found.append(f"{path.relative_to(GENERATOR.parent)}:{lineno}: {line.strip()}")
    assert len(_files()) > 30  # the package itself was searched
    assert found == []


def test_the_escape_pattern_finds_every_way_of_writing_one() -> None:
    for written in (
        r'"\ue000"',
        r'"\uE004"',
        r"[\ue000-\ue00f]",
        r'"\U0000f8ff"',
        "chr(0xE001)",
        "chr(57344)",
        "&#xE000;",
    ):
        assert ESCAPED.search(written), written
    for harmless in (r'"\u2014"', r'"\u3000"', "chr(0x41)", "&#x3000;", r"\uff0c"):
        assert not ESCAPED.search(harmless), harmless


def test_validation_loads_neither_the_renderer_nor_the_outline() -> None:
    """Reading, validating and the profile's check of 用语 (the names a template set defines) come
    before rendering: importing them loads no Jinja, no renderer and no outline."""
    import subprocess
    import sys

    code = (
        "import sys, generator.workbook.reader, generator.model, generator.profile, generator.agencies;"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('generator', 'jinja2')))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "generator.model" in loaded and "generator.agencies" in loaded
    assert not {
        "jinja2",
        "generator.render",
        "generator.template_context",
        "generator.outline",
        "generator.markup",
    } & set(loaded)
    from generator.agencies import template_set, wording_names

    assert {"开头", "不足引语", "原因引语", "安排引语"} <= wording_names(template_set())


# python-docx keeps its XML behind proxy objects; these are the private ways round them
_PRIVATE_DOCX = re.compile(r"\._(?:sectPr|p|r|tbl|tc|element|blob|body|parent|document_part|part)\b")
# a serialized part patched as bytes instead of parsed (b"…" or .encode() in a replace)
_BYTES_PATCH = re.compile(r"\.replace\(\s*b[\"']|\.replace\([^)]*\.encode\(\)")


def test_no_private_python_docx_attribute_and_no_bytes_patching_in_the_generator() -> None:
    found = []
    for path in _files():
        if path.suffix != ".py":
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _PRIVATE_DOCX.search(line) or _BYTES_PATCH.search(line):
                found.append(f"{path.relative_to(GENERATOR.parent)}:{lineno}: {line.strip()}")
    assert found == []


def test_the_private_attribute_pattern_finds_what_it_is_for() -> None:
    for written in ("section._sectPr", "p._p.append(x)", "rel.target_part._blob = b''", "cell._tc"):
        assert _PRIVATE_DOCX.search(written), written
    for written in ('types.replace(b"</Types>", x)', 'rels.replace(b"</R>", rel.encode())'):
        assert _BYTES_PATCH.search(written), written
    assert not _PRIVATE_DOCX.search("self._parts") and not _PRIVATE_DOCX.search("self._part_names")
