"""Issued versions of the statement of requirements: frozen, rebuildable byte for byte, compared.

Issuing freezes what the document is built from: the requirement set (as its YAML), the
submitted responses (as the database held them) and the catalogue's digest. Rebuilding reads
only those, so version 1.0 downloaded next year is the file bidders received, and a changed
catalogue is refused rather than silently giving other prices.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

from ..catalogue import Catalogue
from ..catalogue.document_models import Revision
from ..documents.context import Inputs
from ..documents.sor import sor_document
from ..engine import estimate
from ..requirements import RequirementSet, apply_set, dump_set, parse_set
from ..requirements.diff import VersionDiff, diff_versions
from ..responses import ResponseSet
from ..responses.conversion import from_stored, to_stored
from ..tenders.issued import issued_schedule
from .extensions import db
from .kept import kept
from .models import PartnerResponse
from .requirement_tables import SorVersion
from .snapshot import encode_value
from .requirements_store import current_set
from .store import audit, base_catalogue, partner_changes, project_id, with_partner_changes

LABEL = re.compile(r"^\d{1,3}\.\d{1,3}$")


class VersionProblem(Exception):
    """Why a version cannot be issued or rebuilt, in words for the lead."""


@dataclass(frozen=True)
class Frozen:
    """One version's inputs, read back from what was frozen."""

    version: SorVersion
    requirement_set: RequirementSet
    catalogue: Catalogue  # with the set applied
    inputs: Inputs
    key: tuple | None = None  # what kept_frozen kept it by, so what is made from it is kept by the same


def versions() -> list[SorVersion]:
    return list(db.session.execute(db.select(SorVersion).order_by(SorVersion.issued_at, SorVersion.id)).scalars())


def version(label: str) -> SorVersion | None:
    return db.session.execute(db.select(SorVersion).filter_by(label=label)).scalar_one_or_none()


def _number(label: str) -> tuple[int, int]:
    major, minor = label.split(".")
    return int(major), int(minor)


def label_problem(label: str) -> str | None:
    if not LABEL.match(label):
        return "Enter the version as two numbers with a full stop, like 0.1 or 1.0"
    issued = versions()
    if any(v.label == label for v in issued):
        return f"Version {label} has already been issued: give the next number"
    if issued and _number(label) <= _number(issued[-1].label):
        return f"Version must come after {issued[-1].label}, the latest issued"
    return None


def _snapshot(rows: list[PartnerResponse], catalogue: Catalogue) -> str:
    """The submitted responses as the database holds them (through the one conversion module), in one JSON text."""
    records = [{key: encode_value(value) for key, value in to_stored(from_stored(row, catalogue), catalogue).items()} for row in rows]
    # The lead's changes to membership (joining, notice) change who is billed when: frozen too.
    return json.dumps({"responses": records, "partner_changes": partner_changes()}, sort_keys=True, ensure_ascii=False)


def _catalogue_of(snapshot: str) -> Catalogue:
    return with_partner_changes(base_catalogue(), json.loads(snapshot)["partner_changes"])


def _responses(snapshot: str, catalogue: Catalogue) -> ResponseSet:
    rows = []
    for record in json.loads(snapshot)["responses"]:
        row = SimpleNamespace(**record)
        row.max_contribution = Decimal(row.max_contribution) if row.max_contribution is not None else None
        row.submitted_at = datetime.fromisoformat(row.submitted_at) if row.submitted_at else None
        row.sites = [SimpleNamespace(**site) for site in record["sites"]]
        rows.append(row)
    return ResponseSet(catalogue.procurement.id, tuple(from_stored(row, catalogue) for row in rows if catalogue.partner(row.partner_id)))


def _history(upto: SorVersion | None, extra: Revision | None = None) -> tuple[Revision, ...]:
    revisions = [Revision(version=v.label, date=v.issued_on, summary=v.summary, author=v.author) for v in versions()]
    if upto is not None:
        revisions = revisions[: [r.version for r in revisions].index(upto.label) + 1]
    if extra is not None:
        revisions.append(extra)
    return tuple(revisions)


def _inputs(
    catalogue: Catalogue, responses: ResponseSet, label: str, status: str, author: str, issued: date, history: tuple[Revision, ...]
) -> Inputs:
    est = estimate(catalogue, responses)
    # A version freezes submitted answers only (drafts are not sent to bidders): say so, from the frozen data alone.
    counted = len(est.partners)
    basis = f"Figures include submitted answers only, as frozen for version {label}: {counted} partner{'s' if counted != 1 else ''}."
    return Inputs(catalogue, responses, est, issued, label, status, author, history=history, basis=basis)


def issue(base: Catalogue, label: str, status: str, author: str, summary: str, issued: date, issued_by: str) -> SorVersion:
    """Freeze the set and the submitted responses as version `label`, and record the document's hash."""
    why = label_problem(label)
    if why:
        raise VersionProblem(why)
    rset = current_set(base)
    rows = [
        r
        for r in db.session.execute(
            db.select(PartnerResponse).filter_by(project_id=project_id()).order_by(PartnerResponse.partner_id)
        ).scalars()
        if r.status == "submitted" and r.declined is not None
    ]
    snapshot = _snapshot(rows, base)
    applied = apply_set(base, rset)
    history = _history(None, Revision(version=label, date=issued, summary=summary, author=author))
    inputs = _inputs(applied, _responses(snapshot, _catalogue_of(snapshot)), label, status, author, issued, history)
    data, _ = sor_document(inputs)
    schedule = _schedule(inputs)
    row = SorVersion(
        label=label,
        status=status,
        issued_on=issued,
        author=author,
        summary=summary,
        requirement_set=dump_set(rset),
        responses=snapshot,
        catalogue_digest=base.digest,
        document_sha256=hashlib.sha256(data).hexdigest(),
        schedule=schedule,
        document=data,
        issued_by=issued_by,
    )
    db.session.add(row)
    audit("(requirements)", f"version {label}", None, f"{status} issued: {summary}")
    db.session.flush()
    key = _frozen_key(row)  # the first download and upload need not build them again
    kept("issued documents", key, lambda: data, limit=4)
    kept("issued schedules", key, lambda: schedule, limit=8)
    return row


