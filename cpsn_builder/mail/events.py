"""The hooks the web app and the command line call, one line each: they queue messages, never send.

Each hook is called after the change it reports has been committed, and commits its own messages:
if queueing fails the change stands, the failure is logged, and the page still answers.
"""

from __future__ import annotations

import functools
import logging
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from ..formatting import money
from ..questions import question_type
from ..web.accounts import NO_PASSWORD_YET
from ..web.clock import london, to_london
from ..web.extensions import db
from ..web.models import ROLE_NAMES, PartnerResponse, Setting, User, utcnow
from .addresses import InvalidAddress, checked_address, one_line
from .outbox import queue
from .recipients import officers, officers_of_partners_yet_to_submit
from .reminders import DEADLINE_SET_AT

log = logging.getLogger("cpsn_builder.mail")


def _after_commit(hook):
    """A notice must never undo or break the action it reports."""

    @functools.wraps(hook)
    def wrapper(*args, **kwargs):
        try:
            result = hook(*args, **kwargs)
            db.session.commit()
            return result
        except (SQLAlchemyError, InvalidAddress):
            db.session.rollback()
            log.exception("could not queue the %s email", hook.__name__)
            return None

    return wrapper


def _queue_each(to: str, *args, **kwargs) -> None:
    """Queue one officer's copy; an address stored before addresses were checked by the library is
    logged and skipped rather than costing every other officer their copy."""
    try:
        queue(to, *args, **kwargs)
    except InvalidAddress as exc:
        log.warning("not emailing %r: %s", to, exc)


def _lead_contact() -> str:
    from flask import current_app

    return current_app.config.get("MAIL_REPLY_TO") or "the procurement lead"


# Invitations -------------------------------------------------------------------------------


class InvitationRefused(ValueError):
    """Why an invitation cannot go, in words for the lead (form) or the command line."""


def invite(email: str, name: str, role: str, partner_id: str | None, partner_name: str | None = None) -> User:
    """Create the account with no password and queue the invitation (the caller commits both, so an
    account never exists without its invitation, nor an invitation without its account)."""
    address = checked_address(email)
    if not one_line(name) or one_line(name) != name.strip():
        raise InvitationRefused("Enter the person's name on one line, without control characters")
    existing = db.session.execute(db.select(User).filter_by(email=address)).scalar_one_or_none()
    if existing is not None:
        if existing.password_hash != NO_PASSWORD_YET:
            raise InvitationRefused(f"{address} already has an account: they can reset their password from the sign-in page")
        raise InvitationRefused(f"{address} has already been invited: send a new invitation from the users page")
    user = User(
        email=address, name=name.strip(), role=role, partner_id=partner_id if role == "partner" else None, password_hash=NO_PASSWORD_YET
    )
    db.session.add(user)
    db.session.flush()
    _queue_invitation(user, partner_name)
    return user


def reinvite(user: User, partner_name: str | None = None) -> None:
    """A new invitation for an account whose password is not set yet (the old link stops working when this one is sent)."""
    if user.password_hash != NO_PASSWORD_YET:
        raise InvitationRefused(f"{user.email} has set a password already: they can reset it from the sign-in page")
    _queue_invitation(user, partner_name)


def _queue_invitation(user: User, partner_name: str | None) -> None:
    queue(
        user.email,
        "invitation",
        "Set your password for CPSN Builder",
        {"user_id": user.id, "role": ROLE_NAMES[user.role].lower(), "partner": partner_name},
    )


# Password reset ----------------------------------------------------------------------------


def password_reset_requested(email: str) -> None:
    """Queue a reset for whatever address was typed. The worker decides whether an account has it,
    so the request does the same work, and takes the same time, either way."""
    queue(email, "password_reset", "Reset your CPSN Builder password", {})


# Partners' answers -------------------------------------------------------------------------


@_after_commit
def answers_submitted(record: PartnerResponse) -> None:
    from ..web.store import catalogue

    cat = catalogue()
    partner = cat.partner(record.partner_id)
    summary = _summary(record, cat)
    when = london(record.submitted_at or utcnow(), "%H:%M on %-d %B %Y")
    for officer in officers(record.partner_id):
        _queue_each(
            officer.email,
            "receipt",
            f"Answers received: {partner.name}, CPSN procurement",
            {
                "name": officer.name,
                "partner": partner.name,
                "submitted_at": when,
                "declined": bool(record.declined),
                "lots": summary,
                "sites": len(record.sites),
                "max_contribution": money(record.max_contribution) if record.max_contribution is not None else None,
                "contact": _lead_contact(),
                "link": {"endpoint": "partner.check", "args": {"partner_id": record.partner_id}},
            },
        )


