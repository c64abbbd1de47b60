"""Chinese for click's own words (Usage, Options, its error messages).

click marks its messages with ``gettext`` but ships no Chinese catalogue; we give its modules a
``_`` that looks the English up here and falls back to it.
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error": "错误",
    "Try '{command} {option}' for help.": "输入 '{command} {option}' 查看帮助。",
    "Error: {message}": "错误：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "No such option: {name}": "没有这个选项：{name}",
    "No such command {name!r}.": "没有这个命令：{name!r}。",
    "Got unexpected extra argument ({args})": "多了一个参数（{args}）",
    "Got unexpected extra arguments ({args})": "多了几个参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面需要一个值。",
    "Invalid value for {param_hint}": "{param_hint} 的值不正确",
    "Invalid value": "值不正确",
    "argument": "参数",
    "option": "选项",
}


def _(message: str) -> str:
    return MESSAGES.get(message, message)


def install() -> None:
    """Point click's message lookups at :data:`MESSAGES`."""
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
