"""Rule 2 (the tier holding the aggregate prices every unit) and rule 8 (pennies, half up)."""

from decimal import Decimal as D

import pytest

from catalogue_builder import WAN_LOT, load_case
from cpsn_builder.engine import estimate

# circuits that may be fractional (a share of a circuit), so an aggregate can fall below 1 or between tiers
FRACTIONAL_WAN = WAN_LOT.replace("max: 10000}", "max: 10000, integer: false}")


def one_partner(tmp_path, circuits, lot=FRACTIONAL_WAN):
    responses = {"a.yml": f"partner: a\nproject: cpsn\nlots: [wan]\nanswers: {{wan: {{circuits: {circuits}}}}}\n"}
    return estimate(*load_case(tmp_path, responses, lots=(lot,)))


@pytest.mark.parametrize(
    ("circuits", "tier_from", "tier_to", "price"),
    [
        ("0.5", 1, 99, D(4200)),  # below the first tier's start: still the first tier's price
        ("1", 1, 99, D(4200)),
        ("99", 1, 99, D(4200)),
        ("99.5", 1, 99, D(4200)),  # between tiers: the tier it has reached
        ("100", 100, 299, D(3600)),  # on a boundary: the new tier
        ("299.5", 100, 299, D(3600)),
        ("300", 300, None, D(3000)),
        ("5000", 300, None, D(3000)),
    ],
)
def test_the_tier_that_holds_the_aggregate(tmp_path, circuits, tier_from, tier_to, price):
    line = one_partner(tmp_path, circuits).lot("wan").lines[0]
    assert (line.tier_from, line.tier_to, line.unit_price) == (tier_from, tier_to, price)
    assert line.annual_cost == (D(circuits) * price).quantize(D("0.01"))


def test_half_a_circuit_costs_half_the_first_tiers_price(tmp_path):
    a = one_partner(tmp_path, "0.5").partner("a")
    # 0.5 x 4,200 = 2,100 a year; 10,500 over 60 months; 0.5 x 1,500 = 750 to connect
    assert (a.annual_cost, a.one_off, a.term_cost) == (D(2100), D(750), D(11250))


def test_no_demand_has_no_tier_no_price_and_no_cost(tmp_path):
    est = one_partner(tmp_path, "0")
    line = est.lot("wan").lines[0]
    assert (line.quantity, line.tier_from, line.tier_to, line.unit_price) == (D(0), None, None, None)
    assert (line.annual_cost, line.one_off, line.term_cost) == (D(0), D(0), D(0))
    assert [c.totals.contract_value for c in est.sensitivity] == [D(0), D(0), D(0)]


# A sub-penny price where banker's rounding would differ: 0.125 rounds half up to 0.13, not 0.12.
PER_MINUTE = """\
id: wan
title: Calls
order: 1
description: Call minutes.
framework_lot: RM3808 Lot 3
questions:
  - {id: circuits, type: number, label: Minutes a year, unit: minutes, max: 1000000}
service_lines:
  - id: minute
    title: UK call minute
    unit: minute
    quantity: circuits
    tiers:
      - {from: 1, price: 0.125}
    connection_charge: 0.005
    low: 0.105
    high: 0.145
    baseline_price: 0.165
requirements:
  - {id: CALL-001, priority: Must, text: "Carry {{ demand.minute | number }} minutes."}
"""


def test_half_pennies_round_up_even_after_an_even_digit(tmp_path):
    est = one_partner(tmp_path, "1", lot=PER_MINUTE)
    line = est.lot("wan").lines[0].partners[0]
    # a year: 0.125 -> 0.13; one-off 0.005 -> 0.01; 60 months: 0.625 -> 0.63, plus the one-off
    assert (line.annual_cost, line.one_off, line.term_cost) == (D("0.13"), D("0.01"), D("0.64"))
    a = est.lot("wan").partners[0]
    # baseline 0.165 -> 0.17; over the term 0.17 x 5 = 0.85
    assert (a.baseline, a.annual_saving, a.term_baseline, a.term_saving) == (D("0.17"), D("0.04"), D("0.85"), D("0.21"))
    low, high = est.case("low"), est.case("high")
    # low 0.105 -> 0.11 a year, 0.525 -> 0.53 over the term; high 0.145 -> 0.15, 0.725 -> 0.73
    assert (low.totals.annual_cost, low.totals.contract_value) == (D("0.11"), D("0.54"))
    assert (high.totals.annual_cost, high.totals.contract_value) == (D("0.15"), D("0.74"))
    # exact: 0.625 + 0.005; shown 0.64
    assert (est.rounding.contract_value_exact, est.rounding.difference) == (D("0.630"), D("0.010"))
