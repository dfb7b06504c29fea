"""The estimate: aggregate demand, price it on volume tiers, cost it over the term, compare it
with today's spend and with the envelope. Pure: no files, no database, no web."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..catalogue import Catalogue
from ..catalogue.models import Lot
from ..formatting import money
from ..responses.models import ResponseSet
from .models import (
    CaseFigures,
    EnvelopePosition,
    Estimate,
    LineResult,
    LotResult,
    PartnerCase,
    PartnerLine,
    PartnerLot,
    PartnerSummary,
    Rounding,
    Scenario,
    Term,
    Totals,
)
from .financial_years import Amounts, YearSpan, billed_months, partner_years, partnership_years, year_spans
from .participants import Participant, select_participants
from .pricing import pennies, unit_price
from .term import month_starts, months_billed, term_end

ZERO = Decimal(0)
TWELVE = Decimal(12)
BASE = Scenario()


def estimate(catalogue: Catalogue, responses: ResponseSet, scenario: Scenario = BASE) -> Estimate:
    project = catalogue.procurement
    term, starts = _term(catalogue, scenario)
    participants, excluded = select_participants(catalogue, responses, scenario)
    months = {p.partner.id: months_billed(starts, p.joins, p.leaves) for p in participants}

    charges = {p.partner.id: Amounts() for p in participants}  # each partner's annual charges, for the year profile
    lots, exact_value = _price(catalogue.lots, participants, months, charges)
    central = _totals(lots)

    by_partner: dict[str, list[tuple[str, PartnerLot]]] = {}
    for lot in lots:
        for partner_lot in lot.partners:
            by_partner.setdefault(partner_lot.partner_id, []).append((lot.lot_id, partner_lot))
    spans = year_spans(starts)
    partners = tuple(
        _partner_summary(p, months[p.partner.id], by_partner.get(p.partner.id, []), spans, starts, charges[p.partner.id])
        for p in participants
    )
    cases = [
        _case(catalogue, *_case_totals(catalogue.lots, participants, months, "low", central, partners), "low"),
        _case(catalogue, central, _central_partner_cases(partners), "central"),
        _case(catalogue, *_case_totals(catalogue.lots, participants, months, "high", central, partners), "high"),
    ]
    totals = central
    envelope = _envelope(project.envelope, totals.contract_value)
    chosen = {lot.lot_id for lot in lots}
    return Estimate(
        programme_id=catalogue.programme.id,
        project_id=project.id,
        catalogue_version=catalogue.programme.catalogue_version,
        catalogue_digest=catalogue.digest,
        scenario=scenario,
        term=term,
        partners=partners,
        excluded=tuple(excluded),
        lots=lots,
        unchosen_lots=tuple(lot.id for lot in catalogue.lots if lot.id not in chosen),
        totals=totals,
        envelope=envelope,
        sensitivity=tuple(cases),
        rounding=Rounding(exact_value, totals.contract_value, totals.contract_value - exact_value),
        years=partnership_years(spans, (p.years for p in partners)),
        warnings=tuple(_warnings(partners, envelope)),
    )


def _term(catalogue: Catalogue, scenario: Scenario) -> tuple[Term, list[date]]:
    """The term the scenario runs (the extension years included if it says so) and its months' first days."""
    project = catalogue.procurement
    years = project.term_years + (project.extension_years if scenario.extension else 0)
    starts = month_starts(project.contract_start, years * 12)
    return Term(project.contract_start, term_end(project.contract_start, years * 12), years * 12, years, scenario.extension), starts


def billing(catalogue: Catalogue, responses: ResponseSet, scenario: Scenario = BASE) -> tuple[list[Participant], dict[str, int]]:
    """The estimate's participants and each one's months billed, for pricing lots again (engine/lot_costs.py)."""
    _, starts = _term(catalogue, scenario)
    participants, _ = select_participants(catalogue, responses, scenario)
    return participants, {p.partner.id: months_billed(starts, p.joins, p.leaves) for p in participants}


