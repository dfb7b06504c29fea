"""The rules between a lot's answers, declared in the catalogue and checked here, once, for every caller.

- `depends`: a follow-up is asked only when the answer it follows has the given value; then it is
  required (unless `required: false`); otherwise it is not asked, and an answer left from before
  (the officer answered it, then unticked its box) does not count: `applicable` drops it, so it is
  neither stored, nor shown on check-your-answers, nor priced.
- `required: false`: the question is optional.
- `at_most`: a number answer may not exceed the total of other number answers.

The web form checks a draft (`complete=False`: blanks allowed), submitting and
`cpsn-builder responses check` check everything (`complete=True`); all three call `lot_problems`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..catalogue.models import CheckboxQuestion, Lot, NumberQuestion
from .formatting import capitalised, number
from .types import question_type


def _value(lot: Lot, question, answers: dict[str, Any]):
    """An answer as the rules read it: an unticked box that was never saved is unticked."""
    return answers.get(question.id, False if isinstance(question, CheckboxQuestion) else None)


def applies(lot: Lot, question, answers: dict[str, Any]) -> bool:
    """A follow-up question counts only when the answer it depends on has the expected value."""
    if question.depends is None:
        return True
    parent = lot.question(question.depends.question)
    if parent is None or not applies(lot, parent, answers):
        return False
    return _value(lot, parent, answers) == question.depends.equals


def applicable(lot: Lot, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers that count: answers to follow-ups that no longer apply are dropped (the form hid them)."""
    return {key: value for key, value in answers.items() if (question := lot.question(key)) is not None and applies(lot, question, answers)}


def lot_problems(lot: Lot, answers: dict[str, Any], complete: bool) -> list[tuple[str, str]]:
    """(question id, message) for every rule the typed answers break; blanks break none unless complete."""
    problems = []
    for question in lot.questions:
        kind = question_type(question)
        given = answers.get(question.id)
        if not applies(lot, question, answers):
            continue  # not asked: an answer left from before does not count (see applicable)
        if given is None:
            if complete and kind.required:
                problems.append((question.id, kind.missing_message()))
            continue
        if isinstance(question, NumberQuestion) and question.at_most is not None:
            total = sum((Decimal(answers[q]) for q in question.at_most.questions if answers.get(q) is not None), Decimal(0))
            if Decimal(given) > total:
                problems.append((question.id, f"{capitalised(kind.name)} must be {number(total)} or fewer, {question.at_most.name}"))
    return problems
