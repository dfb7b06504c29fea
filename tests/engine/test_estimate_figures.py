"""Every figure of the worked example (shared/worked-example.md) as the estimate shows it, to the penny.

The expected values are worked by hand from the rules: aggregate 290 circuits sits in the
100-299 tier at £3,600; A (250 circuits, stated spend £1,150,000) is billed 60 months; B (40
circuits, baseline derived at £4,800 each) gave notice on 15 March 2013 and is billed 36.
"""

from datetime import date
from decimal import Decimal as D

import pytest

from catalogue_builder import WORKED_RESPONSES, load_case
from cpsn_builder.engine import estimate
from cpsn_builder.engine.models import (
    EnvelopePosition,
    LineResult,
    PartnerLine,
    PartnerLot,
    PartnerSummary,
    Rounding,
    Term,
    Totals,
    YearFigures,
)


@pytest.fixture
def worked(tmp_path):
    return load_case(tmp_path, WORKED_RESPONSES)


def test_the_service_line_row(worked):
    line = estimate(*worked).lot("wan").lines[0]
    assert line == LineResult(
        line_id="eth_100m",
        title="100 Mbps Ethernet circuit",
        unit="circuit",
        quantity=D(290),
        tier_from=100,
        tier_to=299,
        unit_price=D(3600),
        connection_charge=D(1500),
        partners=(
            # A: 250 x 3,600; 250 x 1,500 one-off; 900,000 x 60/12 + 375,000
            PartnerLine("a", D(250), D("900000.00"), D("375000.00"), D("4875000.00")),
            # B: 40 x 3,600; 40 x 1,500; 144,000 x 36/12 + 60,000
            PartnerLine("b", D(40), D("144000.00"), D("60000.00"), D("492000.00")),
        ),
        annual_cost=D("1044000.00"),
        one_off=D("435000.00"),
        term_cost=D("5367000.00"),
    )


def test_each_partners_baseline_and_savings_over_the_term(worked):
    a, b = estimate(*worked).lot("wan").partners
    # A's baseline is its stated spend; over 60 months 5,750,000 against a term cost of 4,875,000
    assert a == PartnerLot(
        partner_id="a",
        annual_cost=D(900000),
        one_off=D(375000),
        term_cost=D(4875000),
        baseline=D(1150000),
        baseline_source="stated",
        annual_saving=D(250000),
        term_baseline=D(5750000),
        term_saving=D(875000),
    )
    # B's is derived, 40 x 4,800 = 192,000 a year; over its 36 months 576,000 against 492,000
    assert b == PartnerLot(
        partner_id="b",
        annual_cost=D(144000),
        one_off=D(60000),
        term_cost=D(492000),
        baseline=D(192000),
        baseline_source="derived",
        annual_saving=D(48000),
        term_baseline=D(576000),
        term_saving=D(84000),
    )


def test_the_lot_totals(worked):
    lot = estimate(*worked).lot("wan")
    assert (lot.lot_id, lot.title) == ("wan", "WAN")
    assert (lot.annual_cost, lot.one_off, lot.term_cost) == (D(1044000), D(435000), D(5367000))
    assert (lot.baseline, lot.annual_saving, lot.term_saving) == (D(1342000), D(298000), D(959000))


def test_the_partner_summaries(worked):
    est = estimate(*worked)
    assert est.partners == (
        PartnerSummary(
            partner_id="a",
            name="County A",
            status="member",
            joins=None,
            leaves=None,
            months_billed=60,
            lots=("wan",),
            annual_cost=D(900000),
            one_off=D(375000),
            term_cost=D(4875000),
            baseline=D(1150000),
            annual_saving=D(250000),
            term_saving=D(875000),
            max_contribution=D(50000),
            years=years_of("a"),
        ),
        PartnerSummary(
            partner_id="b",
            name="District B",
            status="withdrawing",
            joins=None,
            leaves=date(2015, 3, 15),
            months_billed=36,
            lots=("wan",),
            annual_cost=D(144000),
            one_off=D(60000),
            term_cost=D(492000),
            baseline=D(192000),
            annual_saving=D(48000),
            term_saving=D(84000),
            max_contribution=None,
            years=years_of("b"),
        ),
    )


def years_of(partner_id):
    """The worked example by financial year: A billed every month, B April 2012 to March 2015; one-offs in 2012/13."""
    annual, one_off, baseline, months = {"a": (900000, 375000, 1150000, [12] * 5), "b": (144000, 60000, 192000, [12, 12, 12, 0, 0])}[
        partner_id
    ]
    years = []
    for k, billed in enumerate(months):
        cost = D(annual if billed else 0) + D(one_off if k == 0 else 0)
        spend = D(baseline if billed else 0)
        years.append(
            YearFigures(
                f"{2012 + k}/{13 + k}",
                date(2012 + k, 4, 1),
                date(2013 + k, 3, 31),
                billed,
                D(annual if billed else 0),
                D(one_off if k == 0 else 0),
                cost,
                spend,
                spend - cost,
            )
        )
    return tuple(years)


def test_the_totals_envelope_and_rounding(worked):
    est = estimate(*worked)
    assert est.totals == Totals(
        annual_cost=D(1044000),
        one_off=D(435000),
        contract_value=D(5367000),
        baseline=D(1342000),
        annual_saving=D(298000),
        term_saving=D(959000),
    )
    # 5,367,000 of 40,000,000: 13.4175% used, 34,633,000 left
    assert est.envelope == EnvelopePosition(D(40000000), D(5367000), D(34633000), D("13.4175"), True)
    assert est.rounding == Rounding(D(5367000), D(5367000), D(0))


def test_what_the_estimate_is_of(worked):
    catalogue, _ = worked
    est = estimate(*worked)
    assert (est.programme_id, est.project_id, est.catalogue_version) == ("test", "cpsn", "t1")
    assert est.catalogue_digest == catalogue.digest and len(est.catalogue_digest) == 64
    assert est.scenario.name == "Base case" and est.scenario.is_base
    assert est.term == Term(date(2012, 4, 1), date(2017, 3, 31), 60, 5, False)
    assert est.unchosen_lots == ()
    assert est.warnings == ()


def test_an_estimate_nobody_takes_part_in_is_nought_in_pounds_and_pence(tmp_path):
    declined = {"a.yml": "partner: a\nproject: cpsn\ndeclined: true\n"}
    est = estimate(*load_case(tmp_path, declined))
    assert est.partners == () and est.lots == () and est.unchosen_lots == ("wan",)
    assert est.totals == Totals(D(0), D(0), D(0), D(0), D(0), D(0))
    # money stays Decimal when there is nothing to add up (the JSON export writes it as a decimal string)
    assert all(
        isinstance(getattr(est.totals, f), D)
        for f in ("annual_cost", "one_off", "contract_value", "baseline", "annual_saving", "term_saving")
    )
    assert est.envelope == EnvelopePosition(D(40000000), D(0), D(40000000), D(0), True)
    assert [c.totals.contract_value for c in est.sensitivity] == [D(0), D(0), D(0)]
