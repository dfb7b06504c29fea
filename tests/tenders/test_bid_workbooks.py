"""Reading returned pricing schedules: what a good bid gives."""

from __future__ import annotations

import hashlib
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st
from bid_files import bidder_cell, fill_schedule, problems_of, set_cells

from cpsn_builder.tenders.issued import issue_of
from cpsn_builder.tenders.price_cells import NotAPrice, price_of
from cpsn_builder.tenders.workbook import open_workbook, read_bid


def test_a_bid_at_the_catalogues_prices_reads_back_every_lot_line_and_tier(catalogue, demo_estimate, schedule):
    data = fill_schedule(schedule, "  Acme   Networks Ltd ", "central", catalogue)
    bid = read_bid(data, "acme.xlsx", schedule)
    assert (bid.bidder, bid.file_name, bid.sha256) == ("Acme Networks Ltd", "acme.xlsx", hashlib.sha256(data).hexdigest())
    assert bid.issue == issue_of(open_workbook(schedule, "issued.xlsx"))
    assert bid.issue.catalogue_digest == demo_estimate.catalogue_digest
    assert bid.issue.schedule_version == "1.0"
    assert [lot.lot_id for lot in bid.lots] == [lot.lot_id for lot in demo_estimate.lots]
    for lot in bid.lots:
        catalogue_lot = catalogue.lot(lot.lot_id)
        assert [line.line_id for line in lot.lines] == [line.id for line in catalogue_lot.service_lines]
        for line, source in zip(lot.lines, catalogue_lot.service_lines):
            assert line.tier_prices == tuple(tier.price for tier in source.tiers)
            assert line.connection_charge == source.connection_charge
            assert line.extension_prices == line.tier_prices
            assert all(isinstance(price, D) for price in (*line.tier_prices, line.connection_charge))
    assert bid.notes == ()


def test_a_bid_for_some_lots_holds_only_those(catalogue, schedule):
    prices = {
        "wan": {
            line.id: ([tier.price + 1 for tier in line.tiers], D("12.5"), [D("0.1")] * len(line.tiers))
            for line in catalogue.lot("wan").service_lines
        },
        "cctv": "central",
    }
    bid = read_bid(fill_schedule(schedule, "Beta plc", prices, catalogue), "beta.xlsx", schedule)
    assert [lot.lot_id for lot in bid.lots] == ["wan", "cctv"]
    first = catalogue.lot("wan").service_lines[0]
    assert bid.lot("wan").line(first.id).tier_prices == tuple(tier.price + 1 for tier in first.tiers)
    assert bid.lot("wan").line(first.id).connection_charge == D("12.5")
    assert bid.lot("wan").line(first.id).extension_prices == (D("0.1"),) * len(first.tiers)
    assert bid.lot("telephony") is None


# --- The price cells ------------------------------------------------------------------------------


def _wan(catalogue, **lines):
    """The WAN lot at the catalogue's prices, with some lines' entries replaced."""
    prices = {line.id: ([tier.price for tier in line.tiers], line.connection_charge) for line in catalogue.lot("wan").service_lines}
    prices.update(lines)
    return {"wan": prices}


def test_prices_read_as_the_decimals_typed(catalogue, schedule):
    # openpyxl stores the floats a spreadsheet stores; each must come back as the number typed.
    typed = {"broadband_site": ([0.1, 1234.5678, 0.0125], 0.3), "eth_10m": ([1e-4, 99999999.9999, 7], 0)}
    bid = read_bid(fill_schedule(schedule, "Acme", _wan(catalogue, **typed)), "a.xlsx", schedule)
    assert bid.lot("wan").line("broadband_site").tier_prices == (D("0.1"), D("1234.5678"), D("0.0125"))
    assert bid.lot("wan").line("broadband_site").connection_charge == D("0.3")
    assert bid.lot("wan").line("eth_10m").tier_prices == (D("0.0001"), D("99999999.9999"), D("7"))


def test_a_price_in_excels_seventeen_digits_is_the_number_excel_shows():
    # Excel may store 0.1 + 0.2 typed as 0.3 as its binary value's 17 digits; it shows and means 0.3.
    assert price_of(0.30000000000000004) == D("0.3")
    assert price_of(64.099999999999994) == D("64.1")
    with pytest.raises(NotAPrice, match=r"0.00001 has 5 decimal places: give prices to at most 4 decimal places"):
        price_of(0.00001)
    assert price_of(12) == D(12) and price_of(D("1.50")) == D("1.50")


