"""Who hears about what: a partner's officers (active accounts)."""

from __future__ import annotations

from ..web.extensions import db
from ..web.models import User


def officers(partner_id: str) -> list[User]:
    return list(
        db.session.execute(db.select(User).filter_by(role="partner", partner_id=partner_id, disabled=False).order_by(User.email)).scalars()
    )


def officers_of_partners_yet_to_submit() -> list[tuple[str, User]]:
    """(partner id, officer) for every partner (not withdrawn) whose answers are not submitted."""
    from ..web.models import PartnerResponse
    from ..web.store import catalogue, project_id

    submitted = set(
        db.session.execute(db.select(PartnerResponse.partner_id).filter_by(project_id=project_id(), status="submitted")).scalars()
    )
    return [(p.id, user) for p in catalogue().partners if p.status != "withdrawn" and p.id not in submitted for user in officers(p.id)]
