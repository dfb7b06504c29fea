"""Who may cast a partner's vote: its board representatives with a delegation in force (agreement 3.3.1)."""

from __future__ import annotations

from datetime import date

from .clock import to_london
from .extensions import db
from .models import BoardRepresentative, User, utcnow


def today_in_london() -> date:
    return to_london(utcnow()).date()


def delegation(user: User, partner_id: str, day: date | None = None) -> BoardRepresentative | None:
    """The user's delegation to act for the partner on `day` (today), or None."""
    if user.role != "partner" or user.partner_id != partner_id:
        return None
    day = day or today_in_london()
    rows = db.session.execute(db.select(BoardRepresentative).filter_by(partner_id=partner_id, user_id=user.id)).scalars()
    return next((row for row in rows if row.covers(day)), None)


def representatives() -> list[BoardRepresentative]:
    return list(
        db.session.execute(
            db.select(BoardRepresentative).order_by(BoardRepresentative.partner_id, BoardRepresentative.valid_from)
        ).scalars()
    )
