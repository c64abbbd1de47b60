"""The code's structure, as issue #14 asks to show it: what crosses a stage is a typed value."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
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
        "import sys, generator.read.reader, generator.model.validation, generator.model.profile,"
        " generator.render.agencies;"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('generator', 'jinja2')))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "generator.model.report" in loaded and "generator.render.agencies" in loaded
    assert not {
        "jinja2",
        "generator.render.engine",
        "generator.render.template_context",
        "generator.render.outline",
        "generator.render.markup",
    } & set(loaded)
    from generator.render.agencies import template_set, wording_names

    assert {"开头", "不足引语", "原因引语", "安排引语"} <= wording_names(template_set())


# python-docx keeps its XML behind proxy objects; these are the private ways round them, as an
# attribute (section._sectPr) or by name (getattr(section, "_sectPr"))
_DOCX_PRIVATE = r"_(?:sectPr|p|r|tbl|tc|tr|element|blob|body|parent|document_part|part|styles_part)"
_PRIVATE_DOCX = re.compile(rf"\.{_DOCX_PRIVATE}\b|getattr\([^)]*[\"']{_DOCX_PRIVATE}[\"']")
# a serialized part patched as bytes instead of parsed (b"…" or .encode() in a replace)
_BYTES_PATCH = re.compile(r"\.replace\(\s*b[\"']|\.replace\([^)]*\.encode\(\)")
# XML written as text: a declaration, a closing or self-closing tag, a prefixed tag, a tag with an attribute
_MARKUP = re.compile(
    r"<\?xml|</[A-Za-z_][\w:.-]*>|<[A-Za-z_][\w.-]*:[A-Za-z_]|<[A-Za-z_][\w:.-]*\s+[\w:.-]+\s*=|<[A-Za-z_][\w:.-]*\s*/>"
)
# ElementTree and the DOM's writers (reading with ElementTree is the read side's business)
_OTHER_WRITERS = {"tostring", "tostringlist", "SubElement", "Element", "ElementTree", "indent", "dump", "XMLGenerator"}
_OTHER_WRITER_MODULES = ("xml.dom", "xml.sax.saxutils")


def _python_files() -> list[Path]:
    return [p for p in _files() if p.suffix == ".py"]


def _lines_matching(pattern: re.Pattern[str]) -> list[str]:
    found = []
    for path in _python_files():
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                found.append(f"{path.relative_to(GENERATOR.parent)}:{lineno}: {line.strip()}")
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr)
    }


def xml_as_text(source: str) -> list[int]:
    """Lines of ``source`` whose string literals (docstrings aside) hold XML markup."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes) and id(node) not in skip:
            text = node.value.decode("latin-1") if isinstance(node.value, bytes) else node.value
            if _MARKUP.search(text):
                lines.append(node.lineno)
    return sorted(set(lines))


def other_xml_writers(source: str) -> list[int]:
    """Lines of ``source`` that write XML with ElementTree, the DOM or SAX instead of lxml (a call
    of ElementTree's makers or serializers; reading and type hints are the read side's)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("xml.etree", "xml.dom", "xml.sax")):
            if (node.module or "").startswith(_OTHER_WRITER_MODULES) or {a.name for a in node.names} & _OTHER_WRITERS:
                lines.append(node.lineno)
        elif isinstance(node, ast.Import) and any(a.name.startswith(_OTHER_WRITER_MODULES) for a in node.names):
            lines.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _OTHER_WRITERS:
            base = node.func.value
            if (isinstance(base, ast.Name) and base.id in ("ET", "ElementTree")) or (
                isinstance(base, ast.Attribute) and base.attr == "ElementTree"  # xml.etree.ElementTree.tostring
            ):
                lines.append(node.lineno)
    return sorted(set(lines))


def bytes_patches(source: str) -> list[int]:
    """Lines of ``source`` that patch bytes: a replace or re.sub with a bytes argument or an encode()."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr not in ("replace", "sub", "subn"):
                continue
            for arg in node.args:
                is_bytes = isinstance(arg, ast.Constant) and isinstance(arg.value, bytes)
                encoded = (
                    isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "encode"
                )
                if is_bytes or encoded:
                    lines.append(node.lineno)
    return sorted(set(lines))


