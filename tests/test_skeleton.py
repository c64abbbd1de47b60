"""The DOCX skeleton's cache key is derived from what the skeleton is made of, not kept by hand."""

from __future__ import annotations

import shutil
import sys
from importlib.util import find_spec
from pathlib import Path
from types import FrameType
from typing import Any

import generator
from generator.docx.skeleton import make_skeleton, skeleton_inputs, skeleton_key

GENERATOR = Path(generator.__file__).resolve().parent


def _copies(inputs: list[Path], folder: Path) -> list[Path]:
    out = []
    for i, path in enumerate(inputs):
        copy = folder / f"{i}-{path.name}"
        shutil.copyfile(path, copy)
        out.append(copy)
    return out


def test_changing_any_input_changes_the_key(tmp_path: Path) -> None:
    inputs = skeleton_inputs()
    copies = _copies(inputs, tmp_path)
    assert skeleton_key(copies) == skeleton_key(inputs)  # the contents make the key, not the paths
    for copy in copies:
        before = copy.read_bytes()
        copy.write_bytes(before + b"\n")
        assert skeleton_key(copies) != skeleton_key(inputs), copy.name
        copy.write_bytes(before)
    assert skeleton_key(copies) == skeleton_key(inputs)


def test_the_inputs_are_every_file_the_making_runs_or_reads() -> None:
    """Every function of ours that making the skeleton calls, and every file of python-docx's
    templates it opens, is among the inputs (traced, not listed)."""
    ran: set[Path] = set()
    opened: set[Path] = set()
    tracing = [True]

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            ran.add(Path(frame.f_code.co_filename).resolve())

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if tracing[0] and event == "open" and isinstance(args[0], str | Path):
            opened.add(Path(args[0]).resolve())

    sys.addaudithook(audit)  # an audit hook stays for the process: it records only while tracing
    sys.setprofile(profile)
    try:
        make_skeleton()
    finally:
        sys.setprofile(None)
        tracing[0] = False
    inputs = {p.resolve() for p in skeleton_inputs()}
    ours = {p for p in ran if p.is_relative_to(GENERATOR)}
    assert {"skeleton.py", "styles.py", "page.py", "ooxml.py"} <= {p.name for p in ours}
    assert ours <= inputs, ours - inputs
    templates = {p for p in opened if p.parent.name == "templates" and p.parent.parent.name == "docx"}
    assert any(p.name == "default.docx" for p in templates) and any(p.name == "default-footer.xml" for p in templates)
    assert templates <= inputs, templates - inputs
    version = find_spec("docx")
    assert version is not None and version.origin is not None
    assert Path(version.origin).resolve() in inputs  # python-docx's __init__.py: its __version__


def test_the_constants_of_the_standard_are_inputs() -> None:
    """A number of the standard changed in gbt9704.py makes a new skeleton (its styles and page)."""
    assert GENERATOR / "gbt9704.py" in {p.resolve() for p in skeleton_inputs()}
