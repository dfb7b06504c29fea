"""Shared costs to the penny: which partner gets a leftover penny, caps reached exactly, partners
with no agreement or no estimated value, and the figures the governance report shows."""

from decimal import Decimal as D

from cpsn_builder.catalogue.models import CostLine
from cpsn_builder.governance.contributions import (
    Allocation,
    Contributor,
    LineAllocation,
    PartnerContribution,
    Share,
    allocate,
)


def line(amount, id="costs"):
    return CostLine(id=id, title=id.title(), amount=D(amount))


def people(*caps, weights=None):
    weights = weights or [1] * len(caps)
    return [Contributor(f"p{i}", f"Partner {i}", D(cap), D(w)) for i, (cap, w) in enumerate(zip(caps, weights))]


def amounts(result, index=0):
    return [s.amount for s in result.lines[index].shares]


def test_the_leftover_penny_goes_to_the_largest_remainder_not_the_first_partner():
    # £100 pro rata 1:2 is 33.333.. and 66.666..: the second partner's remainder is larger
    result = allocate("x", "pro_rata_contract_value", [line(100)], people(1000, 1000, weights=[1, 2]))
    assert amounts(result) == [D("33.33"), D("66.67")]


def test_the_leftover_penny_by_remainder_among_three():
    # £1 pro rata 1:3:2 is 0.1666.., 0.5, 0.3333..: floors 0.16 + 0.50 + 0.33 = 0.99; the penny goes to the 0.0066.. remainder
    result = allocate("x", "pro_rata_contract_value", [line(1)], people(10, 10, 10, weights=[1, 3, 2]))
    assert amounts(result) == [D("0.17"), D("0.50"), D("0.33")]


def test_two_leftover_pennies_go_to_the_first_two_of_equal_remainders():
    # £1 in sevenths: 0.14 each leaves 2 pennies
    result = allocate("x", "equal", [line(1)], people(*[10] * 7))
    assert amounts(result) == [D("0.15"), D("0.15")] + [D("0.14")] * 5


def test_a_share_that_reaches_the_cap_exactly_is_a_binding_cap():
    result = allocate("x", "equal", [line(300)], people(100, 200, 200))
    assert amounts(result) == [100, 100, 100]
    assert [s.capped for s in result.lines[0].shares] == [True, False, False]
    assert result.partners[0] == PartnerContribution("p0", "Partner 0", D(100), D(100), D(0), True)
    assert [p.partner_id for p in result.binding_caps] == ["p0"]


def test_a_partner_with_no_agreement_is_charged_nothing_and_has_no_cap_to_bind():
    result = allocate("x", "equal", [line(100)], people(0, 100, 100))
    assert amounts(result) == [0, 50, 50]
    assert result.partners[0] == PartnerContribution("p0", "Partner 0", D(0), D(0), D(0), False)
    assert result.binding_caps == ()


def test_pro_rata_with_no_estimated_value_charges_nothing():
    # a partner with no contract value pays no pro rata share, whatever its cap
    result = allocate("x", "pro_rata_contract_value", [line(50)], people(100, 100, weights=[0, 1]))
    assert amounts(result) == [0, 50]
    nobody = allocate("x", "pro_rata_contract_value", [line(50)], people(100, 100, weights=[0, 0]))
    assert amounts(nobody) == [0, 0] and nobody.total_shortfall == 50


def test_the_excess_is_shared_again_until_it_is_placed():
    # £1,000 equally among caps 100, 250, 1000: 333.33 each would pass 100 and 250, so they pay their
    # caps and the last partner takes the rest, 650
    result = allocate("x", "equal", [line(1000)], people(100, 250, 1000))
    assert amounts(result) == [100, 250, 650]
    assert [p.cap_binds for p in result.partners] == [True, True, False]
    assert result.total_shortfall == 0


def test_the_allocation_as_the_report_shows_it():
    result = allocate("tell-us-once", "equal", [line(90, "setup"), line(60, "training")], people(40, 100, 100))
    assert result == Allocation(
        project_id="tell-us-once",
        rule="equal",
        lines=(
            LineAllocation(
                "setup", "Setup", D(90), (Share("p0", D(30), False), Share("p1", D(30), False), Share("p2", D(30), False)), D(0)
            ),
            # p0 has 10 left: it pays 10 and the other 50 is split 25 and 25
            LineAllocation(
                "training", "Training", D(60), (Share("p0", D(10), True), Share("p1", D(25), False), Share("p2", D(25), False)), D(0)
            ),
        ),
        partners=(
            PartnerContribution("p0", "Partner 0", D(40), D(40), D(0), True),
            PartnerContribution("p1", "Partner 1", D(100), D(55), D(45), False),
            PartnerContribution("p2", "Partner 2", D(100), D(55), D(45), False),
        ),
        total_cost=D(150),
        total_charged=D(150),
        total_shortfall=D(0),
    )


def test_shortfalls_on_several_lines_add_up():
    result = allocate("x", "equal", [line(100, "first"), line(100, "second")], people(30, 50))
    # first: 30 + 50, 20 short; second: nothing left, 100 short
    assert [l.shortfall for l in result.lines] == [D(20), D(100)]
    assert (result.total_cost, result.total_charged, result.total_shortfall) == (D(200), D(80), D(120))


def test_a_project_nobody_takes_part_in_leaves_its_whole_cost_short_in_pounds_and_pence():
    result = allocate("x", "equal", [line(100)], [])
    assert result.lines[0].shares == () and result.partners == ()
    assert (result.total_cost, result.total_charged, result.total_shortfall) == (D(100), D(0), D(100))
    # money stays Decimal even when there is nothing to add up
    assert all(isinstance(x, D) for x in (result.total_cost, result.total_charged, result.total_shortfall))
