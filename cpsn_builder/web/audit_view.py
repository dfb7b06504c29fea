"""The audit trail as people read it: question labels instead of stored names, values as the
questionnaire shows them (money, yes or no, option labels), partner names instead of ids.

The stored events keep the raw values (they are the record); only the page translates them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from ..catalogue import Catalogue
from ..catalogue.models import CheckboxQuestion, NumberQuestion, RadioQuestion
from ..formatting import money
from .clock import london
from .models import AuditEvent
from .membership_names import membership

NONE = "–"
_SITE = re.compile(r"^(?P<name>.*) \((?P<postcode>[^,()]*), (?P<line>[A-Za-z0-9_.-]+)\)$")
FIELDS = {
    "contact_name": "Contact name",
    "contact_email": "Contact email address",
    "contact_phone": "Contact telephone",
    "lots": "Lots chosen",
    "declined": "Taking part",
    "status": "Answers",
    "max_contribution": "Maximum contribution (total for the term)",
    "sites": "Sites",
    "users": "User accounts",
    "deadline": "Deadline for answers",
    "membership": "Membership",
    "board_representative": "Board representative",
    "figures_basis": "What the figures include",
    "submitted_at": "Submitted",
}


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    who: str
    partner: str
    what: str
    old: str
    new: str


def rows(events: list[AuditEvent], cat: Catalogue) -> list[AuditRow]:
    return [row(e, cat) for e in events]


def row(event: AuditEvent, cat: Catalogue) -> AuditRow:
    what, show = describe_field(event.field, cat)
    return AuditRow(event.at, event.user_email, partner_name(event.partner_id, cat), what, show(event.old_value), show(event.new_value))


def partner_name(partner_id: str, cat: Catalogue) -> str:
    if partner_id == "(programme)":
        return "The programme"
    if partner_id == "(tenders)":
        return "The tender round"
    partner = cat.partner(partner_id)
    return partner.name if partner else partner_id


def describe_field(field: str, cat: Catalogue):
    """(What changed, a function from a stored value to its text)."""
    head, _, rest = field.partition(".")
    if head == "answers":
        lot_id, _, question_id = rest.partition(".")
        lot = cat.lot(lot_id)
        question = lot.question(question_id) if lot else None
        if question is None:
            return field, _plain
        return f"{lot.title}: {question.label}", _answer(question)
    if head == "current_spend":
        lot = cat.lot(rest)
        return f"{lot.title if lot else rest}: current annual spend", _money
    if head == "vote":
        return f"Vote on motion {rest}", _choice
    if head == "motion":
        return f"Motion {rest}", _plain
    if head == "participation":
        project = cat.project(rest)
        return f"Taking part in {project.title if project else rest}", _plain
    shows = {
        "lots": _lots(cat),
        "declined": _declined,
        "status": _status,
        "max_contribution": _money,
        "sites": _site(cat),
        "deadline": _time,
        "membership": _membership,
    }
    return FIELDS.get(field, field), shows.get(field, _plain)


def _plain(value: str | None) -> str:
    return NONE if value is None or value == "" else value


def _answer(question):
    def show(value: str | None) -> str:
        if value is None:
            return NONE
        decoded = _json(value)
        if isinstance(question, CheckboxQuestion):
            return "Yes" if decoded in (True, "True", "true") else "No"
        if isinstance(question, RadioQuestion):
            option = next((o for o in question.options if o.value == decoded), None)
            return option.label if option else str(decoded)
        if isinstance(question, NumberQuestion):
            number = _decimal(decoded)
            if number is None:
                return str(decoded)
            return f"{_number(number)} {question.unit}"
        return str(decoded)

    return show


def _lots(cat: Catalogue):
    def show(value: str | None) -> str:
        decoded = _json(value) if value is not None else None
        if not decoded:
            return "None" if decoded == [] else NONE
        return ", ".join(cat.lot(i).title if cat.lot(i) else str(i) for i in decoded)

    return show


def _declined(value: str | None) -> str:
    return {"True": "No, declined the project", "False": "Yes"}.get(value, _plain(value))


def _status(value: str | None) -> str:
    return {"draft": "Draft", "submitted": "Submitted"}.get(value, _plain(value))


def _choice(value: str | None) -> str:
    return {"for": "For", "against": "Against", "abstain": "Abstain"}.get(value, _plain(value))


def _money(value: str | None) -> str:
    number = _decimal(value)
    if number is None:
        return _plain(value)
    return money(number)


def _time(value: str | None) -> str:
    try:
        return london(datetime.fromisoformat(value), "%-d %B %Y %H:%M") + " (UK time)" if value else NONE
    except ValueError:
        return _plain(value)


def _site(cat: Catalogue):
    def show(value: str | None) -> str:
        match = _SITE.match(value or "")
        if not match:
            return _plain(value)
        found = cat.service_line(match["line"])
        line = found[1].title if found else match["line"]
        return f"{match['name']}, {match['postcode']}: {line}"

    return show


def _membership(value: str | None) -> str:
    decoded = _json(value) if value else None
    if not isinstance(decoded, dict):
        return _plain(value)
    parts = [membership(decoded.get("status"))]
    if decoded.get("joined"):
        parts.append(f"member from {_day(decoded['joined'])}")
    if decoded.get("notice_given"):
        parts.append(f"notice given {_day(decoded['notice_given'])}")
    return ", ".join(parts)


def _day(text: str) -> str:
    try:
        return f"{datetime.fromisoformat(text):%-d %B %Y}"
    except ValueError:
        return text


def _json(value: str):
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _number(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"
