"""A catalogue lot with a bidder's prices in place of the catalogue's.

Only the tier prices and connection charges change: the tiers' ranges, the low and high cases and
the baseline prices stay the catalogue's, so the engine prices the same aggregated quantities in
the same tiers and compares them with the same baseline.
"""

from __future__ import annotations

from ..catalogue.models import Lot
from .models import LotBid


def with_bid_prices(lot: Lot, bid: LotBid) -> Lot:
    lines = []
    for line in lot.service_lines:
        prices = bid.line(line.id)
        if prices is None or len(prices.tier_prices) != len(line.tiers):
            raise ValueError(f"the bid for lot {lot.id} does not price every tier of {line.id}")
        tiers = [tier.model_copy(update={"price": price}) for tier, price in zip(line.tiers, prices.tier_prices)]
        lines.append(line.model_copy(update={"tiers": tiers, "connection_charge": prices.connection_charge}))
    return lot.model_copy(update={"service_lines": lines})
