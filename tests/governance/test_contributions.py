"""Shared costs within agreed caps: excess re-allocated, shortfalls reported, pennies exact."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from cpsn_builder.catalogue.models import CostLine
from cpsn_builder.governance.contributions import Contributor, allocate


def line(amount, id="costs"):
    return CostLine(id=id, title=id.title(), amount=D(amount))


def people(*caps, weights=None):
    weights = weights or [1] * len(caps)
    return [Contributor(f"p{i}", f"Partner {i}", D(cap), D(w)) for i, (cap, w) in enumerate(zip(caps, weights))]


def test_equal_shares_when_no_cap_binds():
    result = allocate("x", "equal", [line(300)], people(200, 200, 200))
    assert [s.amount for s in result.lines[0].shares] == [100, 100, 100]
    assert result.total_shortfall == 0 and not result.binding_caps


def test_a_binding_cap_passes_the_excess_to_the_others():
    result = allocate("x", "equal", [line(300)], people(40, 200, 200))
    assert [s.amount for s in result.lines[0].shares] == [40, 130, 130]
    assert [p.partner_id for p in result.binding_caps] == ["p0"]


def test_caps_summing_to_less_than_the_cost_leave_a_reported_shortfall():
    result = allocate("x", "equal", [line(1000)], people(100, 200, 300))
    assert [s.amount for s in result.lines[0].shares] == [100, 200, 300]
    assert result.lines[0].shortfall == 400 and result.total_shortfall == 400
    assert all(p.cap_binds for p in result.partners)


def test_no_partner_is_charged_without_an_agreed_contribution():
    result = allocate("x", "equal", [line(100)], people(0, 100))
    assert [s.amount for s in result.lines[0].shares] == [0, 100]


def test_pro_rata_to_contract_value():
    result = allocate("x", "pro_rata_contract_value", [line(1000)], people(1000, 1000, weights=[3, 1]))
    assert [s.amount for s in result.lines[0].shares] == [750, 250]


def test_lines_use_headroom_in_order():
    result = allocate("x", "equal", [line(100, "first"), line(100, "second")], people(60, 200))
    assert [s.amount for s in result.lines[0].shares] == [50, 50]
    assert [s.amount for s in result.lines[1].shares] == [10, 90]
    assert result.partners[0].charged == 60 and result.partners[0].headroom == 0


def test_pennies_go_to_the_largest_remainders():
    result = allocate("x", "equal", [line(100)], people(100, 100, 100))
    assert [s.amount for s in result.lines[0].shares] == [D("33.34"), D("33.33"), D("33.33")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 100_000), min_size=1, max_size=8),
    st.lists(st.integers(0, 200_000), min_size=1, max_size=4),
    st.lists(st.integers(1, 50), min_size=8, max_size=8),
    st.booleans(),
)
def test_never_above_a_cap_and_every_penny_accounted_for(caps, amounts, weights, pro_rata):
    contributors = people(*caps, weights=weights[: len(caps)])
    lines = [CostLine(id=f"l{i}", title="L", amount=D(a) / 100) for i, a in enumerate(amounts)]
    result = allocate("x", "pro_rata_contract_value" if pro_rata else "equal", lines, contributors)
    for partner in result.partners:
        assert partner.charged <= partner.cap
    for allocated in result.lines:
        assert sum(s.amount for s in allocated.shares) + allocated.shortfall == allocated.amount
        assert allocated.shortfall == 0 or all(p.headroom == 0 for p in result.partners)
    assert result.total_charged + result.total_shortfall == result.total_cost