def test_text_formulas_negative_prices_and_too_many_decimals_are_each_refused(catalogue, schedule):
    bad = _wan(catalogue, broadband_site=(["£1,100", "=E7*2", -950], 0.00001), eth_10m=(["950 per year", True, 3], "   "))
    problems = problems_of(fill_schedule(schedule, "Acme", bad), schedule)
    assert problems == [
        "bid.xlsx: Lot 1 WAN!E6: \u201c£1,100\u201d is text, not a number (a number stored as text: retype it as a plain "
        "number): enter the price as a number of pounds without the £ sign, commas or words, e.g. 1250.50",
        "bid.xlsx: Lot 1 WAN!E7: a formula (=E7*2): enter the price itself as a number (values only, no formulas or links to other cells)",
        "bid.xlsx: Lot 1 WAN!E8: £-950 is negative: a price is £0 or more",
        "bid.xlsx: Lot 1 WAN!F6: 0.00001 has 5 decimal places: give prices to at most 4 decimal places (e.g. 0.0125)",
        # the extension years' prices default to the tier prices, so they are refused the same way
        "bid.xlsx: Lot 1 WAN!I6: \u201c£1,100\u201d is text, not a number (a number stored as text: retype it as a plain "
        "number): enter the price as a number of pounds without the £ sign, commas or words, e.g. 1250.50",
        "bid.xlsx: Lot 1 WAN!I7: a formula (=E7*2): enter the price itself as a number (values only, no formulas or links to other cells)",
        "bid.xlsx: Lot 1 WAN!I8: £-950 is negative: a price is £0 or more",
        "bid.xlsx: Lot 1 WAN!E9: \u201c950 per year\u201d is text, not a number: enter the price as a number of pounds "
        "without the £ sign, commas or words, e.g. 1250.50",
        "bid.xlsx: Lot 1 WAN!E10: TRUE is not a price: enter an amount in pounds, e.g. 1250.50",
        "bid.xlsx: Lot 1 WAN!F9: no connection charge for eth_10m (enter 0 if there is none): every yellow cell of a lot "
        "you bid for must be filled in (leave the sheet blank not to bid for the lot)",
        "bid.xlsx: Lot 1 WAN!I9: \u201c950 per year\u201d is text, not a number: enter the price as a number of pounds "
        "without the £ sign, commas or words, e.g. 1250.50",
        "bid.xlsx: Lot 1 WAN!I10: TRUE is not a price: enter an amount in pounds, e.g. 1250.50",
    ]


def test_a_lot_bid_for_must_price_every_tier_connection_charge_and_extension_year(catalogue, schedule):
    prices = _wan(catalogue, eth_1g=([16000, None, 11500], None, [16500, 14000, None]))
    problems = problems_of(fill_schedule(schedule, "Acme", prices), schedule)
    tail = ": every yellow cell of a lot you bid for must be filled in (leave the sheet blank not to bid for the lot)"
    assert problems == [
        f"bid.xlsx: Lot 1 WAN!E16: no price for eth_1g, tier 10 to 29{tail}",
        f"bid.xlsx: Lot 1 WAN!F15: no connection charge for eth_1g (enter 0 if there is none){tail}",
        f"bid.xlsx: Lot 1 WAN!I17: no extension years' price for eth_1g, tier 30 and over{tail}",
    ]
    # One price typed on a lot's sheet is a bid for that lot: everything else on it is then missing.
    one = problems_of(
        fill_schedule(
            schedule,
            "Acme",
            {
                "cctv": {
                    catalogue.lot("cctv").service_lines[0].id: (
                        [5] + [None] * (len(catalogue.lot("cctv").service_lines[0].tiers) - 1),
                        None,
                    )
                }
            },
        ),
        schedule,
    )
    assert one and all(p.startswith("bid.xlsx: Lot 6 CCTV!") and p.endswith(tail) for p in one)


def test_a_workbook_with_no_lot_priced_or_no_bidder_is_refused(catalogue, schedule):
    assert problems_of(fill_schedule(schedule, "Acme", {}), schedule) == [
        "bid.xlsx: no lot is priced: fill in every yellow cell of the sheet of each lot you bid for (leave the sheets of "
        "the other lots blank)"
    ]
    assert problems_of(fill_schedule(schedule, "   ", "central", catalogue), schedule) == [
        f"bid.xlsx: Instructions!{bidder_cell(schedule)}: your organisation's name is missing: enter it in the yellow cell \u201cYour "
        "organisation (bidder)\u201d"
    ]


def test_every_problem_of_a_workbook_comes_at_once(catalogue, schedule):
    data = set_cells(fill_schedule(schedule, None, _wan(catalogue, resilience=([-1, 2], "x"))), {("Lot 1 WAN", "G6"): 1})
    problems = problems_of(data, schedule)
    assert [p.split(": ")[1] for p in problems] == [
        "Lot 1 WAN!G6",
        f"Instructions!{bidder_cell(schedule)}",
        "Lot 1 WAN!E20",
        "Lot 1 WAN!F20",
        "Lot 1 WAN!I20",
    ]


def test_tier_prices_that_rise_with_volume_are_accepted_and_noted(catalogue, schedule):
    prices = _wan(catalogue, eth_10m=([3600, 3700, 3800], 2500), core_10g=([42000, 36000], 10000))
    bid = read_bid(fill_schedule(schedule, "Acme", prices), "a.xlsx", schedule)
    assert bid.lot("wan").line("eth_10m").tier_prices == (D(3600), D(3700), D(3800))
    assert bid.notes == (
        "Lot 1 WAN: eth_10m: tier prices rise with volume (£3,600.00 for 1 to 49, £3,700.00 for 50 to 149, "
        "£3,800.00 for 150 and over); accepted, and flagged for the evaluation",
    )
    # Equal prices across tiers do not rise.
    flat = _wan(catalogue, eth_10m=([3600, 3600, 3600], 2500))
    assert read_bid(fill_schedule(schedule, "Acme", flat), "a.xlsx", schedule).notes == ()


@given(st.decimals(min_value=0, max_value=D("99999999999"), places=4, allow_nan=False, allow_infinity=False))
def test_any_price_of_up_to_4_places_typed_reads_back_exactly(price):
    """A spreadsheet stores what was typed as the nearest float; the price read is what was typed."""
    assert price_of(float(price)) == price
    assert price_of(float(f"{price:f}")) == price
