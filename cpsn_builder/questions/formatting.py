"""How answers read to people: one style for money, counts with their unit, and plurals."""
from __future__ import annotations

from decimal import Decimal


def money(amount: Decimal | None) -> str:
    """'£85,000' for whole pounds, '£1,250.50' otherwise (GOV.UK style: no '.00')."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount == amount.to_integral_value():
        return f"{sign}£{int(amount):,}"
    return f"{sign}£{amount.quantize(Decimal('0.01')):,}"


def number(value: Decimal | int) -> str:
    """12345 -> '12,345'; 2.5 -> '2.5' (never '2.50' or '1E+3')."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def count(value: Decimal | int, singular: str, plural: str | None = None) -> str:
    """'1 link', '374 sites', '1,200 ports'."""
    plural = plural or f"{singular}s"
    return f"{number(value)} {singular if Decimal(value) == 1 else plural}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
