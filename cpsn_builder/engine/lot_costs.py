"""A lot's term cost at other prices: a tender is the catalogue's lot with the bidder's prices.

Twenty bids for twenty lots price 400 lots; building the estimate's per-partner results for each
took 7 s for the 400-partner national case. Only the term cost per line is needed, and a
partner's rounded cost depends only on its quantity and months billed, so partners with the same
pair are costed once and counted. The rules are the estimate's (`estimate._partner_line`): a
test holds the two equal for every lot of the demo and the national case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from ..catalogue import Catalogue
from ..catalogue.models import Lot
from ..responses.models import ResponseSet
from .estimate import BASE, billing
from .models import LineCost, LotCost, Scenario
from .pricing import pennies, unit_price

ZERO = Decimal(0)
TWELVE = Decimal(12)


def lot_coster(catalogue: Catalogue, responses: ResponseSet, scenario: Scenario = BASE) -> Callable[[Lot], LotCost | None]:
    """Cost one lot at a time on the estimate's participants, quantities and months billed; None
    where nobody takes the lot. The lot given may carry any prices; its lines and tiers' ranges
    must be the catalogue's."""
    participants, months = billing(catalogue, responses, scenario)
    demand: dict[str, tuple[dict[str, Decimal], dict[str, Counter]] | None] = {}

    def aggregate(lot: Lot):
        takers = [p for p in participants if lot.id in p.response.lots]
        if not takers:
            return None
        totals, groups = {}, {}
        for line in lot.service_lines:
            totals[line.id] = sum((p.quantities[line.id] for p in takers), ZERO)
            groups[line.id] = Counter((p.quantities[line.id], months[p.partner.id]) for p in takers if p.quantities[line.id])
        return totals, groups

    def cost(lot: Lot) -> LotCost | None:
        if lot.id not in demand:
            demand[lot.id] = aggregate(lot)
        if demand[lot.id] is None:
            return None
        totals, groups = demand[lot.id]
        lines = tuple(_line_cost(line, totals[line.id], groups[line.id]) for line in lot.service_lines)
        return LotCost(lot.id, lines, sum((line.term_cost for line in lines), ZERO))

    return cost


def _line_cost(line, quantity: Decimal, groups: Counter) -> LineCost:
    tier, price = unit_price(line, quantity)
    rate, connection = price or ZERO, line.connection_charge
    term = ZERO
    for (own, billed), count in groups.items():
        one_off = pennies(own * connection) if billed else ZERO
        term += count * (pennies(own * rate * billed / TWELVE) + one_off)
    return LineCost(line.id, line.title, line.unit, quantity, tier.from_ if tier else None, price, connection, term)
