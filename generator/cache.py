"""The user's cache folder for work a later run can skip (compiled templates, the DOCX skeleton).

%LOCALAPPDATA%\\report-draft on Windows, $XDG_CACHE_HOME/report-draft or ~/.cache/report-draft
elsewhere.  Everything in it is keyed by what it was made from, may be deleted at any time, and is
never needed: a folder that cannot be made or written is simply not used.  REPORT_DRAFT_NO_CACHE=1
turns it off; REPORT_DRAFT_CACHE_DIR puts it elsewhere (the tests use a folder of their own).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from generator.errors import OutputProblem
from generator.files import write_bytes


def cache_folder(name: str) -> Path | None:
    """``name`` inside the cache folder, made if needed; None when caching is off or impossible."""
    if os.environ.get("REPORT_DRAFT_NO_CACHE"):
        return None
    chosen = os.environ.get("REPORT_DRAFT_CACHE_DIR")
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = (Path(chosen) if chosen else Path(base) / "report-draft") / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def key_of(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()[:32]


def cached_bytes(name: str, key: str, make: Callable[[], bytes]) -> bytes:
    """The bytes ``make`` returns, kept in the cache under ``name``/``key``."""
    folder = cache_folder(name)
    path = folder / key if folder is not None else None
    if path is not None:
        try:
            return path.read_bytes()
        except OSError:
            pass
    data = make()
    if path is not None:
        try:  # atomically: a reader never sees half a file
            write_bytes(path, data)
        except (OSError, OutputProblem):  # a cache that cannot be written is not used
            pass
    return data
