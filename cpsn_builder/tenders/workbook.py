"""A returned pricing schedule read as a Bid, or refused with every problem at once.

The returned workbook is checked against the schedule as issued: the same issue, the same
sheets, every locked cell as it was; then the bidder's name and the yellow price cells are read.
Where the prices sit (which lot, line and tier each cell prices) is read from the issued
schedule, never from the returned one.
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..catalogue import Catalogue
from ..documents.pricing_schedule import BIDDER_LABEL, INSTRUCTIONS_SHEET
from ..formatting import unit_price
from ..responses import ResponseSet
from .issued import LABELS, cell_of, edition_of, issue_of, issued_as, issued_schedule, named_cell, named_value
from .locked_cells import changed_cells, unlocked, value_at
from .models import Bid, BidRejected, LinePrices, LotBid, Problem
from .price_cells import NotAPrice, is_blank, price_of
from .zip_guard import SAVE_AS, container_problems

MAX_BIDDER = 200
PRICE, CONNECTION, EXTENSION = "E", "F", "I"  # table A's columns of yellow cells
LABEL_COLUMN = "D"  # the tier's label, e.g. "1 to 199"


@dataclass(frozen=True)
class _LineCells:
    line_id: str
    tiers: tuple[tuple[str, str], ...]  # (price cell, tier label), in the catalogue's order
    connection: str
    extensions: tuple[str, ...]  # empty where the procurement has no extension years


@dataclass(frozen=True)
class _LotCells:
    lot_id: str
    sheet: str
    lines: tuple[_LineCells, ...]

    def cells(self) -> list[str]:
        return [cell for line in self.lines for cell in (*(c for c, _ in line.tiers), line.connection, *line.extensions)]


# --- Opening safely ----------------------------------------------------------------------------


def open_workbook(data: bytes, file_name: str) -> Workbook:
    """The workbook with its formulas, or BidRejected saying why it cannot be opened (safely)."""
    problems = container_problems(data, file_name)
    if problems:
        raise BidRejected(problems)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of extensions it drops; nothing a bidder can act on
            return openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises anything from KeyError to defusedxml's on a damaged workbook
        reason = type(exc).__name__
        raise BidRejected([Problem(file_name, f"the workbook is corrupt and cannot be read ({reason}): {SAVE_AS}")]) from None


def _kind_problems(book: Workbook, file_name: str) -> list[Problem]:
    if INSTRUCTIONS_SHEET in book.sheetnames and named_cell(book, "CatalogueDigest") is not None:
        return []
    return [
        Problem(
            file_name,
            "not a CPSN pricing schedule: the workbook has no Instructions sheet or no named cell "
            "CatalogueDigest; send the pricing schedule the partnership issued, with your prices in it",
        )
    ]


# --- Reading a bid -----------------------------------------------------------------------------


def read_bid(data: bytes, file_name: str, schedule: bytes) -> Bid:
    """The bid a returned workbook holds, checked against `schedule`, the workbook as issued."""
    book = open_workbook(data, file_name)
    return _read(book, data, file_name, _issued_book(schedule))


@lru_cache(maxsize=1)
def _issued_book(schedule: bytes) -> Workbook:
    """The issued schedule parsed once for the bids read against it in turn (it is only ever read).

    Parsing is most of the time a bid takes (seconds for a national schedule), and one is kept:
    a national schedule's workbook holds hundreds of MiB."""
    return openpyxl.load_workbook(io.BytesIO(schedule), data_only=False)


def _read(book: Workbook, data: bytes, file_name: str, issued: Workbook) -> Bid:
    problems = _kind_problems(book, file_name)
    if not problems:
        problems = _issue_problems(book, issued, file_name)
    if problems:
        raise BidRejected(problems)  # another kind or issue: comparing its cells would only add noise
    problems = _sheet_problems(book, issued, file_name)
    for title in issued.sheetnames:
        if title not in book.sheetnames:
            continue
        if not isinstance(book[title], Worksheet):
            problems.append(
                Problem(file_name, "this sheet was replaced by a chart: return the workbook with every sheet as it was issued", title)
            )
            continue
        problems += changed_cells(file_name, issued[title], book[title], unlocked(issued[title]))
    bidder, bidder_problems = _bidder(book, issued, file_name)
    lots, notes, price_problems = _lots(book, issued, file_name)
    problems += bidder_problems + price_problems
    if not problems and not lots:
        problems.append(
            Problem(
                file_name,
                "no lot is priced: fill in every yellow cell of the sheet of each lot you bid "
                "for (leave the sheets of the other lots blank)",
            )
        )
    if problems:
        raise BidRejected(problems)
    return Bid(bidder, file_name, hashlib.sha256(data).hexdigest(), issue_of(book), tuple(lots), tuple(notes))


