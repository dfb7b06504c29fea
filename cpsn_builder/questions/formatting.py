"""How answers read to people: money, counts with their unit, and plurals.

The figures' formatting is in cpsn_builder/formatting.py, one module for every output; this keeps
the names the questionnaire's modules import, and the one rule about text rather than figures.
"""

from __future__ import annotations

from ..formatting import answer_money as money
from ..formatting import count, number

__all__ = ["capitalised", "count", "money", "number"]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
