"""``python -m generator`` runs the same CLI as ``report-draft``."""

from .cli import run

run()
