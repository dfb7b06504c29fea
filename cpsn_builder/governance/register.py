"""Who is a member, and who takes part in which project, on a given day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ..catalogue import Catalogue
from ..engine.term import notice_expiry
from ..responses import ResponseSet


@dataclass(frozen=True)
class Position:
    """A partner's position on one project."""

    declined_on: date | None = None  # None: takes part
    declined_always: bool = False  # declined without a date (a response that declines)
    max_contribution: Decimal | None = None


@dataclass(frozen=True)
class Register:
    catalogue: Catalogue
    positions: dict[tuple[str, str], Position] = field(default_factory=dict)
    notice_overrides: dict[str, date] = field(default_factory=dict)

    def member_on(self, partner_id: str, day: date) -> bool:
        partner = self.catalogue.partner(partner_id)
        if partner is None or partner.status in ("prospective", "withdrawn"):
            return False
        if partner.joined and partner.joined > day:
            return False
        leaves = self.leaves(partner_id)
        return leaves is None or day <= leaves

    def leaves(self, partner_id: str) -> date | None:
        partner = self.catalogue.partner(partner_id)
        given = self.notice_overrides.get(partner_id, partner.notice_given if partner else None)
        return notice_expiry(given, self.catalogue.programme.notice_period_months) if given else None

    def position(self, partner_id: str, project_id: str) -> Position:
        return self.positions.get((partner_id, project_id), Position())

    def takes_part(self, partner_id: str, project_id: str, day: date) -> bool:
        """A member that has not declined the project by that day (declining takes effect the same day)."""
        position = self.position(partner_id, project_id)
        if position.declined_always or (position.declined_on is not None and position.declined_on <= day):
            return False
        return self.member_on(partner_id, day)

    def eligible_voters(self, project_id: str, when: datetime) -> list[str]:
        return [p.id for p in self.catalogue.partners if self.takes_part(p.id, project_id, when.date())]

    def max_contribution(self, partner_id: str, project_id: str) -> Decimal:
        """What the partner agreed to pay at most; nothing agreed means nothing can be charged."""
        agreed = self.position(partner_id, project_id).max_contribution
        return agreed if agreed is not None else Decimal(0)


def build_register(catalogue: Catalogue, responses: ResponseSet | None, records=None) -> Register:
    """Positions from the procurement's responses and the governance file's participation records."""
    positions: dict[tuple[str, str], Position] = {}
    if responses is not None:
        for response in responses.responses:
            positions[(response.partner_id, response.project_id)] = Position(
                declined_always=response.declined, max_contribution=response.max_contribution
            )
    for record in records.participation if records else []:
        earlier = positions.get((record.partner, record.project), Position())
        positions[(record.partner, record.project)] = Position(
            declined_on=record.declined_on,
            declined_always=earlier.declined_always,
            max_contribution=record.max_contribution if record.max_contribution is not None else earlier.max_contribution,
        )
    return Register(catalogue, positions)
