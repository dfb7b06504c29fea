"""What every document is built from: the catalogue, the responses, the estimate, and how to label it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from ..catalogue import Catalogue, documents_of
from ..catalogue.document_models import DocumentTexts
from ..catalogue.templating import DOCUMENT_NAMES, render
from ..engine import Estimate
from ..engine.models import LotResult
from ..responses import ResponseSet
from ..formatting import long_date, pounds
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
    # The versions issued so far and this one (the web's issued versions); None: the catalogue's history.
    history: tuple | None = None
    # Which answers the figures count, in one sentence (the web's figures basis); None: response files.
    basis: str | None = None

    @property
    def issued_at(self) -> datetime:
        return datetime(self.issued.year, self.issued.month, self.issued.day)

    @property
    def snapshot(self) -> str:
        latest = self.responses.latest_submission
        return f"{latest:%-d %B %Y %H:%M} UTC" if latest else "not recorded (responses read from files)"

    @property
    def demand_counted(self) -> str:
        """What the figures count, printed in every document so a reader knows what they rest on."""
        if self.basis:
            return self.basis
        count = len(self.estimate.partners)
        return f"Figures count the demand in the response files of the {count} partner{'s' if count != 1 else ''} taking part."

    @cached_property
    def texts(self) -> DocumentTexts:
        return documents_of(self.catalogue)

    @cached_property
    def law(self) -> dict[str, str]:
        """Every date-dependent term as worded on the date of issue."""
        return self.texts.references.worded_for(self.issued)

    def partner_name(self, partner_id: str) -> str:
        partner = self.catalogue.partner(partner_id)
        return partner.name if partner else partner_id

    def short_name(self, partner_id: str) -> str:
        partner = self.catalogue.partner(partner_id)
        return partner.short_name if partner else partner_id

    def framework(self, lot_id: str) -> str | None:
        """The national framework lot a lot resembles, if it had opened by the date of issue."""
        text = self.catalogue.lot(lot_id).framework_lot
        return text if self.texts.references.cites(text, self.issued) else None

    @cached_property
    def sites_per_lot(self) -> dict[str, int]:
        """Sites of the partners in the estimate, counted once per document, not once per requirement."""
        included = {p.partner_id for p in self.estimate.partners}
        counts: dict[str, int] = {}
        for response in self.responses.responses:
            if response.partner_id in included:
                for site in response.sites:
                    counts[site.lot_id] = counts.get(site.lot_id, 0) + 1
        return counts

    def requirement_context(self, lot: LotResult) -> dict:
        """The names a lot's clauses may quote; the same for every clause of the lot, so made once per lot."""
        cached = self._requirement_contexts.get(lot.lot_id)
        if cached is None:
            cached = self._requirement_contexts[lot.lot_id] = self._make_requirement_context(lot)
        return cached

    @cached_property
    def _requirement_contexts(self) -> dict[str, dict]:
        return {}

    def _make_requirement_context(self, lot: LotResult) -> dict:
        project = self.catalogue.procurement
        return {
            "demand": {line.line_id: line.quantity for line in lot.lines},
            "partners": [self.partner_name(p.partner_id) for p in lot.partners],
            "partner_count": len(lot.partners),
            "sites": self.sites_per_lot.get(lot.lot_id, 0),
            "lot": lot.title,
            "contract_start": long_date(project.contract_start),
            "term_years": project.term_years,
        }

    def requirement_text(self, text: str, lot: LotResult) -> str:
        return clean(render(text, self.requirement_context(lot)))

    def document_context(self, sections: dict[str, str] | None = None, **extra) -> dict:
        """The names section texts may use (catalogue/templating.py DOCUMENT_NAMES), from the estimate."""
        catalogue, est = self.catalogue, self.estimate
        project, programme = catalogue.procurement, catalogue.programme
        cabinet = self.texts.cabinet
        lead = catalogue.partner(cabinet.lead)
        ends = self.texts.sor.current_contracts_end
        context = {
            "partnership": programme.partnership,
            "board": programme.board,
            "programme": programme.name,
            "project": project.title,
            "replaces": project.replaces or "current arrangements",
            "lead": lead.name if lead else programme.partnership,
            "contract_start": long_date(est.term.start),
            "contract_end": long_date(est.term.end),
            "current_contracts_end": long_date(ends) if ends else "the start of the new contract",
            "term_years": project.term_years,
            "extension_years": project.extension_years,
            "envelope": pounds(project.envelope, pence=False),
            "partners": [p.name for p in est.partners],
            "partner_count": len(est.partners),
            "prospective": [p.name for p in catalogue.partners if p.status == "prospective" and est.partner(p.id) is None],
            "lot_count": len(est.lots),
            "sites": sum(self.sites_per_lot.values()),
            "issued": long_date(self.issued),
            "quality_weight": self.texts.sor.evaluation.quality_weight,
            "price_weight": self.texts.sor.evaluation.price_weight,
            "abnormally_low_percent": self.texts.sor.evaluation.abnormally_low_percent,
            "notice_years": programme.notice_period_months // 12,
            "version": self.version,
            "council": programme.partnership,
            "cameras": cameras_in(est),
            "law": self.law,
            "section": sections or {},
        }
        context.update(extra)
        assert set(context) == set(DOCUMENT_NAMES), "documents/context.py and catalogue/templating.py name different figures"
        return context

    def text(self, template: str, context: dict) -> str:
        return clean(render(template, context))


def cameras_in(est: Estimate, partner_id: str | None = None):
    """Cameras carried by the CCTV lot (its first service line), for the Section 17 paragraph."""
    lot = est.lot("cctv")
    if lot is None or not lot.lines:
        return 0
    line = lot.lines[0]
    if partner_id is None:
        return line.quantity
    return next((p.quantity for p in line.partners if p.partner_id == partner_id), 0)


def issue_date(catalogue: Catalogue, responses: ResponseSet, given: date | None = None) -> date:
    """The date a document carries: the one asked for, else the latest submission, else the catalogue's.

    Never the clock: two builds from the same data on different days must be identical.
    """
    if given:
        return given
    latest = responses.latest_submission
    if latest:
        return latest.date()
    project = catalogue.procurement
    return project.issue_date or project.contract_start
