"""Every conversion of a partner's response, in one place: file ↔ Response ↔ database ↔ YAML.

- `from_file`: a checked response file record to the engine's `Response` (the loader calls it
  once the checks pass);
- `to_stored` / `from_stored`: a `Response` to the database's column values and back (the web
  store and the demo loader use them; the database row is anything with those attributes);
- `to_file` / `dump_yaml`: a `Response` to a response file, as `db export-responses` writes it.

Each answer is converted by its question's type, so a number is a `Decimal` in a Response, a
decimal string in the database and a YAML number in a file, and nothing is lost on the way:
a file written from the database reads back to the same Response (tests/responses/test_round_trip.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import yaml

from ..catalogue import Catalogue
from ..questions import question_type
from .models import Response, ResponseRecord, Site


def utc_naive(moment: datetime | None) -> datetime | None:
    """The database holds UTC without a zone; a file may give any zone."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_file(record: ResponseRecord, typed: dict[str, dict], sites: list[Site], source: str) -> Response:
    contact = record.contact
    return Response(
        partner_id=record.partner,
        project_id=record.project,
        declined=record.declined,
        lots=tuple(record.lots),
        answers={lot: answers for lot, answers in typed.items() if answers},
        current_spend=dict(record.current_spend),
        sites=tuple(sites),
        max_contribution=record.max_contribution,
        contact_name=contact.name if contact else None,
        contact_email=contact.email if contact else None,
        contact_phone=contact.phone if contact else None,
        submitted_at=utc_naive(record.submitted_at),
        source=source,
    )


def _kind(catalogue: Catalogue, lot_id: str, question_id: str):
    lot = catalogue.lot(lot_id)
    question = lot.question(question_id) if lot else None
    return question_type(question) if question else None


def to_stored(response: Response, catalogue: Catalogue) -> dict[str, Any]:
    """Column values of the database's responses table, and its sites as dicts of SiteRow columns."""
    answers = {
        lot: {key: _kind(catalogue, lot, key).to_stored(value) for key, value in lot_answers.items()}
        for lot, lot_answers in response.answers.items()
    }
    return {
        "partner_id": response.partner_id,
        "project_id": response.project_id,
        "declined": response.declined,
        "lots": list(response.lots),
        "answers": answers,
        "current_spend": {lot: str(amount) for lot, amount in response.current_spend.items()},
        "max_contribution": response.max_contribution,
        "contact_name": response.contact_name,
        "contact_email": response.contact_email,
        "contact_phone": response.contact_phone,
        "submitted_at": response.submitted_at,
        "sites": [{"name": s.name, "postcode": s.postcode, "service_line_id": s.service_line_id, "notes": s.notes} for s in response.sites],
    }


def from_stored(row, catalogue: Catalogue) -> Response:
    """The engine's Response for a stored record: typed answers and sites, for the lots opted into only."""
    lots = () if row.declined else tuple(lot for lot in row.lots if catalogue.lot(lot))
    answers = {}
    for lot_id in lots:
        typed = {
            key: kind.from_stored(value)
            for key, value in (row.answers or {}).get(lot_id, {}).items()
            if (kind := _kind(catalogue, lot_id, key)) is not None
        }
        if typed:
            answers[lot_id] = typed
    sites = []
    for site in row.sites:
        found = catalogue.service_line(site.service_line_id)
        if found and found[0].id in lots:
            sites.append(Site(site.name, site.postcode, found[0].id, site.service_line_id, site.notes))
    return Response(
        partner_id=row.partner_id,
        project_id=row.project_id,
        declined=bool(row.declined),
        lots=lots,
        answers=answers,
        current_spend={lot: Decimal(amount) for lot, amount in (row.current_spend or {}).items() if lot in lots},
        sites=tuple(sites),
        max_contribution=row.max_contribution,
        contact_name=row.contact_name,
        contact_email=row.contact_email,
        contact_phone=row.contact_phone,
        submitted_at=row.submitted_at,
        source=f"database: {row.partner_id}",
    )


def _amount(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value.normalize()


def to_file(response: Response, catalogue: Catalogue) -> dict[str, Any]:
    """A response file's data, in the order a person would write it; `dump_yaml` writes it out."""
    data: dict[str, Any] = {"partner": response.partner_id, "project": response.project_id}
    if response.declined:
        data["declined"] = True
    else:
        data["lots"] = list(response.lots)
        data["answers"] = {
            lot: {key: _kind(catalogue, lot, key).to_file(value) for key, value in answers.items()}
            for lot, answers in response.answers.items()
        }
        if response.current_spend:
            data["current_spend"] = {lot: _amount(amount) for lot, amount in response.current_spend.items()}
        if response.sites:
            data["sites"] = [
                {"name": s.name, "postcode": s.postcode, "service_line": s.service_line_id, **({"notes": s.notes} if s.notes else {})}
                for s in response.sites
            ]
    if response.max_contribution is not None:
        data["max_contribution"] = _amount(response.max_contribution)
    contact = {
        key: value
        for key, value in (("name", response.contact_name), ("email", response.contact_email), ("phone", response.contact_phone))
        if value
    }
    if contact:
        data["contact"] = contact
    if response.submitted_at is not None:
        data["submitted_at"] = response.submitted_at
    return data


class _Dumper(yaml.SafeDumper):
    """Decimals as YAML numbers written from their digits (the loader reads them back as the same Decimal)."""


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value)))


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
