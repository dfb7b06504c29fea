"""Low and high cases (rule 7): the lines' low and high prices with the same rules, every figure.

Worked example at the low price £2,800: A 700,000 a year, B 112,000; over the term A 3,500,000
and B 336,000 (36 months), plus the same one-off charges (435,000): 4,271,000. At the high price
£4,800: A 1,200,000, B 192,000; 6,000,000 + 576,000 + 435,000 = 7,011,000. Baselines do not move
(1,342,000 a year; 6,326,000 over the partners' billed months).
"""

from decimal import Decimal as D

import pytest

from catalogue_builder import CCTV_LOT, WAN_TWO_LINES, WORKED_RESPONSES, load_case
from cpsn_builder.engine import estimate
from cpsn_builder.engine.models import Totals


@pytest.fixture
def worked(tmp_path):
    return load_case(tmp_path, WORKED_RESPONSES)


def test_the_low_case(worked):
    low = estimate(*worked).case("low")
    assert low.case == "low"
    assert low.totals == Totals(
        annual_cost=D(812000),
        one_off=D(435000),
        contract_value=D(4271000),
        baseline=D(1342000),
        annual_saving=D(530000),
        term_saving=D(2055000),
    )
    assert (low.envelope.headroom, low.envelope.utilisation_percent) == (D(35729000), D("10.6775"))


def test_the_high_case_shows_a_loss(worked):
    high = estimate(*worked).case("high")
    assert high.case == "high"
    # dearer than today: the savings are negative
    assert high.totals == Totals(
        annual_cost=D(1392000),
        one_off=D(435000),
        contract_value=D(7011000),
        baseline=D(1342000),
        annual_saving=D(-50000),
        term_saving=D(-685000),
    )
    assert (high.envelope.headroom, high.envelope.utilisation_percent) == (D(32989000), D("17.5275"))


def test_the_central_case_is_the_estimate(worked):
    est = estimate(*worked)
    assert [c.case for c in est.sensitivity] == ["low", "central", "high"]
    assert est.case("central").totals == est.totals and est.case("central").envelope == est.envelope


WITH_GIG = {
    # A needs no 1 Gbps circuits: its answer to the follow-up does not count
    "a.yml": """\
        partner: a
        project: cpsn
        lots: [wan, cctv]
        answers: {wan: {needs_gig: false, gig_circuits: 10, circuits: 250}, cctv: {cameras: 20}}
        current_spend: {wan: 1150000}
    """,
    "b.yml": """\
        partner: b
        project: cpsn
        lots: [wan]
        answers: {wan: {needs_gig: false, circuits: 40}}
    """,
}


def test_a_line_nobody_buys_does_not_stop_the_lines_after_it_being_priced(tmp_path):
    est = estimate(*load_case(tmp_path, WITH_GIG, lots=(WAN_TWO_LINES, CCTV_LOT)))
    gig = est.lot("wan").lines[0]
    assert (gig.line_id, gig.quantity, gig.unit_price, gig.tier_from, gig.annual_cost) == ("eth_1g", D(0), None, None, D(0))
    low, high = est.case("low"), est.case("high")
    # WAN as in the worked example, plus A's 20 cameras: 16,000 a year low (800), 24,000 high (1,200), 60 months
    assert low.totals.annual_cost == D(812000 + 16000)
    assert low.totals.contract_value == D(4271000 + 80000)
    assert high.totals.annual_cost == D(1392000 + 24000)
    assert high.totals.contract_value == D(7011000 + 120000)
    # the central case: 20 cameras at £1,000 (tier 1-49), no connection charge
    assert est.totals.contract_value == D(5367000 + 100000)


def test_each_partners_own_range(worked):
    from cpsn_builder.engine.models import PartnerCase

    low, central, high = estimate(*worked).sensitivity
    # A: 250 circuits, 60 months, one-off 375,000, baseline 1,150,000 a year (5,750,000 over the term)
    # B: 40 circuits, 36 months, one-off 60,000, baseline 192,000 a year (576,000 over its months)
    assert low.partners == (
        PartnerCase("a", D(700000), D(3875000), D(450000), D(1875000)),
        PartnerCase("b", D(112000), D(396000), D(80000), D(180000)),
    )
    assert central.partners == (
        PartnerCase("a", D(900000), D(4875000), D(250000), D(875000)),
        PartnerCase("b", D(144000), D(492000), D(48000), D(84000)),
    )
    assert high.partners == (
        PartnerCase("a", D(1200000), D(6375000), D(-50000), D(-625000)),
        PartnerCase("b", D(192000), D(636000), D(0), D(-60000)),
    )
