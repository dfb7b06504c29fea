"""Months billed (worked-example rule 5): joining, notice expiry and month ends."""

from datetime import date

import pytest

from cpsn_builder.engine.term import add_months, month_starts, months_billed, notice_expiry, term_end

TERM = month_starts(date(2012, 4, 1), 60)


def test_term_runs_sixty_calendar_months():
    assert TERM[0] == date(2012, 4, 1)
    assert TERM[-1] == date(2017, 3, 1)
    assert term_end(date(2012, 4, 1), 60) == date(2017, 3, 31)


@pytest.mark.parametrize(
    ("joins", "billed"),
    [
        (None, 60),
        (date(2010, 6, 1), 60),
        (date(2013, 4, 1), 48),  # joining on the 1st bills that month
        (date(2013, 4, 2), 47),  # joining on the 2nd bills from the next month
        (date(2017, 3, 1), 1),
        (date(2017, 3, 2), 0),
    ],
)
def test_joining(joins, billed):
    assert months_billed(TERM, joins, None) == billed


@pytest.mark.parametrize(
    ("given", "expires"),
    [
        (date(2013, 1, 31), date(2015, 1, 31)),
        (date(2013, 3, 15), date(2015, 3, 15)),
        (date(2012, 2, 29), date(2014, 2, 28)),  # 29 February in a year without one: last day of the month
        (date(2013, 9, 30), date(2015, 9, 30)),
    ],
)
def test_notice_expires_two_years_on(given, expires):
    assert notice_expiry(given, 24) == expires


def test_the_month_notice_expires_in_is_billed_and_not_after():
    assert months_billed(TERM, None, date(2015, 3, 15)) == 36  # April 2012 .. March 2015
    assert months_billed(TERM, None, date(2015, 3, 1)) == 36  # still a member on 1 March
    assert months_billed(TERM, None, date(2015, 2, 28)) == 35


def test_notice_given_on_the_last_day_of_a_month():
    leaves = notice_expiry(date(2013, 1, 31), 24)
    assert months_billed(TERM, None, leaves) == 34  # April 2012 .. January 2015


def test_notice_expiring_before_the_term_bills_nothing():
    assert months_billed(TERM, None, date(2012, 3, 31)) == 0


def test_add_months_clamps_to_month_end():
    assert add_months(date(2012, 1, 31), 1) == date(2012, 2, 29)
    assert add_months(date(2012, 12, 15), 1) == date(2013, 1, 15)
