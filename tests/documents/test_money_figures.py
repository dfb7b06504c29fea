"""How money, quantities, percentages and dates read (cpsn_builder/formatting.py, which the
documents, the web and the command line share): the exact strings a cabinet member, a bidder or
an officer sees, with the rounding the README's rules give."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from cpsn_builder.formatting import answer_money, count, figure, long_date, money, percent, pounds, unit_price, whole_money, whole_pounds
from cpsn_builder.formatting import number as quantity

MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("1044000"), "£1,044,000.00"),
        (D("1234.5"), "£1,234.50"),
        (D("0"), "£0.00"),
        (D("999.999"), "£1,000.00"),
        # half a penny rounds up, also where banker's rounding would go down to an even penny
        (D("0.125"), "£0.13"),
        (D("1234.565"), "£1,234.57"),
        (D("0.124"), "£0.12"),
        # a saving that is negative is a cost: a real minus sign before the pound sign
        (D("-57940.25"), f"{MINUS}£57,940.25"),
        (D("-0.005"), f"{MINUS}£0.01"),
        # less than half a penny below nought is shown as nought, never as minus nought
        (D("-0.004"), "£0.00"),
        (None, "-"),
    ],
)
def test_pounds_and_pence(value, text):
    assert pounds(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("40000000"), "£40,000,000"),
        (D("2.5"), "£3"),  # half a pound rounds up (banker's rounding would give £2)
        (D("3.49"), "£3"),
        (D("-1250.5"), f"{MINUS}£1,251"),
        (D("-0.4"), "£0"),
        (None, "-"),
    ],
)
def test_whole_pounds_in_text(value, text):
    assert pounds(value, pence=False) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("3600"), "£3,600.00"),
        (D("3600.00"), "£3,600.00"),
        (D("4.5"), "£4.50"),
        (D("0.011"), "£0.011"),  # a call minute keeps its tenth of a penny
        (D("1234.5678"), "£1,234.5678"),
        (D("1E+3"), "£1,000.00"),
        (None, "-"),
    ],
)
def test_unit_prices_keep_their_sub_penny_places(value, text):
    assert unit_price(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("1234"), "1,234"),
        (D("1500.000"), "1,500"),
        (D("1E+3"), "1,000"),
        (D("1234.50"), "1,234.5"),
        (D("0.25"), "0.25"),
        (D("0"), "0"),
    ],
)
def test_quantities(value, text):
    assert quantity(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("13.4175"), "13.42%"),
        (D("5"), "5.00%"),
        (D("100"), "100.00%"),
    ],
)
def test_percentages(value, text):
    assert percent(value) == text


def test_dates_read_as_a_person_writes_them():
    assert long_date(date(2012, 4, 1)) == "1 April 2012"
    assert long_date(date(2017, 3, 31)) == "31 March 2017"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234567, "1,234,567"),
        (-57940, f"{MINUS}57,940"),
        (0, "0"),
        (-1, f"{MINUS}1"),
    ],
)
def test_figures_in_a_column_headed_pounds(value, text):
    assert figure(value) == text


@pytest.mark.parametrize(
    ("parts", "shown"),
    [
        # each rounded alone, 1.20 + 2.70 + 3.60 shows 1 + 3 + 4 = 8, the total 7.50 rounded half up
        (["1.20", "2.70", "3.60"], [1, 3, 4]),
        # the pence largest first take the extra pound: 0.9 before 0.6
        (["1.60", "2.90", "0.00"], [2, 3, 0]),
        # equal pence: the earlier parts take the extra pounds, so the same figures give the same table
        (["0.50", "0.50", "0.50"], [1, 1, 0]),
        # a part's own pounds are its floor: 0.60 + 0.60 = 1.20 shows 1 + 0, not 1 + 1
        (["0.60", "0.60"], [1, 0]),
        # the larger pence win, not the larger part: 5.30 + 0.60 = 5.90 shows 5 + 1
        (["5.30", "0.60"], [5, 1]),
        # whole pounds are left alone
        (["100", "250", "0"], [100, 250, 0]),
        # a negative part (a cost where a saving was expected) still adds up: -0.40 + 1.90 = 1.50 -> 2
        (["-0.40", "1.90"], [0, 2]),
        # -2.50 rounds half away from nought, to -3: -1.50 shows as -2
        (["-1.50", "-1.00"], [-2, -1]),
    ],
)
def test_a_column_in_whole_pounds_adds_up_to_its_total(parts, shown):
    values = [D(p) for p in parts]
    total = sum(values, D(0))
    assert whole_pounds(values, total) == shown
    assert sum(shown) == int(total.quantize(D(1), rounding="ROUND_HALF_UP"))


def test_a_column_whose_total_is_half_a_pound_rounds_up():
    # 1.25 + 1.25 = 2.50: shown as 3 (half up), not 2 (half even); the first part takes the pound
    assert whole_pounds([D("1.25"), D("1.25")], D("2.50")) == [2, 1]


# On screens (cpsn_builder.formatting): a hyphen-minus, as people type it


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("1234.5"), "£1,234.50"),
        (D("-1234.5"), "-£1,234.50"),
        (D("0"), "£0.00"),
        (None, "-"),
    ],
)
def test_money_on_screens(value, text):
    assert money(value) == text


@pytest.mark.parametrize(("value", "text"), [(1234, "£1,234"), (-1234, "-£1,234"), (0, "£0")])
def test_whole_money_on_screens(value, text):
    assert whole_money(value) == text


@pytest.mark.parametrize(
    ("value", "singular", "plural", "text"),
    [
        (1, "link", None, "1 link"),
        (D(374), "site", None, "374 sites"),
        (D(1200), "port", None, "1,200 ports"),
        (0, "site", None, "0 sites"),
        (2, "switch", "switches", "2 switches"),
        (D(1), "switch", "switches", "1 switch"),
    ],
)
def test_counts_read_singular_or_plural(value, singular, plural, text):
    assert count(value, singular, plural) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("85000"), "£85,000"),
        (D("85000.00"), "£85,000"),
        (D("1250.5"), "£1,250.50"),
        (D("-1250.5"), "-£1,250.50"),
        (D("-300"), "-£300"),
        # nothing, and less than a pound, are not negative
        (D("0"), "£0"),
        (D("0.5"), "£0.50"),
        (None, ""),
    ],
)
def test_an_amount_someone_gave_reads_in_govuk_style(value, text):
    assert answer_money(value) == text
