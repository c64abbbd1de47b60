"""The faces LibreOffice renders a draft in on Linux: the standard's faces mapped to free ones.

Without help LibreOffice shows 仿宋_GB2312, 黑体, 楷体_GB2312 and 方正小标宋简体 all as one Japanese
sans face.  :func:`private_fontconfig` writes a fontconfig file of our own (``fontconfig.xml`` beside
this module, filled in) that includes the system's configuration, adds the font folders fontconfig
does not index by default (TeX Live's Fandol faces), keeps its cache in our own folder and maps each
face to free simplified-Chinese faces that resemble it.  LibreOffice gets it through the
``FONTCONFIG_FILE`` environment variable; nothing on the system is changed.  Windows and macOS
LibreOffice do not use fontconfig and see the faces the machine has: there nothing is done.

:func:`face_notes` asks ``fc-match`` with that file which face each standard face becomes, and says
in Chinese which would not be one of the faces mapped to it, and what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from generator import gbt9704 as std
from generator.cache import cache_folder

TEMPLATE = Path(__file__).with_name("fontconfig.xml")
USES_FONTCONFIG = os.name == "posix" and sys.platform != "darwin"

# Where TeX Live puts the Fandol faces: Debian and Ubuntu, Fedora and Arch, TeX Live's own installer.
_FANDOL = "fonts/opentype/public/fandol"
_FANDOL_GLOBS = (
    f"/usr/share/texlive/texmf-dist/{_FANDOL}",
    f"/usr/share/texmf-dist/{_FANDOL}",
    f"/usr/share/texmf/{_FANDOL}",
    f"/usr/local/texlive/*/texmf-dist/{_FANDOL}",
    f"/opt/texlive/*/texmf-dist/{_FANDOL}",
)
_SYSTEM_CONFIGS = ("/etc/fonts/fonts.conf", "/usr/local/etc/fonts/fonts.conf")

# What each face is used for (the note names it) and the Debian package of each free face.
ROLES = {
    std.FONT_XIAOBIAOSONG: "标题",
    std.FONT_HEITI: "一级标题",
    std.FONT_KAITI: "二级标题",
    std.FONT_FANGSONG: "正文",
    std.FONT_SONGTI: "页码",
}
PACKAGES = {
    "FandolSong": "texlive-lang-chinese",
    "FandolFang": "texlive-lang-chinese",
    "FandolHei": "texlive-lang-chinese",
    "FandolKai": "texlive-lang-chinese",
    "AR PL KaitiM GB": "fonts-arphic-gkai00mp",
    "AR PL SungtiL GB": "fonts-arphic-gbsn00lp",
    "Noto Serif CJK SC": "fonts-noto-cjk",
    "Noto Sans CJK SC": "fonts-noto-cjk",
}
_OTHER_SCRIPTS = {" JP": "日文字形", " KR": "韩文字形", " TC": "繁体字形", " HK": "繁体字形"}


def font_folders() -> list[Path]:
    """Folders with free Chinese faces that fontconfig may not index: TeX Live's Fandol folder,
    where it is on this machine (the newest TeX Live first), else where ``kpsewhich`` finds it."""
    found: list[Path] = []
    for pattern in _FANDOL_GLOBS:
        head, star, tail = pattern.partition("*")
        matches = sorted(Path(head).glob(star + tail), reverse=True) if star and Path(head).is_dir() else [Path(head)]
        found.extend(m for m in matches if m.is_dir() and m not in found)
    if not found and shutil.which("kpsewhich"):
        try:
            out = subprocess.run(
                ["kpsewhich", "FandolSong-Regular.otf"], capture_output=True, text=True, timeout=20, check=False
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out:
            found.append(Path(out).parent)
    return found


def preferred_faces() -> dict[str, list[str]]:
    """Each face the template maps, with the free faces it prefers, in order."""
    faces: dict[str, list[str]] = {}
    for alias in ET.parse(TEMPLATE).getroot().iter("alias"):
        faces[alias.findtext("family", "")] = [f.text or "" for f in alias.iterfind("prefer/family")]
    return faces


def _system_config() -> str:
    chosen = os.environ.get("FONTCONFIG_FILE")  # a configuration the user chose is kept
    if chosen:
        return chosen
    where = os.environ.get("FONTCONFIG_PATH")
    candidates = [str(Path(where) / "fonts.conf")] if where else []
    return next((c for c in [*candidates, *_SYSTEM_CONFIGS] if Path(c).exists()), _SYSTEM_CONFIGS[0])


def private_fontconfig(folder: Path) -> dict[str, str]:
    """The environment to run LibreOffice in: FONTCONFIG_FILE naming our file, written in ``folder``.

    Empty where LibreOffice does not use fontconfig.  The font cache lives in the user's cache
    folder (reused by later runs), or in ``folder`` when caching is off."""
    if not USES_FONTCONFIG:
        return {}
    from lxml import etree

    cache = cache_folder("fontconfig") or folder / "fontconfig-cache"
    # our own file: its DOCTYPE names fontconfig's DTD, which is neither loaded nor fetched
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    root = etree.fromstring(TEMPLATE.read_bytes(), parser)
    root.find("cachedir").text = str(cache)
    root.find("include").text = _system_config()
    [mark] = [c for c in root.iter(etree.Comment) if c.text == "@DIRS@"]
    for d in font_folders():
        folder_el = etree.Element("dir")
        folder_el.text, folder_el.tail = str(d), mark.tail
        mark.addprevious(folder_el)
    root.remove(mark)
    conf = folder / "fonts.conf"
    conf.write_bytes(etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8"))
    return {"FONTCONFIG_FILE": str(conf)}


def resolve(face: str, env: dict[str, str]) -> tuple[list[str], list[str]] | None:
    """The families and languages fontconfig gives for ``face`` under ``env``; None without fc-match."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "-f", "%{family}\t%{lang}", face],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
            env={**os.environ, **env},
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families, _, langs = out.partition("\t")
    return [f.strip() for f in families.split(",") if f.strip()], langs.split("|")


def face_notes(env: dict[str, str]) -> list[str]:
    """For each standard face that would not render as itself or a free face resembling it, a note
    in Chinese: which face it becomes and what to install.  Empty when all is well, or when it
    cannot be told (no fontconfig)."""
    if not USES_FONTCONFIG or "FONTCONFIG_FILE" not in env:
        return []
    preferred = preferred_faces()
    notes = []
    for face, role in ROLES.items():
        resolved = resolve(face, env)
        if resolved is None:
            return []
        families, langs = resolved
        wanted = preferred.get(face, [])
        if face in families or any(w in families for w in wanted):
            continue
        got = families[0] if families else ""
        script = next((v for k, v in _OTHER_SCRIPTS.items() if k in got), "")
        if script:
            becomes = f"将显示为 {got}（{script}）"
        elif got and "zh-cn" in langs:
            becomes = f"将显示为 {got}，与之不像"
        else:  # a face with no Chinese: LibreOffice takes the characters from another, often Japanese, face
            becomes = f"将以 {got or '默认字体'} 代替（它不含简体中文字形，汉字将由其他字体补上，常为日文字形）"
        free = wanted[0] if wanted else "FandolFang"
        notes.append(
            f"提醒：PDF 中{role}的字体“{face}”本机没有，{becomes}。请安装“{face}”字体，"
            f"或与之相近的免费字体 {free}（Debian / Ubuntu：sudo apt-get install {PACKAGES.get(free, '')}）"
            "后重新生成。Word 初稿不受影响，仍使用标准字体名。"
        )
    return notes
