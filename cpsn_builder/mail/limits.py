"""How often anyone may ask for a password reset: per email address and per client address.

Counted in the sign-in limits' table (every worker sees the same count), under keys of their own;
each request is recorded and committed before it is counted, as sign-in attempts are.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from ..web.extensions import db
from ..web.models import SignInFailure, utcnow

WINDOW = timedelta(hours=1)  # the sign-in limiter clears rows older than an hour, so no longer than that
PER_EMAIL = 3
PER_CLIENT = 10


@dataclass(frozen=True)
class ResetLimit:
    email_blocked: bool  # this address has had its links: say the same, send nothing more
    client_blocked: bool  # this client is asking for many addresses: refuse for a while


def record_reset_request(email: str, client: str | None) -> ResetLimit:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:40]
    keys = [f"reset-email:{digest}", f"reset-ip:{(client or 'unknown')[:64]}"]
    db.session.add_all([SignInFailure(key=key) for key in keys])
    db.session.execute(db.delete(SignInFailure).where(SignInFailure.key.startswith("reset-"), SignInFailure.at < utcnow() - WINDOW))
    db.session.commit()
    since = utcnow() - WINDOW
    counts = [
        db.session.execute(db.select(db.func.count(SignInFailure.id)).where(SignInFailure.key == key, SignInFailure.at > since)).scalar()
        for key in keys
    ]
    return ResetLimit(email_blocked=counts[0] > PER_EMAIL, client_blocked=counts[1] > PER_CLIENT)
