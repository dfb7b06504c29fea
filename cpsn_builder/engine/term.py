"""Calendar rules: the contract term, notice expiry and the months a partner is billed."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a day the month lacks (31 April) becomes its last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def notice_expiry(given: date, notice_months: int) -> date:
    """Notice given on 31 January 2013 with two years' notice expires on 31 January 2015."""
    return add_months(given, notice_months)


def term_end(start: date, months: int) -> date:
    return add_months(start, months) - timedelta(days=1)


def month_starts(start: date, months: int) -> list[date]:
    first = start.replace(day=1)
    return [add_months(first, i) for i in range(months)]


def months_billed(starts: list[date], joins: date | None, leaves: date | None) -> int:
    """A partner is billed for a month when it is a member on its first day.

    Joining on the 1st bills that month, on the 2nd from the next; the month notice expires in
    is billed (the partner is still a member on its first day), the months after are not.
    """
    return sum(1 for first in starts if (joins is None or joins <= first) and (leaves is None or first <= leaves))