def _price(
    lots: tuple[Lot, ...], participants: list[Participant], months: dict[str, int], charges: dict[str, Amounts]
) -> tuple[tuple[LotResult, ...], Decimal]:
    """Every chosen lot priced at its tiers' prices (the central case), and the unrounded contract value.

    Each partner's annual charge for each line goes into `charges` as well, exact and rounded.
    """
    results = []
    exact_value = ZERO
    for lot in lots:
        takers = [p for p in participants if lot.id in p.response.lots]
        if not takers:
            continue
        line_results = []
        amounts = [charges[p.partner.id] for p in takers]
        for line in lot.service_lines:
            quantity = sum((p.quantities[line.id] for p in takers), ZERO)
            tier, price = unit_price(line, quantity)
            entries = []
            for p, partner_amounts in zip(takers, amounts):
                entry, exact, annual = _partner_line(p, line.id, price or ZERO, line.connection_charge, months[p.partner.id])
                entries.append(entry)
                exact_value += exact
                partner_amounts.add(annual, entry.annual_cost)
            line_results.append(
                LineResult(
                    line_id=line.id,
                    title=line.title,
                    unit=line.unit,
                    quantity=quantity,
                    tier_from=tier.from_ if tier else None,
                    tier_to=tier.to if tier else None,
                    unit_price=price,
                    connection_charge=line.connection_charge,
                    partners=tuple(entries),
                    annual_cost=_total(entries, "annual_cost"),
                    one_off=_total(entries, "one_off"),
                    term_cost=_total(entries, "term_cost"),
                )
            )
        partner_lots = tuple(_partner_lot(lot, p, i, line_results, months[p.partner.id]) for i, p in enumerate(takers))
        results.append(
            LotResult(
                lot_id=lot.id,
                title=lot.title,
                lines=tuple(line_results),
                partners=partner_lots,
                annual_cost=_total(partner_lots, "annual_cost"),
                one_off=_total(partner_lots, "one_off"),
                term_cost=_total(partner_lots, "term_cost"),
                baseline=_total(partner_lots, "baseline"),
                annual_saving=_total(partner_lots, "annual_saving"),
                term_saving=_total(partner_lots, "term_saving"),
            )
        )
    return tuple(results), exact_value


def _partner_line(p: Participant, line_id: str, price: Decimal, connection: Decimal, months: int) -> tuple[PartnerLine, Decimal, Decimal]:
    """The partner's figures for a line, its exact term cost and its exact annual cost."""
    quantity = p.quantities[line_id]
    annual = quantity * price
    one_off = quantity * connection if months else ZERO
    term = annual * months / TWELVE
    entry = PartnerLine(p.partner.id, quantity, pennies(annual), pennies(one_off), pennies(term) + pennies(one_off))
    return entry, term + one_off, annual


def _partner_lot(lot: Lot, p: Participant, index: int, lines: list[LineResult], months: int) -> PartnerLot:
    entries = [line.partners[index] for line in lines]
    annual = _total(entries, "annual_cost")
    stated = p.response.current_spend.get(lot.id)
    if stated is not None:
        baseline, source = stated, "stated"
    else:
        baseline = sum((pennies(p.quantities[s.id] * s.baseline_price) for s in lot.service_lines), ZERO)
        source = "derived"
    term_cost = _total(entries, "term_cost")
    term_baseline = pennies(baseline * months / TWELVE)
    return PartnerLot(
        partner_id=p.partner.id,
        annual_cost=annual,
        one_off=_total(entries, "one_off"),
        term_cost=term_cost,
        baseline=baseline,
        baseline_source=source,
        annual_saving=baseline - annual,
        term_baseline=term_baseline,
        term_saving=term_baseline - term_cost,
    )


def _partner_summary(
    p: Participant, months: int, lots: list[tuple[str, PartnerLot]], spans: tuple[YearSpan, ...], starts: list[date], charges: Amounts
) -> PartnerSummary:
    mine = [pl for _, pl in lots]
    one_off = _total(mine, "one_off")
    baselines = Amounts()
    for partner_lot in mine:
        baselines.add(partner_lot.baseline, pennies(partner_lot.baseline))
    return PartnerSummary(
        partner_id=p.partner.id,
        name=p.partner.name,
        status=p.status,
        joins=p.joins,
        leaves=p.leaves,
        months_billed=months,
        lots=tuple(lot_id for lot_id, _ in lots),
        annual_cost=_total(mine, "annual_cost"),
        one_off=one_off,
        term_cost=_total(mine, "term_cost"),
        baseline=_total(mine, "baseline"),
        annual_saving=_total(mine, "annual_saving"),
        term_saving=_total(mine, "term_saving"),
        max_contribution=p.response.max_contribution,
        years=partner_years(spans, billed_months(starts, p.joins, p.leaves), charges, one_off, baselines),
    )


