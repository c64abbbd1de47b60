"""Turn a draft into PDF with LibreOffice, when it is installed.

LibreOffice runs headless in a private, temporary profile, so a LibreOffice window the clerk has
open does not swallow the request; the PDF is written beside the draft through a rename.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import OutputProblem
from .files import write_bytes

CONVERT_TIMEOUT_S = 180
_WINDOWS_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
)
HOW_TO_GET = (
    "未找到 LibreOffice，无法生成 PDF（Word 初稿已生成）。请安装 LibreOffice（免费，www.libreoffice.org），"
    "或在 Word / WPS 中打开初稿，选择“另存为”→ PDF。"
)


def find_soffice() -> str | None:
    """LibreOffice's soffice: on PATH, or where the Windows installer puts it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for p in _WINDOWS_PLACES if p.exists()), None)


def convert_to_pdf(docx: Path, pdf: Path) -> None:
    """Write ``pdf`` from ``docx``; raise :class:`OutputProblem` with a Chinese message if it cannot."""
    exe = find_soffice()
    if exe is None:
        raise OutputProblem(HOW_TO_GET)
    with tempfile.TemporaryDirectory(prefix="report-draft-") as tmp:
        folder = Path(tmp)
        profile = (folder / "profile").as_uri()
        source = folder / "draft.docx"  # a plain name: some LibreOffice builds mishandle unusual paths
        shutil.copyfile(docx, source)
        try:
            subprocess.run(
                [
                    exe,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=CONVERT_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired as exc:
            raise OutputProblem(f"{pdf}：LibreOffice 转换超过 {CONVERT_TIMEOUT_S} 秒仍未完成，已放弃。") from exc
        except (subprocess.CalledProcessError, OSError) as exc:
            raise OutputProblem(
                f"{pdf}：LibreOffice 转换失败（{exc}）。可在 Word / WPS 中打开初稿另存为 PDF。"
            ) from exc
        produced = folder / "draft.pdf"
        if not produced.exists():
            raise OutputProblem(f"{pdf}：LibreOffice 没有生成 PDF。可在 Word / WPS 中打开初稿另存为 PDF。")
        write_bytes(pdf, produced.read_bytes())
