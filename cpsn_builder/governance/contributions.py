"""Sharing a project's costs among the partners taking part, never above what each agreed.

Each cost line is shared by the programme's rule (equal shares, or pro rata to each partner's
estimated contract value). Where a partner's share would take it past its agreed maximum it pays
up to the maximum and the excess is shared again among the others with headroom left, by the
same rule; what nobody can take is a shortfall on that line, reported, never absorbed.
Lines are shared in the order the programme lists them, so earlier lines use headroom first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from ..catalogue.models import CostLine

PENNY = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True)
class Contributor:
    partner_id: str
    name: str
    cap: Decimal  # the most it agreed to pay (0 when it agreed nothing)
    weight: Decimal  # 1 for equal shares; its estimated contract value for pro rata


@dataclass(frozen=True)
class Share:
    partner_id: str
    amount: Decimal
    capped: bool  # the partner reached its cap on this line


@dataclass(frozen=True)
class LineAllocation:
    line_id: str
    title: str
    amount: Decimal
    shares: tuple[Share, ...]
    shortfall: Decimal


@dataclass(frozen=True)
class PartnerContribution:
    partner_id: str
    name: str
    cap: Decimal
    charged: Decimal
    headroom: Decimal
    cap_binds: bool


@dataclass(frozen=True)
class Allocation:
    project_id: str
    rule: str
    lines: tuple[LineAllocation, ...]
    partners: tuple[PartnerContribution, ...]
    total_cost: Decimal
    total_charged: Decimal
    total_shortfall: Decimal

    @property
    def binding_caps(self) -> tuple[PartnerContribution, ...]:
        return tuple(p for p in self.partners if p.cap_binds)


def allocate(project_id: str, rule: str, lines: list[CostLine], contributors: list[Contributor]) -> Allocation:
    headroom = {c.partner_id: c.cap for c in contributors}
    binds: set[str] = set()
    results = []
    for line in lines:
        shares, shortfall, capped = _share_line(line.amount, contributors, headroom)
        for partner_id, amount in shares.items():
            headroom[partner_id] -= amount
        binds |= capped
        results.append(
            LineAllocation(
                line.id,
                line.title,
                line.amount,
                tuple(Share(c.partner_id, shares[c.partner_id], c.partner_id in capped) for c in contributors),
                shortfall,
            )
        )
    partners = tuple(
        PartnerContribution(c.partner_id, c.name, c.cap, c.cap - headroom[c.partner_id], headroom[c.partner_id], c.partner_id in binds)
        for c in contributors
    )
    total_cost = sum((line.amount for line in lines), ZERO)
    total_charged = sum((p.charged for p in partners), ZERO)
    return Allocation(project_id, rule, tuple(results), partners, total_cost, total_charged, sum((r.shortfall for r in results), ZERO))


def _share_line(
    amount: Decimal, contributors: list[Contributor], headroom: dict[str, Decimal]
) -> tuple[dict[str, Decimal], Decimal, set[str]]:
    shares = {c.partner_id: ZERO for c in contributors}
    capped: set[str] = set()
    active = [c for c in contributors if headroom[c.partner_id] > 0 and c.weight > 0]
    remaining = amount
    # A partner's share of the line is set once: all of its headroom when a split would take it to
    # its cap (it then leaves the split), or its part of the final split.
    while remaining > 0 and active:
        ideal = _split(remaining, active)
        over = [c for c in active if ideal[c.partner_id] >= headroom[c.partner_id]]
        if not over:
            for c in active:
                shares[c.partner_id] = ideal[c.partner_id]
            remaining = ZERO
            break
        # Those the split would take to their cap pay up to it; the rest is split again without them.
        for c in over:
            shares[c.partner_id] = headroom[c.partner_id]
            remaining -= headroom[c.partner_id]
            capped.add(c.partner_id)
        capped_now = {c.partner_id for c in over}
        active = [c for c in active if c.partner_id not in capped_now]
    return shares, remaining, capped


def _split(amount: Decimal, contributors: list[Contributor]) -> dict[str, Decimal]:
    """Split into pennies by weight; leftover pennies go to the largest remainders, ties in list order."""
    total_weight = sum((c.weight for c in contributors), ZERO)
    exact = {c.partner_id: amount * c.weight / total_weight for c in contributors}
    floors = {k: v.quantize(PENNY, rounding=ROUND_FLOOR) for k, v in exact.items()}
    leftover = int((amount - sum(floors.values(), ZERO)) / PENNY)
    # sorted() is stable, so equal remainders keep the list's order (contributors.index(c) in the key
    # said the same at a linear search per comparison: quadratic in partners).
    order = sorted(contributors, key=lambda c: floors[c.partner_id] - exact[c.partner_id])
    for c in order[:leftover]:
        floors[c.partner_id] += PENNY
    return floors
