"""Scenarios as written on the command line, and what they change beside the base case.

Worked example: base 290 circuits at £3,600 (A 900,000 a year, B 144,000; contract 5,367,000).
"""

from datetime import date
from decimal import Decimal as D

import pytest

from catalogue_builder import CCTV_LOT, WAN_LOT, WORKED_RESPONSES, load_case
from cpsn_builder.engine import JoinChange, NoticeChange, Scenario, ScenarioError, compare, estimate, parse_scenario
from cpsn_builder.engine.scenarios import PartnerChange, PriceChange


@pytest.fixture
def worked(tmp_path):
    return load_case(tmp_path, WORKED_RESPONSES)


def test_c_joining_lowers_everyones_price(worked):
    base = estimate(*worked)
    other = estimate(*worked, Scenario("C joins", with_partners=(JoinChange("c"),)))
    comparison = compare(base, other)
    assert comparison.scenario == other.scenario
    assert comparison.prices == (PriceChange("wan", "eth_100m", "100 Mbps Ethernet circuit", D(290), D(305), D(3600), D(3000)),)
    assert comparison.tier_changes == comparison.prices
    assert comparison.partners == (
        # A: 250 x 3,000 for 60 months + 375,000; B: 40 x 3,000 for 36 months + 60,000
        PartnerChange("a", "County A", D(900000), D(750000), D(-150000), D(4875000), D(4125000)),
        PartnerChange("b", "District B", D(144000), D(120000), D(-24000), D(492000), D(420000)),
        # C: 15 x 3,000 for 60 months + 15 x 1,500
        PartnerChange("c", "Prospective C", None, D(45000), D(45000), None, D(247500)),
    )
    # 4,792,500 - 5,367,000; 915,000 - 1,044,000; savings (1,414,000 - 915,000) - (1,342,000 - 1,044,000)
    assert (comparison.contract_value_change, comparison.annual_cost_change, comparison.annual_saving_change) == (
        D(-574500),
        D(-129000),
        D(201000),
    )


def test_a_partner_leaving_raises_the_price_for_those_who_stay(worked):
    base = estimate(*worked)
    comparison = compare(base, estimate(*worked, Scenario("without A", without=("a",))))
    assert comparison.prices == (PriceChange("wan", "eth_100m", "100 Mbps Ethernet circuit", D(290), D(40), D(3600), D(4200)),)
    assert comparison.partners == (
        PartnerChange("a", "County A", D(900000), None, D(-900000), D(4875000), None),
        # B: 40 x 4,200 = 168,000 a year; 504,000 over 36 months + 60,000
        PartnerChange("b", "District B", D(144000), D(168000), D(24000), D(492000), D(564000)),
    )
    # savings: B's 192,000 - 168,000 = 24,000 against 298,000
    assert (comparison.contract_value_change, comparison.annual_cost_change, comparison.annual_saving_change) == (
        D(564000 - 5367000),
        D(168000 - 1044000),
        D(24000 - 298000),
    )


def test_a_change_within_the_same_tier_is_not_a_tier_change(worked):
    comparison = compare(estimate(*worked), estimate(*worked, Scenario("without B", without=("b",))))
    # 250 circuits: still the 100-299 tier
    assert comparison.prices == (PriceChange("wan", "eth_100m", "100 Mbps Ethernet circuit", D(290), D(250), D(3600), D(3600)),)
    assert comparison.tier_changes == ()


def test_a_lot_only_the_scenario_buys(tmp_path):
    responses = {
        **WORKED_RESPONSES,
        "c.yml": "partner: c\nproject: cpsn\nlots: [wan, cctv]\nanswers: {wan: {circuits: 15}, cctv: {cameras: 20}}\n",
    }
    catalogue, loaded = load_case(tmp_path, responses, lots=(WAN_LOT, CCTV_LOT))
    base = estimate(catalogue, loaded)
    assert base.unchosen_lots == ("cctv",)
    other = estimate(catalogue, loaded, Scenario("C joins", with_partners=(JoinChange("c"),)))
    assert other.unchosen_lots == ()
    comparison = compare(base, other)
    assert comparison.prices[1] == PriceChange("cctv", "camera_circuit", "Camera circuit", D(0), D(20), None, D(1000))
    # and the other way round: the lot goes with the partner
    back = compare(other, base)
    assert back.prices[1] == PriceChange("cctv", "camera_circuit", "Camera circuit", D(20), D(0), D(1000), None)
    assert back.partners[2] == PartnerChange("c", "Prospective C", D(65000), None, D(-65000), D(247500 + 100000), None)


