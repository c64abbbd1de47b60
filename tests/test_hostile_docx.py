"""Hostile DOCX files given to ``check`` and to ``build --against``: each ends in its whole Chinese
message, exit 1, no output, within 10 s and 300 MB, measured in a process of its own.  A real report
of 261 pages, and the costliest file the limits let through, are read in bounds too."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from generator.docx import limits as docx_limits
from generator.docx import props as docx_props
from tests.conftest import SAMPLE
from tests.hostile_docx import HOSTILE_DOCX, long_report, under_the_limits
from tests.hostile_files import MAX_MB, MAX_SECONDS, Measured, measure

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="peak memory is read with the resource module")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, sample_docx: Path) -> dict[str, Path]:
    """Each case's file, made once for both commands, in a folder with Chinese and spaces."""
    folder = tmp_path_factory.mktemp("来历 不明")
    made: dict[str, Path] = {}
    for name, case in HOSTILE_DOCX.items():
        made[name] = folder / f"{name}.docx"
        case.make(sample_docx, made[name])
    return made


def _bounded(run: Measured) -> None:
    assert run.seconds < MAX_SECONDS and run.mb < MAX_MB, run


def _ratio(path: Path) -> int:
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    return info.file_size // info.compress_size


def _expected(name: str, path: Path) -> str:
    size = zipfile.ZipFile(path).getinfo("word/styles.xml").file_size if name == "40 MB styles part" else 0
    ratio = _ratio(path) if name == "four million empty paragraphs" else 0
    parts = len(zipfile.ZipFile(path).infolist()) if name == "5,000 parts" else 0
    return HOSTILE_DOCX[name].message.format(path=path, ratio=ratio, mb=size // docx_limits.MB, parts=parts)


@posix_only
@pytest.mark.parametrize("name", list(HOSTILE_DOCX))
def test_check_refuses_a_hostile_docx_in_bounded_time_and_memory(hostile: dict[str, Path], name: str) -> None:
    run = measure("check", hostile[name])
    assert run.output == _expected(name, hostile[name]) + "\n"
    assert run.status == 1
    _bounded(run)


@posix_only
@pytest.mark.parametrize("name", list(HOSTILE_DOCX))
def test_build_against_a_hostile_docx_refuses_it_in_bounded_time_and_memory(
    hostile: dict[str, Path], name: str, tmp_path: Path
) -> None:
    out = tmp_path / "新 初稿.docx"
    run = measure("build", SAMPLE, "-o", out, "--against", hostile[name])
    if HOSTILE_DOCX[name].against_reads:
        assert run.output == _expected(name, hostile[name]) + "\n"
        assert run.status == 1
        assert not out.exists() and list(tmp_path.iterdir()) == []
    else:  # a part --against never opens: the draft is made, the part untouched
        assert run.status == 0 and out.exists(), run.output
    _bounded(run)


def test_the_four_million_paragraphs_pack_as_the_issue_says(hostile: dict[str, Path]) -> None:
    """The file of the issue: 52 KB or less, millions of paragraphs, refused for its ratio."""
    path = hostile["four million empty paragraphs"]
    assert path.stat().st_size < 60_000
    assert zipfile.ZipFile(path).read("word/document.xml").count(b"<w:p/>") == 4_000_000


def test_each_limit_is_met_by_its_own_case(hostile: dict[str, Path]) -> None:
    """A case per limit, so none is reached only through another."""
    depth = zipfile.ZipFile(hostile["20,000 levels of nesting"]).getinfo("word/document.xml")
    assert depth.file_size < docx_limits.RATIO_FLOOR  # refused for its depth, not its ratio
    table = zipfile.ZipFile(hostile["a 500 × 500 table"]).getinfo("word/document.xml")
    assert table.file_size < docx_limits.MAX_RATIO * table.compress_size  # refused for its tags
    paragraphs = zipfile.ZipFile(hostile["60,000 paragraphs"]).read("word/document.xml")
    assert paragraphs.count(b"<") < docx_limits.MAX_TAGS  # refused for its paragraphs


@posix_only
def test_a_261_page_report_is_checked_and_compared_in_bounds(sample_docx: Path, tmp_path: Path) -> None:
    """The limits leave a real report alone with a wide margin: the sample forty times over, its
    text in Word-like runs (261 pages in LibreOffice)."""
    path = tmp_path / "三百 页.docx"
    long_report(sample_docx, path)
    run = measure("check", path)
    assert not run.output.startswith("错误"), run.output[:300]
    rules = {line.split("〔")[1].split("｜")[0] for line in run.output.splitlines() if "〔" in line}
    assert rules == {"numbering.sequence", "items.order"}  # the sample's body repeated: its numbers restart
    assert run.status == 1
    _bounded(run)
    doc = docx_props.read_docx(path)
    assert len(doc.paragraphs) * 4 < docx_props.MAX_PARAGRAPHS
    assert sum(len(p.runs) for p in doc.paragraphs) * 2 < docx_props.MAX_RUNS
    assert zipfile.ZipFile(path).read("word/document.xml").count(b"<") * 8 < docx_limits.MAX_TAGS
    out = tmp_path / "第二稿.docx"
    built = measure("build", SAMPLE, "-o", out, "--against", path)
    assert built.status == 0 and out.exists(), built.output
    _bounded(built)


@posix_only
def test_the_costliest_file_the_limits_let_through_is_read_in_bounds(sample_docx: Path, tmp_path: Path) -> None:
    path = tmp_path / "临界.docx"
    under_the_limits(sample_docx, path)
    run = measure("check", path)
    assert run.status == 1 and "处不符合" in run.output.splitlines()[-1]
    _bounded(run)
    out = tmp_path / "第二稿.docx"
    built = measure("build", SAMPLE, "-o", out, "--against", path)
    assert built.status == 0 and out.exists(), built.output
    _bounded(built)


def test_the_opener_takes_bytes_and_names_them_as_told(sample_docx: Path) -> None:
    """For the fingerprint's reader: the bytes it holds in, parts out, errors naming the label."""
    with docx_limits.open_docx(sample_docx.read_bytes(), "输出 报告.docx") as pkg:
        assert pkg.xml("word/document.xml") is not None and pkg.read("docProps/custom.xml")
        assert pkg.read("no/such/part.xml") is None
    with pytest.raises(docx_limits.DocumentUnreadable) as refused:
        docx_limits.open_docx(b"", "输出 报告.docx")
    assert str(refused.value) == "输出 报告.docx：文件是空的（0 字节），不是 Word 文档。请确认文件已完整保存或下载。"


def test_the_readme_lists_every_hostile_docx() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert [name for name in HOSTILE_DOCX if f"`{name}`" not in readme] == []


@posix_only
@pytest.mark.parametrize("name", list(HOSTILE_DOCX))
def test_a_hostile_docx_at_the_output_path_is_kept_not_read_past_the_limits(
    hostile: dict[str, Path], name: str, tmp_path: Path
) -> None:
    """Before overwriting, build reads the file at the output path (is it our unchanged draft?):
    through the same limits, so a hostile file there is "not ours" — refused, or with --force
    backed up byte for byte — in bounded time and memory."""
    out = tmp_path / "初稿.docx"
    out.write_bytes(hostile[name].read_bytes())
    run = measure("build", SAMPLE, "-o", out)
    assert run.status == 1 and "为免丢失修改，没有覆盖" in run.output, run.output  # not ours, or edited
    assert out.read_bytes() == hostile[name].read_bytes()
    _bounded(run)
    run = measure("build", SAMPLE, "-o", out, "--force")
    assert run.status == 0, run.output
    [backup] = tmp_path.glob("初稿.*.备份.docx")
    assert backup.read_bytes() == hostile[name].read_bytes()
    _bounded(run)
