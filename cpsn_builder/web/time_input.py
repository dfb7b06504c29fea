"""A date and time typed into the GOV.UK date input (day, month, year) and a time box, read the way
the Design System asks: one message for the first thing wrong, naming the part to fix, and which
box the error summary should take the user to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..catalogue.dates import date_problem
from .clock import to_london, to_utc
from .models import utcnow
from .store import catalogue

PARTS = ("day", "month", "year", "time")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.I)


@dataclass
class TimeInput:
    """What was typed into `<name>-day`, `-month`, `-year` and `-time`, and the error, if any."""

    name: str
    label: str  # "Deadline", as it starts a message
    values: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    wrong: tuple[str, ...] = ()  # the parts to mark in error

    @classmethod
    def from_form(cls, form, name: str, label: str) -> TimeInput:
        return cls(name, label, {part: (form.get(f"{name}-{part}") or "").strip()[:20] for part in PARTS})

    @classmethod
    def showing(cls, name: str, label: str, utc: datetime | None) -> TimeInput:
        local = to_london(utc)
        values = {"day": str(local.day), "month": str(local.month), "year": str(local.year), "time": f"{local:%H:%M}"} if local else {}
        return cls(name, label, values)

    @classmethod
    def showing_day(cls, name: str, label: str, day: date | None) -> TimeInput:
        return cls(name, label, {"day": str(day.day), "month": str(day.month), "year": str(day.year)} if day else {})

    def read_day(self) -> date | None:
        """A date alone (no time box): None when blank or wrong (then `error` says why)."""
        if self.blank:
            return None
        local = self._date()
        if local is None:
            return None
        why = date_problem(local.date(), catalogue().programme, self.label)
        if why:
            self.fail(why)
            return None
        return local.date()

    @property
    def blank(self) -> bool:
        return not any(self.values.get(part) for part in PARTS)

    @property
    def href(self) -> str:
        return f"#{self.name}-{self.wrong[0] if self.wrong else 'day'}"

    def fail(self, message: str, *parts: str) -> None:
        self.error, self.wrong = message, parts or ("day", "month", "year")

    def read(self, future: bool = False) -> datetime | None:
        """The time as naive UTC for storing; None when blank or wrong (then `error` says why)."""
        if self.blank:
            return None
        local = self._date()
        if local is None:
            return None
        clock = self._time()
        if clock is None:
            return None
        local = local.replace(hour=clock[0], minute=clock[1])
        why = date_problem(local, catalogue().programme, self.label)
        if why:
            self.fail(why)
            return None
        if future and local <= to_london(utcnow()):
            self.fail(f"{self.label} must be in the future", "day", "month", "year", "time")
            return None
        return to_utc(local)

    def _date(self) -> datetime | None:
        missing = [part for part in ("day", "month", "year") if not self.values.get(part)]
        if missing:
            self.fail(f"{self.label} must include a {' and '.join(missing)}", *missing)
            return None
        try:
            day, month, year = (int(self.values[p]) for p in ("day", "month", "year"))
            if year < 1000:
                self.fail(f"{self.label} year must include 4 numbers, like 2011", "year")
                return None
            return datetime(year, month, day)
        except ValueError:
            self.fail(f"{self.label} must be a real date, like 31 1 2011")
            return None

    def _time(self) -> tuple[int, int] | None:
        text = self.values.get("time", "")
        if not text:
            self.fail(f"Enter the time for {self.label.lower()}, like 17:00", "time")
            return None
        match = _TIME.match(text)
        hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 99)
        if match and match.group(3):
            if not 1 <= hour <= 12:
                hour = 99
            else:
                hour = hour % 12 + (12 if match.group(3).lower() == "pm" else 0)
        if hour > 23 or minute > 59:
            self.fail(f"Enter a real time for {self.label.lower()}, like 17:00 or 5pm", "time")
            return None
        return hour, minute

    def params(self, legend: str, hint: str) -> dict:
        """govukDateInput's parameters, with what was typed and the error."""
        error = {"errorMessage": {"text": self.error}} if self.error and self.wrong != ("time",) else {}
        items = [
            {
                "name": part,
                "label": part.capitalize(),
                "value": self.values.get(part, ""),
                "classes": ("govuk-input--width-4" if part == "year" else "govuk-input--width-2")
                + (" govuk-input--error" if part in self.wrong else ""),
                "inputmode": "numeric",
            }
            for part in ("day", "month", "year")
        ]
        return {
            "id": self.name,
            "namePrefix": self.name,
            "items": items,
            "hint": {"text": hint},
            "fieldset": {"legend": {"text": legend, "classes": "govuk-fieldset__legend--s"}},
            **error,
        }

    def time_params(self, label: str) -> dict:
        return {
            "id": f"{self.name}-time",
            "name": f"{self.name}-time",
            "value": self.values.get("time", ""),
            "label": {"text": label},
            "hint": {"text": "UK time, in the 24-hour clock, like 17:00"},
            "classes": "govuk-input--width-5" + (" govuk-input--error" if "time" in self.wrong else ""),
            "errorMessage": {"text": self.error} if self.error and self.wrong == ("time",) else None,
            "spellcheck": False,
        }
