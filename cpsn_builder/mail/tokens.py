"""One-time links to set a password: random, stored hashed, single use, expiring."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..web.extensions import db
from ..web.models import User, utcnow
from .models import AccountToken

INVITATION, RESET = "invitation", "reset"
LIFETIME = {INVITATION: timedelta(hours=72), RESET: timedelta(hours=1)}


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def issue(user: User, purpose: str, now: datetime | None = None) -> str:
    """A new link secret for `user`; earlier unused links for the same purpose stop working, so only
    the newest email's link works. The caller commits; the secret itself is never stored."""
    now = now or utcnow()
    secret = secrets.token_urlsafe(32)  # 256 bits
    db.session.execute(
        db.update(AccountToken)
        .where(AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None))
        .values(used_at=now)
    )
    db.session.add(
        AccountToken(user_id=user.id, purpose=purpose, token_hash=_digest(secret), created_at=now, expires_at=now + LIFETIME[purpose])
    )
    return secret


@dataclass(frozen=True)
class Check:
    """What a link is worth: the token and its user when it can be used, else why not."""

    token: AccountToken | None
    user: User | None
    problem: str | None  # None, "unknown", "used", "expired"


def look_up(secret: str, now: datetime | None = None) -> Check:
    now = now or utcnow()
    if not secret or len(secret) > 100:
        return Check(None, None, "unknown")
    token = db.session.execute(db.select(AccountToken).filter_by(token_hash=_digest(secret))).scalar_one_or_none()
    user = db.session.get(User, token.user_id) if token else None
    # (removing an account deletes its tokens, so an id given to someone new carries none over)
    if token is None or user is None or user.disabled:
        return Check(token, None, "unknown")
    if token.used_at is not None:
        return Check(token, user, "used")
    if now >= token.expires_at:
        return Check(token, user, "expired")
    return Check(token, user, None)


def redeem(check: Check, now: datetime | None = None) -> bool:
    """Mark the link used; False when another request used it first (two tabs, a double click).
    The update is conditional, so of two racing requests exactly one wins."""
    now = now or utcnow()
    won = (
        db.session.execute(
            db.update(AccountToken).where(AccountToken.id == check.token.id, AccountToken.used_at.is_(None)).values(used_at=now)
        ).rowcount
        == 1
    )
    if won:  # every other link of the account, invitation or reset, stops working too
        db.session.execute(
            db.update(AccountToken).where(AccountToken.user_id == check.user.id, AccountToken.used_at.is_(None)).values(used_at=now)
        )
    return won
