"""The requirement set file's typed schema (`cpsn-builder requirements export` writes one)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from ..catalogue.document_models import Block
from ..catalogue.models import Identifier, Priority, RequirementId, ShortText, _Strict

MAX_CLAUSE = 4_000  # characters of clause text: a clause is a sentence or two, never a section
ClauseText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_CLAUSE, strip_whitespace=True)]


class Clause(_Strict):
    """One requirement as this procurement states it."""

    id: RequirementId
    priority: Priority
    text: ClauseText
    partners: list[Identifier] = Field([], description="The partners this clause applies to; empty for every partner taking the lot.")
    proposed_by: Identifier | None = Field(None, description="The partner that proposed the clause, when one did.")
    withdrawn: bool = Field(False, description="A clause taken out of the set, kept so its history shows why.")
    reason: ShortText | None = Field(None, description="Why the clause was withdrawn.")


class LotClauses(_Strict):
    lot: Identifier
    requirements: list[Clause]


class SectionText(_Strict):
    """The statement of requirements' section `id` (documents/sor.yml) with its text replaced."""

    id: Identifier
    title: ShortText | None = None
    blocks: Annotated[list[Block], Field(min_length=1)]


class RequirementSet(_Strict):
    title: ShortText
    catalogue: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        None, description="SHA-256 of the catalogue the set was made from, for the record."
    )
    lots: list[LotClauses]
    sections: list[SectionText] = []

    def clauses(self, lot_id: str) -> list[Clause]:
        return next((entry.requirements for entry in self.lots if entry.lot == lot_id), [])
