"""How money and numbers read, in one place for every output: web pages (as Jinja filters), the
command line, emails, warnings and documents.

Two styles of money, on purpose:
- on screens a figure reads `£1,234.50` or `-£1,234.50` (a hyphen-minus, as people type it);
- in documents (cabinet papers) a negative figure takes a real minus sign, `−£1,234.50`, which a
  line break cannot separate from its figure, and rounds half up as finance officers do.
Answers people gave read in GOV.UK's style, without `.00` on whole pounds (`answer_money`).

Nothing here computes: each function formats one value it is given.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

MINUS = "\u2212"  # a real minus sign: a hyphen can break from its figure at the end of a line


# On screens


def money(value: Decimal | None) -> str:
    """'£1,234.50', '-£1,234.50'; '-' for no figure."""
    if value is None:
        return "-"
    return f"-£{-value:,.2f}" if value < 0 else f"£{value:,.2f}"


def whole_money(value: int) -> str:
    """A figure already rounded to whole pounds: '£1,234', '-£1,234'."""
    return f"-£{-value:,}" if value < 0 else f"£{value:,}"


def unit_price(value: Decimal | None) -> str:
    """Unit prices keep sub-penny places (a call minute at £0.011); '-' for no price."""
    if value is None:
        return "-"
    places = max(2, -value.normalize().as_tuple().exponent)
    return f"£{value:,.{places}f}"


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


def answer_money(amount: Decimal | None) -> str:
    """An amount someone gave: '£85,000' for whole pounds, '£1,250.50' otherwise (GOV.UK style: no
    '.00'); '' for none given."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount == amount.to_integral_value():
        return f"{sign}£{int(amount):,}"
    return f"{sign}£{amount.quantize(Decimal('0.01')):,}"


def percent(value: Decimal) -> str:
    return f"{value:.2f}%"


# In documents


def pounds(value: Decimal | None, pence: bool = True) -> str:
    """'£1,234.50' or '−£1,234.50' (a real minus), rounded half up; whole pounds with pence=False."""
    if value is None:
        return "-"
    places = 2 if pence else 0
    size = abs(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = f"£{size:,.{places}f}"
    return f"{MINUS}{text}" if value < 0 and size else text


def figure(value: int) -> str:
    """A whole-pound figure in a column headed £: 1,234,567 or −57,940."""
    return f"{MINUS}{-value:,}" if value < 0 else f"{value:,}"


def whole_pounds(parts: list[Decimal], total: Decimal) -> list[int]:
    """The parts in whole pounds, adjusted so that they add up to the total rounded half up.

    Rounding a column one figure at a time can leave its total a pound away from the sum of the
    figures above it. `total` must be the exact sum of `parts` (the engine's totals are). The parts
    whose pence were largest take the extra pound; ties go to the earlier part, so the result is
    reproducible.
    """
    target = int(total.quantize(Decimal(1), ROUND_HALF_UP))
    floors = [int(p.to_integral_value(ROUND_FLOOR)) for p in parts]
    short = target - sum(floors)  # between 0 and len(parts), as each floor loses less than a pound
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(parts[i] - floors[i]), i))
    for i in by_remainder[:short]:
        floors[i] += 1
    return floors


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


# The web's Jinja filters: `{{ est.totals.contract_value | money }}`
FILTERS = {
    "money": money,
    "whole_money": whole_money,
    "price": unit_price,
    "number": number,
    "answer_money": answer_money,
    "percent": percent,
}
