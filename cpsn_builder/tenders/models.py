"""What a returned bid holds, and what evaluating the bids gives.

A bid is a set of prices in place of the catalogue's: the evaluation reprices each lot through the
engine (`engine.lot_costs.lot_coster`), so a bid's evaluated price keeps the estimate's quantities,
tiers, months billed, rounding and scenario. Documents and pages read these and never recompute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..engine.models import Estimate

FlagKind = Literal["abnormally_low", "over_envelope", "above_high_case", "rising_tiers", "late"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a returned workbook, where a bidder or the lead can find it."""

    file: str
    message: str
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.sheet and self.cell else (self.sheet or "")
        return f"{self.file}: {where}: {self.message}" if where else f"{self.file}: {self.message}"


class BidRejected(ValueError):
    """A returned workbook that cannot be accepted; every problem found, at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True, slots=True)
class Issue:
    """What a pricing schedule was issued from: a bid must price this issue and no other."""

    procurement: str
    schedule_version: str
    catalogue_version: str
    catalogue_digest: str
    responses_snapshot: str


@dataclass(frozen=True, slots=True)
class LinePrices:
    line_id: str
    tier_prices: tuple[Decimal, ...]  # one per catalogue tier, in the catalogue's order
    connection_charge: Decimal
    extension_prices: tuple[Decimal, ...] = ()  # one per tier where the contract may be extended


@dataclass(frozen=True, slots=True)
class LotBid:
    lot_id: str
    lines: tuple[LinePrices, ...]

    def line(self, line_id: str) -> LinePrices | None:
        return next((line for line in self.lines if line.line_id == line_id), None)


@dataclass(frozen=True, slots=True)
class Bid:
    bidder: str
    file_name: str
    sha256: str
    issue: Issue
    lots: tuple[LotBid, ...]  # only the lots bid for
    notes: tuple[str, ...] = ()  # what the reader noticed but accepted (tier prices rising with volume)

    def lot(self, lot_id: str) -> LotBid | None:
        return next((lot for lot in self.lots if lot.lot_id == lot_id), None)


# --- Scores -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CriterionMarks:
    """One bid's marks for one lot and quality criterion: each evaluator's, then the moderated."""

    bidder: str
    lot_id: str
    criterion_id: str
    evaluators: tuple[tuple[str, int], ...]  # (evaluator, 0-4)
    moderated: int | None  # None until the evaluators have agreed


@dataclass(frozen=True)
class Marks:
    """Every mark given, as read from a scores file or the web app."""

    marks: tuple[CriterionMarks, ...]
    _index: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_index", {(m.bidder, m.lot_id, m.criterion_id): m for m in self.marks})

    def of(self, bidder: str, lot_id: str, criterion_id: str) -> CriterionMarks | None:
        return self._index.get((bidder, lot_id, criterion_id))


# --- Evaluation -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Flag:
    """Something to clarify before award; never a silent exclusion."""

    kind: FlagKind
    bidder: str
    lot_id: str | None
    line_id: str | None
    message: str


@dataclass(frozen=True, slots=True)
class CriterionScore:
    criterion_id: str
    title: str
    weight: Decimal
    minimum: int
    evaluators: tuple[tuple[str, int], ...]
    moderated: int | None
    score: Decimal  # (moderated / 4) x weight, to 2 decimal places; 0 until moderated
    below_minimum: bool


@dataclass(frozen=True, slots=True)
class LineEvaluation:
    line_id: str
    title: str
    quantity: Decimal
    tier_from: int | None
    unit_price: Decimal | None  # the bid's price for the tier the aggregate falls in
    estimate_unit_price: Decimal | None  # the catalogue's central price for that tier
    high_price: Decimal  # the estimate's high case
    connection_charge: Decimal
    term_cost: Decimal


@dataclass(frozen=True, slots=True)
class LotTender:
    """One bid for one lot: its evaluated price and scores."""

    bidder: str
    lot_id: str
    evaluated_price: Decimal  # the lot's term cost at the bid's prices
    estimate: Decimal  # the lot's term cost at the catalogue's central prices
    difference: Decimal  # evaluated_price - estimate
    difference_percent: Decimal  # of the estimate, 1 decimal place
    lines: tuple[LineEvaluation, ...]
    quality: tuple[CriterionScore, ...]
    scored: bool  # every criterion has a moderated score
    compliant: bool  # scored and no criterion below its minimum
    reasons: tuple[str, ...]  # why not compliant, or not yet scored
    price_score: Decimal  # lowest compliant evaluated price / this one x price weight, 2 dp; 0 if not compliant
    quality_score: Decimal  # sum of the criterion scores shown
    total: Decimal  # price_score + quality_score
    rank: int | None  # 1 = highest total among the compliant; equal totals and quality share a rank
    flags: tuple[Flag, ...]


@dataclass(frozen=True, slots=True)
class LotRanking:
    lot_id: str
    title: str
    estimate: Decimal
    tenders: tuple[LotTender, ...]  # compliant ones by rank, then the rest by evaluated price
    leader: str | None  # the bidder ranked first where exactly one is
    tied: tuple[str, ...]  # the bidders sharing first place, where more than one does

    def tender(self, bidder: str) -> LotTender | None:
        return next((t for t in self.tenders if t.bidder == bidder), None)


@dataclass(frozen=True, slots=True)
class BidSummary:
    bidder: str
    file_name: str
    sha256: str
    lots: tuple[str, ...]
    tendered_contract_value: Decimal  # sum of the evaluated prices of its lots
    flags: tuple[Flag, ...]


@dataclass(frozen=True, slots=True)
class Evaluation:
    estimate: Estimate  # the catalogue's estimate the bids are measured against
    price_weight: Decimal
    quality_weight: Decimal
    abnormally_low_percent: Decimal
    lots: tuple[LotRanking, ...]  # every lot of the estimate, bid for or not
    bids: tuple[BidSummary, ...]
    flags: tuple[Flag, ...]  # every flag, bids' and lots' together
    sources: tuple[Bid, ...] = field(default=(), repr=False)  # the bids as read, for applying an award

    def lot(self, lot_id: str) -> LotRanking | None:
        return next((lot for lot in self.lots if lot.lot_id == lot_id), None)


@dataclass(frozen=True, slots=True)
class FlagResolution:
    kind: FlagKind
    bidder: str
    lot_id: str | None
    line_id: str | None
    resolution: str  # how it was resolved: clarified, accepted, rejected, with why


@dataclass(frozen=True, slots=True)
class Award:
    """The lead's recommendation: a bidder per lot (or none, with why), and how each flag was resolved."""

    choices: tuple[tuple[str, str | None, str], ...]  # (lot id, bidder or None, reason)
    resolutions: tuple[FlagResolution, ...]


@dataclass(frozen=True, slots=True)
class Recommendation:
    """An award applied: the tendered estimate with the recommended bids' prices in place of the
    catalogue's (lots with no award stay at the catalogue's prices and are named)."""

    evaluation: Evaluation
    award: Award
    tendered: Estimate
    awarded: tuple[tuple[str, str], ...]  # (lot id, bidder)
    unawarded: tuple[str, ...]  # lot ids left at the catalogue's prices
    tendered_contract_value: Decimal  # = tendered.totals.contract_value
