"""A partner's payments through the partnership, and what withdrawing would change.

The Staffordshire seed is the model: each partner pays a core contribution and takes service
contracts through the partnership; on withdrawal the core contribution stops, the contracts
continue, so leaving saves only the core contribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..catalogue.models import Identifier, Money, ShortText
from ..engine.term import notice_expiry

ZERO = Decimal(0)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FinanceItem(_Strict):
    title: ShortText
    amount: Money
    kind: Literal["core", "contract"]
    continues_after_withdrawal: bool = Field(description="A contract taken through the partnership that runs on after the partner leaves.")


class ReportAuthor(_Strict):
    name: ShortText
    post: ShortText
    telephone: ShortText | None = None


class Meeting(_Strict):
    """The council's cabinet meeting that decides whether to give notice (seed 003's front sheet)."""

    meeting: ShortText = "Cabinet"
    date: date
    report_of: ShortText
    portfolio: ShortText
    key_decision: bool = False
    author: ReportAuthor


class PartnerFinances(_Strict):
    partner: Identifier
    name: ShortText
    year: Annotated[str, Field(pattern=r"^\d{4}/\d{2}$")]
    items: Annotated[list[FinanceItem], Field(min_length=1)]
    meeting: Meeting | None = None


class FinanceFile(_Strict):
    partnership: ShortText
    notice_period_months: Annotated[int, Field(ge=0, le=120)] = 24
    partners: list[PartnerFinances]


@dataclass(frozen=True)
class WithdrawalImpact:
    partner_id: str
    name: str
    partnership: str
    year: str
    items: tuple[FinanceItem, ...]
    total: Decimal
    stops: tuple[FinanceItem, ...]
    continues: tuple[FinanceItem, ...]
    annual_saving: Decimal
    notice_given: date | None
    notice_expires: date | None
    meeting: Meeting | None = None


def withdrawal_impact(finances: FinanceFile, partner_id: str, notice_given: date | None = None) -> WithdrawalImpact:
    record = next((p for p in finances.partners if p.partner == partner_id), None)
    if record is None:
        known = ", ".join(p.partner for p in finances.partners)
        raise ValueError(f"no finances for partner '{partner_id}': use one of {known}")
    stops = tuple(i for i in record.items if not i.continues_after_withdrawal)
    continues = tuple(i for i in record.items if i.continues_after_withdrawal)
    return WithdrawalImpact(
        partner_id=partner_id,
        name=record.name,
        partnership=finances.partnership,
        year=record.year,
        items=tuple(record.items),
        total=sum((i.amount for i in record.items), ZERO),
        stops=stops,
        continues=continues,
        annual_saving=sum((i.amount for i in stops), ZERO),
        notice_given=notice_given,
        notice_expires=notice_expiry(notice_given, finances.notice_period_months) if notice_given else None,
        meeting=record.meeting,
    )


@dataclass(frozen=True)
class NetworkWithdrawalImpact:
    """What a CPSN partner's withdrawal changes, for it and for the partners who stay.

    Unlike Staffordshire's contracts, CPSN services end with membership (billing stops when
    notice expires), so the partner must buy them again on its own, at today's prices.
    """

    partner_id: str
    name: str
    core_contribution: Decimal
    network_annual_cost: Decimal
    replacement_annual_cost: Decimal  # its baseline: what it pays today without the partnership
    net_annual_change: Decimal  # positive: leaving saves this much a year
    notice_given: date
    notice_expires: date
    price_rises: tuple  # engine PriceChange entries that move tier for the others
    others_annual_cost_change: Decimal


def network_withdrawal_impact(catalogue, responses, partner_id: str, notice_given: date) -> NetworkWithdrawalImpact:
    from ..engine import Scenario, compare, estimate  # the engine is only needed for this statement

    partner = catalogue.partner(partner_id)
    if partner is None:
        raise ValueError(f"unknown partner '{partner_id}'")
    base = estimate(catalogue, responses)
    mine = base.partner(partner_id)
    if mine is None:
        raise ValueError(f"{partner.name} is not buying through the CPSN in the base case, so its withdrawal changes no prices")
    without = estimate(catalogue, responses, Scenario(f"without {partner_id}", without=(partner_id,)))
    comparison = compare(base, without)
    others = [p for p in comparison.partners if p.partner_id != partner_id]
    return NetworkWithdrawalImpact(
        partner_id=partner_id,
        name=partner.name,
        core_contribution=partner.core_contribution,
        network_annual_cost=mine.annual_cost,
        replacement_annual_cost=mine.baseline,
        net_annual_change=partner.core_contribution + mine.annual_cost - mine.baseline,
        notice_given=notice_given,
        notice_expires=notice_expiry(notice_given, catalogue.programme.notice_period_months),
        price_rises=tuple(
            c
            for c in comparison.tier_changes
            if c.scenario_price is not None and c.base_price is not None and c.scenario_price > c.base_price
        ),
        others_annual_cost_change=sum((p.annual_cost_change for p in others), ZERO),
    )
