"""The requirement set in the database: read it as a `RequirementSet`, change it one clause at a time.

Every change is checked with the same rules as `cpsn-builder requirements check` (one definition
in requirements/checks.py), audited, and refused whole when any part is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm.exc import StaleDataError

from ..catalogue import Catalogue
from ..requirements import Clause, LotClauses, RequirementSet, SectionText, standard_set
from ..requirements.layering import clause_of
from ..requirements.checks import clause_messages, section_messages, series
from .extensions import db
from .models import AuditEvent, utcnow
from .requirement_tables import RequirementClause, RequirementSection
from .store import audit

AUDIT_SUBJECT = "(requirements)"  # the audit trail's partner column for changes to the set itself


class EditConflict(Exception):
    """Someone else saved the clause since the form was opened; carries what it says now."""

    def __init__(self, current: RequirementClause | RequirementSection):
        self.current = current
        super().__init__("changed by someone else")


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


def _rows() -> list[RequirementClause]:
    return list(db.session.execute(db.select(RequirementClause).order_by(RequirementClause.lot_id, RequirementClause.position)).scalars())


def current_set(catalogue: Catalogue) -> RequirementSet:
    """The set as it stands: the catalogue's standard set until the lead first changes it."""
    rows = _rows()
    sections = [
        SectionText(id=s.section_id, title=s.title, blocks=s.blocks)
        for s in db.session.execute(db.select(RequirementSection).order_by(RequirementSection.section_id)).scalars()
    ]
    if not rows:
        return standard_set(catalogue).model_copy(update={"sections": sections})
    by_lot: dict[str, list[Clause]] = {}
    for row in rows:
        by_lot.setdefault(row.lot_id, []).append(_clause(row))
    lots = [LotClauses(lot=lot.id, requirements=by_lot.get(lot.id, [])) for lot in catalogue.lots]
    return RequirementSet(title=f"{catalogue.procurement.title}: requirements", catalogue=catalogue.digest, lots=lots, sections=sections)


def _clause(row: RequirementClause) -> Clause:
    return Clause(
        id=row.clause_id,
        priority=row.priority,
        text=row.text,
        partners=list(row.partners or []),
        proposed_by=row.proposed_by,
        withdrawn=row.withdrawn,
        reason=row.reason,
    )


def seed(catalogue: Catalogue) -> bool:
    """Write the standard set down if nothing is yet (the first visit or change), so history starts
    from it; True when it did, and the caller's transaction holds the rows to commit."""
    if db.session.execute(db.select(RequirementClause.id).limit(1)).first() is not None:
        return False
    for entry in standard_set(catalogue).lots:
        _add_rows(entry.lot, entry.requirements)
    db.session.flush()
    return True


def _row(lot_id: str, position: int, clause: Clause) -> RequirementClause:
    return RequirementClause(
        lot_id=lot_id,
        clause_id=clause.id,
        position=position,
        priority=clause.priority,
        text=clause.text,
        partners=list(clause.partners),
        proposed_by=clause.proposed_by,
        withdrawn=clause.withdrawn,
        reason=clause.reason,
    )


def _add_rows(lot_id: str, clauses: list[Clause]) -> None:
    for position, clause in enumerate(clauses):
        db.session.add(_row(lot_id, position, clause))


def _stored_blocks(section: SectionText) -> list:
    return [b if isinstance(b, str) else b.model_dump(mode="json") for b in section.blocks]


def replace_all(catalogue: Catalogue, requirement_set: RequirementSet, name: str) -> None:
    """The whole set from a checked file; a lot the file leaves out keeps its standard clauses, as
    `sor --requirements` reads it."""
    db.session.execute(db.delete(RequirementClause))
    db.session.execute(db.delete(RequirementSection))
    listed = {entry.lot for entry in requirement_set.lots}
    for entry in [*requirement_set.lots, *(e for e in standard_set(catalogue).lots if e.lot not in listed)]:
        _add_rows(entry.lot, entry.requirements)
    for section in requirement_set.sections:
        db.session.add(RequirementSection(section_id=section.id, title=section.title, blocks=_stored_blocks(section)))
    audit(AUDIT_SUBJECT, "requirement set", None, f"imported from {name}")


def clause_row(clause_id: str) -> RequirementClause | None:
    return db.session.execute(db.select(RequirementClause).filter_by(clause_id=clause_id)).scalar_one_or_none()


def lot_rows(catalogue: Catalogue, lot_id: str) -> list[RequirementClause]:
    seed(catalogue)
    return list(db.session.execute(db.select(RequirementClause).filter_by(lot_id=lot_id).order_by(RequirementClause.position)).scalars())


def problems_of(catalogue: Catalogue, lot_id: str, clause: Clause) -> list[FieldProblem]:
    """What is wrong with a clause as the form gave it, by form field, in `requirements check`'s words."""
    lot = catalogue.lot(lot_id)
    owners = {r.id: l.id for l in catalogue.lots for r in l.requirements}
    return [FieldProblem(path[0], message) for path, message in clause_messages(clause, lot, owners, catalogue)]


