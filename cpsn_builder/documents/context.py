"""What every document is built from: the catalogue, the responses, the estimate, and how to label it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date, datetime

from ..catalogue import Catalogue
from ..catalogue.templating import render
from ..engine import Estimate
from ..engine.models import LotResult
from ..responses import ResponseSet
from .text_cleaning import clean


@dataclass(frozen=True)
class Inputs:
    catalogue: Catalogue
    responses: ResponseSet
    estimate: Estimate
    issued: date
    version: str = "0.1"
    status: str = "Draft"
    author: str = "CPSN procurement lead"

    @property
    def issued_at(self) -> datetime:
        return datetime(self.issued.year, self.issued.month, self.issued.day)

    @property
    def snapshot(self) -> str:
        latest = self.responses.latest_submission
        return f"{latest:%d %B %Y %H:%M}" if latest else "not recorded (responses read from files)"

    def partner_name(self, partner_id: str) -> str:
        partner = self.catalogue.partner(partner_id)
        return partner.name if partner else partner_id

    @cached_property
    def _sites_per_lot(self) -> dict[str, int]:
        """Sites of the partners in the estimate, counted once per document, not once per requirement."""
        included = {p.partner_id for p in self.estimate.partners}
        counts: dict[str, int] = {}
        for response in self.responses.responses:
            if response.partner_id in included:
                for site in response.sites:
                    counts[site.lot_id] = counts.get(site.lot_id, 0) + 1
        return counts

    def requirement_context(self, lot: LotResult) -> dict:
        project = self.catalogue.procurement
        sites = self._sites_per_lot.get(lot.lot_id, 0)
        return {
            "demand": {line.line_id: line.quantity for line in lot.lines},
            "partners": [self.partner_name(p.partner_id) for p in lot.partners],
            "partner_count": len(lot.partners),
            "sites": sites,
            "lot": lot.title,
            "contract_start": f"{project.contract_start.day} {project.contract_start:%B %Y}",
            "term_years": project.term_years,
        }

    def requirement_text(self, text: str, lot: LotResult) -> str:
        return clean(render(text, self.requirement_context(lot)))


def default_issue_date(responses: ResponseSet) -> date:
    """The day of the latest submission, so a rebuild from the same responses is identical."""
    latest = responses.latest_submission
    return latest.date() if latest else date.today()
