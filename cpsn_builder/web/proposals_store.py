"""Partners' own requirements: proposed by an officer, decided by the lead, the decision shown back."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..requirements import Clause
from .extensions import db
from .models import utcnow
from .requirement_tables import RequirementProposal
from .requirements_store import AUDIT_SUBJECT, FieldProblem, next_clause_id, problems_of, save_clause
from .store import audit

STATUS_NAMES = {"open": "Waiting for a decision", "accepted": "Accepted", "merged": "Merged", "declined": "Declined"}


def proposals_of(partner_id: str | None = None) -> list[RequirementProposal]:
    query = db.select(RequirementProposal).order_by(RequirementProposal.proposed_at, RequirementProposal.id)
    if partner_id is not None:
        query = query.filter_by(partner_id=partner_id)
    return list(db.session.execute(query).scalars())


def clause_problems(catalogue: Catalogue, lot_id: str, text: str, partner_id: str) -> list[FieldProblem]:
    """The set's own checks on the text a partner proposes, so an accepted proposal is always a valid clause."""
    draft = Clause(id="XX-999", priority="Should", text=text, partners=[partner_id], proposed_by=partner_id)
    return [p for p in problems_of(catalogue, lot_id, draft) if p.field == "text"]


def propose(partner_id: str, lot_id: str, priority: str, text: str, why: str, sites: list[str], officer: str) -> RequirementProposal:
    proposal = RequirementProposal(
        partner_id=partner_id, lot_id=lot_id, priority=priority, text=text, why=why, sites=sites, status="open", proposed_by=officer
    )
    db.session.add(proposal)
    db.session.flush()
    audit(partner_id, f"requirement proposal {proposal.id}", None, f"{lot_id}, {priority}: {text}")
    return proposal


def accept(catalogue: Catalogue, proposal: RequirementProposal, priority: str, text: str) -> str:
    """A new clause in the lot's series, for the proposing partner, with the text as the lead settled it."""
    clause_id = next_clause_id(catalogue, proposal.lot_id)
    save_clause(
        catalogue,
        proposal.lot_id,
        Clause(id=clause_id, priority=priority, text=text, partners=[proposal.partner_id], proposed_by=proposal.partner_id),
        None,
    )
    _decide(proposal, "accepted", None, clause_id)
    return clause_id


def merge(proposal: RequirementProposal, clause_id: str, reason: str) -> None:
    _decide(proposal, "merged", reason, clause_id)


def decline(proposal: RequirementProposal, reason: str) -> None:
    _decide(proposal, "declined", reason, None)


def _decide(proposal: RequirementProposal, status: str, reason: str | None, clause_id: str | None) -> None:
    from flask_login import current_user

    proposal.status, proposal.decision, proposal.clause_id = status, reason, clause_id
    proposal.decided_by, proposal.decided_at = current_user.email, utcnow()
    audit(
        proposal.partner_id,
        f"requirement proposal {proposal.id}",
        "open",
        f"{status}{' as ' + clause_id if clause_id else ''}{': ' + reason if reason else ''}",
    )
    audit(AUDIT_SUBJECT, f"proposal {proposal.id} from {proposal.partner_id}", "open", status)
    db.session.flush()
