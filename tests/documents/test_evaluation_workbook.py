"""The evaluation workbook: every price, mark and score of the Evaluation, as values, printable, reproducible."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from award_case import bids as make_bids, marks as make_marks
from documents_helpers import to_pdf_text

from cpsn_builder.documents.context import Inputs
from cpsn_builder.documents.evaluation_workbook import build_evaluation_workbook
from cpsn_builder.tenders.evaluation import evaluate
from cpsn_builder.tenders.models import Marks

ISSUED = date(2011, 11, 15)


@pytest.fixture(scope="module")
def evaluation(catalogue, demo_responses):
    bid_list = make_bids(catalogue)
    return evaluate(catalogue, demo_responses, bid_list, make_marks(bid_list))


@pytest.fixture(scope="module")
def inputs(catalogue, demo_responses, evaluation):
    return Inputs(catalogue, demo_responses, evaluation.estimate, ISSUED, "1.0", "Final", "Head of Procurement")


@pytest.fixture(scope="module")
def workbook(evaluation, inputs) -> bytes:
    return build_evaluation_workbook(evaluation, inputs)


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _value(value):
    """A number as the workbook holds it, as the Decimal it was written from (a spreadsheet stores floats)."""
    return Decimal(str(value)) if isinstance(value, float) else value


def _rows(sheet, header_row: int, last_column: int | None = None) -> list[list]:
    """The table whose header is at header_row, down to its first empty row."""
    rows = []
    row = header_row + 1
    while sheet.cell(row, 1).value not in (None, ""):
        rows.append([_value(sheet.cell(row, c).value) for c in range(1, (last_column or sheet.max_column) + 1)])
        row += 1
    return rows


def test_a_sheet_per_lot_with_the_evaluations_prices_scores_and_ranks(workbook, evaluation):
    book = _book(workbook)
    assert book.sheetnames == [
        "Bids",
        "Lot 1 WAN",
        "Lot 2 Internal WAN",
        "Lot 3 Internet and PSN",
        "Lot 4 Telephony",
        "Lot 5 IP telephony and UC",
        "Lot 6 CCTV",
        "Lot 7 LAN and Wi-Fi",
        "Line prices",
        "Flags",
    ]
    for ranking, sheet in zip(evaluation.lots, book.worksheets[1:8]):
        assert _value(sheet["C2"].value) == ranking.estimate
        rows = _rows(sheet, 6, 12)
        assert [r[0] for r in rows] == [t.bidder for t in ranking.tenders]
        for row, t in zip(rows, ranking.tenders):
            assert row[1:10] == [
                t.evaluated_price,
                t.estimate,
                t.difference,
                t.difference_percent,
                t.price_score,
                t.quality_score,
                t.total,
                t.rank if t.rank is not None else "not ranked",
                "Yes" if t.compliant else "No",
            ]
            assert (row[10] or "") == "; ".join(t.reasons) and (row[11] or "") == "; ".join(f.message for f in t.flags)


def test_each_criterion_shows_every_evaluators_mark_the_moderated_mark_and_score(workbook, evaluation):
    sheet = _book(workbook)["Lot 6 CCTV"]
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Bidder" and sheet.cell(r, 2).value == "Criterion")
    headings = [sheet.cell(header, c).value for c in range(1, 11)]
    assert headings == [
        "Bidder",
        "Criterion",
        "Weight",
        "Minimum mark",
        "J Smith",
        "A Patel",
        "Moderated mark",
        "Score",
        "Below minimum",
        None,
    ]
    rows = _rows(sheet, header, 9)
    tenders = evaluation.lot("cctv").tenders
    expected = [
        [
            t.bidder,
            f"{c.criterion_id} {c.title}",
            c.weight,
            c.minimum,
            *[mark for _, mark in c.evaluators],
            c.moderated,
            c.score,
            "Yes" if c.below_minimum else "No",
        ]
        for t in tenders
        for c in t.quality
    ]
    assert rows == expected
    assert ["Ouse Valley Communications Ltd", "Q3 Implementation, transition and exit"] in [r[:2] for r in rows if r[8] == "Yes"]


def test_line_prices_per_bid_add_up_to_each_lots_evaluated_price(workbook, evaluation):
    sheet = _book(workbook)["Line prices"]
    rows = _rows(sheet, 4, 11)
    bids = {b.bidder: b for b in evaluation.bids}
    position = 0
    for bid in bids.values():
        for lot_id in bid.lots:
            tender = evaluation.lot(lot_id).tender(bid.bidder)
            lines = rows[position : position + len(tender.lines)]
            total = rows[position + len(tender.lines)]
            position += len(tender.lines) + 1
            assert [r[2] for r in lines] == [line.line_id for line in tender.lines]
            for row, line in zip(lines, tender.lines):
                assert row[6:11] == [line.unit_price, line.estimate_unit_price, line.high_price, line.connection_charge, line.term_cost]
            assert total[3].endswith("evaluated price") and total[10] == tender.evaluated_price == sum(r[10] for r in lines)
    assert position == len(rows)


def test_flags_and_bids_sheets(workbook, evaluation):
    book = _book(workbook)
    flags = _rows(book["Flags"], 3, 5)
    assert [(r[1], r[2], r[4]) for r in flags] == [
        (f.bidder, "Lot 1" if f.lot_id == "wan" else "Lot 6", f.message) for f in evaluation.flags
    ]
    assert {r[0] for r in flags} == {"Abnormally low price"}
    bids = _rows(book["Bids"], 4, 6)
    assert [(r[0], r[4], r[5]) for r in bids] == [(b.bidder, b.tendered_contract_value, len(b.flags)) for b in evaluation.bids]


def test_values_not_formulas_and_bidders_text_made_safe(catalogue, demo_responses, inputs):
    bid_list = make_bids(catalogue)
    marks = make_marks(bid_list)
    hostile = '=HYPERLINK("http://x.example","Click")'
    renamed = tuple(replace(b, bidder=hostile) if b.bidder.startswith("Anglia") else b for b in bid_list)
    marks = Marks(tuple(replace(m, bidder=hostile) if m.bidder.startswith("Anglia") else m for m in marks.marks))
    book = _book(build_evaluation_workbook(evaluate(catalogue, demo_responses, renamed, marks), inputs))
    texts = [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))]
    assert "'" + hostile in texts
    assert all(cell.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)


def test_printable_on_a4_landscape_with_headers_repeated(workbook):
    book = _book(workbook)
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows and "Page &P of &N" in sheet.oddFooter.right.text


def test_the_same_evaluation_gives_the_same_bytes(workbook, evaluation, inputs, catalogue, demo_responses):
    bid_list = make_bids(catalogue)
    again = evaluate(catalogue, demo_responses, bid_list, make_marks(bid_list))
    assert build_evaluation_workbook(again, inputs) == workbook
    assert _book(workbook).properties.created.date() == ISSUED


def test_libreoffice_opens_and_prints_every_sheet(workbook, evaluation, tmp_path):
    text = " ".join(to_pdf_text(workbook, ".xlsx", tmp_path).split())
    for bid in evaluation.bids:
        assert bid.bidder in text
    wan = evaluation.lot("wan").tenders[0]
    assert f"£{wan.evaluated_price:,.2f}" in text
    for title in ("Evaluation of the bids", "Lot 1: Data access and wide area network", "Line prices of every bid", "Flags: matters"):
        assert title in text
    assert not re.search(r"#(VALUE|REF|NAME|DIV/0)", text)