def _summary(record: PartnerResponse, cat) -> list[dict]:
    """Each chosen lot with its answers as the officer gave them (labels and units from the catalogue)."""
    lots = []
    for lot_id in [] if record.declined else record.lots:
        lot = cat.lot(lot_id)
        if lot is None:
            continue
        answers = record.answers.get(lot_id, {})
        rows = []
        for question in lot.questions:
            if question.id not in answers:
                continue
            kind = question_type(question)
            rows.append({"label": question.label, "value": kind.summary(kind.from_stored(answers[question.id]))})
        lots.append({"title": lot.title, "answers": rows})
    return lots


@_after_commit
def answers_reopened(partner_id: str) -> None:
    from ..web.store import catalogue, deadline

    partner = catalogue().partner(partner_id)
    closing = deadline()
    for officer in officers(partner_id):
        _queue_each(
            officer.email,
            "reopened",
            f"Your CPSN answers are open for changes: {partner.name}",
            {
                "name": officer.name,
                "partner": partner.name,
                "deadline": london(closing, "%H:%M on %A %-d %B %Y") if closing else None,
                "contact": _lead_contact(),
                "link": {"endpoint": "partner.tasks", "args": {"partner_id": partner_id}},
            },
        )


# Deadlines and votes -----------------------------------------------------------------------


@_after_commit
def deadline_changed(old: datetime | None, new: datetime | None, now: datetime | None = None) -> None:
    """Tell officers of partners yet to submit; remember when, so reminders already past are skipped."""
    if old == new:
        return
    now = now or utcnow()
    setting = db.session.get(Setting, DEADLINE_SET_AT) or Setting(key=DEADLINE_SET_AT)
    setting.value = now.isoformat()
    db.session.add(setting)
    for partner_id, officer in officers_of_partners_yet_to_submit():
        subject = (
            f"New deadline for your CPSN answers: {london(new, '%-d %B %Y')}"
            if new and old
            else f"Deadline for your CPSN answers: {london(new, '%-d %B %Y')}"
            if new
            else "The deadline for your CPSN answers is removed"
        )
        _queue_each(
            officer.email,
            "deadline_changed",
            subject,
            {
                "name": officer.name,
                "new": london(new, "%H:%M on %A %-d %B %Y") if new else None,
                "old": london(old, "%H:%M on %A %-d %B %Y") if old else None,
                "link": {"endpoint": "partner.tasks", "args": {"partner_id": partner_id}},
            },
            not_before=now,
        )


@_after_commit
def vote_opened(code: str) -> None:
    """Officers of the partners taking part in the motion's project hear when voting opens (queued
    now, sent at the opening time), one message per officer and motion."""
    from ..governance.register import build_register
    from ..web.governance_store import records
    from ..web.models import Motion
    from ..web.store import catalogue, response_set

    motion = db.session.execute(db.select(Motion).filter_by(code=code)).scalar_one_or_none()
    if motion is None:
        return
    cat = catalogue()
    project = next((p for p in cat.programme.projects if p.id == motion.project_id), None)
    register = build_register(cat, response_set(), records())
    for partner_id in register.eligible_voters(motion.project_id, to_london(motion.opens)):
        for officer in officers(partner_id):
            _queue_each(
                officer.email,
                "vote_opened",
                f"Vote open: {motion.code}, {project.title if project else motion.project_id}",
                {
                    "name": officer.name,
                    "code": motion.code,
                    "text": motion.text,
                    "project": project.title if project else motion.project_id,
                    "opens": london(motion.opens, "%H:%M on %A %-d %B %Y"),
                    "closes": london(motion.closes, "%H:%M on %A %-d %B %Y"),
                    "link": {"endpoint": "governance.votes", "args": {"partner_id": partner_id}},
                },
                key=f"vote:{motion.id}:{officer.id}",
                not_before=motion.opens,
            )
