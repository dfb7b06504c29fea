"""A bidder's price cell read as money: a number of pounds, 0 or more, to at most 4 decimal places."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

MAX_PLACES = 4
EXCEL_DIGITS = 15  # Excel shows and keeps 15 significant digits of a number typed in
_NUMBER_TEXT = re.compile(r"\s*£?\s*-?[\d,]*\.?\d+\s*")


class NotAPrice(ValueError):
    """Why a cell's content is not a price, in words a bidder can act on."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def price_of(value: object) -> Decimal:
    """The price a filled cell holds; raises NotAPrice saying what is wrong and how to put it right."""
    amount = _amount(value)
    if amount < 0:
        raise NotAPrice(f"£{amount} is negative: a price is £0 or more")
    if _places(amount) > MAX_PLACES:
        raise NotAPrice(
            f"{amount:f} has {_places(amount)} decimal places: give prices to at most {MAX_PLACES} decimal places (e.g. 0.0125)"
        )
    return amount


def _amount(value: object) -> Decimal:
    if isinstance(value, bool):
        raise NotAPrice(f"{'TRUE' if value else 'FALSE'} is not a price: enter an amount in pounds, e.g. 1250.50")
    if isinstance(value, (datetime, date, time, timedelta)):
        raise NotAPrice("a date or time, not a price: format the cell as a number and enter an amount in pounds")
    if isinstance(value, str):
        if value.lstrip().startswith("="):
            raise NotAPrice(
                f"a formula ({value.strip()[:60]}): enter the price itself as a number (values only, no formulas or links to other cells)"
            )
        hint = " (a number stored as text: retype it as a plain number)" if _NUMBER_TEXT.fullmatch(value) else ""
        raise NotAPrice(
            f"\u201c{value.strip()[:60]}\u201d is text, not a number{hint}: enter the price as a number of pounds "
            "without the £ sign, commas or words, e.g. 1250.50"
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NotAPrice("not a number: enter an amount in pounds, e.g. 1250.50")
        return value
    if isinstance(value, float):
        return _from_float(value)
    raise NotAPrice(f"{type(value).__name__} content, not a price: enter an amount in pounds, e.g. 1250.50")


def _from_float(value: float) -> Decimal:
    """The number the bidder typed: the float's shortest repr, or what Excel shows of it.

    Decimal(0.1) would be 0.1000000000000000055...; repr gives the shortest text that reads back
    as the same float, which is what was typed (1234.5678, 1E-5). Excel may store a typed number
    as its 17 significant digits (0.30000000000000004); what it shows, 15 digits, is what was typed.
    """
    if not math.isfinite(value):
        raise NotAPrice("not a number: enter an amount in pounds, e.g. 1250.50")
    amount = Decimal(repr(value))
    if _places(amount) > MAX_PLACES:
        shown = Decimal(format(value, f".{EXCEL_DIGITS}g"))
        if _places(shown) <= MAX_PLACES:
            return shown
    return amount


def _places(amount: Decimal) -> int:
    try:
        exponent = amount.normalize().as_tuple().exponent
    except InvalidOperation:
        return 0
    return max(-exponent, 0) if isinstance(exponent, int) else 0