@pytest.mark.parametrize(
    ("spec", "scenario"),
    [
        ("without:a", Scenario("without a", without=("a",))),
        ("with:c", Scenario("with c", with_partners=(JoinChange("c"),))),
        ("City joins=with:c@2013-04-01", Scenario("City joins", with_partners=(JoinChange("c", date(2013, 4, 1)),))),
        ("with:c@2013-04-01", Scenario("with c from 2013-04-01", with_partners=(JoinChange("c", date(2013, 4, 1)),))),
        ("notice:b@2013-01-31", Scenario("b gives notice on 2013-01-31", notices=(NoticeChange("b", date(2013, 1, 31)),))),
        (
            " without:a , notice:b@2013-01-31,,with:c,extension ",
            Scenario(
                "without a; b gives notice on 2013-01-31; with c; with the extension years",
                without=("a",),
                with_partners=(JoinChange("c"),),
                notices=(NoticeChange("b", date(2013, 1, 31)),),
                extension=True,
            ),
        ),
        ("without:a,without:b", Scenario("without a; without b", without=("a", "b"))),
        ("extension,without:a", Scenario("with the extension years; without a", without=("a",), extension=True)),
        ("  =without:a", Scenario("without a", without=("a",))),
        (" Both go =without:a,without:b", Scenario("Both go", without=("a", "b"))),
        ("Plan = B=without:a", Scenario("Plan = B", without=("a",))),  # the changes follow the last '='
    ],
)
def test_reading_a_scenario(spec, scenario):
    assert parse_scenario(spec) == scenario


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            "remove a",
            "cannot read scenario change 'remove a': write without:PARTNER, with:PARTNER[@YYYY-MM-DD], notice:PARTNER@YYYY-MM-DD or extension, separated by commas",
        ),
        (
            "without:a,Without:B",
            "cannot read scenario change 'Without:B': write without:PARTNER, with:PARTNER[@YYYY-MM-DD], notice:PARTNER@YYYY-MM-DD or extension, separated by commas",
        ),
        (
            "with:c@1 April 2013",
            "cannot read scenario change 'with:c@1 April 2013': write without:PARTNER, with:PARTNER[@YYYY-MM-DD], notice:PARTNER@YYYY-MM-DD or extension, separated by commas",
        ),
        ("notice:b", "scenario change 'notice:b' needs the date notice is given: notice:b@YYYY-MM-DD"),
        ("notice:b@2013-02-30", "'2013-02-30' in 'notice:b@2013-02-30' is not a real date: write YYYY-MM-DD"),
        ("", "scenario '' changes nothing: give at least one change such as without:fenland"),
        ("Nothing= , ", "scenario 'Nothing= , ' changes nothing: give at least one change such as without:fenland"),
    ],
)
def test_a_scenario_that_cannot_be_read_says_how_to_write_it(spec, message):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(spec)
    assert str(caught.value) == message


def test_only_the_base_case_changes_nothing():
    assert Scenario().is_base
    for changed in (
        Scenario(without=("a",)),
        Scenario(with_partners=(JoinChange("c"),)),
        Scenario(notices=(NoticeChange("b", date(2013, 1, 1)),)),
        Scenario(extension=True),
    ):
        assert not changed.is_base


def test_asking_an_estimate_for_something_it_does_not_hold(worked):
    est = estimate(*worked)
    assert est.lot("cctv") is None and est.partner("c") is None
    assert est.lot("wan").lot_id == "wan" and est.partner("b").partner_id == "b"
