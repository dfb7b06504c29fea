"""The partnership's governance position in one object: votes, contributions and warnings.

The CLI, the dashboard and the cabinet report all show this, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from ..catalogue import Catalogue
from ..engine import Estimate, estimate
from ..responses import ResponseSet
from .contributions import Allocation, Contributor, allocate
from .membership import ParticipationWarning, participation_warnings
from .records import GovernanceFile
from .register import Register, build_register
from .voting import Motion, MotionResult, tally


@dataclass(frozen=True)
class ProjectPosition:
    project_id: str
    title: str
    taking_part: tuple[str, ...]
    declined: tuple[str, ...]  # members whose voting rights on this project are suspended


@dataclass(frozen=True)
class GovernanceReport:
    as_at: datetime
    projects: tuple[ProjectPosition, ...]
    motions: tuple[MotionResult, ...]
    allocations: tuple[Allocation, ...]
    warnings: tuple[ParticipationWarning, ...]


def governance_report(
    catalogue: Catalogue, responses: ResponseSet, records: GovernanceFile | None, now: datetime, base: Estimate | None = None
) -> GovernanceReport:
    register = build_register(catalogue, responses, records)
    base = base or estimate(catalogue, responses)
    on = catalogue.procurement.contract_start
    return GovernanceReport(
        as_at=now,
        projects=tuple(_position(catalogue, register, project, on) for project in catalogue.programme.projects),
        motions=tuple(tally(Motion.from_record(m), register, now) for m in (records.motions if records else [])),
        allocations=tuple(
            _allocation(catalogue, register, base, project, on) for project in catalogue.programme.projects if project.shared_costs
        ),
        warnings=tuple(participation_warnings(catalogue, responses, register, base)),
    )


def _position(catalogue: Catalogue, register: Register, project, on: date) -> ProjectPosition:
    members = [p.id for p in catalogue.partners if register.member_on(p.id, on)]
    taking = tuple(p for p in members if register.takes_part(p, project.id, on))
    return ProjectPosition(project.id, project.title, taking, tuple(p for p in members if p not in taking))


def _allocation(catalogue: Catalogue, register: Register, base: Estimate, project, on: date) -> Allocation:
    rule = project.shared_costs.allocation
    if project.procurement:
        # The procurement's costs fall on the partners buying through it.
        sharing = [(p.partner_id, p.name, p.term_cost) for p in base.partners]
    else:
        sharing = [(p.id, p.name, Decimal(1)) for p in catalogue.partners if register.takes_part(p.id, project.id, on)]
    contributors = [
        Contributor(
            partner_id, name, register.max_contribution(partner_id, project.id), value if rule == "pro_rata_contract_value" else Decimal(1)
        )
        for partner_id, name, value in sharing
    ]
    return allocate(project.id, rule, list(project.shared_costs.lines), contributors)
