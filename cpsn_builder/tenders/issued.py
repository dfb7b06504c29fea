"""The schedule as it was issued, and the issue a workbook names in its "About this schedule" block.

The schedule is deterministic bytes for the same catalogue, responses, version, status and date of
issue, so the lead need not keep the issued file: it is built again from the data it was built from.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..catalogue import Catalogue
from ..documents.context import Inputs
from ..documents.pricing_schedule import build_pricing_schedule
from ..engine import estimate
from ..responses import ResponseSet
from .locked_cells import value_at
from .models import Issue

# Issue field -> the schedule's named cell holding it
ISSUE_CELLS = {
    "procurement": "Procurement",
    "schedule_version": "ScheduleVersion",
    "catalogue_version": "CatalogueVersion",
    "catalogue_digest": "CatalogueDigest",
    "responses_snapshot": "ResponsesSnapshot",
}
assert set(ISSUE_CELLS) == {f.name for f in fields(Issue)}, "tenders/issued.py does not read every field of an Issue"
# Named cells the issue does not hold but a bid must still match: the schedule rebuilt from them.
EDITION_CELLS = {"status": "ScheduleStatus", "date of issue": "ScheduleIssued"}
LABELS = {
    "procurement": "procurement",
    "schedule_version": "document version",
    "catalogue_version": "catalogue version",
    "catalogue_digest": "catalogue SHA-256",
    "responses_snapshot": "responses snapshot",
    "status": "status",
    "date of issue": "date of issue",
}
DATE_FORMAT = "%d %B %Y"  # "1 March 2011", as the schedule writes it


def issued_schedule(catalogue: Catalogue, responses: ResponseSet, version: str, status: str, issued: date) -> bytes:
    """The pricing schedule as `cpsn-builder pricing-schedule` builds it (its author is not in any cell)."""
    return build_pricing_schedule(Inputs(catalogue, responses, estimate(catalogue, responses), issued, version, status))


def named_cell(book: Workbook, name: str) -> tuple[str, str] | None:
    """The sheet and cell (A1, no dollars) a workbook-level name points at; None if it has no such name."""
    defined = book.defined_names.get(name)
    if defined is None:
        return None
    try:
        destinations = list(defined.destinations)
    except Exception:  # a name whose formula openpyxl cannot follow (e.g. #REF!) points at nothing
        return None
    if len(destinations) != 1 or destinations[0][0] not in book.sheetnames:
        return None
    sheet, cell = destinations[0]
    return sheet, cell.replace("$", "").split(":")[0]  # a name stretched over the merged cells: its first cell


def named_value(book: Workbook, name: str) -> str:
    """The text of a named cell ("" when it is missing or empty)."""
    where = named_cell(book, name)
    if where is None:
        return ""
    sheet = book[where[0]]
    value = value_at(sheet, where[1]) if isinstance(sheet, Worksheet) else None
    return "" if value is None else str(value).strip()


def issue_of(book: Workbook) -> Issue:
    """The issue a schedule names in its "About this schedule" block."""
    return Issue(**{field: named_value(book, name) for field, name in ISSUE_CELLS.items()})


def edition_of(book: Workbook) -> dict[str, str]:
    """Every named cell that says which edition of the schedule this is: the issue, status and date."""
    return {**{f: named_value(book, n) for f, n in ISSUE_CELLS.items()}, **{f: named_value(book, n) for f, n in EDITION_CELLS.items()}}


def cell_of(book: Workbook, field: str) -> tuple[str, str] | None:
    return named_cell(book, {**ISSUE_CELLS, **EDITION_CELLS}[field])


def issued_as(book: Workbook) -> tuple[str, str, date]:
    """The version, status and date of issue a schedule names: what to rebuild the issued one from.

    Raises ValueError saying which is unreadable.
    """
    version = named_value(book, "ScheduleVersion")
    status = named_value(book, "ScheduleStatus")
    text = named_value(book, "ScheduleIssued")
    if not version or not status:
        raise ValueError("the schedule's document version or status is missing from its \u201cAbout this schedule\u201d block")
    try:
        day = datetime.strptime(text, DATE_FORMAT).date()
    except ValueError:
        raise ValueError(
            f"the date of issue {text!r} is not a date such as 1 March 2011: put back the date the schedule was issued with"
        ) from None
    return version, status, day
