"""Price and quality scores, and the ranking of a lot's tenders.

Scores are rounded to 2 decimal places, half up, part by part; a total is the sum of the rounded
parts shown, and ranks compare those totals, so what the evaluation table shows is what ranked.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..catalogue.document_models import Evaluation as Rules
from .models import CriterionMarks, CriterionScore, Marks

HUNDREDTH = Decimal("0.01")
TOP_MARK = Decimal(4)


def points(value: Decimal) -> Decimal:
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def quality_scores(rules: Rules, marks: Marks, bidder: str, lot_id: str) -> tuple[CriterionScore, ...]:
    """Each criterion's (moderated mark / 4) x weight, in the SoR's order of criteria."""
    scores = []
    for criterion in rules.criteria:
        given = marks.of(bidder, lot_id, criterion.id) or CriterionMarks(bidder, lot_id, criterion.id, (), None)
        moderated = given.moderated
        scores.append(
            CriterionScore(
                criterion_id=criterion.id,
                title=criterion.title,
                weight=criterion.weight,
                minimum=criterion.minimum,
                evaluators=given.evaluators,
                moderated=moderated,
                score=points(Decimal(moderated) / TOP_MARK * criterion.weight) if moderated is not None else Decimal("0.00"),
                below_minimum=moderated is not None and moderated < criterion.minimum,
            )
        )
    return tuple(scores)


def compliance(scores: tuple[CriterionScore, ...]) -> tuple[bool, bool, tuple[str, ...]]:
    """(every criterion moderated, compliant, why not) for one bid's lot."""
    unscored = [s for s in scores if s.moderated is None]
    below = [s for s in scores if s.below_minimum]
    reasons = []
    if unscored:
        reasons.append("Not yet moderated: " + ", ".join(f"{s.criterion_id} {s.title}" for s in unscored) + ".")
    for s in below:
        reasons.append(f"{s.criterion_id} {s.title} scored {s.moderated}, below the minimum of {s.minimum}.")
    return not unscored, not unscored and not below, tuple(reasons)


def price_score(lowest: Decimal, price: Decimal, weight: Decimal) -> Decimal:
    """Lowest compliant evaluated price / this price x the price weight (the lowest scores it all)."""
    if price <= lowest:
        return points(weight)
    return points(lowest / price * weight)


def competition_ranks(keys: list[tuple[Decimal, Decimal]]) -> list[int]:
    """Ranks for (total, quality) keys, highest first; equal keys share a rank (1, 1, 3)."""
    first: dict[tuple[Decimal, Decimal], int] = {}
    for position, key in enumerate(sorted(keys, reverse=True), 1):
        first.setdefault(key, position)
    return [first[key] for key in keys]
