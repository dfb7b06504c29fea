"""Times: the database holds UTC; people enter and read Europe/London time.

Deadlines and motion times used to be stored as typed and compared with UTC, so in British
Summer Time a 17:00 deadline closed at 18:00.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def to_utc(local: datetime) -> datetime:
    """A London wall-clock time (naive) as naive UTC, for storing."""
    return local.replace(tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)


def to_london(utc: datetime | None) -> datetime | None:
    """A stored naive UTC time as London wall-clock time (naive), for showing."""
    if utc is None:
        return None
    return utc.replace(tzinfo=UTC).astimezone(LONDON).replace(tzinfo=None)


def london(utc: datetime | None, fmt: str = "%-d %B %Y %H:%M") -> str:
    """Jinja filter: `{{ motion.opens | london }}`."""
    return to_london(utc).strftime(fmt) if utc else ""
