"""What a reviewer does to a draft is never lost on a rebuild; a draft saved unchanged is rebuilt.

The edits are made the way an office makes them: LibreOffice writes each edited file (the edit
is put into the XML, then LibreOffice opens and saves it, so the file is LibreOffice's own XML), and
``build`` onto it must refuse without ``--force`` and keep it byte for byte with it.  The draft that
LibreOffice merely saved — new XML, same content — is recognised as unchanged.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.app import main
from generator.docx.content import content_lines
from generator.docx.fingerprint import docx_parts, read_stamp
from tests.conftest import SAMPLE, files_in
from tests.pdf_layout import soffice_exe

EDITED = (
    "这个文件已在生成后被修改过，为免丢失修改，没有覆盖。"
    "请换一个输出文件名；确需覆盖时加 --force，原文件会先备份在旁边。"
)
FIGURE = "行政处罚案件168起"


def build(workbook: Path, out: Path, *extra: str) -> Any:
    return CliRunner().invoke(main, ["build", str(workbook), "-o", str(out), *extra])


def rezip(src: Path, dst: Path, **changes: bytes) -> Path:
    parts = docx_parts(src)
    parts.update(changes)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return dst


def with_comment(draft: Path, dst: Path) -> Path:
    """The draft with a colleague's comment on the penalty figure (a comments part of Word's shape)."""
    parts = docx_parts(draft)
    doc = parts["word/document.xml"].decode()
    doc = doc.replace(FIGURE, '行政处罚案件</w:t></w:r><w:commentRangeStart w:id="7"/><w:r><w:t>168起', 1)
    doc = doc.replace(
        "168起", '168起</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r><w:r><w:t>', 1
    )
    comments = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:comment w:id="7" w:author="张科长" w:date="2026-02-01T10:00:00Z" w:initials="张">'
        "<w:p><w:r><w:t>请与执法科核对这个数字。</w:t></w:r></w:p></w:comment></w:comments>"
    )
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.comments+xml"/></Types>',
        )
    )
    rels = (
        parts["word/_rels/document.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rIdReview1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'comments" Target="comments.xml"/></Relationships>',
        )
    )
    return rezip(
        draft,
        dst,
        **{
            "word/document.xml": doc.encode(),
            "word/comments.xml": comments.encode(),
            "[Content_Types].xml": types.encode(),
            "word/_rels/document.xml.rels": rels.encode(),
        },
    )


def with_bold_red_figure(draft: Path, dst: Path) -> Path:
    """The draft with 168 set bold and red, where the leader marked it."""
    doc = docx_parts(draft)["word/document.xml"].decode()
    red = '</w:t></w:r><w:r><w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr><w:t>168</w:t></w:r><w:r><w:t>'
    doc = doc.replace(FIGURE, f"行政处罚案件{red}起", 1)
    return rezip(draft, dst, **{"word/document.xml": doc.encode()})


def with_footer_changed(draft: Path, dst: Path) -> Path:
    """The draft with the odd pages' footer saying 第 N 页 instead of — N —."""
    footer = docx_parts(draft)["word/footer1.xml"].decode()
    assert footer.count(">— <") == 1
    return rezip(draft, dst, **{"word/footer1.xml": footer.replace(">— <", ">第 <").encode()})


