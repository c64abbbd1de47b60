"""Install what the tests need, then run them: ``python tests/run.py [pytest arguments]``.

- On Debian or Ubuntu, LibreOffice (the stand-in renderer), CJK fonts, the free simplified-Chinese
  faces the PDF maps the standard's to (Fandol in texlive-lang-chinese, AR PL KaitiM GB; see
  generator/docx/fonts.py) and poppler-utils (pdftotext, pdffonts) are installed with apt-get when missing
  (as root, or through sudo): 71 MB downloaded, 278 MB on disk and 2 min 16 s for the fonts on a
  2-core machine with LibreOffice already there.  Elsewhere (Windows, macOS) install LibreOffice
  and poppler yourself; the script says so.
- The web tests need a browser and a database server: Debian's Chromium (driven by Playwright,
  whose own browser download is not needed) and PostgreSQL, installed the same way; the PostgreSQL
  cluster is started on loopback for the run, a role for the tests made in it, and stopped after.
  Without apt-get, set REPORT_DRAFT_TEST_POSTGRES=postgresql://user:pw@127.0.0.1:5432/postgres (a
  role that may create databases) to test against your own server; the tests skip PostgreSQL without it.
- The package and its test dependencies are installed into ``.venv`` beside the repository, so the
  system's Python is left alone, and pytest runs there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
DEBIAN_PACKAGES = [
    "libreoffice-writer-nogui",
    "fonts-noto-cjk",
    "poppler-utils",
    "texlive-lang-chinese",  # the Fandol faces (宋, 仿宋, 黑, 楷) the PDF uses
    "fonts-arphic-gkai00mp",  # AR PL KaitiM GB, the 楷体 fallback
    "chromium",  # the web tests' browser (tests/test_web_*.py, Playwright)
    "postgresql",  # the web tests' second database
]
TEST_ROLE = "report_draft_test"  # a role of the tests' own, on a cluster listening on loopback only


def _have_system_tools() -> bool:
    if shutil.which("dpkg-query"):  # Debian: every package, so that a new one on the list is installed
        listed = subprocess.run(
            ["dpkg-query", "-W", "-f", "${db:Status-Abbrev}\n", *DEBIAN_PACKAGES],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split("\n")
        return sum(line.startswith("ii") for line in listed) == len(DEBIAN_PACKAGES)
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    return bool(shutil.which("soffice") and shutil.which("pdftotext") and fonts.strip())


def install_system_packages() -> None:
    if shutil.which("fc-list") and _have_system_tools():
        return
    if not shutil.which("apt-get"):
        print("请先安装 LibreOffice、poppler（pdftotext）和中文字体，再运行测试。", file=sys.stderr)
        return
    prefix = [] if os.name != "posix" or os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*prefix, "apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", *DEBIAN_PACKAGES, "fontconfig"],
        check=True,
        env=env,
    )


def _as_postgres(*command: str) -> list[str]:
    if os.name == "posix" and os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return ["sudo", "-u", "postgres", *command]


def start_postgres() -> tuple[str, list[str]] | None:
    """Start Debian's PostgreSQL cluster if it is stopped and make the tests' role in it: the URL
    the tests use, and the command that stops what was started (None when there is no cluster)."""
    if os.environ.get("REPORT_DRAFT_TEST_POSTGRES") or not shutil.which("pg_lsclusters"):
        return None
    listed = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=False).stdout.split()
    if len(listed) < 4:
        return None
    version, cluster, port, status = listed[:4]
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    stop: list[str] = []
    if status != "online":
        subprocess.run([*prefix, "pg_ctlcluster", version, cluster, "start"], check=True)
        stop = [*prefix, "pg_ctlcluster", version, cluster, "stop"]
    password = TEST_ROLE
    sql = (
        f"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{TEST_ROLE}') THEN "
        f"CREATE ROLE {TEST_ROLE} LOGIN CREATEDB PASSWORD '{password}'; END IF; END$$;"
    )
    subprocess.run(_as_postgres("psql", "-q", "-p", port, "-c", sql), check=True, cwd="/")
    return f"postgresql://{TEST_ROLE}:{password}@127.0.0.1:{port}/postgres", stop


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    exe = "python.exe" if os.name == "nt" else "python"
    return VENV / scripts / exe


def install_python_packages() -> Path:
    python = venv_python()
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", f"{ROOT}[test]"],
        check=True,
    )
    return python


def main() -> int:
    install_system_packages()
    python = install_python_packages()
    env = dict(os.environ)
    postgres = start_postgres()
    if postgres is not None:
        env["REPORT_DRAFT_TEST_POSTGRES"] = postgres[0]
    try:
        return subprocess.run([str(python), "-m", "pytest", *sys.argv[1:]], cwd=ROOT, check=False, env=env).returncode
    finally:
        if postgres is not None and postgres[1]:
            subprocess.run(postgres[1], check=False)


if __name__ == "__main__":
    sys.exit(main())
