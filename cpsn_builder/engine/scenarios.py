"""Scenarios side by side with the base case: what leaving or joining does to everyone else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .models import Estimate, JoinChange, NoticeChange, Scenario
from .participants import ScenarioError

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class PriceChange:
    lot_id: str
    line_id: str
    title: str
    base_quantity: Decimal
    scenario_quantity: Decimal
    base_price: Decimal | None
    scenario_price: Decimal | None


@dataclass(frozen=True, slots=True)
class PartnerChange:
    partner_id: str
    name: str
    base_annual_cost: Decimal | None  # None: not in that case
    scenario_annual_cost: Decimal | None
    annual_cost_change: Decimal
    base_term_cost: Decimal | None
    scenario_term_cost: Decimal | None


@dataclass(frozen=True, slots=True)
class Comparison:
    scenario: Scenario
    contract_value_change: Decimal
    annual_cost_change: Decimal
    annual_saving_change: Decimal
    prices: tuple[PriceChange, ...]
    partners: tuple[PartnerChange, ...]

    @property
    def tier_changes(self) -> tuple[PriceChange, ...]:
        return tuple(p for p in self.prices if p.base_price != p.scenario_price)


def compare(base: Estimate, other: Estimate) -> Comparison:
    lines = {}
    for which, est in (("base", base), ("other", other)):
        for lot in est.lots:
            for line in lot.lines:
                entry = lines.setdefault((lot.lot_id, line.line_id), {"title": line.title})
                entry[which] = line
    prices = tuple(
        PriceChange(
            lot_id,
            line_id,
            entry["title"],
            entry["base"].quantity if "base" in entry else ZERO,
            entry["other"].quantity if "other" in entry else ZERO,
            entry["base"].unit_price if "base" in entry else None,
            entry["other"].unit_price if "other" in entry else None,
        )
        for (lot_id, line_id), entry in lines.items()
    )
    in_base = {p.partner_id: p for p in base.partners}
    in_other = {p.partner_id: p for p in other.partners}
    ids = list(in_base) + [partner_id for partner_id in in_other if partner_id not in in_base]
    partners = []
    for partner_id in ids:
        b, o = in_base.get(partner_id), in_other.get(partner_id)
        partners.append(
            PartnerChange(
                partner_id,
                (b or o).name,
                b.annual_cost if b else None,
                o.annual_cost if o else None,
                (o.annual_cost if o else ZERO) - (b.annual_cost if b else ZERO),
                b.term_cost if b else None,
                o.term_cost if o else None,
            )
        )
    return Comparison(
        scenario=other.scenario,
        contract_value_change=other.totals.contract_value - base.totals.contract_value,
        annual_cost_change=other.totals.annual_cost - base.totals.annual_cost,
        annual_saving_change=other.totals.annual_saving - base.totals.annual_saving,
        prices=prices,
        partners=tuple(partners),
    )


_CHANGE = re.compile(r"^(?P<verb>without|with|notice):(?P<partner>[a-z][a-z0-9_-]*)(?:@(?P<date>\d{4}-\d{2}-\d{2}))?$")


def parse_scenario(spec: str) -> Scenario:
    """'[name=]change,change...' where a change is without:ID, with:ID[@date], notice:ID@date or extension."""
    name, _, body = spec.rpartition("=")  # without "=": ("", "", spec), a scenario named from its changes
    without: list[str] = []
    joins: list[JoinChange] = []
    notices: list[NoticeChange] = []
    extension = False
    words = []
    for raw in filter(None, (part.strip() for part in body.split(","))):
        if raw == "extension":
            extension = True
            words.append("with the extension years")
            continue
        match = _CHANGE.match(raw)
        if not match:
            raise ScenarioError(
                f"cannot read scenario change '{raw}': write without:PARTNER, with:PARTNER[@YYYY-MM-DD], notice:PARTNER@YYYY-MM-DD or extension, separated by commas"
            )
        verb, partner, when = match["verb"], match["partner"], match["date"]
        day = _date(when, raw) if when else None
        if verb == "without":
            without.append(partner)
            words.append(f"without {partner}")
        elif verb == "with":
            joins.append(JoinChange(partner, day))
            words.append(f"with {partner}" + (f" from {day}" if day else ""))
        else:
            if day is None:
                raise ScenarioError(f"scenario change '{raw}' needs the date notice is given: notice:{partner}@YYYY-MM-DD")
            notices.append(NoticeChange(partner, day))
            words.append(f"{partner} gives notice on {day}")
    if not words:
        raise ScenarioError(f"scenario '{spec}' changes nothing: give at least one change such as without:fenland")
    return Scenario(
        name=name.strip() or "; ".join(words),
        without=tuple(without),
        with_partners=tuple(joins),
        notices=tuple(notices),
        extension=extension,
    )


def _date(text: str, raw: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ScenarioError(f"'{text}' in '{raw}' is not a real date: write YYYY-MM-DD") from None
