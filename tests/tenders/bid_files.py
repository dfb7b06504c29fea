"""Returned bids for tests: the issued schedule with a bidder's prices typed in, as openpyxl or Calc saves it.

    fill_schedule(schedule, "Acme Networks Ltd", "central")                     # every lot at the catalogue's prices
    fill_schedule(schedule, "Acme", {"wan": "central"})                          # one lot only
    fill_schedule(schedule, "Acme", {"wan": {"eth_10m": ([900, 850, 800], 150)}})  # one line; the lot's others left blank
    fill_schedule(schedule, "Acme", {"wan": {"eth_10m": ([900, 850, 800], 150, [950, 900, 850])}})  # extension prices

Prices are typed as a bidder types them: a Decimal becomes the float Excel would store; anything
else (text, "=1+1", -5, None) goes in as given, for tests of bad input. Extension years' prices
default to the tier prices. Cells are found from the sheet as a bidder sees it (the lot reference,
the line id in column A, the tier rows below it), not through the code that reads bids.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl

from cpsn_builder.catalogue import Catalogue, load_catalogue
from documents_helpers import run_calc

# The demo schedule the tests bid on (tests/tenders/conftest.py `schedule`)
ISSUED = date(2011, 3, 1)
VERSION, STATUS = "1.0", "Final"
FIRST_PRICE_ROW = 6  # table A's first tier row on a lot sheet
PRICE, CONNECTION, EXTENSION, TIER_LABEL = 5, 6, 9, 4  # table A's columns


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def save(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def lot_sheets(book: openpyxl.Workbook) -> dict[str, openpyxl.worksheet.worksheet.Worksheet]:
    """lot id -> its sheet, by the lot reference each lot sheet shows in B3."""
    return {sheet["B3"].value: sheet for sheet in book.worksheets if sheet["A3"].value == "Lot reference"}


def line_rows(sheet) -> dict[str, list[int]]:
    """line id -> the rows of its tiers in table A."""
    rows: dict[str, list[int]] = {}
    row, current = FIRST_PRICE_ROW, None
    while sheet.cell(row, TIER_LABEL).value is not None:
        if sheet.cell(row, 1).value is not None:
            current = sheet.cell(row, 1).value
            rows[current] = []
        rows[current].append(row)
        row += 1
    return rows


def central_prices(catalogue: Catalogue, lot_id: str) -> dict[str, tuple[list[Decimal], Decimal]]:
    lot = catalogue.lot(lot_id)
    return {line.id: ([tier.price for tier in line.tiers], line.connection_charge) for line in lot.service_lines}


def _typed(value):
    return float(value) if isinstance(value, Decimal) else value


def fill_schedule(schedule: bytes, bidder: str | None, prices, catalogue: Catalogue | None = None) -> bytes:
    """The schedule with the bidder's name and prices typed into its yellow cells."""
    book = load(schedule)
    sheets = lot_sheets(book)
    if prices == "central":
        prices = {lot_id: "central" for lot_id in sheets}
    for lot_id, lines in prices.items():
        sheet = sheets[lot_id]
        if lines == "central":
            lines = central_prices(catalogue or load_catalogue(), lot_id)
        rows = line_rows(sheet)
        for line_id, entry in lines.items():
            tiers, connection, *rest = entry
            extensions = rest[0] if rest else tiers
            line = rows[line_id]
            assert len(tiers) == len(line), f"{line_id} has {len(line)} tiers on the sheet, {len(tiers)} prices given"
            for row, price, extension in zip(line, tiers, extensions):
                sheet.cell(row, PRICE).value = _typed(price)
                if sheet.cell(row, EXTENSION).protection.locked is False:
                    sheet.cell(row, EXTENSION).value = _typed(extension)
            sheet.cell(line[0], CONNECTION).value = _typed(connection)
    if bidder is not None:
        book["Instructions"][bidder_cell(book)].value = bidder
    return save(book)


def bidder_cell(book: openpyxl.Workbook | bytes) -> str:
    """The cell of the bidder's name on the Instructions sheet, found by its label as a bidder finds it."""
    sheet = (load(book) if isinstance(book, bytes) else book)["Instructions"]
    row = next(r for r in range(1, 40) if sheet.cell(r, 1).value == "Your organisation (bidder)")
    return f"B{row}"


def set_cells(data: bytes, changes: dict[tuple[str, str], object]) -> bytes:
    """The workbook with some cells changed: {(sheet, "E6"): value}."""
    book = load(data)
    for (sheet, cell), value in changes.items():
        book[sheet][cell].value = value
    return save(book)


def calc_round_trip(data: bytes, tmp_path: Path) -> bytes:
    """The workbook as LibreOffice Calc opens, recalculates and saves it again as .xlsx (a bidder
    using Calc; documents_helpers.run_calc says how Calc is told to recalculate)."""
    work = tmp_path / f"calc-{len(list(tmp_path.glob('calc-*')))}"
    out = work / "out"
    out.mkdir(parents=True)
    source = work / "bid.xlsx"
    source.write_bytes(data)
    run_calc(work, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source))
    result = (out / "bid.xlsx").read_bytes()
    return result


def problems_of(data: bytes, schedule: bytes, file_name: str = "bid.xlsx") -> list[str]:
    """Every problem read_bid finds, as the lines `bids check` prints; fails if the bid is accepted."""
    from cpsn_builder.tenders.models import BidRejected
    from cpsn_builder.tenders.workbook import read_bid

    try:
        bid = read_bid(data, file_name, schedule)
    except BidRejected as exc:
        return [str(problem) for problem in exc.problems]
    raise AssertionError(f"the bid was accepted: {bid.bidder}, lots {[lot.lot_id for lot in bid.lots]}")
