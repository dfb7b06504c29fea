"""From the catalogue to a set and back: the standard set, and a catalogue with a set applied."""

from __future__ import annotations

import dataclasses
from collections import Counter

from ..catalogue import Catalogue
from ..catalogue.models import Lot, Requirement
from .models import Clause, LotClauses, RequirementSet, SectionText


def standard_set(catalogue: Catalogue, title: str | None = None) -> RequirementSet:
    """Every standard clause of every lot, as the catalogue states it: where tailoring starts."""
    return RequirementSet(
        title=title or f"{catalogue.procurement.title}: requirements",
        catalogue=catalogue.digest,
        lots=[LotClauses(lot=lot.id, requirements=[clause_of(r) for r in lot.requirements]) for lot in catalogue.lots],
    )


def clause_of(requirement: Requirement) -> Clause:
    """A standard clause as a set holds it."""
    return Clause(id=requirement.id, priority=requirement.priority, text=requirement.text, partners=requirement.partners)


def apply_set(catalogue: Catalogue, requirement_set: RequirementSet) -> Catalogue:
    """The catalogue with each lot's clauses and the replaced section texts taken from the set.

    Prices, questions and the digest stay the catalogue's: a set changes what is asked of
    bidders, never the estimate. A lot the set does not list keeps its standard clauses (a lot
    added to the catalogue after the set was made); withdrawn clauses are left out.
    """
    listed = {entry.lot: entry for entry in requirement_set.lots}
    lots = tuple(
        lot.model_copy(update={"requirements": [_requirement(c) for c in listed[lot.id].requirements if not c.withdrawn]})
        if lot.id in listed
        else lot
        for lot in catalogue.lots
    )
    documents = catalogue.documents
    if requirement_set.sections:
        if documents is None:
            raise ValueError("this catalogue has no documents/ texts, so the set's section texts have nothing to replace")
        documents = documents.model_copy(update={"sor": _with_sections(documents.sor, requirement_set.sections)})
    return dataclasses.replace(catalogue, lots=lots, documents=documents)


def _requirement(clause: Clause) -> Requirement:
    return Requirement(id=clause.id, priority=clause.priority, text=clause.text, partners=clause.partners)


def _with_sections(sor, replacements: list[SectionText]):
    by_id = {section.id: section for section in replacements}
    sections = [
        section.model_copy(update={"blocks": by_id[section.id].blocks, "title": by_id[section.id].title or section.title})
        if section.id in by_id
        else section
        for section in sor.sections
    ]
    return sor.model_copy(update={"sections": sections})


def clause_kinds(lot: Lot, clauses: list[Clause]) -> Counter:
    """How a lot's clauses stand against the catalogue: as standard, edited, added, withdrawn, left out."""
    standard = {r.id: r for r in lot.requirements}
    kinds = Counter()
    for clause in clauses:
        was = standard.get(clause.id)
        kinds[
            "withdrawn"
            if clause.withdrawn
            else "added"
            if was is None
            else "as standard"
            if (clause.text, clause.priority, clause.partners) == (was.text, was.priority, was.partners)
            else "edited"
        ] += 1
    held = {c.id for c in clauses}
    left_out = sum(1 for r in standard if r not in held)
    if left_out:
        kinds["left out"] = left_out
    return kinds
