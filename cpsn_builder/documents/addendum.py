"""The clarification addendum (.docx): what changed in the statement of requirements between two
issued versions, as bidders receive it. Clause texts are shown as the statements print them,
figures filled in; the change list is the requirements' diff, never recomputed here.
"""

from __future__ import annotations

from ..requirements.diff import VersionDiff
from .context import Inputs
from .docx_base import PORTRAIT_TWIPS, DocumentInfo, heading, new_document, paragraph, save_reproducibly
from .docx_tables import Column, add_table
from .money_text import long_date, quantity

_KIND = {
    "added": "Added",
    "withdrawn": "Withdrawn",
    "text": "Reworded",
    "priority": "Priority changed",
    "partners": "Now applies to other partners",
    "moved": "Moved",
}


def build_addendum(old: Inputs, new: Inputs, diff: VersionDiff) -> bytes:
    """`old` and `new` are the two versions' inputs (catalogue with its set applied, responses, estimate)."""
    project = new.catalogue.procurement
    document = new_document(
        DocumentInfo(
            title=f"{project.title}: clarification addendum to version {new.version}",
            subject=new.catalogue.programme.name,
            author=new.author,
            version=new.version,
            status=new.status,
            issued=new.issued_at,
        ),
        marking=new.law.get("marking", ""),
    )
    paragraph(document, new.catalogue.programme.partnership)
    paragraph(document, project.title, "Title")
    paragraph(document, f"Clarification addendum: statement of requirements version {old.version} to {new.version}", "Subtitle")
    paragraph(
        document,
        (
            f"This addendum lists every change from version {old.version} of the statement of requirements "
            f"({long_date(old.issued)}) to version {new.version} ({long_date(new.issued)}). Version {new.version} "
            "replaces the earlier version in full; where the two differ, version "
            f"{new.version} applies. Bidders should price and respond to version {new.version}."
        ),
    )
    if diff.empty:
        paragraph(document, "No requirement, section text or quantity has changed between the two versions.")
        return save_reproducibly(document)
    old_lots = {lot.lot_id: lot for lot in old.estimate.lots}
    new_lots = {lot.lot_id: lot for lot in new.estimate.lots}
    numbers = {lot.lot_id: number for number, lot in enumerate(new.estimate.lots, 1)}  # as the statement numbers them
    for lot in new.catalogue.lots:
        changes = [c for c in diff.clauses if c.lot_id == lot.id]
        if not changes:
            continue
        heading(document, f"Lot {numbers[lot.id]}: {lot.title}" if lot.id in numbers else lot.title, 1)
        rows = []
        for change in changes:
            rows.append(
                (change.clause_id, _KIND[change.kind], _was(change, old, old_lots.get(lot.id)), _now(change, new, new_lots.get(lot.id)))
            )
        add_table(
            document,
            [
                Column("Id", 1100),
                Column("Change", 1700),
                Column("Was", (PORTRAIT_TWIPS - 2800) // 2),
                Column("Now", PORTRAIT_TWIPS - 2800 - (PORTRAIT_TWIPS - 2800) // 2),
            ],
            rows,
        )
    if diff.sections:
        heading(document, "Sections reworded", 1)
        paragraph(
            document,
            "These sections of the statement have new wording; read them in version "
            f"{new.version}: " + ", ".join(s.title for s in diff.sections) + ".",
        )
    if diff.demand:
        heading(document, "Quantities", 1)
        paragraph(
            document,
            "The partners' aggregated demand has changed for these service lines; the pricing schedule "
            f"issued with version {new.version} carries the new quantities.",
        )
        add_table(
            document,
            [Column("Service line", PORTRAIT_TWIPS - 4000, False), Column("Was", 2000, True), Column("Now", 2000, True)],
            [(d.title, f"{quantity(d.old)} {d.unit}s", f"{quantity(d.new)} {d.unit}s") for d in diff.demand],
        )
    return save_reproducibly(document)


def _was(change, inputs: Inputs, lot) -> str:
    if change.kind in ("text", "withdrawn"):
        return _rendered(inputs, change.old, lot)
    if change.kind == "priority":
        return change.old
    if change.kind == "partners":
        return _partners(inputs, change.old)
    return "\u2013"


def _now(change, inputs: Inputs, lot) -> str:
    if change.kind in ("text", "added"):
        return _rendered(inputs, change.new, lot)
    if change.kind == "withdrawn":
        return f"Withdrawn: {change.new}" if change.new else "Withdrawn"
    if change.kind == "priority":
        return change.new
    if change.kind == "partners":
        return _partners(inputs, change.new)
    if change.kind == "moved":
        return f"Now {change.new}"
    return "\u2013"


def _rendered(inputs: Inputs, text: str | None, lot) -> str:
    if text is None:
        return "\u2013"
    return inputs.requirement_text(text, lot) if lot is not None else text


def _partners(inputs: Inputs, ids: str | None) -> str:
    if not ids:
        return "Every partner taking the lot"
    return ", ".join(inputs.partner_name(p.strip()) for p in ids.split(","))