def _issue_problems(book: Workbook, issued: Workbook, file_name: str) -> list[Problem]:
    expected, found = edition_of(issued), edition_of(book)
    problems = []
    for field, value in expected.items():
        if found[field] != value:
            where = cell_of(book, field) or (INSTRUCTIONS_SHEET, None)
            problems.append(
                Problem(
                    file_name,
                    f"a schedule of another issue: its {LABELS[field]} is {_quoted(found[field])}, but the schedule "
                    f"issued for this procurement has {_quoted(value)}; price the schedule issued for this tender "
                    "(or, if this is the right one, put the \u201cAbout this schedule\u201d block back as it was)",
                    *where,
                )
            )
    return problems


def _quoted(text: str) -> str:
    return f"\u201c{text}\u201d" if text else "nothing"


def _sheet_problems(book: Workbook, issued: Workbook, file_name: str) -> list[Problem]:
    missing = [t for t in issued.sheetnames if t not in book.sheetnames]
    added = [t for t in book.sheetnames if t not in issued.sheetnames]
    problems = []
    for title in list(missing):
        position = issued.sheetnames.index(title)
        renamed = next((t for t in added if book.sheetnames.index(t) == position), None)
        if renamed is not None:
            problems.append(
                Problem(
                    file_name,
                    f"the sheet \u201c{title}\u201d was renamed \u201c{renamed}\u201d: give it "
                    "its name back (sheets must keep the names they were issued with)",
                    renamed,
                )
            )
            missing.remove(title)
            added.remove(renamed)
    problems += [
        Problem(file_name, f"the sheet \u201c{title}\u201d is missing: return the workbook with every sheet it was issued with", title)
        for title in missing
    ]
    problems += [
        Problem(
            file_name,
            f"the sheet \u201c{title}\u201d was added: remove it (return the workbook with only the sheets it was issued with)",
            title,
        )
        for title in added
    ]
    return problems


def _bidder(book: Workbook, issued: Workbook, file_name: str) -> tuple[str, list[Problem]]:
    where = named_cell(issued, "BidderName")
    if where is None:
        return "", [
            Problem(
                file_name,
                "the issued schedule has no cell for the bidder's name (BidderName): it was "
                "issued by an older version of CPSN Builder; issue the schedule again",
            )
        ]
    name = " ".join(named_value(book, "BidderName").split()) if named_cell(book, "BidderName") == where else ""
    if not name:
        return "", [
            Problem(file_name, f"your organisation's name is missing: enter it in the yellow cell \u201c{BIDDER_LABEL}\u201d", *where)
        ]
    if len(name) > MAX_BIDDER or not name.isprintable():
        return "", [
            Problem(
                file_name,
                f"your organisation's name must be 1 to {MAX_BIDDER} characters of plain text: enter your registered name",
                *where,
            )
        ]
    return name, []


# --- The price cells ---------------------------------------------------------------------------


def price_layout(issued: Workbook) -> list[_LotCells]:
    """Where each lot's prices go: its sheet, and per line the cells of each tier, the connection
    charge and the extension years' prices, from the yellow cells of the issued table A."""
    lots = []
    for sheet in issued.worksheets:
        lot_name = sheet.defined_names.get("LotId")
        if lot_name is None:
            continue
        ((_, cell),) = lot_name.destinations
        open_cells = unlocked(sheet)
        lines: list[dict] = []
        for row in range(1, sheet.max_row + 1):
            if f"{PRICE}{row}" not in open_cells:
                continue
            line_id = value_at(sheet, f"A{row}")
            if line_id is not None:
                lines.append({"line_id": str(line_id), "tiers": [], "connection": f"{CONNECTION}{row}", "extensions": []})
            lines[-1]["tiers"].append((f"{PRICE}{row}", str(value_at(sheet, f"{LABEL_COLUMN}{row}"))))
            if f"{EXTENSION}{row}" in open_cells:
                lines[-1]["extensions"].append(f"{EXTENSION}{row}")
        lots.append(
            _LotCells(
                str(value_at(sheet, cell.replace("$", ""))),
                sheet.title,
                tuple(_LineCells(line["line_id"], tuple(line["tiers"]), line["connection"], tuple(line["extensions"])) for line in lines),
            )
        )
    return lots


def _lots(book: Workbook, issued: Workbook, file_name: str) -> tuple[list[LotBid], list[str], list[Problem]]:
    lots, notes, problems = [], [], []
    for layout in price_layout(issued):
        if layout.sheet not in book.sheetnames or not isinstance(book[layout.sheet], Worksheet):
            continue  # said already: the sheet is missing or replaced
        sheet = book[layout.sheet]
        if all(is_blank(sheet[cell].value) for cell in layout.cells()):
            continue  # not bid for
        lot, lot_notes, lot_problems = _lot(sheet, layout, file_name)
        problems += lot_problems
        notes += lot_notes
        if lot is not None:
            lots.append(lot)
    return lots, notes, problems


