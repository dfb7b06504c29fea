"""Reading dates and times typed into forms: the format, then the programme's range, with the range in the message."""
from __future__ import annotations

from datetime import date, datetime

from ..catalogue.dates import date_problem
from .clock import to_utc
from .store import catalogue


def read_day(field, example: str, what: str) -> date | None:
    """The field's YYYY-MM-DD date, or None (blank, or wrong: then the field's error says why)."""
    text = (field.data or "").strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        field.errors = [f"Enter {what} like {example}"]
        return None
    return _in_range(field, day, what)


def read_time(field, example: str, what: str) -> datetime | None:
    """The field's 'YYYY-MM-DD HH:MM' London time as naive UTC for storing, or None (blank, or wrong:
    then the field's error says why)."""
    text = (field.data or "").strip()
    if not text:
        return None
    try:
        when = datetime.strptime(text, "%Y-%m-%d %H:%M")
    except ValueError:
        field.errors = [f"Enter {what} as a date and time like {example}"]
        return None
    when = _in_range(field, when, what)
    return to_utc(when) if when else None


def _in_range(field, value, what: str):
    why = date_problem(value, catalogue().programme, what[0].upper() + what[1:])
    if why:
        field.errors = [why]
        return None
    return value
