"""The lead's award decisions from a file, for `award-report` (the web app stores the same).

award:
  - lot: wan
    bidder: Anglia Networks Ltd     # or null: no award for this lot
    reason: The highest total score, 81.50 of 100, of the 3 compliant tenders.
resolutions:
  - flag: abnormally_low            # abnormally_low, over_envelope, above_high_case, rising_tiers, late
    bidder: Fenland Telecom
    lot: wan                        # omit for a flag on the whole bid
    line: wan-10m                   # only for a line's flag
    resolution: The bidder explained its prices in writing on 4 July; accepted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, get_args

from pydantic import BaseModel, ConfigDict, StringConstraints

from ..source.problems import ProblemsFound
from ..source.validation import validate_document
from ..source.yaml_lines import load_yaml
from .models import Award, FlagKind, FlagResolution

Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=4000, strip_whitespace=True)]
FLAG_KINDS = get_args(FlagKind)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Choice(_Strict):
    lot: Name
    bidder: Name | None
    reason: Reason


class Resolution(_Strict):
    flag: FlagKind
    bidder: Name
    lot: Name | None = None
    line: Name | None = None
    resolution: Reason


class AwardFile(_Strict):
    award: list[Choice]
    resolutions: list[Resolution] = []


def load_award(path: Path) -> Award:
    doc = load_yaml(Path(path))
    if doc.problems:
        raise ProblemsFound(doc.problems)
    parsed, problems = validate_document(AwardFile, doc)
    if parsed is None:
        raise ProblemsFound(problems)
    return Award(
        choices=tuple((c.lot, c.bidder, c.reason) for c in parsed.award),
        resolutions=tuple(FlagResolution(r.flag, r.bidder, r.lot, r.line, r.resolution) for r in parsed.resolutions),
    )
