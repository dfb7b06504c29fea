"""Quality marks from a file: each evaluator's mark and the moderated mark per bidder, lot and criterion.

    marks:
      - bidder: Anglia Networks Ltd
        lot: wan
        criteria:
          Q1: {evaluators: {J Smith: 3, A Patel: 2}, moderated: 3}
          Q2: {moderated: 2}

Marks are whole numbers on the SoR's scale, 0 (unacceptable) to 4 (excellent).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..catalogue import Catalogue, documents_of
from ..source.problems import Problem, ProblemsFound
from ..source.validation import validate_document
from ..source.yaml_lines import SourceDocument, load_yaml
from .models import Bid, CriterionMarks, Marks

Mark = Annotated[int, Field(ge=0, le=4, strict=True)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CriterionEntry(_Strict):
    evaluators: dict[Name, Mark] = {}
    moderated: Mark | None = Field(None, description="The mark the evaluators agreed; the only one that scores.")


class MarksEntry(_Strict):
    bidder: Name
    lot: Name
    criteria: dict[Annotated[str, StringConstraints(pattern=r"^Q\d{1,2}$")], CriterionEntry]


class MarksFile(_Strict):
    marks: list[MarksEntry] = []


def load_marks(path: Path, catalogue: Catalogue, bids: Sequence[Bid] | None = None) -> Marks:
    """Read a marks file; raises ProblemsFound with every problem at its line. With `bids`, a mark
    for a bidder or lot that no bid names is a problem too (a misspelt name would score nothing)."""
    doc = load_yaml(Path(path))
    if doc.problems:
        raise ProblemsFound(doc.problems)
    parsed, problems = validate_document(MarksFile, doc)
    if parsed is None:
        raise ProblemsFound(problems)
    problems = _check(parsed, doc, catalogue, bids)
    if problems:
        raise ProblemsFound(problems)
    return Marks(
        tuple(
            CriterionMarks(entry.bidder, entry.lot, criterion, tuple(given.evaluators.items()), given.moderated)
            for entry in parsed.marks
            for criterion, given in entry.criteria.items()
        )
    )


def _check(parsed: MarksFile, doc: SourceDocument, catalogue: Catalogue, bids: Sequence[Bid] | None) -> list[Problem]:
    criteria = [c.id for c in documents_of(catalogue).sor.evaluation.criteria]
    lots = [lot.id for lot in catalogue.lots]
    offered = {bid.bidder: {lot.lot_id for lot in bid.lots} for bid in bids} if bids is not None else None
    problems, seen = [], set()
    for index, entry in enumerate(parsed.marks):
        at = ("marks", index)
        if entry.lot not in lots:
            problems.append(doc.problem(at + ("lot",), f"no lot '{entry.lot}' in the catalogue: use one of {', '.join(lots)}"))
        if offered is not None and entry.bidder not in offered:
            problems.append(
                doc.problem(
                    at + ("bidder",),
                    f"no bid from '{entry.bidder}': the bidders are {', '.join(sorted(offered)) or 'none'} (names as in their schedules)",
                )
            )
        elif offered is not None and entry.lot in lots and entry.lot not in offered[entry.bidder]:
            problems.append(doc.problem(at + ("lot",), f"{entry.bidder} did not bid for lot '{entry.lot}'"))
        if (entry.bidder, entry.lot) in seen:
            problems.append(doc.problem(at, f"{entry.bidder}'s marks for lot '{entry.lot}' are given twice: keep one entry"))
        seen.add((entry.bidder, entry.lot))
        for criterion in entry.criteria:
            if criterion not in criteria:
                problems.append(
                    doc.problem(at + ("criteria", criterion), f"no quality criterion {criterion}: the criteria are {', '.join(criteria)}")
                )
    return problems
