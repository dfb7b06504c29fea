"""The lot coster a tender's bid is evaluated through (engine/lot_costs.py), beyond what
test_lot_costs.py holds: only the lot given moves, a bidder's connection charge is paid once,
and the scenario's term and partners are the ones costed.

Worked example (shared/worked-example.md): 290 circuits in the 100-299 tier; A takes 250 and is
billed 60 months, B takes 40 and is billed 36 (its notice expires in March 2015).
"""

from datetime import date
from decimal import Decimal as D

import pytest

from catalogue_builder import CCTV_LOT, WAN_LOT, WAN_TWO_LINES, WORKED_RESPONSES, load_case
from cpsn_builder.engine import JoinChange, NoticeChange, Scenario, estimate
from cpsn_builder.engine.lot_costs import lot_coster


@pytest.fixture
def worked(tmp_path):
    return load_case(tmp_path, WORKED_RESPONSES)


def with_prices(lot, tier_prices, connection=None):
    """The lot as a bidder returns it: the same lines and tiers at the bidder's prices."""
    line = lot.service_lines[0]
    tiers = [t.model_copy(update={"price": D(p)}) for t, p in zip(line.tiers, tier_prices, strict=True)]
    update = {"tiers": tiers} | ({} if connection is None else {"connection_charge": D(connection)})
    return lot.model_copy(update={"service_lines": [line.model_copy(update=update)]})


def test_a_bidders_tier_prices_move_the_term_cost_by_the_partners_costs(worked):
    catalogue, _ = worked
    bid = lot_coster(*worked)(with_prices(catalogue.lot("wan"), [4000, 3000, 2500]))
    line = bid.lines[0]
    assert (line.line_id, line.title, line.unit) == ("eth_100m", "100 Mbps Ethernet circuit", "circuit")
    # still 290 circuits in the 100-299 tier, now at 3,000; the catalogue's connection charge
    assert (line.quantity, line.tier_from, line.unit_price, line.connection_charge) == (D(290), 100, D(3000), D(1500))
    # A: 250 x 3,000 x 60/12 + 375,000 one-off = 4,125,000; B: 40 x 3,000 x 36/12 + 60,000 = 420,000
    assert (bid.lot_id, line.term_cost, bid.term_cost) == ("wan", D(4545000), D(4545000))


def test_a_bidders_connection_charge_is_paid_once_by_each_partner_billed(worked):
    catalogue, _ = worked
    bid = lot_coster(*worked)(with_prices(catalogue.lot("wan"), [4200, 3600, 3000], connection=1000))
    # the estimate's 5,367,000 less 290 x 500 of connection charges
    assert estimate(*worked).lot("wan").term_cost == D(5367000)
    assert bid.term_cost == D(5367000) - D(145000)


def test_only_the_lot_given_moves(tmp_path):
    responses = {
        "a.yml": "partner: a\nproject: cpsn\nlots: [wan, cctv]\nanswers: {wan: {circuits: 250}, cctv: {cameras: 60}}\n",
        "b.yml": WORKED_RESPONSES["b.yml"],
    }
    case = load_case(tmp_path, responses, lots=(WAN_LOT, CCTV_LOT))
    catalogue, _ = case
    cost = lot_coster(*case)
    est = estimate(*case)
    cheaper = cost(with_prices(catalogue.lot("cctv"), [800, 700]))
    # 60 cameras in the 50+ tier at 700 for 60 months, against the catalogue's 900
    assert (cheaper.lines[0].tier_from, cheaper.term_cost) == (50, D(210000))
    assert est.lot("cctv").term_cost == D(270000)
    # the same coster, asked next for the WAN at the catalogue's prices, gives the estimate's WAN
    assert cost(catalogue.lot("wan")).term_cost == est.lot("wan").term_cost == D(4875000) + D(492000)


def test_the_extension_costs_a_bid_over_seven_years(worked):
    catalogue, responses = worked
    bid = lot_coster(catalogue, responses, Scenario("with extension", extension=True))(
        with_prices(catalogue.lot("wan"), [4000, 3000, 2500])
    )
    # A: 750,000 x 7 + 375,000; B's notice still ends its billing after 36 months: 420,000
    assert bid.term_cost == D(5625000) + D(420000)


