"""The evaluation as CSV: one row per lot and tender, ranked as the evaluation ranks them, with
each criterion's moderated mark and score; a lot with no tender has one row with no bidder."""

from __future__ import annotations

import csv
import io

from ..tenders.models import Evaluation
from .cells import safe_text

FIXED = [
    "lot",
    "lot_title",
    "estimate",
    "bidder",
    "evaluated_price",
    "difference",
    "difference_percent",
    "price_score",
    "quality_score",
    "total",
    "rank",
    "compliant",
    "reasons",
    "flags",
]


def to_csv(evaluation: Evaluation) -> str:
    criteria = _criteria(evaluation)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIXED + [f"{c}_{part}" for c in criteria for part in ("moderated", "score")])
    for lot in evaluation.lots:
        if not lot.tenders:
            writer.writerow([lot.lot_id, safe_text(lot.title), lot.estimate] + [""] * (len(FIXED) - 3 + 2 * len(criteria)))
        for tender in lot.tenders:
            marks = {c.criterion_id: c for c in tender.quality}
            writer.writerow(
                [
                    lot.lot_id,
                    safe_text(lot.title),
                    lot.estimate,
                    safe_text(tender.bidder),
                    tender.evaluated_price,
                    tender.difference,
                    tender.difference_percent,
                    tender.price_score,
                    tender.quality_score,
                    tender.total,
                    "" if tender.rank is None else tender.rank,
                    "yes" if tender.compliant else "no",
                    safe_text(" ".join(tender.reasons)),
                    ";".join(flag.kind for flag in tender.flags),
                ]
                + [value for c in criteria for value in ("" if marks[c].moderated is None else marks[c].moderated, marks[c].score)]
            )
    return out.getvalue()


def _criteria(evaluation: Evaluation) -> list[str]:
    for lot in evaluation.lots:
        for tender in lot.tenders:
            return [c.criterion_id for c in tender.quality]
    return []
