"""Disabling and removing accounts, from the command line or the lead's users page; both end every session."""

from __future__ import annotations

from functools import lru_cache

from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db
from .models import ROLE_NAMES, User
from .passwords import hash_method
from .store import audit


# An invited account's password until the person sets one from the invitation's link: no password
# hash has this form, so it matches nothing.
NO_PASSWORD_YET = "!invited: no password set yet"


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not-anyone's-password", method=method)  # the same method and cost as real passwords


def password_matches(user: User | None, password: str) -> bool:
    """Check the password; for an unknown email hash it anyway, so the answer takes as long either way."""
    if user is None or user.password_hash == NO_PASSWORD_YET:
        check_password_hash(_dummy_hash(hash_method()), password)
        return False
    return check_password_hash(user.password_hash, password)


def disable(user: User) -> None:
    user.disabled = True
    user.end_sessions()
    audit(user.partner_id or "(programme)", "users", f"{user.email} ({ROLE_NAMES[user.role]})", f"{user.email} disabled")


def remove(user: User) -> None:
    from ..mail.models import AccountToken
    from .models import BoardRepresentative

    db.session.execute(db.delete(BoardRepresentative).where(BoardRepresentative.user_id == user.id))
    db.session.execute(db.delete(AccountToken).where(AccountToken.user_id == user.id))
    audit(user.partner_id or "(programme)", "users", f"{user.email} ({ROLE_NAMES[user.role]})", None)
    db.session.delete(user)
