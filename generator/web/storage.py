"""The data folder's files: stored whole under names made from ids, and the audit log.

A file a browser sends is written to a fresh name (the department's id and a random token) before
its row exists; the row is the commit.  Two uploads of one department at once both get a row: the
second to take a number retries with the next one."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max

from generator.files import write_bytes

if TYPE_CHECKING:
    from django.http import HttpRequest

    from generator.web.models import Department


def data_dir() -> Path:
    return Path(settings.REPORT_DRAFT_DATA)


def stored_path(relative: str) -> Path:
    """The file of a row; only names this module made reach here."""
    return data_dir() / relative


def store_bytes(department: Department, data: bytes, suffix: str) -> str:
    """Write ``data`` under a new name in the department's folder; return the name relative to the
    data folder.  Written whole (a temporary file renamed) or not at all."""
    relative = f"files/{department.pk}/{secrets.token_hex(8)}{suffix}"
    target = stored_path(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, data)
    return relative


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def numbered(model: type, department: Department, **fields: object) -> object:
    """A new row of ``model`` with the department's next number; retried when another request took it."""
    for _ in range(20):
        try:
            with transaction.atomic():
                last = model.objects.filter(department=department).aggregate(n=Max("number"))["n"] or 0
                return model.objects.create(department=department, number=last + 1, **fields)
        except IntegrityError:
            continue
    raise IntegrityError("number")


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def audit(request: HttpRequest, action: str, detail: str = "", department: Department | None = None) -> None:
    from generator.web.models import AuditEntry

    user = request.user
    AuditEntry.objects.create(
        username=user.get_username() if user.is_authenticated else "",
        department=department,
        action=action,
        detail=detail[:500],
        address=client_address(request),
    )
