"""Django's settings, made in code from ``serve``'s options: a data folder and a database.

The default database is a SQLite file in the data folder; ``--database postgresql://user:pw@host:port/name``
uses PostgreSQL (psycopg).  The secret key is made once and kept in the data folder, so sessions
survive a restart and no key is ever in the code."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.errors import OutputProblem

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a workbook or a Word 定稿; the readers' own bounds come after
DATABASE_FILE = "report-draft.sqlite3"
# Writers wait for each other (up to 30 s) instead of failing: a transaction takes the write lock
# when it begins (IMMEDIATE), so one that read first never fails to upgrade ("database is locked",
# seen with fifty departments uploading at once); WAL lets readers go on meanwhile.
SQLITE_OPTIONS = {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}


def database_settings(database: str | None, data_dir: Path) -> dict[str, object]:
    """Django's DATABASES entry for ``database`` (None: the SQLite file in ``data_dir``)."""
    if not database:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(data_dir / DATABASE_FILE),
            "OPTIONS": SQLITE_OPTIONS,
        }
    url = urlsplit(database)
    if url.scheme in ("postgresql", "postgres"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(url.path.lstrip("/")),
            "USER": unquote(url.username or ""),
            "PASSWORD": unquote(url.password or ""),
            "HOST": url.hostname or "",
            "PORT": str(url.port or ""),
        }
    if url.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(url.path), "OPTIONS": SQLITE_OPTIONS}
    raise OutputProblem(
        f"--database {url.scheme}://…：不认识的数据库地址。请写 postgresql://用户:密码@主机:端口/库名，"
        "或不写这一项，使用数据目录中的 SQLite 文件。"
    )


def secret_key(data_dir: Path) -> str:
    """The key signing sessions and CSRF tokens: made once, kept in the data folder."""
    path = data_dir / "secret_key.txt"
    if not path.exists():
        from generator.files import write_bytes

        write_bytes(path, secrets.token_urlsafe(50).encode("ascii"))
    return path.read_text(encoding="ascii").strip()


def configure(data_dir: Path, database: str | None = None, debug: bool = False) -> None:
    """Set Django up for this data folder and database (once a process)."""
    import django
    from django.conf import settings

    if settings.configured:
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    settings.configure(
        DEBUG=debug,
        SECRET_KEY=secret_key(data_dir),
        ALLOWED_HOSTS=["*"],  # an intranet server reached by its address; no link is built from the Host
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "generator.web.apps.WebConfig",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        ROOT_URLCONF="generator.web.urls",
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
            }
        ],
        DATABASES={"default": database_settings(database, data_dir)},
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        USE_TZ=True,
        TIME_ZONE="Asia/Shanghai",
        LANGUAGE_CODE="zh-hans",
        USE_I18N=True,
        LOGIN_URL="/login/",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        CSRF_COOKIE_SAMESITE="Lax",
        SESSION_EXPIRE_AT_BROWSER_CLOSE=True,
        DATA_UPLOAD_MAX_MEMORY_SIZE=MAX_UPLOAD_BYTES + 1024 * 1024,
        FILE_UPLOAD_MAX_MEMORY_SIZE=MAX_UPLOAD_BYTES + 1024 * 1024,
        DATA_UPLOAD_MAX_NUMBER_FIELDS=200,
        REPORT_DRAFT_DATA=str(data_dir),
        X_FRAME_OPTIONS="DENY",
    )
    django.setup()
