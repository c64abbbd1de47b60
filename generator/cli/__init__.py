"""The command line, an adapter over the library: one module per command, each registering itself
on the group in ``app``."""

from generator.cli import backup, build, check, diff, serve, summary, templates, upgrade  # noqa: F401  (they register)
from generator.cli.app import main, run

__all__ = ["main", "run"]
