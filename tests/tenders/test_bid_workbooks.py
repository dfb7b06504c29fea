"""Reading returned pricing schedules: what a good bid gives."""
from __future__ import annotations

import hashlib
from decimal import Decimal as D

from bid_files import fill_schedule

from cpsn_builder.tenders.issued import issue_of
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
    prices = {"wan": {line.id: ([tier.price + 1 for tier in line.tiers], D("12.5"), [D("0.1")] * len(line.tiers))
                      for line in catalogue.lot("wan").service_lines}, "cctv": "central"}
    bid = read_bid(fill_schedule(schedule, "Beta plc", prices, catalogue), "beta.xlsx", schedule)
    assert [lot.lot_id for lot in bid.lots] == ["wan", "cctv"]
    first = catalogue.lot("wan").service_lines[0]
    assert bid.lot("wan").line(first.id).tier_prices == tuple(tier.price + 1 for tier in first.tiers)
    assert bid.lot("wan").line(first.id).connection_charge == D("12.5")
    assert bid.lot("wan").line(first.id).extension_prices == (D("0.1"),) * len(first.tiers)
    assert bid.lot("telephony") is None
