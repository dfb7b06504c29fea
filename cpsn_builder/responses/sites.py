"""The one check of a site, used by response files, the site form and the CSV upload alike.

Every problem of a site is found at once (a bad postcode is reported beside a missing name), and a
site that repeats another (same name and postcode) is refused: it would be priced twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import Catalogue
from .checks import normalise_postcode, text_problem

NAME_MAX = 200
NOTES_MAX = 2000


@dataclass(frozen=True)
class CheckedSite:
    name: str
    postcode: str
    lot_id: str
    service_line_id: str
    notes: str | None

    @property
    def key(self) -> tuple[str, str]:
        return site_key(self.name, self.postcode)


def site_key(name: str, postcode: str) -> tuple[str, str]:
    """Two sites are the same site when their names (ignoring case and spacing) and postcodes match."""
    return " ".join(name.lower().split()), postcode


def allowed_lines(catalogue: Catalogue, lots) -> list[tuple[str, str]]:
    """(id, 'Lot: service line') of every service line a site may use, for the lots chosen."""
    return [(line.id, f"{lot.title}: {line.title}") for lot_id in lots if (lot := catalogue.lot(lot_id)) for line in lot.service_lines]


def check_site(
    name: str, postcode: str, service_line: str, notes: str | None, catalogue: Catalogue, lots, seen: set[tuple[str, str]] | None = None
) -> tuple[CheckedSite | None, list[tuple[str, str]]]:
    """The site, or (field, message) for each thing wrong with it. `seen` holds the keys of the other sites."""
    problems: list[tuple[str, str]] = []
    name = (name or "").strip()
    notes = (notes or "").strip() or None
    if not name:
        problems.append(("name", "Enter the site name"))
    elif len(name) > NAME_MAX:
        problems.append(("name", f"Site name must be {NAME_MAX} characters or fewer"))
    elif text_problem(name):
        problems.append(("name", f"Site name {text_problem(name)}"))
    code = normalise_postcode(postcode or "")
    if not (postcode or "").strip():
        problems.append(("postcode", "Enter the site's postcode"))
    elif code is None:
        problems.append(("postcode", "Enter a real postcode, like CB3 0AP"))
    service_line = (service_line or "").strip()
    found = catalogue.service_line(service_line) if service_line else None
    if not service_line:
        problems.append(("service_line", "Select the service the site needs"))
    elif found is None:
        problems.append(("service_line", f"'{service_line[:40]}' is not a service line: use one of the ids listed"))
    elif found[0].id not in lots:
        problems.append(
            ("service_line", f"'{service_line}' is a service line of {found[0].title}, a lot you have not chosen: choose the lot first")
        )
    if notes and len(notes) > NOTES_MAX:
        problems.append(("notes", f"Notes must be {NOTES_MAX:,} characters or fewer"))
    elif notes and text_problem(notes):
        problems.append(("notes", f"Notes {text_problem(notes)}"))
    if name and code and seen is not None and site_key(name, code) in seen:
        problems.append(("name", f"{name} at {code} is already in your list of sites: change or remove the other one"))
    if problems:
        return None, problems
    return CheckedSite(name, code, found[0].id, service_line, notes), []
