"""The outbox and the one-time links: tables of the web app's database (migration 0007)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..web.extensions import db
from ..web.models import utcnow

QUEUED, SENDING, SENT, FAILED, DROPPED = "queued", "sending", "sent", "failed", "dropped"
STATES = (QUEUED, SENDING, SENT, FAILED, DROPPED)


class OutboxMessage(db.Model):
    """One message to one address. The body is rendered when it is sent, from the template and the
    context captured when it was queued: a link's secret is made at sending and never stored."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    template: Mapped[str] = mapped_column(String(40))
    context: Mapped[dict] = mapped_column(JSON, default=dict)
    subject: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(10), default=QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    # Not before this time: the next try after a failure (backoff), or when a vote opens.
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column()
    message_id: Mapped[str] = mapped_column(String(200))  # the same on every try, so a receiving server can spot a repeat
    # Reminders and notices that must go once only carry a key; the database refuses a second row.
    dedupe_key: Mapped[str | None] = mapped_column(String(300), unique=True)
    queued_by: Mapped[str] = mapped_column(String(254), default="system")


class AccountToken(db.Model):
    """A one-time link to set a password (invitation or reset). Only the SHA-256 of the secret is kept."""

    __tablename__ = "account_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))  # invitation | reset
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()