def next_clause_id(catalogue: Catalogue, lot_id: str) -> str:
    """The next free id in the lot's series, from 101 so an added clause never looks standard."""
    lot = catalogue.lot(lot_id)
    prefix = series(lot) or lot_id[:8].upper().replace("_", "")
    taken = {row.clause_id for row in lot_rows(catalogue, lot_id)} | {r.id for l in catalogue.lots for r in l.requirements}
    number = 101
    while f"{prefix}-{number:03d}" in taken:
        number += 1
    return f"{prefix}-{number:03d}"


def save_clause(catalogue: Catalogue, lot_id: str, clause: Clause, expected_version: int | None) -> RequirementClause:
    """Add or change one clause; raises EditConflict when the form was opened on an older version."""
    seed(catalogue)
    row = clause_row(clause.id)
    if row is None:
        row = _row(lot_id, len(lot_rows(catalogue, lot_id)), clause)
        db.session.add(row)
        audit(AUDIT_SUBJECT, f"{clause.id} added", None, f"{clause.priority}: {clause.text}")
    else:
        if expected_version is not None and row.version != expected_version:
            raise EditConflict(row)
        for name, value in (("priority", clause.priority), ("text", clause.text), ("partners", clause.partners)):
            if getattr(row, name) != value:
                audit(AUDIT_SUBJECT, f"{clause.id} {name}", getattr(row, name), value)
                setattr(row, name, value)
        row.updated_at = utcnow()
    _flush(row)
    return row


def withdraw(catalogue: Catalogue, clause_id: str, reason: str, expected_version: int | None) -> None:
    row = _row_at(catalogue, clause_id, expected_version)
    row.withdrawn, row.reason, row.updated_at = True, reason, utcnow()
    audit(AUDIT_SUBJECT, f"{clause_id} withdrawn", None, reason)
    _flush(row)


def restore(catalogue: Catalogue, clause_id: str) -> None:
    row = _row_at(catalogue, clause_id, None)
    audit(AUDIT_SUBJECT, f"{clause_id} restored", row.reason, None)
    row.withdrawn, row.reason, row.updated_at = False, None, utcnow()
    _flush(row)


def move(catalogue: Catalogue, clause_id: str, step: int) -> None:
    """Swap a clause with its neighbour (-1 up, +1 down) among the lot's clauses."""
    row = _row_at(catalogue, clause_id, None)
    rows = lot_rows(catalogue, row.lot_id)
    index = rows.index(row)
    other = index + step
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
        for position, each in enumerate(rows):
            each.position = position
        audit(AUDIT_SUBJECT, f"{clause_id} moved", str(index + 1), str(other + 1))
    db.session.flush()


def restore_standard(catalogue: Catalogue, lot_id: str, clause_id: str) -> None:
    """Put back a standard clause the set does not hold (left out, or new in the catalogue)."""
    standard = next(r for r in catalogue.lot(lot_id).requirements if r.id == clause_id)
    save_clause(catalogue, lot_id, clause_of(standard), None)


def _row_at(catalogue: Catalogue, clause_id: str, expected_version: int | None) -> RequirementClause:
    seed(catalogue)
    row = clause_row(clause_id)
    if row is None:
        raise LookupError(clause_id)
    if expected_version is not None and row.version != expected_version:
        raise EditConflict(row)
    return row


def _flush(row) -> None:
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        raise EditConflict(db.session.merge(row)) from None


def section_row(section_id: str) -> RequirementSection | None:
    return db.session.get(RequirementSection, section_id)


def section_problems(catalogue: Catalogue, section: SectionText) -> list[str]:
    return [message for _, message in section_messages(section, catalogue)]


def save_section(section: SectionText, expected_version: int | None) -> None:
    """Replace a section's text; raises EditConflict when the form was opened on another version
    (0: the catalogue's text, before anyone replaced it)."""
    row = section_row(section.id)
    blocks = _stored_blocks(section)
    if expected_version is not None and (row.version if row else 0) != expected_version:
        raise EditConflict(row)
    if row is None:
        db.session.add(RequirementSection(section_id=section.id, title=section.title, blocks=blocks))
        audit(AUDIT_SUBJECT, f"section {section.id}", None, "replaced")
    else:
        audit(AUDIT_SUBJECT, f"section {section.id}", row.blocks, blocks)
        row.blocks, row.title = blocks, section.title
    db.session.flush()


def reset_section(section_id: str) -> None:
    row = section_row(section_id)
    if row is not None:
        audit(AUDIT_SUBJECT, f"section {section_id}", row.blocks, "standard text")
        db.session.delete(row)
        db.session.flush()


def clause_history(clause_id: str) -> list[AuditEvent]:
    """Every recorded change to one clause, newest first (the audit trail holds the set's history)."""
    query = (
        db.select(AuditEvent)
        .filter(AuditEvent.partner_id == AUDIT_SUBJECT, AuditEvent.field.like(f"{clause_id} %"))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return list(db.session.execute(query).scalars())
