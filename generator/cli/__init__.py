"""The command line, an adapter over the library: one module per command, each registering itself
on the group in ``app``."""

from generator.cli import (  # noqa: F401  (they register themselves on the group)
    backup,
    build,
    check,
    diff,
    import_report,
    init,
    serve,
    summary,
    templates,
    upgrade,
    validate,
)
from generator.cli.app import main, run

__all__ = ["main", "run"]
