"""Partner responses: the file format (typed) and the validated form the engine reads.

A response file holds one partner's answers for one project, or a list of them under
`responses:`. Answers stay loosely typed here; `checks.py` types them against the catalogue's
questions, because only the catalogue knows whether `sites_1g` is a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..catalogue.models import Identifier, Money, ShortText
from .contact import EMAIL_PATTERN

Answer = bool | Decimal | str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Strict):
    """Who to ask about the answers; a draft exported from the web may have only some of it."""

    name: ShortText | None = None
    email: Annotated[str, StringConstraints(pattern=EMAIL_PATTERN, max_length=254)] | None = None
    phone: Annotated[str, StringConstraints(min_length=1, max_length=40, strip_whitespace=True)] | None = None


class SiteRecord(_Strict):
    name: ShortText
    postcode: Annotated[str, StringConstraints(max_length=20, strip_whitespace=True)]
    service_line: Identifier
    notes: Annotated[str, StringConstraints(max_length=2000)] | None = None


class ResponseRecord(_Strict):
    partner: Identifier
    project: Identifier
    declined: bool = False
    lots: list[Identifier] = Field(default_factory=list, description="Lots the partner opts into.")
    answers: dict[Identifier, dict[Identifier, Any]] = Field(default_factory=dict)
    current_spend: dict[Identifier, Money] = Field(default_factory=dict, description="Current annual spend per lot.")
    sites: list[SiteRecord] = Field(default_factory=list)
    max_contribution: Money | None = Field(None, description="The most the partner agreed to contribute.")
    contact: Contact | None = None
    submitted_at: datetime | None = None


class ResponseFile(_Strict):
    responses: list[ResponseRecord]


@dataclass(frozen=True)
class Site:
    name: str
    postcode: str
    lot_id: str
    service_line_id: str
    notes: str | None = None


@dataclass(frozen=True)
class Response:
    """One partner's validated answers for one project."""

    partner_id: str
    project_id: str
    declined: bool = False
    lots: tuple[str, ...] = ()
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)
    current_spend: dict[str, Decimal] = field(default_factory=dict)
    sites: tuple[Site, ...] = ()
    max_contribution: Decimal | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    submitted_at: datetime | None = None
    source: str = ""


@dataclass(frozen=True)
class ResponseSet:
    """The responses for one project, one per partner, as the engine takes them."""

    project_id: str
    responses: tuple[Response, ...]
    _index: dict[str, Response] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_index", {r.partner_id: r for r in self.responses})

    def for_partner(self, partner_id: str) -> Response | None:
        return self._index.get(partner_id)

    @property
    def latest_submission(self) -> datetime | None:
        times = [r.submitted_at for r in self.responses if r.submitted_at]
        return max(times) if times else None