def frozen(row: SorVersion) -> Frozen:
    """A version's inputs from its frozen record; VersionProblem when the catalogue has changed since."""
    base = _catalogue_of(row.responses)
    if base.digest != row.catalogue_digest:
        raise VersionProblem(
            f"Version {row.label} was issued from catalogue {row.catalogue_digest[:12]}; the service now runs catalogue "
            f"{base.digest[:12]}, whose prices or texts differ, so it cannot rebuild the same document. Restore that "
            "catalogue (its digest is in the document's control table) to rebuild it."
        )
    rset = parse_set(row.requirement_set, f"version-{row.label}.yml", base)
    applied = apply_set(base, rset)
    inputs = _inputs(applied, _responses(row.responses, base), row.label, row.status, row.author, row.issued_on, _history(row))
    return Frozen(row, rset, applied, inputs)


def kept_frozen(row: SorVersion) -> Frozen:
    """frozen(row), kept for the process: reading a version back (the set parsed and applied, the
    answers converted, the estimate run) cost about 10 ms of every tender page."""
    key = _frozen_key(row)
    return replace(kept("frozen versions", key, lambda: frozen(row), limit=8), version=row, key=key)


def issued_schedule_of(issued: Frozen) -> bytes:
    """The pricing schedule issued with the version: what bidders price and a returned workbook must match.

    The bytes stored on issuing, kept for the process like the version; a version issued before
    they were stored has its schedule built again from the frozen inputs (a third of a second on
    the demo, seven on the national case), the same workbook."""
    row = issued.version
    key = issued.key or _frozen_key(row)
    return kept("issued schedules", key, lambda: row.schedule or _schedule(issued.inputs), limit=8)


def _schedule(inputs: Inputs) -> bytes:
    return issued_schedule(inputs.catalogue, inputs.responses, inputs.version, inputs.status, inputs.issued)


def _frozen_key(row: SorVersion) -> tuple:
    """Everything a version's inputs are built from. A label alone is not enough: two databases
    served by one process may each have issued a version 1.0."""
    content = hashlib.sha256()
    for part in (row.responses, row.requirement_set):
        content.update(hashlib.sha256(part.encode()).digest())
    history = tuple((v.label, v.issued_on, v.summary, v.author) for v in versions())
    return (
        row.label, row.status, row.author, row.issued_on, row.document_sha256, row.catalogue_digest,
        content.hexdigest(), base_catalogue().digest, history,
    )  # fmt: skip


def issued_document(row: SorVersion) -> bytes:
    """The document bidders were sent: as stored on issuing, else (a version issued before documents
    were stored) rebuilt from the frozen record. Either way checked against the hash recorded then."""
    if row.document is None:
        return rebuild(row)
    if hashlib.sha256(row.document).hexdigest() != row.document_sha256:
        raise VersionProblem(
            f"Version {row.label}'s stored document does not match the SHA-256 recorded when it was issued "
            f"({row.document_sha256[:12]}): the database copy has been altered. Restore it from a backup."
        )
    return row.document


def issued_schedule_file(row: SorVersion) -> bytes:
    """The pricing schedule bidders were sent: as stored on issuing, else built from the frozen record."""
    return row.schedule if row.schedule is not None else issued_schedule_of(kept_frozen(row))


def rebuild(row: SorVersion) -> bytes:
    """The document as issued, rebuilt from the frozen record and checked against its hash.

    Kept for the process once checked (and from the moment it is issued): with its contents' page
    numbers a rebuild is two builds and a LibreOffice render, a quarter of a second on the demo
    and seconds for a large programme, on every download."""
    return kept("issued documents", _frozen_key(row), lambda: _rebuilt(row), limit=4)


def _rebuilt(row: SorVersion) -> bytes:
    data, _ = sor_document(kept_frozen(row).inputs)
    if hashlib.sha256(data).hexdigest() != row.document_sha256:
        raise VersionProblem(
            f"Version {row.label} rebuilt differently from the document issued (SHA-256 "
            f"{row.document_sha256[:12]}): the fonts or LibreOffice that numbered its pages may have "
            "changed on this server. The issued file is the one bidders received."
        )
    return data


def previous(row: SorVersion) -> SorVersion | None:
    issued = versions()
    index = [v.id for v in issued].index(row.id)
    return issued[index - 1] if index else None


def changes(old: SorVersion, new: SorVersion) -> tuple[Frozen, Frozen, VersionDiff]:
    before, after = kept_frozen(old), kept_frozen(new)
    diff = diff_versions(before.catalogue, after.catalogue, after.requirement_set, before.inputs.estimate, after.inputs.estimate)
    return before, after, diff


def unissued_changes(base: Catalogue, responses: ResponseSet) -> VersionDiff | None:
    """What the working set changes against the latest issued version (None before any is issued)."""
    issued = versions()
    if not issued:
        return None
    before = kept_frozen(issued[-1])
    rset = current_set(base)
    return diff_versions(before.catalogue, apply_set(base, rset), rset, before.inputs.estimate, estimate(base, responses))
