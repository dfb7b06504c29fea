"""Database tables: users, partner responses with their sites, the audit trail, settings.

Partners, lots and questions live in the catalogue; the database holds what people typed.
Answers are stored as JSON (numbers as decimal strings, never floats) because the questions are
data: a new lot in the catalogue needs no migration.
"""

from __future__ import annotations

from datetime import date, datetime, UTC
from decimal import Decimal

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash

from .extensions import db
from .passwords import hash_password

ROLES = ("partner", "lead", "cabinet")
ROLE_NAMES = {"partner": "Partner officer", "lead": "Procurement lead", "cabinet": "Cabinet viewer"}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    partner_id: Mapped[str | None] = mapped_column(String(40))
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Part of every session's user id: adding one ends every session of the account at once
    # (sign-out, a new password, disabling), because the cookies name the old generation.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    disabled: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    def get_id(self) -> str:
        return f"{self.id}.{self.session_generation or 0}"

    def end_sessions(self) -> None:
        self.session_generation = (self.session_generation or 0) + 1

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)
        self.end_sessions()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class PartnerResponse(db.Model):
    __tablename__ = "responses"
    __table_args__ = (UniqueConstraint("partner_id", "project_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(40))
    project_id: Mapped[str] = mapped_column(String(40))
    declined: Mapped[bool | None] = mapped_column(default=None)  # None: not yet decided
    lots: Mapped[list] = mapped_column(JSON, default=list)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    current_spend: Mapped[dict] = mapped_column(JSON, default=dict)
    max_contribution: Mapped[Decimal | None] = mapped_column(Numeric(15, 2))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | submitted
    submitted_at: Mapped[datetime | None] = mapped_column()
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    sites: Mapped[list[SiteRow]] = relationship(back_populates="response", cascade="all, delete-orphan", order_by="SiteRow.id")

    __mapper_args__ = {"version_id_col": version}


class SiteRow(db.Model):
    __tablename__ = "sites"
    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(String(10))
    service_line_id: Mapped[str] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    response: Mapped[PartnerResponse] = relationship(back_populates="sites")


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user_email: Mapped[str] = mapped_column(String(254))
    partner_id: Mapped[str] = mapped_column(String(40), index=True)
    field: Mapped[str] = mapped_column(String(200))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class Setting(db.Model):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class Participation(db.Model):
    """A partner's position on a project other than the priced procurement (whose responses say it)."""

    __tablename__ = "participation"
    __table_args__ = (UniqueConstraint("partner_id", "project_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(40))
    project_id: Mapped[str] = mapped_column(String(40))
    declined_on: Mapped[date | None] = mapped_column()
    max_contribution: Mapped[Decimal | None] = mapped_column(Numeric(15, 2))


class Motion(db.Model):
    __tablename__ = "motions"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    project_id: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    opens: Mapped[datetime] = mapped_column()
    closes: Mapped[datetime] = mapped_column()
    votes: Mapped[list[Vote]] = relationship(back_populates="motion", cascade="all, delete-orphan", order_by="Vote.cast_at")


class Vote(db.Model):
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("motion_id", "partner_id"),)  # one vote per partner, enforced by the database too
    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"))
    partner_id: Mapped[str] = mapped_column(String(40))
    choice: Mapped[str] = mapped_column(String(10))
    officer: Mapped[str] = mapped_column(String(254))
    cast_at: Mapped[datetime] = mapped_column()
    motion: Mapped[Motion] = relationship(back_populates="votes")


class BoardRepresentative(db.Model):
    """An officer delegated to act for its partner on the board (agreement 3.3.1): only they cast its vote."""

    __tablename__ = "board_representatives"
    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(40), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    granted_by: Mapped[str] = mapped_column(String(200))  # who delegated the authority, e.g. the chief executive
    valid_from: Mapped[date] = mapped_column()
    valid_until: Mapped[date | None] = mapped_column()
    user: Mapped[User] = relationship()

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class SignInFailure(db.Model):
    """Failed sign-ins, shared by every worker, for rate limiting."""

    __tablename__ = "sign_in_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), index=True)  # "email:..." or "ip:..."
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


# --- Tenders: a round of returned pricing schedules, the marks given, the published award ---------


class TenderRound(db.Model):
    """A round of bids pricing one issued version of the statement of requirements."""

    __tablename__ = "tender_rounds"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_label: Mapped[str] = mapped_column(String(20))  # the issued SoR version the bids price
    closing_at: Mapped[datetime] = mapped_column()  # UTC; bids stay sealed until it passes
    opened_by: Mapped[str] = mapped_column(String(254))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    bids: Mapped[list[TenderBid]] = relationship(back_populates="round", cascade="all, delete-orphan", order_by="TenderBid.id")


class TenderBid(db.Model):
    """A returned workbook, kept byte for byte: the evaluation reads it again from these bytes."""

    __tablename__ = "tender_bids"
    __table_args__ = (UniqueConstraint("round_id", "sha256"), UniqueConstraint("round_id", "bidder"))
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("tender_rounds.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(String(64))
    bidder: Mapped[str] = mapped_column(String(200))  # stored on upload, shown only after closing
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    received_by: Mapped[str] = mapped_column(String(254))
    late: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    late_reason: Mapped[str | None] = mapped_column(Text)
    # The bid as read on upload (tenders/stored_bids.py): pages load it rather than parse the workbook again.
    reading: Mapped[str | None] = mapped_column(Text)
    round: Mapped[TenderRound] = relationship(back_populates="bids")


class TenderMark(db.Model):
    """One score, 0-4: an evaluator's (evaluator named) or the moderated one (evaluator empty)."""

    __tablename__ = "tender_marks"
    __table_args__ = (UniqueConstraint("bid_id", "lot_id", "criterion_id", "evaluator"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("tender_bids.id", ondelete="CASCADE"), index=True)
    lot_id: Mapped[str] = mapped_column(String(40))
    criterion_id: Mapped[str] = mapped_column(String(12))
    evaluator: Mapped[str] = mapped_column(String(120))  # "" for the moderated score
    score: Mapped[int] = mapped_column()
    given_by: Mapped[str] = mapped_column(String(254))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)


class TenderAward(db.Model):
    """A published award recommendation; withdrawn ones stay, with who withdrew them and when."""

    __tablename__ = "tender_awards"
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("tender_rounds.id", ondelete="CASCADE"), index=True)
    choices: Mapped[list] = mapped_column(JSON)  # [[lot id, bidder or null, reason], ...]
    resolutions: Mapped[list] = mapped_column(JSON)  # [{kind, bidder, lot_id, line_id, resolution}, ...]
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by: Mapped[str] = mapped_column(String(254))
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    withdrawn_by: Mapped[str | None] = mapped_column(String(254))
