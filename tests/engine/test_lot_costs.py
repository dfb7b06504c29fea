"""The lot coster a tender is evaluated through gives the estimate's own figures at the catalogue's
prices (every lot and line, the demo and a scenario), and moves with the prices it is given."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from catalogue_builder import WORKED_RESPONSES, load_case

from cpsn_builder.engine import NoticeChange, Scenario, estimate
from cpsn_builder.engine.lot_costs import lot_coster

D = Decimal


def _same_as_the_estimate(catalogue, responses, scenario=Scenario()):
    est = estimate(catalogue, responses, scenario)
    cost = lot_coster(catalogue, responses, scenario)
    for lot in est.lots:
        costed = cost(catalogue.lot(lot.lot_id))
        assert costed.term_cost == lot.term_cost
        assert [(c.line_id, c.quantity, c.tier_from, c.unit_price, c.connection_charge, c.term_cost) for c in costed.lines] == [
            (line.line_id, line.quantity, line.tier_from, line.unit_price, line.connection_charge, line.term_cost) for line in lot.lines
        ]
    return est, cost


def test_the_demo_costs_as_the_estimate_prices_it(catalogue, demo_responses):
    est, _ = _same_as_the_estimate(catalogue, demo_responses)
    assert len(est.lots) > 3


def test_a_scenario_months_are_the_estimates(catalogue, demo_responses):
    partner = demo_responses.responses[0].partner_id
    _same_as_the_estimate(catalogue, demo_responses, Scenario("notice", notices=(NoticeChange(partner, date(2013, 1, 10)),)))
    _same_as_the_estimate(catalogue, demo_responses, Scenario("extended", extension=True))


def test_other_prices_move_the_cost_by_the_partners_rounded_costs(tmp_path):
    catalogue, responses = load_case(tmp_path, WORKED_RESPONSES)
    lot = catalogue.lot("wan")
    line = lot.service_lines[0]
    tiers = [t.model_copy(update={"price": D(p)}) for t, p in zip(line.tiers, (4000, 3000, 2500))]
    repriced = lot.model_copy(update={"service_lines": [line.model_copy(update={"tiers": tiers, "connection_charge": D(1000)})]})
    costed = lot_coster(catalogue, responses)(repriced)
    # 290 circuits stay in the 100-299 tier, now 3,000; C is prospective and not in the base case.
    # A: 250 x 3,000 x 60/12 + 250,000 = 4,000,000; B: 40 x 3,000 x 36/12 + 40,000 = 400,000.
    assert (costed.lines[0].quantity, costed.lines[0].tier_from, costed.lines[0].unit_price) == (D(290), 100, D(3000))
    assert costed.term_cost == D(4400000)


def test_a_lot_nobody_takes_costs_nothing_and_says_so(tmp_path):
    catalogue, responses = load_case(tmp_path, {"a.yml": "partner: a\nproject: cpsn\nlots: []\nanswers: {}\n"})
    assert lot_coster(catalogue, responses)(catalogue.lot("wan")) is None
