"""The agency profile (机关资料.toml) beside an agency's templates, validated like the workbook.

It holds what stays the same from year to year for one agency: its names, the 主送机关 and 署名,
which indicators its report leaves out, the order and titles of the subsections of item 一, the
wording of recurring phrases, and defaults for the 发文要素 sheet.  The workbook's own value wins
where both give one; a difference is a warning naming both.  Every problem names the file and the
key, in Chinese.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.errors import Problem, Severity
from generator.model.spans import Spans
from generator.read import catalogue as cat

PROFILE_FILE = "机关资料.toml"

NAME_KEYS = {f.label: f.key for f in cat.INFO_FIELDS if f.key not in ("year", "date", "template")}
DISPATCH_KEYS = {f.label: f.key for f in cat.DISPATCH_FIELDS}


class SectionSpec(BaseModel):
    """One subsection of item 一: its 所属分项 name, its 二级 title ("": the template's) and its lead
    paragraph (the workbook's 报告结构 sheet only; a profile gives name and title)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(alias="名称", min_length=1)
    title: str = Field(default="", alias="标题")
    lead: Spans = ()


class Profile(BaseModel):
    """What a profile says; empty when an agency has none."""

    model_config = ConfigDict(frozen=True)

    path: str = ""
    names: dict[str, str] = {}  # InfoField.key -> value
    hidden: frozenset[str] = frozenset()  # "sheet.key" of indicators left out
    sections: tuple[SectionSpec, ...] = ()  # item 一's subsections, in order, with titles
    wording: dict[str, str] = {}  # phrase name -> text
    dispatch: dict[str, str] = {}  # DispatchField.key -> value


@functools.cache
def _file_model() -> type[BaseModel]:
    """The shape of 机关资料.toml, built when an agency has one (pydantic takes 2.5 ms to build it)."""

    class _File(BaseModel):
        model_config = ConfigDict(extra="forbid", populate_by_name=True)

        names: dict[str, str] = Field(default_factory=dict)
        hidden: list[str] = Field(default_factory=list, alias="不写的指标")
        sections: list[SectionSpec] = Field(default_factory=list, alias="分项")
        wording: dict[str, str] = Field(default_factory=dict, alias="用语")
        dispatch: dict[str, str | bool] = Field(default_factory=dict, alias="发文要素")

    return _File


def _indicator_keys() -> dict[str, str]:
    """Every way to name an indicator in 不写的指标 → its "sheet.key"."""
    out: dict[str, str] = {}
    for spec in cat.INDICATOR_SHEETS:
        for ind in spec.indicators:
            out[f"{spec.name}.{ind.key}"] = out[f"{spec.key}.{ind.key}"] = out[ind.label] = f"{spec.key}.{ind.key}"
    return out


# What pydantic found wrong in 机关资料.toml, said for a clerk who edits the file in Notepad
_SHAPES = {
    "list_type": '应为用方括号括起来的列表，例如 ["行政执法.penalty_cases"]。',
    "dict_type": '应为单独的一节：另起一行写 [节名]，下面逐行写 "名称" = "内容"。',
    "string_type": "应为文字，用英文双引号括起来。",
    "string_too_short": "不能为空。",
    "extra_forbidden": "不是这里能写的项目，请删去或改正。",
    "missing": "缺少这一项。",
}
_BRANCHES = {"str", "bool", "int", "float"}  # pydantic names a union's branches in the location


def _where(loc: tuple[int | str, ...]) -> str:
    """``("分项", 0, "名称")`` → ``分项.第1项.名称``; a union's branch names left out."""
    parts = [f"第{x + 1}项" if isinstance(x, int) else x for x in loc if x not in _BRANCHES]
    return ".".join(parts)


def _near(word: str, choices: list[str]) -> str:
    import difflib  # only when a name is misspelt

    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.4)
    return f"，是不是想写：{'、'.join(close)}？" if close else "。"


def load_profile(folder: Path | None, wording_names: set[str]) -> tuple[Profile, list[Problem]]:
    """Read ``folder/机关资料.toml`` if there is one; ``wording_names`` are the phrases templates use."""
    if folder is None or not (folder / PROFILE_FILE).is_file():
        return Profile(), []
    import tomllib  # only for an agency with a profile

    path = folder / PROFILE_FILE
    problems: list[Problem] = []

    def problem(key: str, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(severity, f"{path}：“{key}”", message))

    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(
            Problem(
                Severity.ERROR,
                str(path),
                f'机关资料文件格式有误（{exc}）。请按 TOML 格式书写，例如 "主送机关" = "市委、市政府"。',
            )
        )
        return Profile(path=str(path)), problems
    names: dict[str, str] = {}
    rest: dict[str, Any] = {}
    known = [*NAME_KEYS, "不写的指标", "分项", "用语", "发文要素"]
    for key, value in data.items():
        if key in NAME_KEYS:
            if not isinstance(value, str):
                problem(key, "应为文字，用英文双引号括起来。")
            else:
                names[NAME_KEYS[key]] = value.strip()
        elif key in known:
            rest[key] = value
        else:
            problem(key, f"不是机关资料中的项目{_near(key, known)}")
    try:
        parsed: Any = _file_model().model_validate(rest)
    except ValidationError as exc:
        said: set[str] = set()
        for error in exc.errors():
            where = _where(error["loc"])
            if where not in said:  # a value of neither type of a union fails twice: say it once
                said.add(where)
                problem(where, _SHAPES.get(error["type"], "写法有误，请对照模板文件夹中的填写说明改正。"))
        return Profile(path=str(path), names=names), problems
    indicators = _indicator_keys()
    hidden: set[str] = set()
    for item in parsed.hidden:
        if item in indicators:
            hidden.add(indicators[item])
        else:
            problem("不写的指标", f"没有指标“{item}”{_near(item, list(indicators))}")
    seen: set[str] = set()
    for spec in parsed.sections:
        if spec.name in seen:
            problem("分项", f"分项“{spec.name}”重复。")
        seen.add(spec.name)
    for name in parsed.wording:
        if wording_names and name not in wording_names:
            problem(f"用语.{name}", f"模板中没有名为“{name}”的用语{_near(name, sorted(wording_names))}")
    dispatch: dict[str, str] = {}
    for key, value in parsed.dispatch.items():
        if key not in DISPATCH_KEYS:
            problem(f"发文要素.{key}", f"不是发文要素中的项目{_near(key, list(DISPATCH_KEYS))}")
            continue
        dispatch[DISPATCH_KEYS[key]] = ("是" if value else "否") if isinstance(value, bool) else str(value)
    return Profile(
        path=str(path),
        names=names,
        hidden=frozenset(hidden),
        sections=tuple(parsed.sections),
        wording=dict(parsed.wording),
        dispatch=dispatch,
    ), problems
