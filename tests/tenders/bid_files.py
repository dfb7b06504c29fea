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
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl

from cpsn_builder.catalogue import Catalogue, load_catalogue
from cpsn_builder.documents.rendering import soffice

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
        book["Instructions"][_bidder_cell(book)].value = bidder
    return save(book)


def _bidder_cell(book: openpyxl.Workbook) -> str:
    sheet = book["Instructions"]
    row = next(r for r in range(1, 40) if sheet.cell(r, 1).value == "Your organisation (bidder)")
    return f"B{row}"


def set_cells(data: bytes, changes: dict[tuple[str, str], object]) -> bytes:
    """The workbook with some cells changed: {(sheet, "E6"): value}."""
    book = load(data)
    for (sheet, cell), value in changes.items():
        book[sheet][cell].value = value
    return save(book)


SOFFICE = soffice()


def calc_round_trip(data: bytes, tmp_path: Path) -> bytes:
    """The workbook as LibreOffice Calc opens, recalculates and saves it again as .xlsx (a bidder using Calc).

    Calc runs with a profile of its own (a running LibreOffice locks its profile), told to
    recalculate every formula of an Excel file on load, as a bidder's Calc does on a file with no
    stored results.
    """
    import pytest
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    work = tmp_path / f"calc-{len(list(tmp_path.glob('calc-*')))}"
    profile, out = work / "profile", work / "out"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
        '<value>0</value></prop></item>\n</oor:items>\n')
    source = work / "bid.xlsx"
    source.write_bytes(data)
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    'xlsx:Calc MS Excel 2007 XML', "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(work)})
    result = (out / "bid.xlsx").read_bytes()
    shutil.rmtree(profile, ignore_errors=True)
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
