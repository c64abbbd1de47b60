"""The PDF in a 公文's faces: on Linux LibreOffice gets the standard's faces mapped to free
simplified-Chinese ones (generator/docx/fonts.py), and `build --pdf` says when one is missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.docx.fonts
from generator import gbt9704 as std
from generator.cli.app import main
from generator.docx.fonts import USES_FONTCONFIG, face_notes, preferred_faces, private_fontconfig, resolve
from tests.conftest import SAMPLE
from tests.pdf_layout import line_faces, pdf_faces

pytestmark = pytest.mark.skipif(not USES_FONTCONFIG, reason="LibreOffice uses fontconfig only on Linux and BSD")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("字体 PDF") / "示例 报告.docx"
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    return out.with_suffix(".pdf"), result.output


def test_pdffonts_lists_no_japanese_or_korean_face_and_build_notes_nothing(built: tuple[Path, str]) -> None:
    pdf, output = built
    faces = pdf_faces(pdf)
    assert faces and not [f for f in faces if re.search(r"jp|kr|japan|korea", f, re.I)]
    assert set(faces) == {"FandolSong-Bold", "FandolHei-Regular", "FandolKai-Regular", "FandolFang-Regular"} | {
        "FandolSong-Regular"  # the page numbers' 宋体
    }
    assert "提醒：PDF" not in output


def test_title_headings_and_body_are_four_different_simplified_chinese_faces(built: tuple[Path, str]) -> None:
    lines = line_faces(built[0], page=1)

    def face_of(start: str) -> set[str]:
        return next(faces for text, faces in lines if text.startswith(start))

    used = {
        "title 方正小标宋简体": face_of("示例县卫生健康局"),
        "level 1 黑体": face_of("一、"),
        "level 2 楷体_GB2312": face_of("（一）"),
        "body 仿宋_GB2312": face_of("2025年，在县委"),
    }
    assert used == {
        "title 方正小标宋简体": {"FandolSong-Bold"},
        "level 1 黑体": {"FandolHei-Regular"},
        "level 2 楷体_GB2312": {"FandolKai-Regular"},
        "body 仿宋_GB2312": {"FandolFang-Regular"},
    }


def test_every_face_the_docx_names_is_mapped(tmp_path: Path) -> None:
    """The standard's faces and the font table's fallbacks all resolve to a mapped free face."""
    env = private_fontconfig(tmp_path)
    mapped = preferred_faces()
    for face in [*std.FONT_FALLBACKS, *std.FONT_FALLBACKS.values()]:
        resolved = resolve(face, env)
        assert resolved is not None
        assert mapped[face][0] in resolved[0], (face, resolved[0])
    assert face_notes(env) == []


def test_without_the_fandol_faces_build_pdf_says_which_face_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generator.docx.fonts, "font_folders", lambda: [])
    env = private_fontconfig(tmp_path)
    families = resolve(std.FONT_FANGSONG, env)
    assert families is not None
    if "FandolFang" in families[0]:
        pytest.skip("this machine's own fontconfig indexes the Fandol faces")
    got = families[0][0]
    out = tmp_path / "报告.docx"
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert (
        f"提醒：PDF 中正文的字体“仿宋_GB2312”本机没有，将以 {got} 代替（它不含简体中文字形，汉字将由其他字体补上，"
        "常为日文字形）。请安装“仿宋_GB2312”字体，或与之相近的免费字体 FandolFang（Debian / Ubuntu："
        "sudo apt-get install texlive-lang-chinese）后重新生成。Word 初稿不受影响，仍使用标准字体名。"
    ) in result.output.splitlines()
    assert out.with_suffix(".pdf").exists()
