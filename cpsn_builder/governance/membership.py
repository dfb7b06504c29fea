"""Warnings when participation falls: price tiers lost to departing partners, projects losing their base."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..catalogue import Catalogue
from ..engine import Estimate, Scenario, compare, estimate
from ..formatting import number, unit_price
from ..responses import ResponseSet
from .register import Register


@dataclass(frozen=True)
class ParticipationWarning:
    kind: str  # "tier" or "base"
    message: str


def participation_warnings(
    catalogue: Catalogue, responses: ResponseSet, register: Register, base: Estimate | None = None, on: date | None = None
) -> list[ParticipationWarning]:
    """Warnings as at `on` (default: the contract start, when the partnership's volumes are priced)."""
    warnings = _base_warnings(catalogue, register, on or catalogue.procurement.contract_start)
    base = base or estimate(catalogue, responses)
    leaving = [p for p in base.partners if p.leaves is not None]
    if leaving:
        after = estimate(catalogue, responses, Scenario("after notices expire", without=tuple(p.partner_id for p in leaving)))
        who = ", ".join(f"{p.name} (notice expires {p.leaves:%-d %B %Y})" for p in leaving)
        for change in compare(base, after).tier_changes:
            if change.scenario_price is not None and change.base_price is not None and change.scenario_price > change.base_price:
                warnings.append(
                    ParticipationWarning(
                        "tier",
                        (
                            f"{change.title}: when {who} leave{'s' if len(leaving) == 1 else ''}, the partnership's volume falls from "
                            f"{number(change.base_quantity)} to {number(change.scenario_quantity)} and the unit price for everyone else "
                            f"rises from {unit_price(change.base_price)} to {unit_price(change.scenario_price)}."
                        ),
                    )
                )
    return warnings


def _base_warnings(catalogue: Catalogue, register: Register, on: date) -> list[ParticipationWarning]:
    warnings = []
    founding = [p for p in catalogue.partners if p.status in ("member", "withdrawing", "withdrawn")]
    going = [p for p in founding if p.status in ("withdrawing", "withdrawn")]
    threshold = catalogue.programme.withdrawal_warning_percent
    if founding and Decimal(len(going) * 100) / len(founding) >= threshold:
        share = Decimal(len(going) * 100) / len(founding)
        warnings.append(
            ParticipationWarning(
                "base",
                (
                    f"{len(going)} of {len(founding)} partners ({share:.0f}%) have given notice or withdrawn, at or above the "
                    f"{threshold}% at which the partnership's objectives are at risk (in Staffordshire, 4 of 10 undermined them)."
                ),
            )
        )
    for project in catalogue.programme.projects:
        taking_part = [p for p in founding if register.takes_part(p.id, project.id, on)]
        if len(taking_part) < 2:
            warnings.append(
                ParticipationWarning(
                    "base",
                    (
                        f"{project.title} has lost its base: {len(taking_part)} partner{'s' if len(taking_part) != 1 else ''} take part, "
                        f"so it is no longer a shared project."
                    ),
                )
            )
    return warnings
