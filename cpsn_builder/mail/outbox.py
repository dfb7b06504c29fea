"""Queueing messages in the outbox, and the lead's resend. Queueing never talks to a mail server."""

from __future__ import annotations

import logging
from datetime import datetime
from email.utils import make_msgid

from flask import current_app
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ..web.extensions import db
from ..web.models import utcnow
from .addresses import checked_address, one_line
from .models import QUEUED, OutboxMessage

log = logging.getLogger("cpsn_builder.mail")


def _queued_by() -> str:
    try:
        return current_user.email if current_user and current_user.is_authenticated else "system"
    except Exception:  # outside a request (the command line, the worker)
        return "system"


def _message_id() -> str:
    sender = current_app.config.get("MAIL_FROM") or "cpsn-builder@localhost"
    return make_msgid(idstring="cpsn", domain=sender.rpartition("@")[2])


def queue(
    to: str, template: str, subject: str, context: dict, *, key: str | None = None, not_before: datetime | None = None
) -> OutboxMessage | None:
    """Add a message to the outbox (the caller commits). With `key`, a message already queued under
    that key is not queued again (None is returned): the database's unique key holds it even when
    two workers race. An unusable address raises InvalidAddress."""
    address = checked_address(to)
    if key and db.session.execute(db.select(OutboxMessage.id).filter_by(dedupe_key=key)).first():
        return None
    row = OutboxMessage(
        to_address=address,
        template=template,
        context=context,
        subject=one_line(subject, 200),
        state=QUEUED,
        attempts=0,
        next_attempt_at=not_before or utcnow(),
        message_id=_message_id(),
        dedupe_key=key,
        queued_by=_queued_by(),
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # another process queued the same key a moment ago
        return None
    if not current_app.config.get("SMTP_URL"):
        log.info("email queued for %s: %s (no SMTP_URL: the worker prints it to the console)", address, row.subject)
    return row


def resend(message: OutboxMessage) -> OutboxMessage:
    """A new copy of a message, queued now; the original stays in the outbox as it was."""
    copy = OutboxMessage(
        to_address=message.to_address,
        template=message.template,
        context=dict(message.context),
        subject=message.subject,
        state=QUEUED,
        attempts=0,
        next_attempt_at=utcnow(),
        message_id=_message_id(),
        queued_by=_queued_by(),
    )
    db.session.add(copy)
    return copy
