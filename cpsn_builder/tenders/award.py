"""The award recommendation: a bidder per lot, every flag resolved, and what the winning prices save.

The lead chooses; the evaluation proposes its leaders (`default_award`), and `award_problems`
says what still has to be decided before the recommendation can be published.
"""

from __future__ import annotations

from dataclasses import replace

from ..catalogue import Catalogue
from ..engine.estimate import estimate
from ..responses.models import ResponseSet
from .models import Award, Evaluation, Flag, FlagResolution, Recommendation
from .repricing import with_bid_prices


class AwardProblems(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = tuple(problems)
        super().__init__("\n".join(problems))


def flag_key(flag: Flag | FlagResolution) -> tuple:
    return flag.kind, flag.bidder, flag.lot_id, flag.line_id


def default_award(evaluation: Evaluation) -> Award:
    """Each lot's leader, with why; tied lots and lots with no compliant tender left for the lead."""
    choices = []
    for lot in evaluation.lots:
        compliant = [t for t in lot.tenders if t.compliant]
        if any(not t.scored for t in lot.tenders):
            continue  # a leader before every tender is moderated is not yet the leader
        if lot.leader:
            leader = lot.tender(lot.leader)
            choices.append((lot.lot_id, lot.leader, f"The highest total score, {leader.total} of 100, of {_tenders(len(compliant))}."))
        elif not lot.tenders:
            choices.append((lot.lot_id, None, "No tender was received for this lot."))
        elif not compliant:
            choices.append((lot.lot_id, None, "No tender for this lot met every minimum quality score."))
    return Award(choices=tuple(choices), resolutions=())


def _tenders(count: int) -> str:
    return "the only compliant tender" if count == 1 else f"the {count} compliant tenders"


def award_problems(evaluation: Evaluation, award: Award) -> list[str]:
    """What stops the award being published, each saying what to do; empty when it can be."""
    problems = []
    chosen = {}
    for lot_id, bidder, reason in award.choices:
        lot = evaluation.lot(lot_id)
        if lot is None:
            problems.append(f"Lot {lot_id}: there is no such lot in the evaluation.")
            continue
        if lot_id in chosen:
            problems.append(f"{lot.title}: chosen twice; give one bidder per lot.")
        chosen[lot_id] = bidder
        if bidder is not None:
            tender = lot.tender(bidder)
            if tender is None:
                problems.append(f"{lot.title}: {bidder} did not bid for this lot.")
            elif tender.scored and not tender.compliant:
                problems.append(f"{lot.title}: {bidder}'s tender is not compliant ({' '.join(tender.reasons)}).")
        if not (reason or "").strip():
            problems.append(f"{lot.title}: give the reason for the recommendation.")
    for lot in evaluation.lots:
        unscored = [t.bidder for t in lot.tenders if not t.scored]
        if unscored:
            problems.append(f"{lot.title}: moderate every criterion of {', '.join(unscored)}'s tender before the award.")
        elif lot.lot_id not in chosen:
            if lot.tied:
                problems.append(f"{lot.title}: {' and '.join(lot.tied)} are tied on total and quality score; choose one and say why.")
            else:
                problems.append(f"{lot.title}: choose a bidder, or none, and say why.")
    resolved = {flag_key(r): r for r in award.resolutions}
    for flag in evaluation.flags:
        resolution = resolved.pop(flag_key(flag), None)
        if resolution is None or not resolution.resolution.strip():
            problems.append(f"Say how this flag was resolved: {flag.message}")
    for resolution in resolved.values():
        problems.append(
            f"A resolution for a {resolution.kind.replace('_', ' ')} flag on {resolution.bidder} that the "
            "evaluation does not raise: remove it."
        )
    return problems


def recommend(evaluation: Evaluation, award: Award, catalogue: Catalogue, responses: ResponseSet) -> Recommendation:
    """The award applied: the engine's estimate with each awarded lot at its bidder's prices."""
    problems = award_problems(evaluation, award)
    if problems:
        raise AwardProblems(problems)
    bids = {bid.bidder: bid for bid in evaluation.sources}
    awarded = tuple((lot_id, bidder) for lot_id, bidder, _ in award.choices if bidder is not None)
    prices = {lot_id: with_bid_prices(catalogue.lot(lot_id), bids[bidder].lot(lot_id)) for lot_id, bidder in awarded}
    tendered_catalogue = replace(catalogue, lots=tuple(prices.get(lot.id, lot) for lot in catalogue.lots))
    tendered = estimate(tendered_catalogue, responses, evaluation.estimate.scenario)
    unawarded = tuple(lot.lot_id for lot in evaluation.lots if lot.lot_id not in prices)
    return Recommendation(
        evaluation=evaluation,
        award=award,
        tendered=tendered,
        awarded=awarded,
        unawarded=unawarded,
        tendered_contract_value=tendered.totals.contract_value,
    )
