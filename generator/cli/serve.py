"""``report-draft serve``: the web pages for the departments and the collecting office.

Registered on the ``report-draft`` group by :mod:`generator.cli`; the work is :mod:`generator.web`'s."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from generator.cli.app import _HELP, _PathArg, _run, main

if TYPE_CHECKING:
    from pathlib import Path


DATA_DIR = "报告收集数据"  # beside where serve is started, unless --data names another


def data_option(help_text: str) -> Any:
    """The ``--data`` option of ``serve`` and of ``backup``: the server's data folder."""
    return click.option(
        "--data", "data_dir", type=_PathArg(file_okay=False), default=DATA_DIR, show_default=True, help=help_text
    )


@main.command(context_settings=_HELP)
@data_option("数据目录：数据库文件和所有上传、初稿都保存在这里。")
@click.option(
    "--host",
    default="127.0.0.1",
    metavar="地址",
    show_default=True,
    help="监听的地址；要让局域网内其他电脑访问，写 0.0.0.0 或本机的局域网地址。",
)
@click.option(
    "--port", default=8000, show_default=True, metavar="端口", type=click.IntRange(1, 65535), help="端口（1–65535）。"
)
@click.option(
    "--database",
    default=None,
    metavar="postgresql://…",
    help="使用 PostgreSQL：postgresql://用户:密码@主机:端口/库名；不写则使用数据目录中的 SQLite 文件。",
)
@click.option("--reset-office-password", is_flag=True, help="为收集管理员账号重新生成密码并显示。")
def serve(data_dir: Path, host: str, port: int, database: str | None, reset_office_password: bool) -> None:
    """启动网页服务：各部门在浏览器中下载工作簿、上传、查看错误、下载初稿；司法局查看收集情况。

    \b
    示例：report-draft serve
          report-draft serve --host 0.0.0.0 --port 8000
          report-draft serve --database postgresql://report:密码@127.0.0.1:5432/report
    """
    from generator.web.server import bind, prepare
    from generator.web.settings import configure

    _run(configure, data_dir.resolve(), database)
    server = _run(bind, host, port)  # before the office's account is made: its password is shown below
    started = _run(prepare, data_dir.resolve(), database, reset_office_password)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"数据目录：{data_dir.resolve()}")
    click.echo(f"网页地址：http://{shown}:{port}/")
    if started.office_password:
        click.echo(f"收集管理员账号：{started.office_username}　密码：{started.office_password}")
        click.echo("（密码只显示这一次，请记下；忘记时加 --reset-office-password 重新生成。）")
    else:
        click.echo(f"收集管理员账号：{started.office_username}（密码在第一次启动时已显示）")
    if started.finished:
        click.echo(f"上次停止时有 {started.finished} 次上传尚未生成初稿，已补做。")
    click.echo("按 Ctrl+C 停止服务。")
    server.run()