def saved_by_libreoffice(sources: list[Path], folder: Path) -> list[Path]:
    """Each file opened and saved as DOCX by LibreOffice (one run for all), into ``folder``."""
    folder.mkdir()
    subprocess.run(
        [
            soffice_exe(),
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            *("--convert-to", "docx", "--outdir", str(folder)),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return [folder / s.name for s in sources]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The draft, and the draft saved by LibreOffice unchanged and after each reviewer's edit."""
    root = tmp_path_factory.mktemp("审阅 往返")
    draft = root / "初稿.docx"
    assert build(SAMPLE, draft).exit_code == 0
    made = root / "edits"
    made.mkdir()
    edits = {
        "unchanged": rezip(draft, made / "unchanged.docx"),
        "comment": with_comment(draft, made / "comment.docx"),
        "bold red": with_bold_red_figure(draft, made / "bold_red.docx"),
        "footer": with_footer_changed(draft, made / "footer.docx"),
    }
    saved = saved_by_libreoffice(list(edits.values()), root / "LibreOffice 保存")
    return {"draft": draft, **dict(zip(edits, saved, strict=True))}


def test_libreoffice_writes_its_own_xml_and_keeps_the_edits_and_the_fingerprint(office: dict[str, Path]) -> None:
    draft = docx_parts(office["draft"])
    for name in ("unchanged", "comment", "bold red", "footer"):
        parts = docx_parts(office[name])
        assert parts["word/document.xml"] != draft["word/document.xml"], name  # new XML
        assert read_stamp(office[name]).stored == read_stamp(office["draft"]).stored, name  # the property kept
    comments = docx_parts(office["comment"])["word/comments.xml"].decode()
    assert "请与执法科核对这个数字。" in comments and "张科长" in comments
    assert re.search(
        r"<w:b/><w:bCs/><w:color w:val=\"FF0000\"/>|<w:color w:val=\"FF0000\"/>",
        docx_parts(office["bold red"])["word/document.xml"].decode(),
    )
    assert any("第 " in v.decode() for k, v in docx_parts(office["footer"]).items() if "footer" in k)


@pytest.mark.parametrize("name", ["comment", "bold red", "footer"])
def test_an_edit_saved_by_libreoffice_is_refused_and_kept_byte_for_byte_with_force(
    office: dict[str, Path], tmp_path: Path, name: str
) -> None:
    out = tmp_path / "报告 初稿.docx"
    out.write_bytes(office[name].read_bytes())
    edited = out.read_bytes()
    result = build(SAMPLE, out)
    assert (result.exit_code, result.output) == (1, f"错误：{out}：{EDITED}\n")
    assert out.read_bytes() == edited
    result = build(SAMPLE, out, "--force")
    assert result.exit_code == 0, result.output
    [backup] = tmp_path.glob("报告 初稿.*.备份.docx")
    assert backup.read_bytes() == edited
    assert out.read_bytes() == office["draft"].read_bytes()


def test_the_draft_saved_unchanged_by_libreoffice_is_rebuilt_without_a_backup(
    office: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "报告.docx"
    out.write_bytes(office["unchanged"].read_bytes())
    result = build(SAMPLE, out)
    assert result.exit_code == 0, result.output
    assert "备份" not in result.output and files_in(tmp_path) == [out]
    assert out.read_bytes() == office["draft"].read_bytes()


def test_the_canonical_content_ignores_how_runs_are_split_and_styles_are_named(office: dict[str, Path]) -> None:
    draft, saved = (content_lines(docx_parts(office[k])) for k in ("draft", "unchanged"))
    assert draft == saved
    edited = content_lines(docx_parts(office["bold red"]))
    [changed] = [line for line in edited if line not in draft]
    assert '"b": true' in changed and '"color": "FF0000"' in changed and '"168"' in changed


def test_a_table_cell_edit_is_refused(make_workbook: Any, tmp_path: Path) -> None:
    from tests.test_upward import upward

    out = tmp_path / "上报.docx"
    assert build(make_workbook(upward), out).exit_code == 0
    doc = docx_parts(out)["word/document.xml"].decode()
    cells = re.findall(r"<w:tc>.*?</w:tc>", doc)
    assert cells, "the upward draft has its attachment table"
    cell = next(c for c in cells if ">168<" in c)
    edited = rezip(
        out, tmp_path / "改表.docx", **{"word/document.xml": doc.replace(cell, cell.replace(">168<", ">172<")).encode()}
    )
    out.write_bytes(edited.read_bytes())
    result = build(make_workbook(upward, name="再生成.xlsx"), out)
    assert (result.exit_code, result.output) == (1, f"错误：{out}：{EDITED}\n")


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_a_tracked_change_accepted_or_rejected_is_refused(make_workbook: Any, tmp_path: Path, decision: str) -> None:
    from tests.test_reruns import correct

    first, second = tmp_path / "第一稿.docx", tmp_path / "第二稿.docx"
    assert build(make_workbook(name="旧.xlsx"), first).exit_code == 0
    new = make_workbook(correct, name="新.xlsx")
    assert build(new, second, "--against", str(first)).exit_code == 0
    assert read_stamp(second).stored == read_stamp(second).now
    doc = docx_parts(second)["word/document.xml"].decode()
    insertion = re.search(r"<w:ins [^>]*>(.*?)</w:ins>", doc)
    deletion = re.search(r"<w:del [^>]*>(.*?)</w:del>", doc)
    assert insertion and deletion
    if decision == "accept":  # the insertion's runs stay, the deletion goes
        doc = doc.replace(insertion.group(0), insertion.group(1)).replace(deletion.group(0), "")
    else:  # the deletion's text comes back, the insertion goes
        doc = doc.replace(deletion.group(0), deletion.group(1).replace("w:delText", "w:t")).replace(
            insertion.group(0), ""
        )
    rezip(second, tmp_path / "审阅后.docx", **{"word/document.xml": doc.encode()})
    second.write_bytes((tmp_path / "审阅后.docx").read_bytes())
    result = build(new, second, "--against", str(first))
    assert (result.exit_code, result.output) == (1, f"错误：{second}：{EDITED}\n")


def test_a_draft_with_the_old_fingerprint_is_refused_as_possibly_edited(tmp_path: Path) -> None:
    """Before v2 the fingerprint was a hash of the body text only: such a draft may carry a comment
    or a red figure the old hash never saw, so it is not overwritten without --force."""
    out = tmp_path / "去年的程序生成.docx"
    assert build(SAMPLE, out).exit_code == 0
    parts = docx_parts(out)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    import xml.etree.ElementTree as ET

    body = ET.fromstring(parts["word/document.xml"])
    text = "\n".join("".join(t.text or "" for t in p.iter(f"{w}t")) for p in body.iter(f"{w}p"))
    old = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    custom = re.sub(rb"v2:sha256:[0-9a-f]+", old.encode(), parts["docProps/custom.xml"])
    rezip(out, tmp_path / "旧.docx", **{"docProps/custom.xml": custom})
    out.write_bytes((tmp_path / "旧.docx").read_bytes())
    before = out.read_bytes()
    result = build(SAMPLE, out)
    assert result.exit_code == 1
    assert result.output == (
        f"错误：{out}：这个文件由旧版本的本程序生成，旧版本只记下了正文文字，无法确认批注、格式、页眉页脚等是否"
        "在生成后被修改过，为免丢失修改，没有覆盖。请换一个输出文件名；确需覆盖时加 --force，原文件会先备份在旁边。\n"
    )
    assert out.read_bytes() == before
    assert build(SAMPLE, out, "--force").exit_code == 0
    [backup] = tmp_path.glob("去年的程序生成.*.备份.docx")
    assert backup.read_bytes() == before
