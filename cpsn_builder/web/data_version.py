"""A number in the database that moves whenever anything the figures are computed from changes.

Every flush that adds, changes or deletes a partner's response, a site, the lead's membership
changes, a participation record, a motion or a vote also adds one to it, in the same transaction and with an atomic UPDATE, so every worker
sees the same number for the same data. The governance report reads the last three; they are
written rarely, so one number serves the estimate and the report. Caches key on it (figures_cache.py): a stale figure
would need a write that did not move it, and the only writes that bypass the session's flush
(a snapshot restore) move it themselves.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column

from .extensions import db
from .models import Motion, Participation, PartnerResponse, Setting, SiteRow, Vote

FIGURE_SETTINGS = {"partner_changes"}  # settings the estimate reads (the deadline does not change a figure)
FIGURE_RECORDS = (PartnerResponse, SiteRow, Participation, Motion, Vote)  # what the estimate and the governance report read


class DataVersion(db.Model):
    __tablename__ = "data_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    n: Mapped[int] = mapped_column(sa.BigInteger, default=0)


def current() -> int:
    value = db.session.execute(sa.select(DataVersion.n).where(DataVersion.id == 1)).scalar()
    return int(value or 0)


def bump(session: Session | None = None) -> None:
    (session or db.session).execute(sa.update(DataVersion).where(DataVersion.id == 1).values(n=DataVersion.n + 1))


def _touches_figures(session: Session) -> bool:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, FIGURE_RECORDS):
            return True
        if isinstance(obj, Setting) and obj.key in FIGURE_SETTINGS:
            return True
    return False


@event.listens_for(Session, "before_flush")
def _count_changes(session: Session, flush_context, instances) -> None:
    if _touches_figures(session):
        bump(session)
