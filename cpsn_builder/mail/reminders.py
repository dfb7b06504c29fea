"""Deadline reminders: at each configured number of days before the deadline (7 and 1 by default),
to the officers of every partner that has not submitted.

"7 days before 17:00 on 1 November" is 17:00 on 25 October in London, which is 16:00 UTC because
the clocks went back in between: offsets are counted in London calendar days at the deadline's
wall-clock time, not in 24-hour steps of UTC. Each reminder has a key (partner, deadline, offset,
officer), so running this twice, or from two machines, queues nothing twice; a moved deadline has
new keys and so its own reminders.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app

from ..web.clock import london, to_london, to_utc
from ..web.extensions import db
from ..web.models import Setting, utcnow
from ..web.store import deadline
from .addresses import InvalidAddress, checked_address
from .outbox import queue
from .recipients import officers_of_partners_yet_to_submit

DEADLINE_SET_AT = "deadline_set_at"


def reminder_time(closing: datetime, days: int) -> datetime:
    """UTC time of the reminder `days` London calendar days before `closing` (UTC)."""
    return to_utc(to_london(closing) - timedelta(days=days))


def _usable(address: str) -> bool:
    try:
        checked_address(address)
        return True
    except InvalidAddress:
        return False


def deadline_set_at() -> datetime | None:
    setting = db.session.get(Setting, DEADLINE_SET_AT)
    return datetime.fromisoformat(setting.value) if setting and setting.value else None


def due_offset(closing: datetime, now: datetime, set_at: datetime | None, days: tuple[int, ...]) -> int | None:
    """The reminder to send now: the nearest offset whose time has come, if the deadline is still
    ahead. An offset that had already passed when the deadline was set is skipped (the "deadline
    set" email said it), and after a gap only the nearest reminder goes, never a stale "7 days"."""
    if now >= closing:
        return None
    due = [d for d in days if reminder_time(closing, d) <= now and (set_at is None or reminder_time(closing, d) >= set_at)]
    return min(due) if due else None


def queue_due_reminders(now: datetime | None = None) -> int:
    """Queue the reminders due at `now` (UTC); returns how many were queued. Idempotent."""
    now = now or utcnow()
    closing = deadline()
    if closing is None:
        return 0
    offset = due_offset(closing, now, deadline_set_at(), current_app.config.get("REMINDER_DAYS") or (7, 1))
    if offset is None:
        return 0
    queued = 0
    for partner_id, officer in officers_of_partners_yet_to_submit():
        if not _usable(officer.email):
            continue
        key = f"reminder:{partner_id}:{closing.isoformat()}:{offset}d:{officer.id}"
        days_left = "tomorrow" if offset == 1 else f"in {offset} days"
        row = queue(
            officer.email,
            "reminder",
            f"Your CPSN answers are due {days_left}: by {london(closing, '%H:%M on %-d %B %Y')}",
            {
                "name": officer.name,
                "deadline": london(closing, "%H:%M on %A %-d %B %Y"),
                "days_left": days_left,
                "link": {"endpoint": "partner.tasks", "args": {"partner_id": partner_id}},
            },
            key=key,
            not_before=now,
        )
        queued += row is not None
    db.session.commit()
    return queued
