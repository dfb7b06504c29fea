"""The dates the programme can sensibly hold: every date a person enters or a file gives must fall in it.

A notice date of 9999-06-01 is accepted by Python but its expiry (two years on) is not a date at
all, and one such value used to take every page that computes the estimate down. The range is
tied to the programme: twenty years either side of the procurement's contract term (with its
optional extension), which holds every real joining, notice, motion and deadline date.
"""

from __future__ import annotations

from datetime import date, datetime

from ..engine.term import add_months
from .models import Programme

MARGIN_MONTHS = 240


def date_range(programme: Programme) -> tuple[date, date]:
    project = next(p for p in programme.projects if p.procurement)
    start = project.contract_start
    term_months = 12 * ((project.term_years or 0) + project.extension_years)
    return add_months(start, -MARGIN_MONTHS), add_months(start, term_months + MARGIN_MONTHS)


def range_text(programme: Programme) -> str:
    earliest, latest = date_range(programme)
    return f"from {earliest.isoformat()} to {latest.isoformat()}"


def date_problem(value: date | datetime | None, programme: Programme, what: str = "the date") -> str | None:
    """Why `value` is outside the programme's dates (saying the range), or None when it is inside or absent."""
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime) else value
    earliest, latest = date_range(programme)
    if earliest <= day <= latest:
        return None
    return f"{what} {day.isoformat()} is outside the programme's dates: use a date {range_text(programme)}"
