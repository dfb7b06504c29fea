"""Evaluating bids: every lot a bid prices is repriced through the engine, scored and ranked.

The rules are in the README ("Evaluating tenders") and the SoR's evaluation section; the weights,
minimum marks and the abnormally-low threshold are the catalogue's (catalogue/documents/sor.yml).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from ..catalogue import Catalogue, documents_of
from ..catalogue.document_models import Evaluation as Rules
from ..catalogue.models import Lot, ServiceLine
from ..engine.estimate import BASE, estimate
from ..engine.lot_costs import lot_coster
from ..engine.models import Estimate, LineCost, LineResult, LotCost, LotResult, Scenario
from ..responses.models import ResponseSet
from .flags import bid_flags, line_flags, lot_flags
from .models import Bid, BidSummary, Evaluation, Flag, LineEvaluation, LotRanking, LotTender, Marks
from .repricing import with_bid_prices
from .scoring import compliance, competition_ranks, price_score, quality_scores

ZERO = Decimal(0)
TENTH = Decimal("0.1")


def evaluate(
    catalogue: Catalogue,
    responses: ResponseSet,
    bids: Sequence[Bid],
    marks: Marks,
    scenario: Scenario = BASE,
    late: Mapping[str, str] | None = None,
) -> Evaluation:
    """The bids measured against the catalogue's estimate; `late` names bids received after closing, with why."""
    _check_bidders(bids)
    rules = documents_of(catalogue).sor.evaluation
    central = estimate(catalogue, responses, scenario)
    price_lot = lot_coster(catalogue, responses, scenario)
    estimated = {lot.lot_id: lot for lot in central.lots}
    tenders: dict[str, list[LotTender]] = {lot_id: [] for lot_id in estimated}
    for bid in bids:
        for lot_bid in bid.lots:
            if lot_bid.lot_id not in estimated:
                raise ValueError(f"{bid.bidder} bids for lot {lot_bid.lot_id}, which no partner in the estimate takes")
            lot = catalogue.lot(lot_bid.lot_id)
            priced = price_lot(with_bid_prices(lot, lot_bid))
            tenders[lot.id].append(_tender(bid, lot, priced, estimated[lot.id], rules, marks))
    rankings = tuple(_ranking(estimated[lot_id], tenders[lot_id], rules.price_weight) for lot_id in estimated)
    summaries = tuple(_summary(bid, rankings, central, late or {}) for bid in bids)
    flags = tuple(flag for lot in rankings for tender in lot.tenders for flag in tender.flags) + tuple(
        flag for summary in summaries for flag in summary.flags if flag.lot_id is None
    )
    return Evaluation(
        estimate=central,
        price_weight=rules.price_weight,
        quality_weight=rules.quality_weight,
        abnormally_low_percent=rules.abnormally_low_percent,
        lots=rankings,
        bids=summaries,
        flags=flags,
        sources=tuple(bids),
    )


def _check_bidders(bids: Sequence[Bid]) -> None:
    seen: set[str] = set()
    for bid in bids:
        key = bid.bidder.casefold()
        if key in seen:
            raise ValueError(f"two bids name the bidder {bid.bidder}: a bidder returns one schedule")
        seen.add(key)


def _tender(bid: Bid, lot: Lot, priced: LotCost, estimated: LotResult, rules: Rules, marks: Marks) -> LotTender:
    """One bid's tender for one lot, scored for quality; price scores and ranks come with the lot's ranking."""
    # The coster and the estimate give a line per service line of the lot, in the catalogue's order.
    lines = tuple(_line(*each) for each in zip(priced.lines, estimated.lines, lot.service_lines, strict=True))
    lot_bid = bid.lot(lot.id)
    quality = quality_scores(rules, marks, bid.bidder, lot.id)
    scored, compliant, reasons = compliance(quality)
    quality_score = sum((s.score for s in quality), ZERO)
    difference = priced.term_cost - estimated.term_cost
    percent = (difference * 100 / estimated.term_cost).quantize(TENTH) if estimated.term_cost else ZERO
    flags = lot_flags(bid.bidder, lot, priced.term_cost, estimated.term_cost, rules.abnormally_low_percent) + tuple(
        flag
        for line, evaluated in zip(lot.service_lines, lines)
        for flag in line_flags(bid.bidder, lot, line, lot_bid.line(line.id), evaluated)
    )
    return LotTender(
        bidder=bid.bidder,
        lot_id=lot.id,
        evaluated_price=priced.term_cost,
        estimate=estimated.term_cost,
        difference=difference,
        difference_percent=percent,
        lines=lines,
        quality=quality,
        scored=scored,
        compliant=compliant,
        reasons=reasons,
        price_score=Decimal("0.00"),
        quality_score=quality_score,
        total=quality_score,
        rank=None,
        flags=flags,
    )


def _line(line: LineCost, central: LineResult, catalogue_line: ServiceLine) -> LineEvaluation:
    return LineEvaluation(
        line_id=line.line_id,
        title=line.title,
        quantity=line.quantity,
        tier_from=line.tier_from,
        unit_price=line.unit_price,
        estimate_unit_price=central.unit_price,
        high_price=catalogue_line.high,
        connection_charge=line.connection_charge,
        term_cost=line.term_cost,
    )


def _ranking(estimated: LotResult, tenders: list[LotTender], price_weight: Decimal) -> LotRanking:
    compliant = [t for t in tenders if t.compliant]
    lowest = min((t.evaluated_price for t in compliant), default=None)
    scored = []
    for tender in compliant:
        price = price_score(lowest, tender.evaluated_price, price_weight)
        scored.append(replace(tender, price_score=price, total=price + tender.quality_score))
    ranks = competition_ranks([(t.total, t.quality_score) for t in scored])
    ranked = sorted((replace(t, rank=rank) for t, rank in zip(scored, ranks)), key=lambda t: (t.rank, t.bidder))
    others = sorted((t for t in tenders if not t.compliant), key=lambda t: (t.evaluated_price, t.bidder))
    first = [t.bidder for t in ranked if t.rank == 1]
    return LotRanking(
        lot_id=estimated.lot_id,
        title=estimated.title,
        estimate=estimated.term_cost,
        tenders=tuple(ranked + others),
        leader=first[0] if len(first) == 1 else None,
        tied=tuple(first) if len(first) > 1 else (),
    )


def _summary(bid: Bid, rankings: tuple[LotRanking, ...], central: Estimate, late: Mapping[str, str]) -> BidSummary:
    mine = [t for lot in rankings for t in lot.tenders if t.bidder == bid.bidder]
    value = sum((t.evaluated_price for t in mine), ZERO)
    own: tuple[Flag, ...] = bid_flags(bid.bidder, value, central.envelope.envelope, late.get(bid.bidder))
    return BidSummary(
        bidder=bid.bidder,
        file_name=bid.file_name,
        sha256=bid.sha256,
        lots=tuple(t.lot_id for t in mine),
        tendered_contract_value=value,
        flags=own + tuple(f for t in mine for f in t.flags),
    )
