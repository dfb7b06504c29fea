"""The partnership agreement's records in the database, shown through the governance domain."""

from __future__ import annotations

from datetime import datetime

from ..engine import Estimate
from ..responses.models import ResponseSet
from ..governance.records import GovernanceFile, MotionRecord, ParticipationRecord, VoteRecord
from ..governance.register import build_register
from ..governance.report import GovernanceReport, governance_report
from ..governance.voting import Motion as DomainMotion
from ..governance.voting import cast_vote
from .clock import to_utc
from .extensions import db
from .models import Motion, Participation, Vote, utcnow
from .store import audit, catalogue, response_set


def records() -> GovernanceFile:
    participation = [
        ParticipationRecord(partner=p.partner_id, project=p.project_id, declined_on=p.declined_on, max_contribution=p.max_contribution)
        for p in db.session.execute(db.select(Participation).order_by(Participation.id)).scalars()
    ]
    motions = [
        MotionRecord(
            id=m.code,
            project=m.project_id,
            text=m.text,
            opens=m.opens,
            closes=m.closes,
            votes=[VoteRecord(partner=v.partner_id, choice=v.choice, officer=v.officer, cast_at=v.cast_at) for v in m.votes],
        )
        for m in db.session.execute(db.select(Motion).order_by(Motion.opens, Motion.id)).scalars()
    ]
    return GovernanceFile(participation=participation, motions=motions)


def report(base: Estimate | None = None, now: datetime | None = None, responses: ResponseSet | None = None) -> GovernanceReport:
    return governance_report(catalogue(), responses or response_set(), records(), now or utcnow(), base)


def vote(motion: Motion, partner_id: str, choice: str, officer: str, at: datetime) -> None:
    """Record a vote, after the agreement's checks (raises VotingError with the reason)."""
    register = build_register(catalogue(), response_set(), records())
    domain = DomainMotion.from_record(
        MotionRecord(
            id=motion.code,
            project=motion.project_id,
            text=motion.text,
            opens=motion.opens,
            closes=motion.closes,
            votes=[VoteRecord(partner=v.partner_id, choice=v.choice, officer=v.officer, cast_at=v.cast_at) for v in motion.votes],
        )
    )
    cast_vote(domain, register, partner_id, choice, officer, at)
    motion.votes.append(Vote(partner_id=partner_id, choice=choice, officer=officer, cast_at=at))
    audit(partner_id, f"vote.{motion.code}", None, choice)


def load_records(file: GovernanceFile) -> int:
    """Add the file's participation records and motions that are not in the database yet."""
    added = 0
    for record in file.participation:
        exists = db.session.execute(
            db.select(Participation).filter_by(partner_id=record.partner, project_id=record.project)
        ).scalar_one_or_none()
        if exists is None:
            db.session.add(
                Participation(
                    partner_id=record.partner,
                    project_id=record.project,
                    declined_on=record.declined_on,
                    max_contribution=record.max_contribution,
                )
            )
            added += 1
    for record in file.motions:
        if db.session.execute(db.select(Motion).filter_by(code=record.id)).scalar_one_or_none() is None:
            # a governance file's times are London wall-clock times, as people write them
            motion = Motion(
                code=record.id, project_id=record.project, text=record.text, opens=to_utc(record.opens), closes=to_utc(record.closes)
            )
            motion.votes = [Vote(partner_id=v.partner, choice=v.choice, officer=v.officer, cast_at=to_utc(v.cast_at)) for v in record.votes]
            db.session.add(motion)
            added += 1
    return added