def _totals(lots: tuple[LotResult, ...]) -> Totals:
    return Totals(
        annual_cost=_total(lots, "annual_cost"),
        one_off=_total(lots, "one_off"),
        contract_value=_total(lots, "term_cost"),
        baseline=_total(lots, "baseline"),
        annual_saving=_total(lots, "annual_saving"),
        term_saving=_total(lots, "term_saving"),
    )


def _total(items, name: str) -> Decimal:
    """The sum of one figure over parts (the parts are already rounded, so the total is exact)."""
    return sum((getattr(item, name) for item in items), ZERO)


def _envelope(envelope: Decimal, contract_value: Decimal) -> EnvelopePosition:
    utilisation = (contract_value * 100 / envelope).quantize(Decimal("0.0001")) if envelope else Decimal(0)
    return EnvelopePosition(envelope, contract_value, envelope - contract_value, utilisation, contract_value <= envelope)


def _case(catalogue: Catalogue, totals: Totals, partners: tuple[PartnerCase, ...], case: str) -> CaseFigures:
    return CaseFigures(case, totals, _envelope(catalogue.procurement.envelope, totals.contract_value), partners)


def _central_partner_cases(partners: tuple[PartnerSummary, ...]) -> tuple[PartnerCase, ...]:
    return tuple(PartnerCase(p.partner_id, p.annual_cost, p.term_cost, p.annual_saving, p.term_saving) for p in partners)


def _case_totals(
    lots: tuple[Lot, ...],
    participants: list[Participant],
    months: dict[str, int],
    case: str,
    central: Totals,
    partners: tuple[PartnerSummary, ...],
) -> tuple[Totals, tuple[PartnerCase, ...]]:
    """The low or high case's totals and each partner's figures, rounded part by part as the central case is.

    Only unit prices change between cases: baselines and one-off charges are the central case's,
    so only the annual and term costs are summed again, without building the detailed results.
    """
    annual = {p.partner.id: ZERO for p in participants}
    term = dict(annual)
    for lot in lots:
        takers = [p for p in participants if lot.id in p.response.lots]
        for line in lot.service_lines:
            quantity = sum((p.quantities[line.id] for p in takers), ZERO)
            _, price = unit_price(line, quantity, case)
            if price is None:
                continue
            for p in takers:
                cost = p.quantities[line.id] * price
                annual[p.partner.id] += pennies(cost)
                term[p.partner.id] += pennies(cost * months[p.partner.id] / TWELVE)
    mine = tuple(
        PartnerCase(
            s.partner_id,
            annual[s.partner_id],
            term[s.partner_id] + s.one_off,
            s.baseline - annual[s.partner_id],
            s.term_saving + s.term_cost - (term[s.partner_id] + s.one_off),
        )
        for s in partners
    )
    annual_total = _total(mine, "annual_cost")
    term_cost = _total(mine, "term_cost")
    totals = Totals(
        annual_cost=annual_total,
        one_off=central.one_off,
        contract_value=term_cost,
        baseline=central.baseline,
        annual_saving=central.baseline - annual_total,
        term_saving=central.term_saving + central.contract_value - term_cost,
    )
    return totals, mine


def _warnings(partners: tuple[PartnerSummary, ...], envelope: EnvelopePosition) -> list[str]:
    warnings = []
    if not envelope.within:
        warnings.append(
            f"The contract value {money(envelope.contract_value)} exceeds the envelope {money(envelope.envelope)} by {money(-envelope.headroom)}."
        )
    for summary in partners:
        if summary.months_billed == 0:
            warnings.append(
                f"{summary.name} is never billed in the term (membership {summary.joins or 'start'} to {summary.leaves or 'end'}), yet its demand counts towards the price tiers."
            )
    return warnings
