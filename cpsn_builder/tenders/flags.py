"""Flags: what the lead must clarify or resolve before award. A flag never excludes a bid by itself."""

from __future__ import annotations

from decimal import Decimal

from ..catalogue.models import Lot, ServiceLine
from ..formatting import money, unit_price
from .models import Flag, LineEvaluation, LinePrices


def lot_flags(bidder: str, lot: Lot, evaluated: Decimal, central: Decimal, abnormal_percent: Decimal) -> tuple[Flag, ...]:
    """An evaluated price more than the catalogue's percentage below the central estimate."""
    if central <= 0 or evaluated * 100 >= central * (100 - abnormal_percent):
        return ()
    below = ((central - evaluated) * 100 / central).quantize(Decimal("0.1"))
    return (
        Flag(
            "abnormally_low",
            bidder,
            lot.id,
            None,
            f"{bidder}'s evaluated price for {lot.title}, {money(evaluated)}, is {below}% below the estimate of "
            f"{money(central)} (more than {abnormal_percent}% below marks an abnormally low tender): ask the bidder "
            "to explain its prices in writing before any award.",
        ),
    )


def line_flags(bidder: str, lot: Lot, line: ServiceLine, prices: LinePrices, evaluated: LineEvaluation) -> tuple[Flag, ...]:
    flags = []
    if evaluated.unit_price is not None and evaluated.unit_price > line.high:
        flags.append(
            Flag(
                "above_high_case",
                bidder,
                lot.id,
                line.id,
                f"{bidder} prices {line.title} ({line.id}) at {unit_price(evaluated.unit_price)} a {line.unit} a year in "
                f"the tier used, above the estimate's high case of {unit_price(line.high)}: check the price with the bidder.",
            )
        )
    pairs = list(zip(line.tiers, prices.tier_prices))
    for (lower, low_price), (upper, high_price) in zip(pairs, pairs[1:]):
        if high_price > low_price:
            flags.append(
                Flag(
                    "rising_tiers",
                    bidder,
                    lot.id,
                    line.id,
                    f"{bidder} prices {line.title} ({line.id}) higher at the larger volume: {unit_price(high_price)} from "
                    f"{upper.from_:,} units against {unit_price(low_price)} from {lower.from_:,}: ask the bidder to confirm.",
                )
            )
            break
    return tuple(flags)


def bid_flags(bidder: str, tendered: Decimal, envelope: Decimal, late_reason: str | None) -> tuple[Flag, ...]:
    flags = []
    if envelope and tendered > envelope:
        flags.append(
            Flag(
                "over_envelope",
                bidder,
                None,
                None,
                f"{bidder}'s tendered contract value, {money(tendered)}, is over the envelope of {money(envelope)} "
                f"by {money(tendered - envelope)}.",
            )
        )
    if late_reason is not None:
        flags.append(
            Flag("late", bidder, None, None, f"{bidder}'s bid was received after the closing time and recorded as late: {late_reason}")
        )
    return tuple(flags)
