"""Demo data for `make run`: users for every role and the demo responses. Loading twice changes nothing."""

from __future__ import annotations

from datetime import date, datetime

from ..catalogue import data_dir
from ..responses import load_responses
from ..responses.conversion import to_stored
from .extensions import db
from .models import BoardRepresentative, PartnerResponse, SiteRow, User
from .store import catalogue

DEMO_PASSWORD = "cpsn-demo-2011"
# Left unanswered so a newcomer can complete and submit a questionnaire from scratch.
LEFT_FOR_YOU = "huntingdonshire"
SUBMITTED_AT = datetime(2011, 1, 7, 12, 0)


def demo_users() -> list[tuple[str, str, str, str | None]]:
    users = [("lead@cpsn.example", "Procurement Lead", "lead", None), ("cabinet@cpsn.example", "Cabinet Member", "cabinet", None)]
    users += [(f"officer@{p.id}.example", f"{p.short_name} officer", "partner", p.id) for p in catalogue().partners]
    return users


def accounts_on_demo_password() -> list[str]:
    """Emails of accounts whose password is the demo's published one (a production start refuses them)."""
    users = db.session.execute(db.select(User).order_by(User.email)).scalars()
    return [user.email for user in users if user.check_password(DEMO_PASSWORD)]


def stored_record(response, cat, submitted_at) -> PartnerResponse:
    """A response as a submitted database record, by the one conversion (responses/conversion.py)."""
    fields = to_stored(response, cat)
    sites = fields.pop("sites")
    fields["submitted_at"] = submitted_at
    record = PartnerResponse(**fields, status="submitted", updated_at=submitted_at, version=1)
    record.sites = [SiteRow(**site) for site in sites]
    return record


def load_demo() -> list[str]:
    """Create missing demo users and responses; returns what was added."""
    added = []
    for email, name, role, partner_id in demo_users():
        if db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none() is None:
            user = User(email=email, name=name, role=role, partner_id=partner_id)
            user.set_password(DEMO_PASSWORD)
            db.session.add(user)
            added.append(f"user {email}")
    db.session.flush()
    for email, _, role, partner_id in demo_users():
        user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one()
        if role == "partner" and db.session.execute(db.select(BoardRepresentative).filter_by(user_id=user.id)).first() is None:
            db.session.add(
                BoardRepresentative(
                    partner_id=partner_id, user_id=user.id, granted_by="Chief Executive (demo)", valid_from=date(2010, 6, 1)
                )
            )
            added.append(f"board representative {email}")
    cat = catalogue()
    for response in load_responses([data_dir("demo") / "responses"], cat).responses:
        if response.partner_id == LEFT_FOR_YOU:
            continue
        exists = db.session.execute(
            db.select(PartnerResponse).filter_by(partner_id=response.partner_id, project_id=response.project_id)
        ).scalar_one_or_none()
        if exists is not None:
            continue
        record = stored_record(response, cat, submitted_at=response.submitted_at or SUBMITTED_AT)
        db.session.add(record)
        added.append(f"responses of {response.partner_id}")
    from ..governance.loader import load_governance
    from .governance_store import load_records

    if load_records(load_governance(data_dir("demo") / "governance.yml", cat)):
        added.append("governance records")
    db.session.commit()
    return added