def _lot(sheet, layout: _LotCells, file_name: str) -> tuple[LotBid | None, list[str], list[Problem]]:
    problems: list[Problem] = []

    def read(cell: str, missing: str) -> Decimal | None:
        value = sheet[cell].value
        if is_blank(value):
            problems.append(
                Problem(
                    file_name,
                    f"{missing}: every yellow cell of a lot you bid for must be filled in (leave the sheet blank not to bid for the lot)",
                    layout.sheet,
                    cell,
                )
            )
            return None
        try:
            return price_of(value)
        except NotAPrice as exc:
            problems.append(Problem(file_name, str(exc), layout.sheet, cell))
            return None

    lines, notes = [], []
    for line in layout.lines:
        tiers = [read(cell, f"no price for {line.line_id}, tier {label}") for cell, label in line.tiers]
        connection = read(line.connection, f"no connection charge for {line.line_id} (enter 0 if there is none)")
        extensions = [
            read(cell, f"no extension years' price for {line.line_id}, tier {label}")
            for cell, (_, label) in zip(line.extensions, line.tiers)
        ]
        if None in tiers or connection is None or None in extensions:
            continue
        if any(later > earlier for earlier, later in zip(tiers, tiers[1:])):
            shown = ", ".join(f"{unit_price(price)} for {label}" for price, (_, label) in zip(tiers, line.tiers))
            notes.append(
                f"{layout.sheet}: {line.line_id}: tier prices rise with volume ({shown}); accepted, and flagged for the evaluation"
            )
        lines.append(LinePrices(line.line_id, tuple(tiers), connection, tuple(extensions)))
    if problems:
        return None, [], problems
    return LotBid(layout.lot_id, tuple(lines)), notes, []


# --- Many files --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """One returned file: its bid, or why it is refused."""

    file_name: str
    bid: Bid | None
    problems: tuple[Problem, ...]


def bid_paths(paths: list[Path]) -> list[Path]:
    """The .xlsx files named, and those in the folders named (in name order)."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() == ".xlsx" and not p.name.startswith(("~$", ".~lock")))
        else:
            found.append(path)
    return found


def check_bid_files(
    paths: list[Path], catalogue: Catalogue | None = None, responses: ResponseSet | None = None, schedule: bytes | None = None
) -> list[Checked]:
    """Every file read as a bid, against `schedule` or else against the schedule rebuilt from the
    catalogue and responses with the version, status and date of issue the file names."""
    issued_books: dict[object, Workbook] = {}
    if schedule is not None:
        issued_books[None] = openpyxl.load_workbook(io.BytesIO(schedule), data_only=False)
    checked = []
    for path in bid_paths(paths):
        checked.append(_check_file(path, catalogue, responses, issued_books, schedule is not None))
    return _refuse_second_bids(checked)


def _check_file(path: Path, catalogue, responses, issued_books: dict, given: bool) -> Checked:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Checked(
            name, None, (Problem(name, f"cannot be read ({exc.strerror or exc}): check the file's name and that it is not open elsewhere"),)
        )
    try:
        book = open_workbook(data, name)
        if given:
            issued = issued_books[None]
        else:
            kind = _kind_problems(book, name)
            if kind:
                raise BidRejected(kind)
            try:
                key = issued_as(book)
            except ValueError as exc:
                raise BidRejected([Problem(name, str(exc), *(named_cell(book, "ScheduleIssued") or (INSTRUCTIONS_SHEET, None)))]) from None
            if key not in issued_books:
                issued_books[key] = openpyxl.load_workbook(io.BytesIO(issued_schedule(catalogue, responses, *key)), data_only=False)
            issued = issued_books[key]
        return Checked(name, _read(book, data, name, issued), ())
    except BidRejected as exc:
        return Checked(name, None, exc.problems)
    except zipfile.BadZipFile:
        return Checked(name, None, (Problem(name, f"the workbook is corrupt and cannot be read: {SAVE_AS}"),))


def _refuse_second_bids(checked: list[Checked]) -> list[Checked]:
    """A bidder bids once: where two files name the same bidder, both are refused."""
    by_bidder: dict[str, list[str]] = {}
    for item in checked:
        if item.bid is not None:
            by_bidder.setdefault(item.bid.bidder.casefold(), []).append(item.file_name)
    result = []
    for item in checked:
        files = by_bidder.get(item.bid.bidder.casefold(), []) if item.bid is not None else []
        if len(files) > 1:
            message = (
                f"two bids from {item.bid.bidder}: {', '.join(files)}; a bidder returns one schedule, so withdraw all "
                "but one (or correct the organisation's name where these are different bidders)"
            )
            result.append(Checked(item.file_name, None, (Problem(item.file_name, message),)))
        else:
            result.append(item)
    return result


def read_bid_files(paths: list[Path], catalogue: Catalogue, responses: ResponseSet) -> list[Bid]:
    """The bids of a folder's or a list's .xlsx files; one BidRejected with every file's problems."""
    checked = check_bid_files(paths, catalogue, responses)
    problems = [problem for item in checked for problem in item.problems]
    if problems:
        raise BidRejected(problems)
    if not checked:
        raise BidRejected([Problem(", ".join(str(p) for p in paths) or "(none)", "no returned workbooks (.xlsx) found")])
    return [item.bid for item in checked]
