"""Starting the server: the settings, the database brought up to date, the office's account, waitress."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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

    call_command("migrate", interactive=False, verbosity=0)
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


def application() -> object:
    """The WSGI application (after :func:`prepare`)."""
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def serve(host: str, port: int, threads: int = 8) -> None:
    """Serve the pages with waitress until stopped (Ctrl+C)."""
    import waitress

    from generator.web.settings import MAX_UPLOAD_BYTES

    waitress.serve(
        application(),
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=4 * MAX_UPLOAD_BYTES,  # past the form's own limit, so the form says it in Chinese
        ident="report-draft",
    )
