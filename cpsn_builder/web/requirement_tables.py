"""Tables of the procurement's requirement set: its clauses, replaced section texts, partners'
proposals and the issued versions of the statement of requirements.

The catalogue holds the standard clauses; these rows hold the set as the lead tailored it. Until
the lead first changes something there are no rows, and the set is the catalogue's standard one.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .models import utcnow


class RequirementClause(db.Model):
    __tablename__ = "requirement_clauses"
    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[str] = mapped_column(String(40), index=True)
    clause_id: Mapped[str] = mapped_column(String(12), unique=True)
    position: Mapped[int] = mapped_column()
    priority: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    partners: Mapped[list] = mapped_column(JSON, default=list)
    proposed_by: Mapped[str | None] = mapped_column(String(40))
    withdrawn: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __mapper_args__ = {"version_id_col": version}  # two people saving the same clause: the later save fails


class RequirementSection(db.Model):
    __tablename__ = "requirement_sections"
    section_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str | None] = mapped_column(String(200))
    blocks: Mapped[list] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class RequirementProposal(db.Model):
    """A partner's own requirement, waiting for the lead's decision or decided."""

    __tablename__ = "requirement_proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(40), index=True)
    lot_id: Mapped[str] = mapped_column(String(40))
    priority: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)
    sites: Mapped[list] = mapped_column(JSON, default=list)  # names of the partner's sites it applies to
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | accepted | merged | declined
    decision: Mapped[str | None] = mapped_column(Text)  # the reason given, shown to the partner
    clause_id: Mapped[str | None] = mapped_column(String(12))  # the clause it became or was merged into
    proposed_by: Mapped[str] = mapped_column(String(254))
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(254))
    decided_at: Mapped[datetime | None] = mapped_column()


class SorVersion(db.Model):
    """An issued version: everything needed to rebuild the same document, frozen."""

    __tablename__ = "sor_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(10))  # Draft | Final
    issued_on: Mapped[date] = mapped_column()
    author: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(200))
    requirement_set: Mapped[str] = mapped_column(Text)  # the set's YAML, as `requirements export` writes it
    responses: Mapped[str] = mapped_column(Text)  # the responses' YAML files, as one JSON object by partner
    catalogue_digest: Mapped[str] = mapped_column(String(64))
    document_sha256: Mapped[str] = mapped_column(String(64))
    # The pricing schedule bidders were sent, as issued (about 1 MiB for 400 partners, so loaded
    # only when asked for); None for versions issued before revision 0011, built again instead.
    schedule: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # The statement of requirements as issued (revision 0012; None before it, rebuilt and checked
    # against document_sha256 instead): served as it was sent, whatever has changed since.
    document: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    issued_by: Mapped[str] = mapped_column(String(254))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
