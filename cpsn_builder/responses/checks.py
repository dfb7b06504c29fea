"""Checks on what partners send that are not about one question: postcodes, and (re-exported) text.

A question's own checks live with its type in `cpsn_builder.questions`; the rules between answers
in `cpsn_builder.questions.rules`.
"""

from __future__ import annotations

import re

from ..questions.rules import applies as question_applies
from ..questions.text import forbidden_character, text_problem

# Outward and inward code of a UK postcode (BS 7666), allowing the space to be omitted.
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")

__all__ = ["POSTCODE", "forbidden_character", "normalise_postcode", "question_applies", "text_problem"]


def normalise_postcode(value: str) -> str | None:
    """'cb30ap' -> 'CB3 0AP'; None when it is not a UK postcode."""
    compact = re.sub(r"\s+", "", value.upper())
    if not POSTCODE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"
