"""How figures read in documents: pounds, quantities with thousands separators, dates.

Cabinet papers print whole pounds with the £ stated once, in the column heading. Rounding a column
to pounds one figure at a time can leave its total a pound away from the sum of the figures above
it, so `whole_pounds` rounds a column together (largest remainder): the total is the exact total
rounded half up, and the parts shown add up to it.
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

MINUS = "\u2212"  # a real minus sign: a hyphen can break from its figure at the end of a line


def pounds(value: Decimal | None, pence: bool = True) -> str:
    if value is None:
        return "-"
    places = 2 if pence else 0
    size = abs(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = f"£{size:,.{places}f}"
    return f"{MINUS}{text}" if value < 0 and size else text


def unit_price(value: Decimal | None) -> str:
    """Unit prices keep sub-penny places (a call minute at £0.011)."""
    if value is None:
        return "-"
    places = max(2, -value.normalize().as_tuple().exponent)
    return f"£{value:,.{places}f}"


def quantity(value: Decimal) -> str:
    return f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,f}"


def percent(value: Decimal) -> str:
    return f"{value:.2f}%"


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def whole_pounds(parts: list[Decimal], total: Decimal) -> list[int]:
    """The parts in whole pounds, adjusted so that they add up to the total rounded half up.

    `total` must be the exact sum of `parts` (the engine's totals are). The parts whose pence were
    largest take the extra pound; ties go to the earlier part, so the result is reproducible.
    """
    target = int(total.quantize(Decimal(1), ROUND_HALF_UP))
    floors = [int(p.to_integral_value(ROUND_FLOOR)) for p in parts]
    short = target - sum(floors)  # between 0 and len(parts), as each floor loses less than a pound
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(parts[i] - floors[i]), i))
    for i in by_remainder[:short]:
        floors[i] += 1
    return floors


def figure(value: int) -> str:
    """A whole-pound figure in a column headed £: 1,234,567 or −57,940."""
    return f"{MINUS}{-value:,}" if value < 0 else f"{value:,}"
