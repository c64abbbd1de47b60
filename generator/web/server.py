"""Starting the server: the settings, the database brought up to date, the office's account, waitress."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

OFFICE_USERNAME = "管理员"


@dataclass(frozen=True)
class Started:
    office_username: str
    office_password: str | None  # set when the account was made (or reset) by this start
    finished: int = 0  # uploads a stopped server had stored but not built, built at this start


def prepare(data_dir: Path, database: str | None = None, reset_office_password: bool = False) -> Started:
    """Configure Django, apply the migrations, make the office's account on the first start."""
    from generator.web.settings import configure

    configure(data_dir, database)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.utils import OperationalError

    from generator.errors import OutputProblem

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except OperationalError as exc:
        where = redacted(database) if database else str(data_dir)
        raise OutputProblem(
            f"{where}：无法打开数据库（{str(exc).strip().splitlines()[0]}）。"
            "请检查数据库地址、用户名和密码，以及数据库服务是否已启动。"
        ) from exc
    from generator.web.office import new_password

    users = get_user_model().objects
    office = users.filter(is_staff=True).order_by("id").first()
    password = None
    if office is None:
        password = new_password()
        office = users.create_user(username=OFFICE_USERNAME, password=password, is_staff=True)
    elif reset_office_password:
        password = new_password()
        office.set_password(password)
        office.save()
    from generator.web.work import finish_pending

    return Started(office.get_username(), password, finish_pending())


def redacted(database: str) -> str:
    """The database URL with its password hidden, to print."""
    from urllib.parse import urlsplit, urlunsplit

    url = urlsplit(database)
    if url.password is None:
        return database
    host = url.netloc.rpartition("@")[2]
    return urlunsplit(url._replace(netloc=f"{url.username}:***@{host}"))


def application() -> object:
    """The WSGI application (after :func:`prepare`)."""
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def bind(host: str, port: int, threads: int = 8) -> Any:
    """The waitress server of the pages, bound to ``host:port`` (``.run()`` serves until Ctrl+C); a port
    in use or an address not of this machine is an :class:`OutputProblem` saying what to do."""
    import errno

    import waitress

    from generator.errors import OutputProblem
    from generator.web.settings import MAX_UPLOAD_BYTES

    try:
        server = waitress.create_server(
            application(),
            host=host,
            port=port,
            threads=threads,
            max_request_body_size=4 * MAX_UPLOAD_BYTES,  # past the form's own limit, so the form says it in Chinese
            ident="report-draft",
        )
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, 10048):  # 10048: Windows' WSAEADDRINUSE
            raise OutputProblem(
                f"{host}:{port}：这个端口已被占用（可能已有一个 report-draft serve 在运行）。"
                f"请先停止它，或换一个端口，例如 --port {port + 1}。"
            ) from exc
        if exc.errno in (errno.EADDRNOTAVAIL, 10049):
            raise OutputProblem(
                f"{host}：不是本机的地址。请写本机的局域网地址，或 0.0.0.0（所有地址），或不写（只供本机访问）。"
            ) from exc
        raise
    return server
