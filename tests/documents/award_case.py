"""A tender on the demo partnership for the award documents: three bidders, evaluated and awarded by the engine.

Anglia Networks bids for every lot at 92% of the catalogue's central prices; Fenland Telecom for
every lot but the LAN at 85%; Ouse Valley for the WAN and CCTV at 60%, abnormally low (40% below
the estimate, more than the catalogue's 30%), and fails the minimum mark for implementation (Q3)
on CCTV. The lead takes each lot's leader except the LAN, which is left for a later tender, and
resolves every flag. Only the prices, marks and decisions are given here: every figure the
documents show comes from evaluate() and recommend().
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from cpsn_builder.catalogue import Catalogue
from cpsn_builder.responses import ResponseSet
from cpsn_builder.tenders.award import default_award, recommend
from cpsn_builder.tenders.evaluation import evaluate
from cpsn_builder.tenders.models import Bid, CriterionMarks, FlagResolution, Issue, LinePrices, LotBid, Marks, Recommendation

ISSUE = Issue("CPSN procurement", "1.0", "2011.1", "digest", "not recorded")
PRICE_FACTORS = {
    "Anglia Networks Ltd": (Decimal("0.92"), None),
    "Fenland Telecom plc": (Decimal("0.85"), {"wan", "wan_internal", "internet_psn", "telephony", "ip_telephony", "cctv"}),
    "Ouse Valley Communications Ltd": (Decimal("0.60"), {"wan", "cctv"}),
}
MARKS = {
    "Anglia Networks Ltd": (3, 3, 3, 3, 2, 2),
    "Fenland Telecom plc": (3, 3, 2, 3, 3, 2),
    "Ouse Valley Communications Ltd": (2, 2, 2, 2, 2, 2),
}
UNAWARDED_REASON = "The partners will tender the local area network again after a survey of their sites."
RESOLUTION = "Clarified: the bidder confirmed its prices in writing, from its own fibre in the county; accepted."


def _price(value: Decimal, factor: Decimal) -> Decimal:
    return (value * factor).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def bids(catalogue: Catalogue) -> tuple[Bid, ...]:
    made = []
    for bidder, (factor, lots) in PRICE_FACTORS.items():
        lot_bids = tuple(
            LotBid(
                lot.id,
                tuple(
                    LinePrices(line.id, tuple(_price(t.price, factor) for t in line.tiers), _price(line.connection_charge, factor))
                    for line in lot.service_lines
                ),
            )
            for lot in catalogue.lots
            if lots is None or lot.id in lots
        )
        made.append(Bid(bidder, f"{bidder.split()[0].lower()}.xlsx", "ab" * 32, ISSUE, lot_bids))
    return tuple(made)


def marks(bid_list: tuple[Bid, ...]) -> Marks:
    given = []
    for bid in bid_list:
        for lot in bid.lots:
            for number, mark in enumerate(MARKS[bid.bidder], 1):
                if bid.bidder.startswith("Ouse") and lot.lot_id == "cctv" and number == 3:
                    mark = 1  # below Q3's minimum of 2: not compliant
                given.append(CriterionMarks(bid.bidder, lot.lot_id, f"Q{number}", (("J Smith", mark), ("A Patel", max(mark - 1, 0))), mark))
    return Marks(tuple(given))


def recommendation(catalogue: Catalogue, responses: ResponseSet) -> Recommendation:
    bid_list = bids(catalogue)
    evaluation = evaluate(catalogue, responses, bid_list, marks(bid_list))
    proposed = default_award(evaluation)
    choices = tuple(
        (lot_id, None, UNAWARDED_REASON) if lot_id == "lan_wifi" else (lot_id, bidder, reason)
        for lot_id, bidder, reason in proposed.choices
    )
    resolutions = tuple(FlagResolution(f.kind, f.bidder, f.lot_id, f.line_id, RESOLUTION) for f in evaluation.flags)
    return recommend(evaluation, replace(proposed, choices=choices, resolutions=resolutions), catalogue, responses)


def marks_yaml(marks_given: Marks) -> str:
    """The marks as the scores file the award-report command reads."""
    lines = ["marks:"]
    entries: dict[tuple[str, str], list[CriterionMarks]] = {}
    for mark in marks_given.marks:
        entries.setdefault((mark.bidder, mark.lot_id), []).append(mark)
    for (bidder, lot_id), given in entries.items():
        lines += [f"  - bidder: {bidder}", f"    lot: {lot_id}", "    criteria:"]
        for mark in given:
            evaluators = ", ".join(f"{name}: {value}" for name, value in mark.evaluators)
            lines.append(f"      {mark.criterion_id}: {{evaluators: {{{evaluators}}}, moderated: {mark.moderated}}}")
    return "\n".join(lines) + "\n"


def award_yaml(chosen: Recommendation) -> str:
    """The lead's decisions as the award file the award-report command reads."""
    lines = ["award:"]
    for lot_id, bidder, reason in chosen.award.choices:
        lines += [f"  - lot: {lot_id}", f"    bidder: {bidder if bidder else 'null'}", f"    reason: {json.dumps(reason)}"]
    lines.append("resolutions:")
    for resolution in chosen.award.resolutions:
        lines += [
            f"  - flag: {resolution.kind}",
            f"    bidder: {resolution.bidder}",
            f"    lot: {resolution.lot_id}",
            f"    resolution: {json.dumps(resolution.resolution)}",
        ]
    return "\n".join(lines) + "\n"


def schedule_prices(catalogue: Catalogue, bidder: str) -> dict:
    """The bidder's prices as fill_schedule types them into the returned workbook."""
    bid = next(b for b in bids(catalogue) if b.bidder == bidder)
    return {lot.lot_id: {line.line_id: (list(line.tier_prices), line.connection_charge) for line in lot.lines} for lot in bid.lots}
