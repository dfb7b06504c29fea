"""Draining the outbox: claim each due message, render it, hand it to the mail server, record the outcome.

Outside the web request: `cpsn-builder notify send` (cron, a systemd timer), `notify worker` (a
service), or the development server's own thread. Two workers never send the same message: each
claims a row with a conditional update before sending it. A failure is kept with the server's
words and tried again later (1, 2, 4 ... minutes, at most 6 hours apart); a permanent refusal
(5xx) or the tenth failure marks it failed for the lead to resend.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app

from ..web.clock import london
from ..web.extensions import db
from ..web.models import User, utcnow
from . import tokens
from .compose import build, render
from .models import DROPPED, FAILED, QUEUED, SENDING, SENT, OutboxMessage
from .settings import MailConfigError, parse_smtp_url
from .smtp import DeliveryError, deliver

log = logging.getLogger("cpsn_builder.mail")

MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
# A claim older than this belongs to a worker that died mid-send: the message is tried again
# (the server may, rarely, then see it twice; its Message-ID is the same both times).
STALE_CLAIM = timedelta(minutes=15)


def backoff(attempts: int) -> timedelta:
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


@dataclass
class Outcome:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    dropped: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.sent} sent, {self.retrying} to retry, {self.failed} failed, {self.dropped} not needed"


class _Drop(Exception):
    """The message is no longer wanted (its account was removed, or the address has no account)."""


def absolute_url(endpoint: str, **values) -> str:
    base = current_app.config.get("CPSN_BASE_URL")
    if not base:
        raise MailConfigError("CPSN_BASE_URL must be set (like https://cpsn.example.gov.uk) so the links in emails reach the service")
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)


def _context(message: OutboxMessage, now: datetime) -> dict:
    """What the templates need at sending: the stored context, plus absolute links, plus a fresh
    one-time link for invitations and resets (made now, so its secret is never stored)."""
    context = dict(message.context)
    link = context.pop("link", None)
    if link:
        context["link"] = absolute_url(link["endpoint"], **link.get("args", {}))
    if message.template in ("invitation", "password_reset"):
        if message.template == "invitation":
            user = db.session.get(User, context.get("user_id") or 0)
        else:
            user = db.session.execute(db.select(User).filter_by(email=message.to_address)).scalar_one_or_none()
        if user is None or user.disabled:
            raise _Drop(
                "no active account has this address, so no link was sent"
                if message.template == "password_reset"
                else "the account was removed or disabled before the invitation went"
            )
        purpose = tokens.INVITATION if message.template == "invitation" else tokens.RESET
        secret = tokens.issue(user, purpose, now)
        context.update(
            name=user.name,
            link=absolute_url("account_links.set_password", token=secret),
            expires=london(now + tokens.LIFETIME[purpose], "%H:%M on %-d %B %Y"),
            hours=int(tokens.LIFETIME[purpose].total_seconds() // 3600),
            sign_in=absolute_url("auth.sign_in"),
            forgot=absolute_url("account_links.forgot_password"),
        )
    return context


def _console(message) -> None:
    text = message.get_body(("plain",)).get_content()
    sys.stdout.write(
        f"\n----- email (no SMTP_URL: printed, not sent) -----\nTo: {message['To']}\nSubject: {message['Subject']}\n\n"
        f"{text}----- end of email -----\n"
    )
    sys.stdout.flush()


def _server():
    absolute_url("auth.sign_in")  # CPSN_BASE_URL is set: checked before any message is claimed
    url = current_app.config.get("SMTP_URL")
    if url:
        return parse_smtp_url(url, current_app.config.get("SMTP_CA_FILE"))
    if current_app.config.get("ENV_NAME") == "development":
        return None  # development: print to the console
    raise MailConfigError(
        "SMTP_URL is not set, so nothing can be sent; messages stay queued in the outbox "
        "(set SMTP_URL, MAIL_FROM and CPSN_BASE_URL: see the README)"
    )


def _claim(message_id: int, now: datetime) -> bool:
    claimed = (
        db.session.execute(
            db.update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.state == QUEUED)
            .values(state=SENDING, claimed_at=now)
        ).rowcount
        == 1
    )
    db.session.commit()
    return claimed


def send_due(now: datetime | None = None, limit: int = 200) -> Outcome:
    """Send every message that is due at `now` (UTC; the clock by default), at most `limit`."""
    now = now or utcnow()
    server = _server()
    outcome = Outcome()
    db.session.execute(
        db.update(OutboxMessage).where(OutboxMessage.state == SENDING, OutboxMessage.claimed_at < now - STALE_CLAIM).values(state=QUEUED)
    )
    db.session.commit()
    due = (
        db.session.execute(
            db.select(OutboxMessage.id)
            .where(OutboxMessage.state == QUEUED, OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
        )
        .scalars()
        .all()
    )
    partnership = _partnership()
    for message_id in due:
        if _claim(message_id, now):
            _send_one(db.session.get(OutboxMessage, message_id), server, now, partnership, outcome)
    return outcome


def _partnership() -> str:
    from ..web.store import base_catalogue

    return base_catalogue().programme.partnership


def _send_one(row: OutboxMessage, server, now: datetime, partnership: str, outcome: Outcome) -> None:
    try:
        context = _context(row, now)
        text, html = render(row.template, context)
        message = build(
            to=row.to_address,
            subject=row.subject,
            text=text,
            html=html,
            partnership=partnership,
            sender=current_app.config.get("MAIL_FROM") or "cpsn-builder@localhost",
            reply_to=current_app.config.get("MAIL_REPLY_TO"),
            message_id=row.message_id,
        )
        if server is None:
            _console(message)
        else:
            deliver(server, message)
    except _Drop as exc:
        db.session.rollback()
        _finish(row.id, state=DROPPED, error=str(exc), attempts=row.attempts)
        outcome.dropped += 1
        return
    except MailConfigError:
        db.session.rollback()
        raise
    except DeliveryError as exc:
        db.session.rollback()  # a link made for this try is not kept: the next try makes its own
        attempts = row.attempts + 1
        final = exc.permanent or attempts >= MAX_ATTEMPTS
        _finish(
            row.id,
            state=FAILED if final else QUEUED,
            error=str(exc),
            attempts=attempts,
            next_attempt_at=None if final else now + backoff(attempts),
        )
        outcome.failed += final
        outcome.retrying += not final
        outcome.errors.append(f"#{row.id} to {row.to_address}: {exc}")
        log.warning("email #%s to %s not sent (try %s): %s", row.id, row.to_address, attempts, exc)
        return
    except Exception as exc:  # a fault in our own template or data: keep the message, say what broke
        db.session.rollback()
        log.exception("email #%s could not be composed", row.id)
        _finish(row.id, state=FAILED, error=f"the message could not be composed ({type(exc).__name__}: {exc})", attempts=row.attempts)
        outcome.failed += 1
        return
    row.state, row.sent_at, row.attempts, row.last_error = SENT, now, row.attempts + 1, None
    db.session.commit()  # the link's token and "sent" together
    outcome.sent += 1


def _finish(message_id: int, *, state: str, error: str, attempts: int, next_attempt_at: datetime | None = None) -> None:
    row = db.session.get(OutboxMessage, message_id)
    row.state, row.last_error, row.attempts, row.claimed_at = state, error[:2000], attempts, None
    if next_attempt_at:
        row.next_attempt_at = next_attempt_at
    db.session.commit()


def run_forever(interval: float = 10.0, stop=None, with_reminders: bool = True) -> None:
    """The worker loop (`notify worker`, the development server's thread): reminders, then the outbox."""
    from .reminders import queue_due_reminders

    while stop is None or not stop.is_set():
        try:
            if with_reminders:
                queue_due_reminders()
            outcome = send_due()
            if outcome.sent or outcome.retrying or outcome.failed:
                log.info("outbox: %s", outcome.summary())
        except MailConfigError:
            raise
        except Exception:  # the database away for a moment: log it, try again next round
            log.exception("outbox round failed; trying again in %s s", interval)
            db.session.rollback()
        finally:
            db.session.remove()
        if stop is not None:
            stop.wait(interval)
        else:
            time.sleep(interval)