def test_notice_in_a_scenario_shortens_a_bids_term_cost(worked):
    catalogue, responses = worked
    scenario = Scenario("A gives notice", notices=(NoticeChange("a", date(2013, 1, 31)),))
    bid = lot_coster(catalogue, responses, scenario)(with_prices(catalogue.lot("wan"), [4000, 3000, 2500]))
    # A billed April 2012 .. January 2015, 34 months: 750,000 x 34/12 + 375,000 = 2,500,000; B 420,000
    assert bid.term_cost == D(2500000) + D(420000)


def test_a_partner_left_out_is_not_costed_nor_counted_towards_the_tier(worked):
    catalogue, responses = worked
    bid = lot_coster(catalogue, responses, Scenario("without A", without=("a",)))(with_prices(catalogue.lot("wan"), [4000, 3000, 2500]))
    # B alone: 40 circuits in the 1-99 tier at 4,000: 40 x 4,000 x 36/12 + 60,000
    assert (bid.lines[0].quantity, bid.lines[0].tier_from, bid.lines[0].unit_price) == (D(40), 1, D(4000))
    assert bid.term_cost == D(540000)


CCTV_FROM_C = {"c.yml": "partner: c\nproject: cpsn\nlots: [cctv]\nanswers: {cctv: {cameras: 20}}\n"}


def test_a_lot_only_a_prospective_partner_takes_is_not_costed(tmp_path):
    case = load_case(tmp_path, dict(WORKED_RESPONSES, **CCTV_FROM_C), lots=(WAN_LOT, CCTV_LOT))
    catalogue, _ = case
    assert estimate(*case).unchosen_lots == ("cctv",)
    cost = lot_coster(*case)
    assert cost(catalogue.lot("cctv")) is None
    assert cost(catalogue.lot("cctv")) is None  # asked again: the same answer
    assert cost(catalogue.lot("wan")).term_cost == D(5367000)


def test_a_prospective_partner_added_in_a_scenario_is_costed_from_its_join_date(tmp_path):
    catalogue, responses = load_case(tmp_path, dict(WORKED_RESPONSES, **CCTV_FROM_C), lots=(WAN_LOT, CCTV_LOT))
    scenario = Scenario("C joins", with_partners=(JoinChange("c", date(2016, 4, 1)),))
    bid = lot_coster(catalogue, responses, scenario)(catalogue.lot("cctv"))
    # 20 cameras at 1,000 a year, billed April 2016 to March 2017
    assert (bid.lines[0].quantity, bid.term_cost) == (D(20), D(20000))
    assert bid.term_cost == estimate(catalogue, responses, scenario).lot("cctv").term_cost


def test_a_partner_billed_no_month_pays_no_connection_yet_counts_towards_the_tier(tmp_path):
    catalogue, responses = load_case(tmp_path, WORKED_RESPONSES)
    # C joins the day after the term ends: its 15 circuits take the aggregate to 305, the 300+ tier
    scenario = Scenario("C joins too late", with_partners=(JoinChange("c", date(2017, 4, 1)),))
    bid = lot_coster(catalogue, responses, scenario)(catalogue.lot("wan"))
    assert (bid.lines[0].quantity, bid.lines[0].tier_from, bid.lines[0].unit_price) == (D(305), 300, D(3000))
    # A: 250 x 3,000 x 5 + 375,000; B: 40 x 3,000 x 3 + 60,000; C nothing, not even its 15 x 1,500
    assert bid.term_cost == D(4125000) + D(420000)
    assert bid.term_cost == estimate(catalogue, responses, scenario).lot("wan").term_cost


def test_a_line_nobody_buys_has_no_tier_no_price_and_costs_nothing(tmp_path):
    catalogue, responses = load_case(tmp_path, WORKED_RESPONSES, lots=(WAN_TWO_LINES,))
    bid = lot_coster(catalogue, responses)(catalogue.lot("wan"))
    gig, eth = bid.lines
    assert (gig.line_id, gig.quantity, gig.tier_from, gig.unit_price, gig.term_cost) == ("eth_1g", D(0), None, None, D(0))
    assert (eth.line_id, eth.quantity, eth.tier_from) == ("eth_100m", D(290), 100)
    assert bid.term_cost == eth.term_cost == D(5367000)
