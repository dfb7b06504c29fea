"""How figures read in documents: pounds with pence, quantities with thousands separators."""
from __future__ import annotations

from datetime import date
from decimal import Decimal


def pounds(value: Decimal | None) -> str:
    if value is None:
        return "-"
    return f"-£{-value:,.2f}" if value < 0 else f"£{value:,.2f}"


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
