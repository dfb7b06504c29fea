"""The lot pricer a tender reprices a bid through: one lot at a time, on the estimate's partners,
quantities and months billed, with whatever prices the lot it is given carries.

Worked example (shared/worked-example.md): 290 circuits in the 100-299 tier; A takes 250 and is
billed 60 months, B takes 40 and is billed 36 (its notice expires in March 2015).
"""
from datetime import date
from decimal import Decimal as D

import pytest

from catalogue_builder import CCTV_LOT, WAN_LOT, WORKED_RESPONSES, load_case
from cpsn_builder.engine import JoinChange, NoticeChange, Scenario, estimate
from cpsn_builder.engine.estimate import lot_pricer


@pytest.fixture
def worked(tmp_path):
    return load_case(tmp_path, WORKED_RESPONSES)


def with_prices(lot, tier_prices, connection=None):
    """The lot as a bidder returns it: the same lines and tiers at the bidder's prices."""
    line = lot.service_lines[0]
    tiers = [t.model_copy(update={"price": D(p)}) for t, p in zip(line.tiers, tier_prices, strict=True)]
    update = {"tiers": tiers} | ({} if connection is None else {"connection_charge": D(connection)})
    return lot.model_copy(update={"service_lines": [line.model_copy(update=update)]})


def test_at_the_catalogues_own_prices_a_lot_is_priced_as_the_estimate_prices_it(catalogue, demo_responses):
    est = estimate(catalogue, demo_responses)
    price = lot_pricer(catalogue, demo_responses)
    assert len(est.lots) > 1
    for lot in est.lots:
        assert price(catalogue.lot(lot.lot_id)) == lot


def test_a_bidders_prices_change_that_lots_term_cost_and_nothing_else(worked):
    catalogue, responses = worked
    price = lot_pricer(*worked)
    before = estimate(*worked).lot("wan")
    bid = price(with_prices(catalogue.lot("wan"), [4000, 3000, 2500]))
    line = bid.lines[0]
    # still 290 circuits in the 100-299 tier, now at 3,000
    assert (line.quantity, line.tier_from, line.tier_to, line.unit_price) == (D(290), 100, 299, D(3000))
    # A: 250 x 3,000 x 60/12 + 375,000 one-off; B: 40 x 3,000 x 36/12 + 60,000
    assert [(p.partner_id, p.annual_cost, p.term_cost) for p in bid.partners] == [
        ("a", D(750000), D(4125000)), ("b", D(120000), D(420000))]
    assert (bid.annual_cost, bid.term_cost) == (D(870000), D(4545000))
    # today's spend is the partners', not the bidder's: baselines stay, savings follow the price
    assert (bid.baseline, bid.one_off) == (before.baseline, before.one_off)
    assert bid.term_saving == before.term_saving + (before.term_cost - bid.term_cost)
    # the estimate itself is not touched by pricing a bid
    assert estimate(*worked).lot("wan") == before


def test_a_bidders_connection_charge_is_paid_once(worked):
    catalogue, _ = worked
    bid = lot_pricer(*worked)(with_prices(catalogue.lot("wan"), [4200, 3600, 3000], connection=1000))
    # 290 x 1,000 one-off instead of 290 x 1,500; the annual prices are the catalogue's
    assert (bid.one_off, bid.annual_cost) == (D(290000), D(1044000))
    assert bid.term_cost == D(5367000) - D(145000)


def test_only_the_repriced_lot_moves(tmp_path):
    responses = {"a.yml": "partner: a\nproject: cpsn\nlots: [wan, cctv]\nanswers: {wan: {circuits: 250}, cctv: {cameras: 60}}\n",
                 "b.yml": WORKED_RESPONSES["b.yml"]}
    case = load_case(tmp_path, responses, lots=(WAN_LOT, CCTV_LOT))
    catalogue, _ = case
    price = lot_pricer(*case)
    est = estimate(*case)
    cheaper = price(with_prices(catalogue.lot("cctv"), [800, 700]))
    # 60 cameras in the 50+ tier at 700 for 60 months; WAN priced by the same pricer is unchanged
    assert (cheaper.annual_cost, cheaper.term_cost) == (D(42000), D(210000))
    assert est.lot("cctv").term_cost == D(270000)
    assert price(catalogue.lot("wan")) == est.lot("wan")


@pytest.mark.parametrize("scenario", [
    Scenario("with extension", extension=True),
    Scenario("A gives notice", notices=(NoticeChange("a", date(2013, 1, 31)),)),
    Scenario("without B", without=("b",)),
])
def test_the_scenarios_partners_and_months_are_the_ones_priced(worked, scenario):
    catalogue, responses = worked
    assert lot_pricer(catalogue, responses, scenario)(catalogue.lot("wan")) == estimate(catalogue, responses, scenario).lot("wan")


def test_the_extension_bills_a_bid_for_seven_years(worked):
    catalogue, responses = worked
    bid = lot_pricer(catalogue, responses, Scenario("with extension", extension=True))(with_prices(catalogue.lot("wan"), [4000, 3000, 2500]))
    # A: 750,000 x 7 + 375,000; B's notice still ends its billing after 36 months: 420,000
    assert [(p.partner_id, p.term_cost) for p in bid.partners] == [("a", D(5625000)), ("b", D(420000))]
    assert bid.term_cost == D(6045000)


def test_a_lot_nobody_takes_gives_none(tmp_path):
    # C is prospective, so its cameras do not count in the base case: nobody takes CCTV
    responses = dict(WORKED_RESPONSES, **{"c.yml": "partner: c\nproject: cpsn\nlots: [cctv]\nanswers: {cctv: {cameras: 20}}\n"})
    case = load_case(tmp_path, responses, lots=(WAN_LOT, CCTV_LOT))
    catalogue, _ = case
    assert estimate(*case).unchosen_lots == ("cctv",)
    assert lot_pricer(*case)(catalogue.lot("cctv")) is None
    assert lot_pricer(*case)(catalogue.lot("wan")) is not None


def test_a_lot_taken_only_by_a_partner_a_scenario_adds_is_priced_in_that_scenario(tmp_path):
    responses = dict(WORKED_RESPONSES, **{"c.yml": "partner: c\nproject: cpsn\nlots: [cctv]\nanswers: {cctv: {cameras: 20}}\n"})
    case = load_case(tmp_path, responses, lots=(WAN_LOT, CCTV_LOT))
    catalogue, responses = case
    bid = lot_pricer(catalogue, responses, Scenario("C joins", with_partners=(JoinChange("c", date(2016, 4, 1)),)))(catalogue.lot("cctv"))
    # 20 cameras at 1,000 a year, billed April 2016 to March 2017
    assert [(p.partner_id, p.annual_cost, p.term_cost) for p in bid.partners] == [("c", D(20000), D(20000))]
