"""What changed between two versions: clauses added, withdrawn, edited and moved, and demand that moved.

Clauses are matched by id first (an id survives edits), so a reworded clause is "changed", not
"removed and added"; order is compared only among clauses both versions hold, so inserting one
clause does not report every clause after it as moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Literal

from ..catalogue import Catalogue
from ..engine import Estimate
from .models import RequirementSet

ChangeKind = Literal["added", "withdrawn", "text", "priority", "partners", "moved"]


@dataclass(frozen=True)
class ClauseChange:
    lot_id: str
    clause_id: str
    kind: ChangeKind
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True)
class SectionChange:
    section_id: str
    title: str


@dataclass(frozen=True)
class DemandChange:
    lot_id: str
    line_id: str
    title: str
    unit: str
    old: Decimal
    new: Decimal


@dataclass(frozen=True)
class VersionDiff:
    clauses: tuple[ClauseChange, ...]
    sections: tuple[SectionChange, ...]
    demand: tuple[DemandChange, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.clauses or self.sections or self.demand)


def diff_versions(
    old: Catalogue,
    new: Catalogue,
    new_set: RequirementSet | None = None,
    old_estimate: Estimate | None = None,
    new_estimate: Estimate | None = None,
) -> VersionDiff:
    """Compare two catalogues with their sets applied (see layering.apply_set)."""
    reasons = {c.id: c.reason for entry in (new_set.lots if new_set else []) for c in entry.requirements if c.withdrawn}
    clauses: list[ClauseChange] = []
    for lot in new.lots:
        before = old.lot(lot.id)
        clauses += _lot_changes(lot.id, before.requirements if before else [], lot.requirements, reasons)
    demand = _demand_changes(old_estimate, new_estimate) if old_estimate and new_estimate else []
    return VersionDiff(tuple(clauses), tuple(_section_changes(old, new)), tuple(demand))


def _lot_changes(lot_id: str, before: list, after: list, reasons: dict[str, str | None]) -> list[ClauseChange]:
    old_by_id = {r.id: r for r in before}
    new_by_id = {r.id: r for r in after}
    changes = [ClauseChange(lot_id, r.id, "withdrawn", r.text, reasons.get(r.id)) for r in before if r.id not in new_by_id]
    for r in after:
        was = old_by_id.get(r.id)
        if was is None:
            changes.append(ClauseChange(lot_id, r.id, "added", None, r.text))
            continue
        if was.text != r.text:
            changes.append(ClauseChange(lot_id, r.id, "text", was.text, r.text))
        if was.priority != r.priority:
            changes.append(ClauseChange(lot_id, r.id, "priority", was.priority, r.priority))
        if was.partners != r.partners:
            changes.append(ClauseChange(lot_id, r.id, "partners", ", ".join(was.partners) or None, ", ".join(r.partners) or None))
    changes += _moves(lot_id, [r.id for r in before if r.id in new_by_id], [r.id for r in after if r.id in old_by_id])
    return changes


def _moves(lot_id: str, old_order: list[str], new_order: list[str]) -> list[ClauseChange]:
    kept = {
        new_order[block.b + k]
        for block in SequenceMatcher(a=old_order, b=new_order, autojunk=False).get_matching_blocks()
        for k in range(block.size)
    }
    moves = []
    for position, clause_id in enumerate(new_order):
        if clause_id not in kept:
            after = new_order[position - 1] if position else None
            moves.append(ClauseChange(lot_id, clause_id, "moved", None, f"after {after}" if after else "first"))
    return moves


def _section_changes(old: Catalogue, new: Catalogue) -> list[SectionChange]:
    if old.documents is None or new.documents is None:
        return []
    before = {s.id: s for s in old.documents.sor.sections}
    return [
        SectionChange(s.id, s.title or s.id)
        for s in new.documents.sor.sections
        if s.id in before and (before[s.id].blocks != s.blocks or before[s.id].title != s.title)
    ]


def _demand_changes(old: Estimate, new: Estimate) -> list[DemandChange]:
    before = {line.line_id: line for lot in old.lots for line in lot.lines}
    changes = []
    seen = set()
    for lot in new.lots:
        for line in lot.lines:
            seen.add(line.line_id)
            was = before.get(line.line_id)
            quantity = was.quantity if was else Decimal(0)
            if quantity != line.quantity:
                changes.append(DemandChange(lot.lot_id, line.line_id, line.title, line.unit, quantity, line.quantity))
    for lot in old.lots:
        for line in lot.lines:
            if line.line_id not in seen and line.quantity:
                changes.append(DemandChange(lot.lot_id, line.line_id, line.title, line.unit, line.quantity, Decimal(0)))
    return changes
