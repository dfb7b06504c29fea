"""Invariants of the estimate over generated demand (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cpsn_builder.engine import Scenario, estimate
from cpsn_builder.responses.models import Response, ResponseSet
from estimate_generators import CATALOGUE, SETTINGS, response_sets


def prices(est):
    return {(lot.lot_id, line.line_id): line.unit_price for lot in est.lots for line in lot.lines}


@SETTINGS
@given(response_sets())
def test_totals_equal_the_sum_of_the_parts(responses):
    est = estimate(CATALOGUE, responses)
    assert est.totals.contract_value == sum((p.term_cost for p in est.partners), Decimal(0))
    assert est.totals.annual_cost == sum((line.annual_cost for lot in est.lots for line in lot.lines), Decimal(0))
    assert est.totals.annual_saving == est.totals.baseline - est.totals.annual_cost
    for lot in est.lots:
        for line in lot.lines:
            assert line.term_cost == sum((p.term_cost for p in line.partners), Decimal(0))
    parts = sum(len(line.partners) for lot in est.lots for line in lot.lines)
    # each penny-rounded part is at most half a penny (twice: term and one-off) from the exact figure
    assert abs(est.rounding.difference) <= Decimal("0.01") * parts


@SETTINGS
@given(response_sets(), st.data())
def test_more_demand_never_raises_a_unit_price(responses, data):
    before = prices(estimate(CATALOGUE, responses))
    target = data.draw(st.sampled_from(responses.responses))
    lot_id = data.draw(st.sampled_from(target.lots))
    extra = {q: v + 50 if isinstance(v, Decimal) else v for q, v in target.answers[lot_id].items()}
    grown = Response(
        target.partner_id, "cpsn", lots=target.lots, answers={**target.answers, lot_id: extra}, current_spend=target.current_spend
    )
    after = prices(estimate(CATALOGUE, ResponseSet("cpsn", tuple(grown if r is target else r for r in responses.responses))))
    for key, price in before.items():
        if price is not None and after[key] is not None:
            assert after[key] <= price


@SETTINGS
@given(response_sets(), st.data())
def test_removing_a_partner_never_lowers_the_others_prices(responses, data):
    leaver = data.draw(st.sampled_from(responses.responses)).partner_id
    before = prices(estimate(CATALOGUE, responses))
    after = prices(estimate(CATALOGUE, responses, Scenario("leave", without=(leaver,))))
    for key, price in after.items():
        if price is not None and before.get(key) is not None:
            assert price >= before[key]


@SETTINGS
@given(response_sets(), st.randoms(use_true_random=False))
def test_the_order_of_responses_changes_nothing(responses, rnd):
    shuffled = list(responses.responses)
    rnd.shuffle(shuffled)
    assert estimate(CATALOGUE, responses) == estimate(CATALOGUE, ResponseSet("cpsn", tuple(shuffled)))
