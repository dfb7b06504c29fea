"""An OCDS 1.1 release package for the tender: budget, lots (lots extension), items, parties.

Amounts are JSON numbers, as OCDS requires; they are written from the engine's Decimals, which
hold at most two places for money, so nothing is lost on the way.
"""

from __future__ import annotations

import json
from datetime import datetime, UTC
from decimal import Decimal

from .context import Inputs
from .text_cleaning import clean

LOTS_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json"
DEFAULT_OCID_PREFIX = "ocds-cpsn00"


def _amount(value: Decimal) -> dict:
    number = int(value) if value == value.to_integral_value() else float(value)
    return {"amount": number, "currency": "GBP"}


def _number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def build_ocds(inputs: Inputs, ocid_prefix: str = DEFAULT_OCID_PREFIX, lead_partner: str | None = None) -> str:
    catalogue, est = inputs.catalogue, inputs.estimate
    project = catalogue.procurement
    published = datetime(inputs.issued.year, inputs.issued.month, inputs.issued.day, tzinfo=UTC).isoformat().replace("+00:00", "Z")
    ocid = f"{ocid_prefix}-{catalogue.programme.id}-{project.id}"
    lead = (
        catalogue.partner(lead_partner)
        if lead_partner
        else next((p for p in catalogue.partners if p.type == "county"), catalogue.partners[0])
    )
    buyers = [p.partner_id for p in est.partners]
    parties = []
    for partner_id in dict.fromkeys([lead.id, *buyers]):
        partner = catalogue.partner(partner_id)
        roles = ["buyer"] if partner_id in buyers else []
        if partner_id == lead.id:
            roles = ["procuringEntity", *roles]
        parties.append({"id": partner.id, "name": clean(partner.name), "roles": roles})
    lots, items = [], []
    for lot in est.lots:
        lots.append(
            {
                "id": lot.lot_id,
                "title": clean(lot.title),
                "description": clean(catalogue.lot(lot.lot_id).description),
                "value": _amount(lot.term_cost),
                "status": "planning",
            }
        )
        for line in lot.lines:
            item = {
                "id": line.line_id,
                "description": clean(line.title),
                "quantity": _number(line.quantity),
                "unit": {"name": clean(line.unit)},
                "relatedLot": lot.lot_id,
            }
            if line.unit_price is not None:
                item["unit"]["value"] = _amount(line.unit_price)
            items.append(item)
    release = {
        "ocid": ocid,
        "id": f"{ocid}-tender-{est.catalogue_digest[:8]}-{inputs.issued:%Y%m%d}",
        "date": published,
        "tag": ["tender"],
        "initiationType": "tender",
        "language": "en",
        "parties": parties,
        "buyer": {"id": lead.id, "name": clean(lead.name)},
        "planning": {
            "budget": {
                "description": clean(f"{project.title}: envelope for the term, {catalogue.programme.prices}"),
                "amount": _amount(project.envelope),
            }
        },
        "tender": {
            "id": f"{project.id}-tender",
            "title": clean(project.title),
            "description": clean(project.description),
            "status": "planning",
            "procuringEntity": {"id": lead.id, "name": clean(lead.name)},
            "value": _amount(est.totals.contract_value),
            "procurementMethod": "open",
            "mainProcurementCategory": "services",
            "contractPeriod": {"startDate": f"{est.term.start.isoformat()}T00:00:00Z", "endDate": f"{est.term.end.isoformat()}T23:59:59Z"},
            "lots": lots,
            "items": items,
        },
    }
    package = {
        "uri": f"urn:cpsn-builder:{ocid}:{inputs.issued.isoformat()}",
        "version": "1.1",
        "extensions": [LOTS_EXTENSION],
        "publishedDate": published,
        "publisher": {"name": clean(lead.name)},
        "releases": [release],
    }
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"
