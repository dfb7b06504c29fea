"""Workbooks benchmark, national case (400 partners, 20 lots): building the bidders' pricing schedule
beside openpyxl writing the same values with no styles, and reading a returned bid beside openpyxl
parsing the same file alone (the floors for any build or read through openpyxl), and loading the
reading the web app keeps of that bid (what its pages do instead of reading the file again)."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from openpyxl.cell.cell import MergedCell

from cpsn_builder.documents.context import Inputs
from cpsn_builder.documents.pricing_schedule import INSTRUCTIONS_SHEET, build_pricing_schedule
from cpsn_builder.engine import estimate
from cpsn_builder.tenders.stored_bids import dump_bid, load_bid
from cpsn_builder.tenders.workbook import read_bid

import synthetic
from bench_engine import median_seconds


def _values(schedule: bytes) -> list[tuple[str, list[tuple[int, int, object]]]]:
    book = openpyxl.load_workbook(io.BytesIO(schedule))
    return [(sheet.title, [(c.row, c.column, c.value) for row in sheet.iter_rows() for c in row if c.value is not None]) for sheet in book]


def _unstyled(values) -> bytes:
    """The schedule's values (formulas included) in a workbook of the same sheets, nothing styled."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, cells in values:
        sheet = book.create_sheet(title)
        for row, column, value in cells:
            sheet.cell(row, column, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _returned(schedule: bytes) -> bytes:
    """The schedule as a bidder returns it: a name and a price in every yellow (unlocked) cell."""
    book = openpyxl.load_workbook(io.BytesIO(schedule))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell, MergedCell) and cell.protection is not None and not cell.protection.locked:
                    cell.value = "Bench Networks Ltd" if sheet.title == INSTRUCTIONS_SHEET else 100.0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run() -> list[str]:
    catalogue, responses = synthetic.national()
    inputs = Inputs(catalogue, responses, estimate(catalogue, responses), date(2011, 3, 1), "1.0", "Final", "Bench")
    schedule = build_pricing_schedule(inputs)
    built = median_seconds(lambda: build_pricing_schedule(inputs), 3)
    values = _values(schedule)
    floor = median_seconds(lambda: _unstyled(values), 3)
    bid = _returned(schedule)
    read_bid(bid, "bench.xlsx", schedule)  # the issued schedule is parsed once per process, as in the web app
    read = median_seconds(lambda: read_bid(bid, "bench.xlsx", schedule), 3)
    parsed = median_seconds(lambda: openpyxl.load_workbook(io.BytesIO(bid)), 3)
    kept = dump_bid(read_bid(bid, "bench.xlsx", schedule))
    loaded = median_seconds(lambda: load_bid(kept), 5)
    cells = sum(len(c) for _, c in values)
    return [
        f"Workbooks: national case ({len(responses.responses)} partners, {len(inputs.estimate.lots)} lots), {cells:,} cells, median of 3",
        f"  pricing schedule, built                  {built * 1000:8.0f} ms",
        f"  the same values, no styles (openpyxl)    {floor * 1000:8.0f} ms  (the schedule {built / floor:.1f}x that)",
        f"  a returned bid read and checked          {read * 1000:8.0f} ms",
        f"  openpyxl parsing that file alone         {parsed * 1000:8.0f} ms  (the read {read / parsed:.1f}x that)",
        f"  the bid's kept reading loaded            {loaded * 1000:8.2f} ms  ({len(kept):,} characters; the read {read / loaded:,.0f}x that)",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
