"""What each membership status is called on the lead's pages and in the audit trail (the catalogue
and the database keep the codes: member, prospective, withdrawing, withdrawn)."""

from __future__ import annotations

MEMBERSHIP = {
    "member": "Member",
    "prospective": "Prospective",
    "withdrawing": "Member that has given notice",
    "withdrawn": "Withdrawn",
}


def membership(status: str | None) -> str:
    return MEMBERSHIP.get(status or "", str(status))
