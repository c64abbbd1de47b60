"""``python -m generator`` runs the same CLI as ``report-draft``."""

from generator.cli import run

run()
