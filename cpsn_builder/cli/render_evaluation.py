"""The evaluation as text tables for the terminal: a ranking per lot, the bids, the flags."""

from __future__ import annotations

from tabulate import tabulate

from ..formatting import pounds as money
from ..tenders.models import Evaluation, LotRanking


def render_evaluation(evaluation: Evaluation) -> str:
    est = evaluation.estimate
    parts = [
        f"Tender evaluation: {est.scenario.name}",
        f"Price {evaluation.price_weight}%, quality {evaluation.quality_weight}%; an evaluated price more than "
        f"{evaluation.abnormally_low_percent}% below the estimate is flagged as abnormally low.",
        f"Estimate {money(est.totals.contract_value)} against an envelope of {money(est.envelope.envelope)}.",
    ]
    parts.extend(_lot(lot) for lot in evaluation.lots)
    parts.append(
        "Bids\n"
        + tabulate(
            [(b.bidder, ", ".join(b.lots), money(b.tendered_contract_value), len(b.flags)) for b in evaluation.bids],
            headers=("Bidder", "Lots", "Tendered contract value", "Flags"),
            colalign=("left", "left", "right", "right"),
            disable_numparse=True,
        )
    )
    if evaluation.flags:
        parts.append("Flags to resolve before award\n" + "\n".join(f"- {flag.message}" for flag in evaluation.flags))
    else:
        parts.append("No flags.")
    return "\n\n".join(parts) + "\n"


def _lot(lot: LotRanking) -> str:
    heading = f"{lot.title} ({lot.lot_id}): estimate {money(lot.estimate)}"
    if not lot.tenders:
        return f"{heading}\nNo tender received."
    rows = [
        (
            "" if t.rank is None else t.rank,
            t.bidder,
            money(t.evaluated_price),
            f"{t.difference_percent:+}%",
            t.price_score if t.compliant else "",
            t.quality_score,
            t.total if t.compliant else "",
            "yes" if t.compliant else " ".join(t.reasons),
        )
        for t in lot.tenders
    ]
    table = tabulate(
        rows,
        headers=("Rank", "Bidder", "Evaluated price", "vs estimate", "Price", "Quality", "Total", "Compliant"),
        colalign=("right", "left", "right", "right", "right", "right", "right", "left"),
        disable_numparse=True,
    )
    if lot.leader:
        outcome = f"Highest total: {lot.leader}."
    elif lot.tied:
        outcome = f"Tied on total and quality: {' and '.join(lot.tied)}; the lead chooses, with the reason."
    else:
        outcome = "No compliant tender scored yet."
    return f"{heading}\n{table}\n{outcome}"
