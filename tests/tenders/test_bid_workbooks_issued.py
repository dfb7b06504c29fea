"""A returned schedule must be the one issued: the same issue, the same sheets, every locked cell as it was;
and a schedule that LibreOffice Calc has opened, recalculated and saved is still that schedule."""

from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal as D

import pytest
from bid_files import ISSUED, STATUS, VERSION, calc_round_trip, fill_schedule, line_rows, load, lot_sheets, problems_of, save, set_cells

from cli_runner import run_cli
from conftest import DEMO_RESPONSES

from cpsn_builder.tenders.issued import issue_of, issued_as, issued_schedule
from cpsn_builder.tenders.workbook import read_bid


@pytest.fixture(scope="module")
def central(catalogue, schedule) -> bytes:
    return fill_schedule(schedule, "Acme Networks Ltd", "central", catalogue)


def test_the_issued_schedule_is_the_same_bytes_each_time_and_names_its_issue(catalogue, demo_responses, demo_estimate, schedule):
    assert issued_schedule(catalogue, demo_responses, VERSION, STATUS, ISSUED) == schedule
    book = load(schedule)
    issue = issue_of(book)
    assert issue.procurement == catalogue.procurement.title
    assert (issue.schedule_version, issue.catalogue_version, issue.catalogue_digest) == (
        VERSION,
        demo_estimate.catalogue_version,
        demo_estimate.catalogue_digest,
    )
    assert issue.responses_snapshot == "not recorded (responses read from files)"
    assert issued_as(book) == (VERSION, STATUS, ISSUED)


