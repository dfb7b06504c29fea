"""Sign-in rate limiting: too many failures for one email address, or from one address, pause sign-in.

Counted in the database so every worker sees the same count. The message is the same whether or
not the email address has an account.
"""
from __future__ import annotations

from datetime import timedelta

from .extensions import db
from .models import SignInFailure, utcnow

WINDOW = timedelta(minutes=15)
MAX_PER_EMAIL = 5
MAX_PER_ADDRESS = 20


def _keys(email: str, address: str | None) -> list[tuple[str, int]]:
    keys = [(f"email:{email.strip().lower()}", MAX_PER_EMAIL)]
    if address:
        keys.append((f"ip:{address}", MAX_PER_ADDRESS))
    return keys


def blocked(email: str, address: str | None) -> bool:
    since = utcnow() - WINDOW
    for key, limit in _keys(email, address):
        count = db.session.execute(db.select(db.func.count(SignInFailure.id)).where(SignInFailure.key == key, SignInFailure.at > since)).scalar()
        if count >= limit:
            return True
    return False


def record_failure(email: str, address: str | None) -> None:
    for key, _ in _keys(email, address):
        db.session.add(SignInFailure(key=key))
    db.session.execute(db.delete(SignInFailure).where(SignInFailure.at < utcnow() - WINDOW * 4))  # keep the table small
    db.session.commit()


def clear(email: str) -> None:
    db.session.execute(db.delete(SignInFailure).where(SignInFailure.key == f"email:{email.strip().lower()}"))
    db.session.commit()
