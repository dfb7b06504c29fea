"""The loaded catalogue: immutable, validated, with lookups the engine and views need."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .document_models import DocumentTexts
from .models import Lot, Partner, Programme, Project, ServiceLine


@dataclass(frozen=True)
class Catalogue:
    root: Path
    programme: Programme
    partners: tuple[Partner, ...]
    lots: tuple[Lot, ...]
    digest: str = field(repr=False)
    # The documents' texts; None for catalogues assembled in code (benchmarks), which use the shipped ones.
    documents: DocumentTexts | None = field(default=None, repr=False, compare=False)
    _partner_index: dict[str, Partner] = field(init=False, repr=False, compare=False)
    _lot_index: dict[str, Lot] = field(init=False, repr=False, compare=False)
    _line_index: dict[str, tuple[Lot, ServiceLine]] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_partner_index", {p.id: p for p in self.partners})
        object.__setattr__(self, "_lot_index", {lot.id: lot for lot in self.lots})
        object.__setattr__(self, "_line_index", {s.id: (lot, s) for lot in self.lots for s in lot.service_lines})

    @property
    def procurement(self) -> Project:
        """The project whose demand is priced (the CPSN procurement)."""
        return next(p for p in self.programme.projects if p.procurement)

    def project(self, project_id: str) -> Project | None:
        return next((p for p in self.programme.projects if p.id == project_id), None)

    def partner(self, partner_id: str) -> Partner | None:
        return self._partner_index.get(partner_id)

    def lot(self, lot_id: str) -> Lot | None:
        return self._lot_index.get(lot_id)

    def service_line(self, line_id: str) -> tuple[Lot, ServiceLine] | None:
        return self._line_index.get(line_id)

    @property
    def short_digest(self) -> str:
        return self.digest[:12]