def _in_generator(finder: Callable[[str], list[int]], skip: tuple[str, ...] = ()) -> list[str]:
    found = []
    for path in _python_files():
        if path.relative_to(GENERATOR).parts[0] in skip:
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        found += [f"{path.relative_to(GENERATOR.parent)}:{n}: {lines[n - 1].strip()}" for n in finder(text)]
    return found


def test_no_private_python_docx_attribute_in_the_generator() -> None:
    assert len(_python_files()) > 30
    assert _lines_matching(_PRIVATE_DOCX) == []


def test_no_bytes_patching_of_serialized_parts_in_the_generator() -> None:
    assert _lines_matching(_BYTES_PATCH) == []
    assert _in_generator(bytes_patches) == []


def test_xml_is_written_one_way_with_lxml() -> None:
    """No part is written as text, nor with ElementTree's or the DOM's writers: every XML the
    generator writes is an lxml tree serialized by lxml.  The web pages are HTML from Django's
    templates; their URL patterns (``<int:number>``) are no markup."""
    assert _in_generator(xml_as_text, skip=("web",)) == []
    assert _in_generator(other_xml_writers) == []


def test_the_private_attribute_pattern_finds_what_it_is_for() -> None:
    for written in (
        "section._sectPr",
        "p._p.append(x)",
        "rel.target_part._blob = b''",
        "cell._tc",
        "doc._element.body",
        "table._tbl",
        'getattr(section, "_sectPr")',
    ):
        assert _PRIVATE_DOCX.search(written), written
    for written in ('types.replace(b"</Types>", x)', 'rels.replace(b"</R>", rel.encode())'):
        assert _BYTES_PATCH.search(written), written
    assert not _PRIVATE_DOCX.search("self._parts") and not _PRIVATE_DOCX.search("self._part_names")
    assert not _PRIVATE_DOCX.search("self._rels_cache") and not _PRIVATE_DOCX.search("os._exit(0)")


def test_the_xml_checks_find_what_they_are_for() -> None:
    """Each check finds the kind of code it forbids (the first three as 4c33fa1 wrote them)."""
    font_table = """def table(name, alt):
    fonts = f'<w:font w:name="{name}"><w:altName w:val="{alt}"/></w:font>'
    return f"<?xml version='1.0'?><w:fonts>{fonts}</w:fonts>".encode()
"""
    assert xml_as_text(font_table) == [2, 3]
    assert xml_as_text('def f(d):\n    return "".join(f"<dir>{x}</dir>" for x in d)\n') == [2]
    assert xml_as_text('core = "<cp:keywords>" + escape(k)\n') == [1]
    for harmless in (
        'NAME = "<template>"\n',
        'RE = r"(?P<pre>超过)?(?P<num>\\d+)"\n',
        '"""A ``<w:b/>`` docstring."""\n',
    ):
        assert xml_as_text(harmless) == [], harmless
    writers = """import xml.etree.ElementTree as ET
from xml.dom import minidom
from xml.etree.ElementTree import tostring
data = ET.tostring(root)
ET.SubElement(root, "x")
ET.ElementTree(root).write(path)
"""
    assert other_xml_writers(writers) == [2, 3, 4, 5, 6]
    reading = "import xml.etree.ElementTree as ET\nroot: ET.Element = ET.fromstring(data)\n"
    assert other_xml_writers(reading) == []
    patches = 'a = data.replace(b"</Types>", b"x")\nb = re.sub(rb"<w:t>", b"", data)\nc = t.replace("x", y.encode())\n'
    assert bytes_patches(patches) == [1, 2, 3]
    assert bytes_patches('name = text.replace(" ", "")\n') == []


