"""Which partners' answers the figures count, and as at when: one rule for every page and download
that shows the engine's figures.

Cabinet once saw a reopened partner's half-edited draft move the savings with nothing saying so.
So figures count submitted answers only unless the procurement lead chooses to include drafts, and
every figure page says which it is, who is left out, and the time of the latest change counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..engine import Estimate
from ..responses.models import ResponseSet
from .extensions import db
from .figures_cache import figures
from .models import PartnerResponse, Setting
from .store import audit, catalogue, project_id, response_set

SETTING = "figures_basis"
SUBMITTED, WITH_DRAFTS = "submitted", "drafts"
CHOICES = {SUBMITTED: "Submitted answers only", WITH_DRAFTS: "Submitted answers and drafts"}


@dataclass(frozen=True)
class FiguresBasis:
    include_drafts: bool
    as_at: datetime | None  # naive UTC: the latest change to the answers counted
    counted: tuple[str, ...]  # partner names whose answers are in the figures
    drafts_left_out: tuple[str, ...]  # partner names with draft answers the figures leave out
    drafts_counted: tuple[str, ...]  # partner names counted from draft answers

    @property
    def choice(self) -> str:
        return WITH_DRAFTS if self.include_drafts else SUBMITTED

    @property
    def summary(self) -> str:
        """One sentence for a page or a document: what the figures include."""
        if self.include_drafts:
            text = f"Figures include drafts: {len(self.counted)} partners' answers, submitted or not"
            if self.drafts_counted:
                text += f" (drafts from {_names(self.drafts_counted)})"
        else:
            text = f"Figures include submitted answers only: {len(self.counted)} partners"
            if self.drafts_left_out:
                text += f"; draft answers from {_names(self.drafts_left_out)} are left out until submitted"
        return text + "."


def chosen() -> str:
    """The lead's choice; submitted answers only until the lead says otherwise."""
    setting = db.session.get(Setting, SETTING)
    return WITH_DRAFTS if setting is not None and setting.value == WITH_DRAFTS else SUBMITTED


def choose(value: str) -> None:
    """Record the lead's choice (audited); the caller commits."""
    if value not in CHOICES:
        raise ValueError(value)
    setting = db.session.get(Setting, SETTING) or Setting(key=SETTING)
    audit("(programme)", SETTING, CHOICES[chosen()], CHOICES[value])
    setting.value = value
    db.session.add(setting)


def figure_estimate() -> tuple[ResponseSet, Estimate, FiguresBasis]:
    """The same, with the engine's estimate of them, from the per-worker cache (figures_cache.py)."""
    include_drafts = chosen() == WITH_DRAFTS
    responses, est = figures(submitted_only=not include_drafts)
    return responses, est, basis(include_drafts)


def figure_responses() -> tuple[ResponseSet, FiguresBasis]:
    """The responses the engine is to count for any figure page or document, and what they are."""
    include_drafts = chosen() == WITH_DRAFTS
    return response_set(submitted_only=not include_drafts), basis(include_drafts)


def current_basis() -> FiguresBasis:
    return basis(chosen() == WITH_DRAFTS)


def basis(include_drafts: bool, records: list[PartnerResponse] | None = None) -> FiguresBasis:
    """What the figures count; from `records` (store.response_records()) when the caller has read them."""
    cat = catalogue()
    if records is None:
        query = (
            db.select(PartnerResponse.partner_id, PartnerResponse.status, PartnerResponse.declined, PartnerResponse.updated_at)
            .filter_by(project_id=project_id())
            .order_by(PartnerResponse.partner_id)
        )
        rows = db.session.execute(query)
    else:
        rows = ((r.partner_id, r.status, r.declined, r.updated_at) for r in records)
    counted, left_out, drafts, times = [], [], [], []
    for partner_id, status, declined, updated_at in rows:
        partner = cat.partner(partner_id)
        if partner is None or declined is None:
            continue  # not decided yet: no figures either way (the engine lists it as having sent no response)
        if status == "submitted" or include_drafts:
            counted.append(partner.name)
            times.append(updated_at)
            if status != "submitted":
                drafts.append(partner.name)
        else:
            left_out.append(partner.name)
    return FiguresBasis(include_drafts, max(times) if times else None, tuple(counted), tuple(left_out), tuple(drafts))


def _names(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
