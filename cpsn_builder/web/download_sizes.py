"""The size of each download, for links that say "Word document, 52 KB" as GOV.UK attachments do.

A document is built to learn its size, so sizes are kept per process and per state of the data:
the latest audit event (every change to answers, membership, votes or settings writes one), the
figures' basis, the catalogue and the day (motions open and close with time). A download stores
the size it sent; the savings page builds only the cheap documents it has no size for.
"""

from __future__ import annotations

from flask import current_app

from .extensions import db
from .models import AuditEvent, utcnow

TYPES = {"docx": "Word document", "xlsx": "Excel spreadsheet", "csv": "CSV file", "json": "JSON file", "pdf": "PDF"}


def state(basis_choice: str, digest: str) -> tuple:
    latest = db.session.execute(db.select(db.func.max(AuditEvent.id))).scalar()
    return latest, basis_choice, digest, utcnow().date()


def _cache() -> dict:
    return current_app.extensions.setdefault("cpsn_download_sizes", {})


def known(key: tuple, now: tuple) -> int | None:
    found = _cache().get(key)
    return found[1] if found and found[0] == now else None


def remember(key: tuple, now: tuple, size: int) -> None:
    cache = _cache()
    if len(cache) > 2000:  # a bound, for a long-running worker with many partners
        cache.clear()
    cache[key] = (now, size)


def describe(suffix: str, size: int | None) -> str:
    """'Word document, 52 KB', or the type alone when the size is not known yet."""
    kind = TYPES[suffix]
    if size is None:
        return kind
    if size < 1024:
        return f"{kind}, {size} bytes"
    if size < 1024 * 1024:
        return f"{kind}, {size / 1024:.0f} KB"
    return f"{kind}, {size / 1024 / 1024:.1f} MB"
