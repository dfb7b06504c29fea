"""Sign-in rate limiting, counted in the database so every worker sees the same count.

Each attempt is written (and committed) before it is counted, so parallel attempts cannot all see
the count from before any of them: the n-th attempt to commit counts at least n, and no more than
the limit ever reach the password check. An attempt that succeeds is deleted again.

The lock is per account *and* address: a stranger's five wrong passwords pause sign-in to that
account from the stranger's address only, so the lead still signs in from the office. Each address
also has its own limit, and each account a high one across all addresses (against a slow
distributed guess). The message is the same whether or not the email address has an account.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from .extensions import db
from .models import SignInFailure, utcnow

WINDOW = timedelta(minutes=15)
MAX_PER_ACCOUNT_AND_ADDRESS = 5
MAX_PER_ADDRESS = 20
MAX_PER_ACCOUNT = 100


def _keys(email: str, address: str | None) -> list[tuple[str, int]]:
    email = email.strip().lower()
    digest = hashlib.sha256(email.encode()).hexdigest()[:40]  # keys stay short whatever was typed
    address = address or "unknown"
    return [
        (f"acct:{digest}|{address[:64]}", MAX_PER_ACCOUNT_AND_ADDRESS),
        (f"ip:{address[:64]}", MAX_PER_ADDRESS),
        (f"email:{digest}", MAX_PER_ACCOUNT),
    ]


class Attempt:
    """One sign-in attempt, recorded before the password is checked."""

    def __init__(self, email: str, address: str | None):
        self.keys = _keys(email, address)
        rows = [SignInFailure(key=key) for key, _ in self.keys]
        db.session.add_all(rows)
        db.session.execute(db.delete(SignInFailure).where(SignInFailure.at < utcnow() - WINDOW * 4))  # keep the table small
        db.session.flush()
        self.ids = [row.id for row in rows]  # read before the commit expires the rows: after it, a query each
        db.session.commit()

    def blocked(self) -> bool:
        since = utcnow() - WINDOW
        for key, limit in self.keys:
            count = db.session.execute(
                db.select(db.func.count(SignInFailure.id)).where(SignInFailure.key == key, SignInFailure.at > since)
            ).scalar()
            if count > limit:  # this attempt is one of them
                return True
        return False

    def succeeded(self) -> None:
        """A right password: forget this attempt and this address's failures for the account."""
        db.session.execute(db.delete(SignInFailure).where(SignInFailure.id.in_(self.ids)))
        db.session.execute(db.delete(SignInFailure).where(SignInFailure.key == self.keys[0][0]))
        db.session.commit()