def test_the_schedule_rebuilt_is_the_file_pricing_schedule_wrote(tmp_path, schedule):
    """So the lead need not keep the issued file: the same inputs build it again, byte for byte."""
    out = tmp_path / "issued.xlsx"
    result = run_cli(
        "pricing-schedule",
        "--responses",
        DEMO_RESPONSES,
        "--version",
        VERSION,
        "--status",
        STATUS,
        "--date",
        ISSUED.isoformat(),
        "--out",
        out,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == schedule


def test_a_bidder_name_stretched_over_its_merged_cells_still_reads(central, schedule):
    book = load(central)
    ((_, cell),) = book.defined_names["BidderName"].destinations
    book.defined_names["BidderName"].attr_text = f"Instructions!{cell}:$E${cell.split('$')[-1]}"
    assert read_bid(save(book), "acme.xlsx", schedule).bidder == "Acme Networks Ltd"


def test_a_bid_on_another_issue_names_the_field_and_both_values(catalogue, demo_responses, schedule):
    other_catalogue = replace(catalogue, digest="0" * 64)
    other = issued_schedule(other_catalogue, demo_responses, VERSION, STATUS, ISSUED)
    problems = problems_of(fill_schedule(other, "Acme Ltd", "central", catalogue), schedule)
    assert problems == [
        f"bid.xlsx: Instructions!B10: a schedule of another issue: its catalogue SHA-256 is \u201c{'0' * 64}\u201d, but the "
        f"schedule issued for this procurement has \u201c{catalogue.digest}\u201d; price the schedule issued for this tender "
        "(or, if this is the right one, put the \u201cAbout this schedule\u201d block back as it was)"
    ]
    later = issued_schedule(catalogue, demo_responses, "1.1", STATUS, ISSUED)
    (problem,) = problems_of(fill_schedule(later, "Acme Ltd", "central", catalogue), schedule)
    assert problem.startswith(
        "bid.xlsx: Instructions!B6: a schedule of another issue: its document version is \u201c1.1\u201d, "
        "but the schedule issued for this procurement has \u201c1.0\u201d"
    )


def test_sheets_added_removed_or_renamed_are_each_named(central, schedule):
    book = load(central)
    book.create_sheet("Our notes")
    del book["Lot 7 LAN and Wi-Fi"]
    book["Lot 6 CCTV"].title = "CCTV"
    problems = problems_of(save(book), schedule)
    assert problems[:3] == [
        "bid.xlsx: CCTV: the sheet \u201cLot 6 CCTV\u201d was renamed \u201cCCTV\u201d: give it its name back (sheets must "
        "keep the names they were issued with)",
        "bid.xlsx: Lot 7 LAN and Wi-Fi: the sheet \u201cLot 7 LAN and Wi-Fi\u201d is missing: return the workbook with every "
        "sheet it was issued with",
        "bid.xlsx: Our notes: the sheet \u201cOur notes\u201d was added: remove it (return the workbook with only the sheets "
        "it was issued with)",
    ]


def test_every_changed_locked_cell_is_named_with_what_it_was(central, schedule):
    wan = "Lot 1 WAN"
    changed = set_cells(
        central,
        {
            (wan, "G6"): 400,  # the partnership's quantity
            (wan, "B6"): "Managed site connection",  # a label
            (wan, "E25"): "=E6",  # a formula: table B's evaluated price read from another tier
            ("Demand by partner", "F5"): 48,  # a partner's months billed
            ("Instructions", "F3"): "Our own note",  # a cell that was empty
        },
    )
    problems = problems_of(changed, schedule)
    tail = "; only the yellow cells may be filled in, so put it back as it was (or start again from the issued schedule)"
    assert problems == [
        f"bid.xlsx: Instructions!F3: a locked cell was changed: it was empty, it is now \u201cOur own note\u201d{tail}",
        f"bid.xlsx: {wan}!B6: a locked cell was changed: it was \u201cManaged broadband site connection\u201d, it is now "
        f"\u201cManaged site connection\u201d{tail}",
        f"bid.xlsx: {wan}!G6: a locked cell was changed: it was 366, it is now 400{tail}",
        f"bid.xlsx: {wan}!E25: a locked cell was changed: it was the formula =E7, it is now the formula =E6{tail}",
        f"bid.xlsx: Demand by partner!F5: a locked cell was changed: it was 60, it is now 48{tail}",
    ]


def test_what_a_spreadsheet_rewrites_on_saving_is_not_a_change(central, schedule):
    """Excel and Calc may save 366 as 366.0, a formula in another case or spacing, an empty text cell as
    none, or a function with its namespace prefix; the content is the same."""
    rewritten = set_cells(
        central,
        {
            ("Lot 1 WAN", "D25"): 366.0,
            ("Lot 1 WAN", "G31"): "=sum( G25:G30 )",
            ("Demand by partner", "I5"): "=_xlfn.ROUND(E5*G5, 2)",
            ("Demand by partner", "G5"): "='Lot 1 WAN'!$E$25",
            ("Instructions", "F3"): "",
        },
    )
    assert read_bid(rewritten, "acme.xlsx", schedule).bidder == "Acme Networks Ltd"
    # Quoted text (sheet names, strings) is compared as written: no application rewrites it, a hand edit does.
    (problem,) = problems_of(set_cells(central, {("Lot 1 WAN", "G25"): "=SUM('DEMAND BY PARTNER'!I5:I9)"}), schedule)
    assert problem.startswith("bid.xlsx: Lot 1 WAN!G25: a locked cell was changed")


def test_a_sheet_pasted_over_lists_twenty_cells_then_how_many_more(central, schedule):
    changes = {("Demand by partner", f"E{row}"): 123456 for row in range(5, 40)}
    problems = problems_of(set_cells(central, changes), schedule)
    assert len(problems) == 21
    assert problems[-1] == (
        "bid.xlsx: Demand by partner: and 15 more locked cells were changed on this sheet: start again "
        "from the issued schedule and fill in only the yellow cells"
    )


def test_a_value_in_the_last_cell_of_a_sheet_is_one_change_found_at_once(central, schedule):
    started = time.perf_counter()
    (problem,) = problems_of(set_cells(central, {("Lot 1 WAN", "XFD1048576"): "x"}), schedule)
    assert problem.startswith("bid.xlsx: Lot 1 WAN!XFD1048576: a locked cell was changed: it was empty, it is now \u201cx\u201d")
    assert time.perf_counter() - started < 10  # not seventeen billion empty cells compared


def test_a_schedule_saved_by_libreoffice_calc_is_read_as_the_same_bid(catalogue, central, schedule, tmp_path):
    prices = {
        "wan": "central",
        "cctv": {line.id: ([D("0.1") + i for i in range(len(line.tiers))], D("1234.5678")) for line in catalogue.lot("cctv").service_lines},
    }
    typed = fill_schedule(schedule, "Calc Users Ltd", prices, catalogue)
    through_calc = calc_round_trip(typed, tmp_path)
    assert b"LibreOffice" in __import__("zipfile").ZipFile(__import__("io").BytesIO(through_calc)).read("docProps/app.xml")
    direct, returned = read_bid(typed, "calc.xlsx", schedule), read_bid(through_calc, "calc.xlsx", schedule)
    assert (returned.bidder, returned.lots, returned.issue) == (direct.bidder, direct.lots, direct.issue)
    line = returned.lot("cctv").lines[0]
    assert line.tier_prices[0] == D("0.1") and line.connection_charge == D("1234.5678")
    # Every lot at the catalogue's prices, through Calc, is the same bid as before Calc.
    assert read_bid(calc_round_trip(central, tmp_path), "acme.xlsx", schedule).lots == read_bid(central, "acme.xlsx", schedule).lots


def test_calc_keeps_a_real_change_to_a_locked_cell_visible(central, schedule, tmp_path):
    changed = set_cells(central, {("Lot 1 WAN", "G6"): 400, ("Lot 1 WAN", "I25"): "=SUM('Demand by partner'!L5:L8)"})
    problems = problems_of(calc_round_trip(changed, tmp_path), schedule)
    assert [p.split(": a locked cell was changed: ")[0] for p in problems] == ["bid.xlsx: Lot 1 WAN!G6", "bid.xlsx: Lot 1 WAN!I25"]
    assert "it was 366, it is now 400" in problems[0]
    assert "it was the formula =SUM('Demand by partner'!L5:L9), it is now the formula =SUM('Demand by partner'!L5:L8)" in problems[1]


def test_the_helper_fills_the_rows_a_bidder_sees(catalogue, schedule):
    """bid_files finds the cells from the sheet as shown, independently of the reader."""
    sheet = lot_sheets(load(schedule))["wan"]
    rows = line_rows(sheet)
    assert list(rows) == [line.id for line in catalogue.lot("wan").service_lines]
    assert [len(r) for r in rows.values()] == [len(line.tiers) for line in catalogue.lot("wan").service_lines]
