"""Reading and saving partner responses: drafts, version checks, the audit trail, and the engine's view."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from flask import current_app, g
from flask_login import current_user
from sqlalchemy.orm import selectinload

from ..catalogue import Catalogue, load_catalogue
from ..catalogue.dates import date_problem
from ..questions import question_type
from ..responses.conversion import from_stored
from ..responses.models import Response, ResponseSet
from .clock import to_london
from .extensions import db
from .models import AuditEvent, PartnerResponse, Setting, SiteRow, User, utcnow


class StaleAnswers(Exception):
    """Someone else saved these answers after this page was loaded."""


class Locked(Exception):
    """The answers are submitted, or the deadline has passed: nothing may change."""


def base_catalogue() -> Catalogue:
    """The catalogue as shipped (or as CPSN_CATALOGUE names it), read once per app."""
    cached = current_app.extensions.get("cpsn_catalogue")
    if cached is None:
        cached = load_catalogue(current_app.config.get("CPSN_CATALOGUE"))
        current_app.extensions["cpsn_catalogue"] = cached
    return cached


def catalogue() -> Catalogue:
    """The catalogue with the lead's changes to partners' membership (joining, notice) applied."""
    if "cpsn_catalogue" not in g:
        g.cpsn_catalogue = with_partner_changes(base_catalogue(), partner_changes())
    return g.cpsn_catalogue


def partner_changes() -> dict[str, dict]:
    setting = db.session.get(Setting, "partner_changes")
    return json.loads(setting.value) if setting and setting.value else {}


def with_partner_changes(cat: Catalogue, changes: dict[str, dict]) -> Catalogue:
    if not changes:
        return cat
    partners = tuple(p.model_copy(update=_usable_change(cat, changes[p.id])) if p.id in changes else p for p in cat.partners)
    return Catalogue(cat.root, cat.programme, partners, cat.lots, cat.digest, cat.documents)


def _usable_change(cat: Catalogue, change: dict) -> dict:
    """A stored change as the estimate can use it: a date outside the programme's range (saved before
    dates were checked) is left out, so every page still computes; the partners page names it."""
    update = {}
    for key, value in change.items():
        if key in ("joined", "notice_given") and value:
            day = _stored_day(value)
            if day is None or date_problem(day, cat.programme):
                continue
            value = day
        update[key] = value
    return update


def _stored_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def stored_date_problems() -> list[tuple[str, str]]:
    """(partner id, message) for every stored membership date the estimate had to leave out."""
    cat = base_catalogue()
    found = []
    for partner_id, change in sorted(partner_changes().items()):
        partner = cat.partner(partner_id)
        for key, label in (("joined", "member from"), ("notice_given", "notice given on")):
            value = change.get(key)
            if not value:
                continue
            day = _stored_day(value)
            why = date_problem(day, cat.programme, f"{label}") if day else f"{label} '{value}' is not a date"
            if why and partner:
                found.append((partner_id, f"{partner.name}: {why}. The estimate ignores it until you correct it."))
    return found


def save_partner_change(partner_id: str, status: str, joined: date | None, notice_given: date | None) -> None:
    changes = partner_changes()
    before = changes.get(partner_id)
    changes[partner_id] = {
        "status": status,
        "joined": joined.isoformat() if joined else None,
        "notice_given": notice_given.isoformat() if notice_given else None,
    }
    setting = db.session.get(Setting, "partner_changes") or Setting(key="partner_changes")
    setting.value = json.dumps(changes, sort_keys=True)
    db.session.add(setting)
    audit(partner_id, "membership", before, changes[partner_id])
    g.pop("cpsn_catalogue", None)


def project_id() -> str:
    return catalogue().procurement.id


def response_for(partner_id: str, create: bool = True) -> PartnerResponse | None:
    record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id=partner_id, project_id=project_id())).scalar_one_or_none()
    if record is None and create:
        record = PartnerResponse(
            partner_id=partner_id, project_id=project_id(), lots=[], answers={}, current_spend={}, status="draft", version=1
        )
        db.session.add(record)
        db.session.flush()
    return record


def deadline() -> datetime | None:
    setting = db.session.get(Setting, "deadline")
    return datetime.fromisoformat(setting.value) if setting and setting.value else None


def set_deadline(value: datetime | None) -> None:
    setting = db.session.get(Setting, "deadline") or Setting(key="deadline")
    old = setting.value
    setting.value = value.isoformat() if value else None
    db.session.add(setting)
    audit("(programme)", "deadline", old, setting.value)


def editable(record: PartnerResponse) -> str | None:
    """Why the answers cannot change now, and who can change that; None when they can change."""
    lead = lead_contact()
    if record.status == "submitted":
        when = f" on {uk_time(record.submitted_at)}" if record.submitted_at else ""
        return (
            f"These answers have been submitted{when}, so they cannot be changed. If something needs to change, "
            f"ask the procurement lead{lead} to reopen them: only the lead can."
        )
    closing = deadline()
    if closing and utcnow() > closing:
        return (
            f"The deadline for answers passed on {uk_time(closing)}, so nothing can be changed now. "
            f"Only the procurement lead{lead} can extend the deadline or reopen answers."
        )
    return None


def uk_time(moment: datetime) -> str:
    """'7 January 2011 at 12:00' (UK time; GOV.UK dates have no leading zero)."""
    local = to_london(moment)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def lead_contact() -> str:
    """' (Procurement Lead, lead@cpsn.example)': who to ask, for messages to partners; '' when no lead account exists."""
    lead = db.session.execute(db.select(User).filter_by(role="lead", disabled=False).order_by(User.id)).scalars().first()
    return f" ({lead.name}, {lead.email})" if lead else ""


def begin_change(record: PartnerResponse, seen_version: str | int | None) -> None:
    """Refuse a change to locked answers, or to answers someone saved since the page was loaded."""
    why = editable(record)
    if why:
        raise Locked(why)
    try:
        seen = int(seen_version)
    except (TypeError, ValueError):
        seen = -1
    if seen != record.version:
        raise StaleAnswers()


def audit(partner_id: str, field: str, old, new) -> None:
    if _text(old) == _text(new):
        return
    user = current_user if current_user and current_user.is_authenticated else None
    db.session.add(
        AuditEvent(
            user_id=user.id if user else None,
            user_email=user.email if user else "system",
            partner_id=partner_id,
            field=field,
            old_value=_text(old),
            new_value=_text(new),
        )
    )


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return str(value)


def set_field(record: PartnerResponse, field: str, value) -> None:
    """Change one attribute, auditing the change."""
    old = getattr(record, field)
    if _text(old) != _text(value):
        audit(record.partner_id, field, old, value)
        setattr(record, field, value)


def set_answers(record: PartnerResponse, lot, answers: dict, spend: Decimal | None) -> None:
    """Replace one lot's answers (typed, as the lot form gives them), auditing each answer that changed."""
    before = dict(record.answers.get(lot.id, {}))
    after = {key: question_type(lot.question(key)).to_stored(value) for key, value in answers.items() if value is not None}
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            audit(record.partner_id, f"answers.{lot.id}.{key}", before.get(key), after.get(key))
    record.answers = {**record.answers, lot.id: after}
    spends = dict(record.current_spend)
    new_spend = None if spend is None else str(spend)
    if spends.get(lot.id) != new_spend:
        audit(record.partner_id, f"current_spend.{lot.id}", spends.get(lot.id), new_spend)
    if new_spend is None:
        spends.pop(lot.id, None)
    else:
        spends[lot.id] = new_spend
    record.current_spend = spends


