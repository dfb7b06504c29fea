"""The case worked by hand in shared/worked-example.md, figure by figure."""

from decimal import Decimal as D

import pytest

from catalogue_builder import write_response, write_worked_example
from cpsn_builder.catalogue import load_catalogue
from cpsn_builder.engine import JoinChange, Scenario, compare, estimate
from cpsn_builder.responses import load_responses


@pytest.fixture
def worked(tmp_path):
    catalogue = load_catalogue(write_worked_example(tmp_path / "catalogue"))
    folder = tmp_path / "responses"
    write_response(
        folder,
        "a.yml",
        """\
        partner: a
        project: cpsn
        lots: [wan]
        answers: {wan: {circuits: 250}}
        current_spend: {wan: 1150000}
    """,
    )
    write_response(
        folder,
        "b.yml",
        """\
        partner: b
        project: cpsn
        lots: [wan]
        answers: {wan: {circuits: 40}}
    """,
    )
    write_response(
        folder,
        "c.yml",
        """\
        partner: c
        project: cpsn
        lots: [wan]
        answers: {wan: {circuits: 15}}
    """,
    )
    return catalogue, load_responses([folder], catalogue)


def test_aggregate_picks_the_tier_that_holds_it(worked):
    est = estimate(*worked)
    line = est.lot("wan").lines[0]
    assert line.quantity == 290
    assert (line.tier_from, line.tier_to, line.unit_price) == (100, 299, D(3600))


def test_partner_a_member_throughout(worked):
    a = estimate(*worked).partner("a")
    assert a.annual_cost == D("900000.00")
    assert a.baseline == D("1150000")
    assert a.annual_saving == D("250000.00")
    assert a.months_billed == 60
    assert a.one_off == D("375000.00")
    assert a.term_cost == D("4875000.00")


def test_partner_b_derived_baseline_and_notice(worked):
    est = estimate(*worked)
    b = est.partner("b")
    assert b.baseline == D("192000.00")
    assert est.lot("wan").partners[1].baseline_source == "derived"
    assert est.lot("wan").partners[0].baseline_source == "stated"
    assert b.annual_cost == D("144000.00")
    assert b.annual_saving == D("48000.00")
    assert str(b.leaves) == "2015-03-15"
    assert b.months_billed == 36
    assert b.term_cost == D("492000.00")


def test_contract_value_and_envelope(worked):
    est = estimate(*worked)
    assert est.totals.contract_value == D("5367000.00")
    assert est.envelope.utilisation_percent == D("13.4175")
    assert est.envelope.headroom == D("34633000.00")
    assert est.envelope.within


def test_prospective_partner_is_out_of_the_base_case(worked):
    est = estimate(*worked)
    assert [x.partner_id for x in est.excluded] == ["c"]
    assert "prospective" in est.excluded[0].reason


def test_adding_c_drops_everyone_to_the_next_tier(worked):
    base = estimate(*worked)
    other = estimate(*worked, Scenario("C joins", with_partners=(JoinChange("c"),)))
    assert other.lot("wan").lines[0].quantity == 305
    assert other.lot("wan").lines[0].unit_price == D(3000)
    assert [other.partner(p).annual_cost for p in "abc"] == [D("750000.00"), D("120000.00"), D("45000.00")]
    comparison = compare(base, other)
    assert comparison.tier_changes[0].base_price == D(3600)
    assert comparison.tier_changes[0].scenario_price == D(3000)
    assert [p.annual_cost_change for p in comparison.partners] == [D("-150000.00"), D("-24000.00"), D("45000.00")]


def test_low_and_high_cases_use_the_line_range(worked):
    est = estimate(*worked)
    low, central, high = est.sensitivity
    assert (low.case, central.case, high.case) == ("low", "central", "high")
    # A: 250 x 2,800 x 5 years + 375,000 one-off; B: 40 x 2,800 x 3 years + 60,000
    assert low.totals.contract_value == D(250 * 2800 * 5 + 375000 + 40 * 2800 * 3 + 60000)
    assert high.totals.contract_value == D(250 * 4800 * 5 + 375000 + 40 * 4800 * 3 + 60000)
    assert central.totals == est.totals


def test_leaving_a_partner_out_removes_its_quantities(worked):
    est = estimate(*worked, Scenario("without A", without=("a",)))
    line = est.lot("wan").lines[0]
    assert line.quantity == 40
    assert line.unit_price == D(4200)
