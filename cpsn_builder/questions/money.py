"""Amounts of money people type: '£12,500', '12500.50'; one parser and one set of messages."""

from __future__ import annotations

import re
from decimal import Decimal

from .formatting import capitalised, money
from .types import AnswerError

# Pounds, optionally with a £ sign, thousands commas and pence: not '1E+3', '12k' or '£-5'.
_AMOUNT = re.compile(r"^£?\s*(\d+|\d{1,3}(,\d{3})+)(\.\d{1,2})?$")


def parse_money(text: str | None, name: str, most: Decimal) -> Decimal | None:
    """The amount typed, or None when blank; raises AnswerError saying what to type instead."""
    if text is None or not str(text).strip():
        return None
    cleaned = str(text).strip()
    if cleaned.startswith("-") or cleaned.startswith("£-"):
        raise AnswerError(f"{capitalised(name)} must be £0 or more")
    if re.match(r"^£?\s*[\d,]*\.\d{3,}$", cleaned):
        raise AnswerError(f"Enter {name} in pounds and pence, like 12,500.50")
    if not _AMOUNT.match(cleaned):
        raise AnswerError(f"Enter {name} as an amount in pounds, like 12,500")
    amount = Decimal(cleaned.lstrip("£").strip().replace(",", ""))
    if amount > most:
        raise AnswerError(f"{capitalised(name)} must be {money(most)} or less")
    return amount
