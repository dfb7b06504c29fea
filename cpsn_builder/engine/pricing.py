"""Unit prices: the tier that holds the partnership's aggregated quantity, or a sensitivity price."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..catalogue.models import ServiceLine, Tier

PENNY = Decimal("0.01")


def pennies(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def tier_for(line: ServiceLine, quantity: Decimal) -> Tier | None:
    """The tier whose range holds the quantity; none for zero.

    A tier runs from its `from` up to the next tier's `from`, so a fractional aggregate such as
    99.5 between tiers 1-99 and 100-299 still has exactly one price.
    """
    if quantity <= 0:
        return None
    chosen = line.tiers[0]
    for tier in line.tiers:
        if tier.from_ <= quantity:
            chosen = tier
        else:
            break
    return chosen


def unit_price(line: ServiceLine, quantity: Decimal, case: str | None = None) -> tuple[Tier | None, Decimal | None]:
    """The tier holding the quantity and the unit price: the tier's own (the central case), or the
    line's low or high price for those cases of the sensitivity."""
    tier = tier_for(line, quantity)
    if tier is None:
        return None, None
    if case == "low":
        return tier, line.low
    if case == "high":
        return tier, line.high
    return tier, tier.price
