"""What the engine returns. Documents, the dashboard and exports read these and never recompute.

Every money figure is a `Decimal` rounded to the penny; every total is the sum of the rounded
parts listed beside it, and `Rounding` says how far that lies from the unrounded arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

BaselineSource = Literal["stated", "derived"]
Case = Literal["low", "central", "high"]


@dataclass(frozen=True, slots=True)
class JoinChange:
    partner_id: str
    joins: date | None = None


@dataclass(frozen=True, slots=True)
class NoticeChange:
    partner_id: str
    given: date


@dataclass(frozen=True, slots=True)
class Scenario:
    """A variation on the partnership: partners left out, prospective partners added, notice given."""

    name: str = "Base case"
    without: tuple[str, ...] = ()
    with_partners: tuple[JoinChange, ...] = ()
    notices: tuple[NoticeChange, ...] = ()
    extension: bool = False

    @property
    def is_base(self) -> bool:
        return not (self.without or self.with_partners or self.notices or self.extension)


@dataclass(frozen=True, slots=True)
class Term:
    start: date
    end: date  # the last day of the term
    months: int
    years: int
    extension_included: bool


@dataclass(frozen=True, slots=True)
class PartnerLine:
    partner_id: str
    quantity: Decimal
    annual_cost: Decimal
    one_off: Decimal
    term_cost: Decimal


@dataclass(frozen=True, slots=True)
class LineResult:
    line_id: str
    title: str
    unit: str
    quantity: Decimal
    tier_from: int | None
    tier_to: int | None
    unit_price: Decimal | None
    connection_charge: Decimal
    partners: tuple[PartnerLine, ...]
    annual_cost: Decimal
    one_off: Decimal
    term_cost: Decimal


@dataclass(frozen=True, slots=True)
class LineCost:
    """A line's term cost at some prices: what a tender's evaluation needs of a LineResult."""

    line_id: str
    title: str
    unit: str
    quantity: Decimal
    tier_from: int | None
    unit_price: Decimal | None
    connection_charge: Decimal
    term_cost: Decimal  # the sum of the partners' rounded term costs, as LineResult.term_cost


@dataclass(frozen=True, slots=True)
class LotCost:
    lot_id: str
    lines: tuple[LineCost, ...]
    term_cost: Decimal


@dataclass(frozen=True, slots=True)
class PartnerLot:
    partner_id: str
    annual_cost: Decimal
    one_off: Decimal
    term_cost: Decimal
    baseline: Decimal
    baseline_source: BaselineSource
    annual_saving: Decimal
    term_baseline: Decimal
    term_saving: Decimal


@dataclass(frozen=True, slots=True)
class LotResult:
    lot_id: str
    title: str
    lines: tuple[LineResult, ...]
    partners: tuple[PartnerLot, ...]
    annual_cost: Decimal
    one_off: Decimal
    term_cost: Decimal
    baseline: Decimal
    annual_saving: Decimal
    term_saving: Decimal


@dataclass(frozen=True, slots=True)
class YearFigures:
    """One financial year (1 April to 31 March) of a partner's or the partnership's costs and savings.

    A partner's years sum to its term figures to the penny; the partnership's year is the sum of
    the partners' (see engine/financial_years.py for the rounding).
    """

    year: str  # "2012/13"
    start: date  # 1 April of the year
    end: date  # 31 March of the next
    months: int  # months billed in the year (partner); for the partnership, months of the term in the year
    annual_cost: Decimal  # recurring charges billed in the year
    one_off: Decimal  # connection charges, in the financial year of the partner's first billed month
    cost: Decimal  # annual_cost + one_off
    baseline: Decimal  # today's spend for the same months (the partner's baseline x months / 12)
    saving: Decimal  # baseline - cost


@dataclass(frozen=True, slots=True)
class PartnerSummary:
    partner_id: str
    name: str
    status: str
    joins: date | None
    leaves: date | None
    months_billed: int
    lots: tuple[str, ...]
    annual_cost: Decimal
    one_off: Decimal
    term_cost: Decimal
    baseline: Decimal
    annual_saving: Decimal
    term_saving: Decimal
    max_contribution: Decimal | None
    years: tuple[YearFigures, ...]  # every financial year the term touches, zero years included


@dataclass(frozen=True, slots=True)
class Excluded:
    partner_id: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Totals:
    annual_cost: Decimal
    one_off: Decimal
    contract_value: Decimal
    baseline: Decimal
    annual_saving: Decimal
    term_saving: Decimal


@dataclass(frozen=True, slots=True)
class EnvelopePosition:
    envelope: Decimal
    contract_value: Decimal
    headroom: Decimal  # negative: overrun
    utilisation_percent: Decimal  # to 4 decimal places
    within: bool


@dataclass(frozen=True, slots=True)
class PartnerCase:
    """A partner's figures in one case of the sensitivity (its cabinet report shows its own range)."""

    partner_id: str
    annual_cost: Decimal
    term_cost: Decimal
    annual_saving: Decimal
    term_saving: Decimal


@dataclass(frozen=True, slots=True)
class CaseFigures:
    """One case of the sensitivity: the same estimate at the lines' low, central or high prices."""

    case: Case
    totals: Totals
    envelope: EnvelopePosition
    partners: tuple[PartnerCase, ...] = ()


@dataclass(frozen=True, slots=True)
class Rounding:
    """Shown totals are sums of penny-rounded parts; this is how far they sit from exact arithmetic."""

    contract_value_exact: Decimal
    contract_value_shown: Decimal
    difference: Decimal


@dataclass(frozen=True, slots=True)
class Estimate:
    programme_id: str
    project_id: str
    catalogue_version: str
    catalogue_digest: str
    scenario: Scenario
    term: Term
    partners: tuple[PartnerSummary, ...]
    excluded: tuple[Excluded, ...]
    lots: tuple[LotResult, ...]
    unchosen_lots: tuple[str, ...]
    totals: Totals
    envelope: EnvelopePosition
    sensitivity: tuple[CaseFigures, ...]
    rounding: Rounding
    years: tuple[YearFigures, ...]  # the partnership: each figure the sum of the partners' for that year
    warnings: tuple[str, ...] = field(default=())

    def lot(self, lot_id: str) -> LotResult | None:
        return next((lot for lot in self.lots if lot.lot_id == lot_id), None)

    def partner(self, partner_id: str) -> PartnerSummary | None:
        return next((p for p in self.partners if p.partner_id == partner_id), None)

    def case(self, case: Case) -> CaseFigures:
        return next(c for c in self.sensitivity if c.case == case)
