"""Disabling and removing accounts, from the command line or the lead's users page; both end every session."""
from __future__ import annotations

from .extensions import db
from .models import ROLE_NAMES, User
from .store import audit


def disable(user: User) -> None:
    user.disabled = True
    user.end_sessions()
    audit(user.partner_id or "(programme)", "users", f"{user.email} ({ROLE_NAMES[user.role]})", f"{user.email} disabled")


def remove(user: User) -> None:
    audit(user.partner_id or "(programme)", "users", f"{user.email} ({ROLE_NAMES[user.role]})", None)
    db.session.delete(user)
