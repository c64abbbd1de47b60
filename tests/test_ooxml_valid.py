"""Word opens every file cleanly: each kind of DOCX the program writes passes an independent OOXML
validator (openxml-audit: schemas, child order, relationships, style references) with no finding."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openxml_audit import OpenXmlValidator

from generator.cli.app import main
from tests.conftest import SAMPLE
from tests.test_reruns import correct
from tests.test_upward import upward

# (name, workbook, extra options); "earlier" stands for the plain draft, "corrected" for the sample
# with three cells changed, "upward" for the sample with 版头, 附注, 附件 and 版记 on
KINDS: list[tuple[str, str, list[str]]] = [
    ("plain", "sample", []),
    ("agency template", "sample", ["--agency", "某县市场监督管理局"]),
    ("agency with 版头 and 版记", "sample", ["--agency", "某市卫生健康委员会"]),
    ("upward", "upward", []),
    ("tracked changes", "corrected", ["--against", "earlier"]),
    ("annotate", "sample", ["--annotate"]),
    ("annotate + upward", "upward", ["--annotate"]),
    ("annotate + tracked changes", "corrected", ["--annotate", "--against", "earlier"]),
    ("tracked changes + upward", "upward", ["--against", "earlier"]),
]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import make_sample

    folder = tmp_path_factory.mktemp("各种 初稿")
    books = {"sample": SAMPLE}
    for name, edit in (("upward", upward), ("corrected", correct)):
        wb = make_sample.sample_workbook()
        edit(wb)
        books[name] = folder / f"{name} 工作簿.xlsx"
        wb.save(books[name])
    earlier = folder / "第一稿.docx"
    out: dict[str, Path] = {}
    for i, (kind, book, extra) in enumerate([("earlier", "sample", []), *KINDS]):
        path = earlier if kind == "earlier" else folder / f"初稿 {i}.docx"
        args = [str(earlier) if a == "earlier" else a for a in extra]
        result = CliRunner().invoke(main, ["build", str(books[book]), "-o", str(path), *args])
        assert result.exit_code == 0, (kind, result.output)
        out[kind] = path
    return out


@pytest.mark.parametrize("kind", [k for k, _, _ in KINDS])
def test_openxml_audit_finds_nothing(drafts: dict[str, Path], kind: str) -> None:
    result = OpenXmlValidator().validate(drafts[kind])
    assert [str(e) for e in result.errors] == []
    assert result.is_valid


_STYLE_REF = re.compile(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"')


@pytest.mark.parametrize("kind", [k for k, _, _ in KINDS])
def test_every_style_a_part_names_is_defined(drafts: dict[str, Path], kind: str) -> None:
    """Our own check, wider than the validator's: every part (comments and footers too)."""
    with zipfile.ZipFile(drafts[kind]) as z:
        defined = set(re.findall(rb'w:styleId="([^"]+)"', z.read("word/styles.xml")))
        named = {
            (name, ref)
            for name in z.namelist()
            if name.startswith("word/") and name.endswith(".xml")
            for ref in _STYLE_REF.findall(z.read(name))
        }
    assert {(part, ref.decode()) for part, ref in named if ref not in defined} == set()
    assert {b"CommentText", b"CommentReference"} <= defined or "annotate" not in kind