def test_check_takes_the_standards_faces_from_the_module_the_writer_uses() -> None:
    """The checks (check/audit.py, check/layout.py) name no face or family of their own: what they expect
    comes from generator/gbt9704.py, where the writer's styles get theirs."""
    from generator import gbt9704 as std

    names = {f.name for f in std.FAMILIES} | {f.face for f in std.FAMILIES} | set(std.FONT_FALLBACKS.values())
    names |= {mark for f in std.FAMILIES for mark in f.marks}
    found = []
    for module in ("check/audit.py", "check/layout.py"):
        tree = ast.parse((GENERATOR / module).read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                found += [f"{module}:{node.lineno}: {name}" for name in names if name.lower() in node.value.lower()]
    assert found == []
    # and every face the writer writes is read back as the family the standard names for it
    assert [std.family_of(f.face) for f in std.FAMILIES] == [f.name for f in std.FAMILIES]
    assert [std.family_of(s.font) for s in std.HEADING_STYLES.values()] == ["黑体", "楷体", "仿宋", "仿宋"]
    for face, fallback in std.FONT_FALLBACKS.items():  # 宋体 stands in for 小标宋 (7.3.1 asks 小标宋)
        assert std.family_of(fallback) == (std.family_of(face) if face != std.FONT_XIAOBIAOSONG else "宋体")


# The stages in the order a workbook goes through them (generator/__init__.py); a module may import
# its own stage and the ones before it, never one after.  Top-level modules are stages of their own.
STAGES = {
    **dict.fromkeys(("errors", "files", "lock", "cache", "gbt9704"), 0),
    "read": 1,
    "model": 2,
    "workbook": 2,
    "render": 3,
    "docx": 4,
    "check": 5,
    "imports": 5,
    **dict.fromkeys(("pipeline", "batch", "changes", "summary", "summary_sheets"), 6),
    "web": 7,
    "cli": 8,
    "__main__": 9,
}


def _stage_of(dotted: str) -> str:
    return dotted.split(".")[1] if dotted.count(".") else ""


def upward_imports(sources: dict[str, str]) -> list[str]:
    """Each import, in ``sources`` (module name → its code), of a later stage than the importer's."""
    found = []
    for module, code in sources.items():
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("generator"):
                targets = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names if alias.name.startswith("generator.")]
            else:
                continue
            for target in targets:
                if STAGES[_stage_of(target)] > STAGES[_stage_of(module)]:
                    found.append(f"{module} -> {target}")
    return found


def _package_sources() -> dict[str, str]:
    sources = {}
    for path in _files():
        if path.suffix == ".py":
            parts = path.relative_to(GENERATOR.parent).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            sources[name] = path.read_text(encoding="utf-8")
    return sources


def test_the_folders_are_the_stages_and_imports_only_go_forward() -> None:
    sources = _package_sources()
    stages = {_stage_of(name) for name in sources} - {""}
    assert stages == set(STAGES)  # every folder and top-level module has its place in the order
    assert not any(
        path.suffix == ".py" and path.parent == GENERATOR and path.stem in {"audit", "docx_writer"} for path in _files()
    )  # the flat layout is gone
    assert sum(name.count(".") == 2 for name in sources) > 50  # most modules sit in a stage's folder
    assert upward_imports(sources) == []
    relative = [name for name, code in sources.items() if re.search(r"^\s*from \.", code, re.M)]
    assert relative == []  # absolute imports: a module's imports name the stage they come from


def test_the_stage_check_finds_an_import_from_a_later_stage() -> None:
    sources = {
        "generator.read.reader": "from generator.model.report import Report\n",
        "generator.model.report": "def f():\n    import generator.docx.writer\n",
        "generator.docx.writer": "from generator.render.outline import Outline\nfrom generator import gbt9704\n",
    }
    assert upward_imports(sources) == [
        "generator.read.reader -> generator.model.report.Report",
        "generator.model.report -> generator.docx.writer",
    ]
