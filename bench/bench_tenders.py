"""Tender evaluation benchmark: 20 bids for each of 20 lots against the 400-partner national case,
beside the estimate alone in the same run (the issue's target: under 2 s)."""

from __future__ import annotations

import random
from decimal import Decimal

from cpsn_builder.catalogue import documents_of
from cpsn_builder.engine import estimate
from cpsn_builder.tenders.award import default_award, recommend
from cpsn_builder.tenders.evaluation import evaluate
from cpsn_builder.tenders.models import Award, Bid, CriterionMarks, FlagResolution, Issue, LinePrices, LotBid, Marks

import synthetic
from bench_engine import median_seconds

BIDDERS = 20


def _bids(catalogue, lot_ids: list[str], seed: int = 15) -> tuple[Bid, ...]:
    """Each bidder prices every lot at the catalogue's prices scaled by its own factor per lot."""
    rng = random.Random(seed)
    issue = Issue("bench", "1.0", catalogue.programme.catalogue_version, catalogue.digest, "bench")
    bids = []
    for n in range(BIDDERS):
        lots = []
        for lot_id in lot_ids:
            factor = Decimal(rng.randint(60, 130)) / 100
            lines = tuple(
                LinePrices(
                    line.id,
                    tuple((tier.price * factor).quantize(Decimal("0.0001")) for tier in line.tiers),
                    (line.connection_charge * factor).quantize(Decimal("0.01")),
                )
                for line in catalogue.lot(lot_id).service_lines
            )
            lots.append(LotBid(lot_id, lines))
        bids.append(Bid(f"Bidder {n:02d}", f"bidder-{n:02d}.xlsx", "0" * 64, issue, tuple(lots)))
    return tuple(bids)


def _marks(catalogue, bids, seed: int = 17) -> Marks:
    rng = random.Random(seed)
    criteria = documents_of(catalogue).sor.evaluation.criteria
    return Marks(
        tuple(
            CriterionMarks(bid.bidder, lot.lot_id, c.id, (("A", 3),), rng.randint(2, 4))
            for bid in bids
            for lot in bid.lots
            for c in criteria
        )
    )


def run() -> list[str]:
    catalogue, responses = synthetic.national()
    lot_ids = [lot.lot_id for lot in estimate(catalogue, responses).lots]
    bids = _bids(catalogue, lot_ids)
    marks = _marks(catalogue, bids)
    alone = median_seconds(lambda: estimate(catalogue, responses), 5)
    evaluated = median_seconds(lambda: evaluate(catalogue, responses, bids, marks), 5)
    evaluation = evaluate(catalogue, responses, bids, marks)
    proposed = default_award(evaluation)
    chosen = {lot_id for lot_id, _, _ in proposed.choices}
    award = Award(
        choices=proposed.choices
        + tuple((lot.lot_id, lot.tied[0], "tie: first named") for lot in evaluation.lots if lot.lot_id not in chosen and lot.tied),
        resolutions=tuple(FlagResolution(f.kind, f.bidder, f.lot_id, f.line_id, "noted") for f in evaluation.flags),
    )
    applied = median_seconds(lambda: recommend(evaluation, award, catalogue, responses), 5)
    return [
        f"Tenders: {BIDDERS} bids x {len(lot_ids)} lots against the national case ({len(responses.responses)} partners), median of 5",
        f"  estimate alone                          {alone * 1000:9.1f} ms",
        f"  evaluate (reprice, score, rank, flag)   {evaluated * 1000:9.1f} ms  ({evaluated / alone:.1f}x the estimate)",
        f"  apply the award (tendered estimate)     {applied * 1000:9.1f} ms",
        f"  target: evaluation under 2 s: {'met' if evaluated < 2 else 'NOT met'}",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
