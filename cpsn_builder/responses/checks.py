"""Checking a response against the catalogue and typing its answers."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from ..catalogue.models import CheckboxQuestion, Lot, NumberQuestion, RadioQuestion, TextQuestion
from .models import Answer

# Outward and inward code of a UK postcode (BS 7666), allowing the space to be omitted.
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def forbidden_character(text: str) -> str | None:
    """The first character Word documents cannot hold (XML 1.0 control characters), if any."""
    for ch in text:
        if ch in "\t\n\r":
            continue
        if unicodedata.category(ch) == "Cc" or 0xFFFE <= ord(ch) <= 0xFFFF or 0xD800 <= ord(ch) <= 0xDFFF:
            return f"U+{ord(ch):04X}"
    return None


def text_problem(text: str) -> str | None:
    bad = forbidden_character(text)
    if bad:
        return f"contains the control character {bad}, which documents cannot hold: delete it"
    return None


def normalise_postcode(value: str) -> str | None:
    """'cb30ap' -> 'CB3 0AP'; None when it is not a UK postcode."""
    compact = re.sub(r"\s+", "", value.upper())
    if not POSTCODE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def question_applies(lot: Lot, question, answers: dict[str, Any]) -> bool:
    """A follow-up question counts only when the answer it depends on has the expected value."""
    if question.depends is None:
        return True
    parent = lot.question(question.depends.question)
    if parent is None or not question_applies(lot, parent, answers):
        return False
    value = answers.get(parent.id, False if isinstance(parent, CheckboxQuestion) else None)
    return value == question.depends.equals


def type_answer(question, value: Any) -> tuple[Answer | None, str | None]:
    """The typed answer, or a message saying what is wrong and how to fix it."""
    if isinstance(question, NumberQuestion):
        return _number(question, value)
    if isinstance(question, CheckboxQuestion):
        if isinstance(value, bool):
            return value, None
        return None, f"{value!r} is not yes/no: write true or false"
    if isinstance(question, RadioQuestion):
        options = [o.value for o in question.options]
        if value in options:
            return value, None
        return None, f"{value!r} is not an option: use one of {', '.join(options)}"
    if isinstance(question, TextQuestion):
        if not isinstance(value, str):
            value = str(value)
        if len(value) > question.max_length:
            return None, f"is {len(value):,} characters long: shorten it to {question.max_length:,} at most"
        why = text_problem(value)
        return (None, why) if why else (value.strip(), None)
    return None, "unsupported question type"


def _number(question: NumberQuestion, value: Any) -> tuple[Decimal | None, str | None]:
    if isinstance(value, bool) or value is None:
        return None, f"{value!r} is not a number: give a number of {question.unit}"
    try:
        number = Decimal(str(value).replace(",", "").strip()) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        return None, f"{value!r} is not a number: give a number of {question.unit} (digits only, no units)"
    if not number.is_finite():
        return None, f"{value!r} is not a number: give a number of {question.unit}"
    if number < question.min:
        return None, f"{number} is below the minimum of {question.min}: give 0 or more {question.unit}"
    if number > question.max:
        return None, f"{number:,} {question.unit} is more than the {question.max:,} this lot allows: check the figure (a typing slip?) or ask the lead to raise the limit"
    if question.integer and number != number.to_integral_value():
        return None, f"{number} is not a whole number of {question.unit}"
    return number, None