def touch(record: PartnerResponse) -> None:
    record.updated_at = utcnow()


def to_engine(record: PartnerResponse, cat: Catalogue) -> Response:
    """The engine's Response for a stored record (the one conversion, in responses/conversion.py)."""
    return from_stored(record, cat)


def response_records() -> list[PartnerResponse]:
    """Every partner's stored response to the procurement, sites loaded, in partner order."""
    query = (
        db.select(PartnerResponse)
        .filter_by(project_id=project_id())
        .order_by(PartnerResponse.partner_id)
        .options(selectinload(PartnerResponse.sites))
    )  # one query for all sites, not one per partner
    return list(db.session.execute(query).scalars())


def response_set(submitted_only: bool = False, records: list[PartnerResponse] | None = None) -> ResponseSet:
    """Every partner's answers as the engine takes them (drafts too, unless asked otherwise), from
    `records` (response_records()) when the caller has read them already."""
    cat = catalogue()
    counted = [
        r
        for r in (response_records() if records is None else records)
        if r.declined is not None and (r.status == "submitted" or not submitted_only)
    ]
    return ResponseSet(project_id(), tuple(to_engine(r, cat) for r in counted if cat.partner(r.partner_id)))


def add_sites(record: PartnerResponse, sites) -> None:
    """Add checked sites (responses.sites.CheckedSite), auditing each."""
    for site in sites:
        record.sites.append(SiteRow(name=site.name, postcode=site.postcode, service_line_id=site.service_line_id, notes=site.notes))
        audit(record.partner_id, "sites", None, site_text(site))


def site_text(site) -> str:
    """A site as the audit trail records it."""
    return f"{site.name} ({site.postcode}, {site.service_line_id})"
