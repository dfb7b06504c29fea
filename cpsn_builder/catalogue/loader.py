"""Reading a catalogue folder: programme.yml, partners.yml and one file per lot in lots/."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from ..source.problems import Problem, ProblemsFound, display_path
from ..source.validation import validate_document
from ..source.yaml_lines import SourceDocument, load_yaml
from .catalogue import Catalogue
from .checks import check_across_lots, check_lot, check_partner_dates, check_partners, check_programme
from .document_checks import check_cabinet, check_references, check_sor
from .document_models import CabinetTexts, DocumentTexts, References, SorTexts
from .models import Lot, PartnerList, Programme, partial_lot
from .templating import sample_document_context

PACKAGE_DIR = Path(__file__).resolve().parents[1]
DATA_FILE_SUFFIXES = (".yml", ".yaml")


def data_dir(name: str) -> Path:
    """A shipped data folder (catalogue, demo, templates).

    In a source checkout it is the folder at the top of the repository, so edits show at once;
    an installed wheel carries a copy under cpsn_builder/_data.
    """
    checkout = PACKAGE_DIR.parent / name
    if checkout.is_dir() and (PACKAGE_DIR.parent / "pyproject.toml").is_file():
        return checkout
    return PACKAGE_DIR / "_data" / name


def default_catalogue_path() -> Path:
    return Path(os.environ.get("CPSN_CATALOGUE") or data_dir("catalogue"))


def load_catalogue(root: Path | str | None = None) -> Catalogue:
    """Load and validate a catalogue; raises ProblemsFound listing every problem at once."""
    root = Path(root) if root is not None else default_catalogue_path()
    if not root.is_dir():
        raise ProblemsFound(
            [Problem(display_path(root), 1, "no such catalogue folder: give the folder that holds programme.yml, partners.yml and lots/")]
        )
    problems: list[Problem] = []

    programme_doc = _read(root / "programme.yml", problems)
    partners_doc = _read(root / "partners.yml", problems)
    lot_paths = sorted(p for p in (root / "lots").glob("*") if p.suffix in DATA_FILE_SUFFIXES)
    if not lot_paths:
        problems.append(Problem(display_path(root / "lots"), 1, "no lot files found: add at least one lots/<lot>.yml"))

    programme = _validated(Programme, programme_doc, problems, check_programme)
    partners = _validated(PartnerList, partners_doc, problems, check_partners)
    lots: list[tuple[Lot, SourceDocument]] = []
    checked: list[tuple[Lot, SourceDocument]] = []  # malformed lots, for cross-file checks only
    for path in lot_paths:
        doc = _read(path, problems)
        lot = _validated(Lot, doc, problems, check_lot)
        if lot is not None:
            lots.append((lot, doc))
        elif doc is not None:
            # Still check the parts that are well formed, so one typo does not hide the rest.
            partial = partial_lot(doc)
            if partial is not None:
                problems += check_lot(partial, doc)
                checked.append((partial, doc))
    problems += check_across_lots(lots + checked)
    if programme is not None and partners is not None and not any(p.file == partners_doc.name for p in problems):
        problems += check_partner_dates(programme, partners, partners_doc)
    partner_ids = {p.id for p in partners.partners} if partners else set()
    documents, document_paths = _documents(root, problems, partner_ids)

    if problems or programme is None or partners is None or documents is None:
        raise ProblemsFound(problems)
    ordered = tuple(lot for lot, _ in sorted(lots, key=lambda pair: (pair[0].order, pair[0].id)))
    return Catalogue(
        root=root,
        programme=programme,
        partners=tuple(partners.partners),
        lots=ordered,
        digest=_digest([root / "programme.yml", root / "partners.yml", *lot_paths, *document_paths], root),
        documents=documents,
    )


DOCUMENT_FILES = ("references.yml", "sor.yml", "cabinet.yml")


def _documents(root: Path, problems: list[Problem], partner_ids: set[str]) -> tuple[DocumentTexts | None, list[Path]]:
    """The documents' texts from `documents/`; a catalogue without that folder uses the shipped one."""
    folder = root / "documents"
    if not folder.is_dir():
        folder = data_dir("catalogue") / "documents"
        partner_ids = set()  # the shipped texts name the shipped partners, not this catalogue's
    paths = [folder / name for name in DOCUMENT_FILES]
    found: list[Problem] = []
    refs_doc, sor_doc, cabinet_doc = (_read(path, found) for path in paths)
    refs = _validated(References, refs_doc, found, check_references)
    sor = _validated(SorTexts, sor_doc, found, lambda value, doc: [])
    cabinet = _validated(CabinetTexts, cabinet_doc, found, lambda value, doc: [])
    if refs is not None:
        terms = list(refs.terms)
        if sor is not None:
            found += check_sor(sor, sor_doc, sample_document_context(sor.section_ids(), terms))
        if cabinet is not None:
            found += check_cabinet(cabinet, cabinet_doc, partner_ids, sample_document_context([], terms))
    problems += found
    if found or refs is None or sor is None or cabinet is None:
        return None, paths
    return DocumentTexts(references=refs, sor=sor, cabinet=cabinet), paths


def _read(path: Path, problems: list[Problem]) -> SourceDocument | None:
    if not path.is_file():
        problems.append(Problem(display_path(path), 1, "file not found: every catalogue needs it"))
        return None
    doc = load_yaml(path)
    problems += doc.problems
    return None if doc.data is None else doc


def _validated(model, doc: SourceDocument | None, problems: list[Problem], check):
    if doc is None:
        return None
    value, found = validate_document(model, doc)
    problems += found
    if value is not None:
        problems += check(value, doc)
    return value


def _digest(paths: list[Path], root: Path) -> str:
    """A content hash of the catalogue, quoted in documents so a reader knows which prices were used."""
    sha = hashlib.sha256()
    for path in paths:
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else f"documents/{path.name}"
        sha.update(name.encode())
        sha.update(b"\0")
        sha.update(path.read_bytes())
    return sha.hexdigest()


@lru_cache(maxsize=1)
def _shipped_documents() -> DocumentTexts:
    return load_catalogue(data_dir("catalogue")).documents


def documents_of(catalogue: Catalogue) -> DocumentTexts:
    """The catalogue's document texts, or the shipped ones for a catalogue assembled in code (benchmarks)."""
    return catalogue.documents or _shipped_documents()
