"""Where templates come from: the default set, and agency folders that override parts of it.

An agency folder holds a ``report.j2`` that extends ``default/report.j2`` and overrides only the
blocks that differ.  Agency folders are looked for in ``templates/agencies`` of the current folder
(an office's own) and then among those installed with the package (the shipped examples).  No
Jinja here: this module finds folders, writes the scaffold and reads from the files what a set
defines (its blocks, the names of its 用语), so that validating a profile needs no renderer;
:mod:`generator.render.engine` renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import TemplateProblem

MAIN = "report.j2"
GUIDE = "说明.md"
_NAME = re.compile(r"^[^\\/:*?\"<>|\s.][^\\/:*?\"<>|]*$")  # a folder name valid on Windows too


def templates_root() -> Path:
    """The folder holding ``default/`` and ``agencies/``: installed with the package, or the checkout's."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    return installed if (installed / "default").is_dir() else package.parent / "templates"


@dataclass(frozen=True)
class TemplateSet:
    """The templates one build uses: an agency folder (or none) in front of the default set."""

    name: str
    folder: Path | None
    default: Path

    @property
    def main(self) -> str:
        """The template to render: the agency's report.j2 if it has one, else the default's."""
        if self.folder is not None and (self.folder / MAIN).is_file():
            return MAIN
        return f"default/{MAIN}"


DEFAULT_NAME = "默认"


def agency_roots() -> list[Path]:
    return [Path.cwd() / "templates" / "agencies", templates_root() / "agencies"]


def list_agencies() -> list[tuple[str, Path, str]]:
    """Every agency folder found: its name, its folder and the first line of its guide."""
    seen: dict[str, tuple[str, Path, str]] = {}
    for root in agency_roots():
        if not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            if folder.name in seen:
                continue
            guide = folder / GUIDE
            first = guide.read_text(encoding="utf-8").strip().splitlines()[0].lstrip("# ") if guide.is_file() else ""
            seen[folder.name] = (folder.name, folder, first)
    return list(seen.values())


def template_set(agency: str | None = None, folder: Path | None = None) -> TemplateSet:
    """The template set for ``--templates DIR`` or ``--agency NAME`` (or the default)."""
    default = templates_root() / "default"
    if folder is not None:
        if not folder.is_dir():
            raise TemplateProblem(f"{folder}：模板文件夹不存在。请检查路径，或用 report-draft templates new 新建。")
        return TemplateSet(folder.name, folder, default)
    if not agency or agency == DEFAULT_NAME:
        return TemplateSet(DEFAULT_NAME, None, default)
    for name, path, _ in list_agencies():
        if name == agency:
            return TemplateSet(name, path, default)
    known = "、".join(n for n, _, _ in list_agencies()) or "（还没有）"
    raise TemplateProblem(
        f"找不到名为“{agency}”的机关模板。可用的有：{known}。"
        f"可用 report-draft templates new {agency} 新建，或用 --templates 指定模板文件夹。"
    )


def scaffold(name: str, root: Path, blocks: list[tuple[str, str]]) -> Path:
    """Create an agency folder with a guide and every overridable block listed, commented out.

    ``blocks`` are (block name, its text in the default template)."""
    if not _NAME.match(name):
        raise TemplateProblem(f'“{name}”不能用作文件夹名。请换一个名称（不含 \\ / : * ? " < > | 和空格开头）。')
    folder = root / name
    if folder.exists():
        raise TemplateProblem(f"{folder}：已经存在，没有覆盖。换一个名称，或直接编辑其中的文件。")
    folder.mkdir(parents=True)
    lines = [
        "{#-",
        f"  {name} 的报告模板：只改与默认模板不同的部分。",
        "  下面列出了默认模板中可以改写的每一个部分（block），都已注释掉，内容与默认模板相同。",
        "  要改写某一部分：删去它前后两行的注释标记（“---- 名称 ----”那一行和其后单独的一行），",
        "  再修改其中的文字。没有改写的部分沿用默认模板。",
        "  规定的五个部分（【事项一】至【事项五】）的顺序由默认模板固定，不能删改。",
        "-#}",
        '{% extends "default/report.j2" %}',
        "",
    ]
    for block, body in blocks:
        lines.append(f"{{# ---- {block} ----")
        lines.append(f"{{% block {block} %}}{body}{{% endblock %}}")
        lines.append("#}")
        lines.append("")
    (folder / MAIN).write_text("\n".join(lines), encoding="utf-8")
    (folder / GUIDE).write_text(
        f"# {name} 的报告模板\n\n"
        "本文件夹的 report.j2 继承默认模板，只改写需要不同的部分。\n\n"
        "1. 打开 report.j2，找到要改的部分（例如 opening 是开头段落），删去它前后两行的注释标记。\n"
        "2. 修改其中的文字；`{{ ... }}` 是从工作簿填入的数据，`【二级】` 等标记说明段落的层级。\n"
        f"3. 运行 `report-draft build 数据.xlsx --agency {name}` 生成报告，"
        f"`report-draft templates show {name}` 查看每一部分来自哪个文件。\n",
        encoding="utf-8",
    )
    return folder


_WORDING = re.compile(r"wording\(\s*[\"']([^\"']+)[\"']")


def wording_names(templates: TemplateSet) -> set[str]:
    """The names of the recurring phrases the templates use (what a profile's 用语 may set)."""
    files = [templates.default / "report.j2"]
    if templates.folder is not None:
        files += sorted(templates.folder.glob("*.j2"))
    return {m[1] for f in files for m in _WORDING.finditer(f.read_text(encoding="utf-8"))}


_BLOCK_TAG = re.compile(r"{%-?\s*(block\s+(\w+)|endblock)\b[^%]*-?%}")


def default_blocks(templates: TemplateSet | None = None) -> list[tuple[str, str]]:
    """The default template's blocks, outermost first, each with its source text (for scaffolds)."""
    templates = templates or template_set()
    source = (templates.default / "report.j2").read_text(encoding="utf-8")
    out: list[tuple[str, str]] = []
    stack: list[tuple[str, int]] = []
    for m in _BLOCK_TAG.finditer(source):
        if m[2]:
            stack.append((m[2], m.end()))
            out.append((m[2], ""))
        elif stack:
            name, start = stack.pop()
            out[[n for n, _ in out].index(name)] = (name, source[start : m.start()])
    return out
