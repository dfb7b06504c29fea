"""Keeping personal data no longer than the privacy notice says (templates/privacy.html reads these
periods, so the notice and what `cpsn-builder retention` does cannot drift apart).

- Audit trail entries older than RETENTION_MONTHS keep what changed and when, but lose who changed
  it and any value that is itself personal data (contact details, account emails).
- Accounts disabled more than RETENTION_MONTHS ago are removed, with their board delegations.
- Failed sign-in records (email and network address, kept for rate limiting) go after SIGN_IN_DAYS.
- Emails in the outbox (address, subject, what they said) go RETENTION_MONTHS after they were
  queued, once sent, failed or dropped; invitation and reset links' records go SIGN_IN_DAYS after
  they expired or were used.
- Partners' proposed requirements lose who proposed and who decided after RETENTION_MONTHS; the
  requirement and the decision stay, as part of the procurement's record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import calendar

from .extensions import db
from ..mail.models import DROPPED, FAILED, SENT, AccountToken, OutboxMessage
from .models import AuditEvent, BoardRepresentative, SignInFailure, User, utcnow
from .requirement_tables import RequirementProposal

RETENTION_MONTHS = 24
SIGN_IN_DAYS = 30
REMOVED = "(removed)"
FINISHED = (SENT, FAILED, DROPPED)  # a queued message is kept until it is sent, however old
# Audit fields whose values are personal data, not answers about services.
PERSONAL_FIELDS = ("contact_name", "contact_email", "contact_phone", "users", "board_representative")


@dataclass(frozen=True)
class Outcome:
    cutoff: datetime
    audit_events_anonymised: int
    accounts_removed: tuple[str, ...]  # their emails, for the operator's terminal only
    sign_in_failures_deleted: int
    emails_deleted: int = 0
    links_deleted: int = 0
    proposals_anonymised: int = 0

    def lines(self, applied: bool) -> list[str]:
        verb = (lambda done, todo: done) if applied else (lambda done, todo: todo)
        return [
            f"Retention period: {RETENTION_MONTHS} months (personal data from before {self.cutoff:%-d %B %Y %H:%M} UTC)",
            f"Audit trail entries {verb('anonymised', 'to anonymise')}: {self.audit_events_anonymised}",
            f"Disabled accounts {verb('removed', 'to remove')}: {len(self.accounts_removed)}"
            + (f" ({', '.join(self.accounts_removed)})" if self.accounts_removed else ""),
            f"Failed sign-in records older than {SIGN_IN_DAYS} days {verb('deleted', 'to delete')}: {self.sign_in_failures_deleted}",
            f"Emails in the outbox {verb('deleted', 'to delete')}: {self.emails_deleted}",
            f"Expired or used password links {verb('deleted', 'to delete')}: {self.links_deleted}",
            f"Proposed requirements {verb('anonymised', 'to anonymise')}: {self.proposals_anonymised}",
        ]


def apply_retention(now: datetime | None = None, dry_run: bool = False) -> Outcome:
    """Remove or anonymise personal data older than the notice's periods; the caller commits
    (or, for a dry run, nothing is changed and the counts say what would be)."""
    now = now or utcnow()
    cutoff = months_before(now, RETENTION_MONTHS)
    old = db.select(AuditEvent).where(AuditEvent.at < cutoff, (AuditEvent.user_email != REMOVED) | _personal_values_left())
    events = db.session.execute(old).scalars().all()
    removable = _disabled_before(cutoff)
    failures = db.session.execute(
        db.select(db.func.count()).select_from(SignInFailure).where(SignInFailure.at < now - timedelta(days=SIGN_IN_DAYS))
    ).scalar()
    old_mail = db.select(OutboxMessage).where(OutboxMessage.created_at < cutoff, OutboxMessage.state.in_(FINISHED))
    old_links = db.select(AccountToken).where(
        db.or_(AccountToken.used_at < now - timedelta(days=SIGN_IN_DAYS), AccountToken.expires_at < now - timedelta(days=SIGN_IN_DAYS))
    )
    old_proposals = db.select(RequirementProposal).where(
        RequirementProposal.proposed_at < cutoff, RequirementProposal.proposed_by != REMOVED
    )
    outcome = Outcome(
        cutoff, len(events), tuple(u.email for u in removable), failures, _count(old_mail), _count(old_links), _count(old_proposals)
    )
    if dry_run:
        return outcome
    for message in db.session.execute(old_mail).scalars():
        db.session.delete(message)
    for link in db.session.execute(old_links).scalars():
        db.session.delete(link)
    for proposal in db.session.execute(old_proposals).scalars():
        proposal.proposed_by = REMOVED
        proposal.decided_by = REMOVED if proposal.decided_by else None
    for event in events:
        event.user_email, event.user_id = REMOVED, None
        if _is_personal(event.field):
            event.old_value = REMOVED if event.old_value is not None else None
            event.new_value = REMOVED if event.new_value is not None else None
    for user in removable:
        db.session.execute(db.delete(BoardRepresentative).where(BoardRepresentative.user_id == user.id))
        db.session.execute(db.update(AuditEvent).where(AuditEvent.user_id == user.id).values(user_id=None))
        db.session.delete(user)
    db.session.execute(db.delete(SignInFailure).where(SignInFailure.at < now - timedelta(days=SIGN_IN_DAYS)))
    return outcome


def _count(query) -> int:
    return db.session.execute(db.select(db.func.count()).select_from(query.subquery())).scalar()


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` earlier (the month's last day when it has no such day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _is_personal(field: str) -> bool:
    return field in PERSONAL_FIELDS


def _personal_values_left():
    return AuditEvent.field.in_(PERSONAL_FIELDS) & (
        ((AuditEvent.old_value != REMOVED) & AuditEvent.old_value.is_not(None))
        | ((AuditEvent.new_value != REMOVED) & AuditEvent.new_value.is_not(None))
    )


def _disabled_before(cutoff: datetime) -> list[User]:
    """Disabled accounts whose disabling (the audit trail's record of it, else the account's
    creation) is older than the cutoff."""
    found = []
    for user in db.session.execute(db.select(User).filter_by(disabled=True)).scalars():
        disabled_at = db.session.execute(
            db.select(db.func.max(AuditEvent.at)).where(AuditEvent.field == "users", AuditEvent.new_value == f"{user.email} disabled")
        ).scalar()
        if (disabled_at or user.created_at) < cutoff:
            found.append(user)
    return found
