"""Flags a lead must resolve, and the marks and award files with every problem at its line."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from worked_case import BIDS, ISSUE, load, marks

from cpsn_builder.source.problems import ProblemsFound
from cpsn_builder.tenders.award_file import load_award
from cpsn_builder.tenders.evaluation import evaluate
from cpsn_builder.tenders.marks_file import load_marks
from cpsn_builder.tenders.models import Bid, LinePrices, LotBid

D = Decimal


def _kinds(evaluation, bidder):
    return sorted((f.kind, f.lot_id, f.line_id) for f in evaluation.flags if f.bidder == bidder)


def test_a_price_above_the_high_case_and_tiers_rising_with_volume_are_flagged(tmp_path):
    catalogue, responses = load(tmp_path)
    # The 100-and-over tier at 4,900 is above the high case (4,800) and dearer than the first tier's 4,000;
    # 500 circuit-years at 4,900 (2,450,000) are over the 2,150,000 envelope too.
    odd = Bid("Dearer Ltd", "d.xlsx", "0" * 64, ISSUE, (LotBid("wan", (LinePrices("eth_100m", (D(4000), D(4900)), D(0)),)),))
    evaluation = evaluate(catalogue, responses, BIDS + (odd,), marks())
    assert _kinds(evaluation, "Dearer Ltd") == [
        ("above_high_case", "wan", "eth_100m"),
        ("over_envelope", None, None),
        ("rising_tiers", "wan", "eth_100m"),
    ]
    messages = [f.message for f in evaluation.flags if f.bidder == "Dearer Ltd" and f.lot_id]
    assert "at £4,900.00 a circuit a year in the tier used, above the estimate's high case of £4,800.00" in messages[0]
    assert "£4,900.00 from 100 units against £4,000.00 from 1" in messages[1]


def test_a_bid_over_the_envelope_and_a_late_bid_are_flagged(tmp_path):
    catalogue, responses = load(tmp_path)
    # 2,200,000 a term for the WAN alone is over the 2,150,000 envelope.
    dear = Bid("Dear Ltd", "e.xlsx", "0" * 64, ISSUE, (LotBid("wan", (LinePrices("eth_100m", (D(4400), D(4400)), D(0)),)),))
    evaluation = evaluate(catalogue, responses, BIDS + (dear,), marks(), late={"Dear Ltd": "courier delayed, 12:05"})
    assert _kinds(evaluation, "Dear Ltd") == [("late", None, None), ("over_envelope", None, None)]
    over = next(f for f in evaluation.flags if f.kind == "over_envelope")
    assert over.message == ("Dear Ltd's tendered contract value, £2,200,000.00, is over the envelope of £2,150,000.00 by £50,000.00.")


def test_exactly_the_threshold_below_is_not_abnormally_low(tmp_path):
    catalogue, responses = load(tmp_path)
    # Internet estimate 140,000; 30% below is 98,000: 7,000 a gateway gives exactly that.
    at = Bid("Edge Ltd", "f.xlsx", "0" * 64, ISSUE, (LotBid("internet", (LinePrices("gateway", (D(7000),), D(0)),)),))
    below = replace(at, bidder="Under Ltd", lots=(LotBid("internet", (LinePrices("gateway", (D("6999.99"),), D(0)),)),))
    evaluation = evaluate(catalogue, responses, (at, below), marks({}))
    assert _kinds(evaluation, "Edge Ltd") == []
    assert _kinds(evaluation, "Under Ltd") == [("abnormally_low", "internet", None)]


def test_two_bids_from_one_bidder_are_refused(tmp_path):
    catalogue, responses = load(tmp_path)
    with pytest.raises(ValueError, match="two bids name the bidder Anglia Networks"):
        evaluate(catalogue, responses, BIDS + (replace(BIDS[0], file_name="again.xlsx"),), marks())


def test_marks_file_problems_each_at_their_line(tmp_path):
    catalogue, _ = load(tmp_path)
    path = tmp_path / "marks.yml"
    path.write_text(
        "marks:\n"
        "  - bidder: Anglia Networks\n"
        "    lot: wan\n"
        "    criteria:\n"
        "      Q1: {evaluators: {J Smith: 5}, moderated: 3}\n"
        "      Q9: {moderated: 2}\n"
        "  - bidder: Anglia Network\n"
        "    lot: phones\n"
        "    criteria: {}\n"
        "  - bidder: Breckland Data\n"
        "    lot: internet\n"
        "    criteria: {Q1: {moderated: 2}}\n"
    )
    with pytest.raises(ProblemsFound) as found:
        load_marks(path, catalogue, BIDS)
    text = [str(p).split(":", 1)[1] for p in found.value.problems]
    assert any(line.startswith("5:") and "4" in line for line in text), text
    with pytest.raises(ProblemsFound) as found:
        path.write_text(path.read_text().replace("J Smith: 5", "J Smith: 4"))
        load_marks(path, catalogue, BIDS)
    text = sorted(str(p).split(":", 1)[1] for p in found.value.problems)
    assert text == [
        "11: Breckland Data did not bid for lot 'internet'",
        "6: no quality criterion Q9: the criteria are Q1, Q2, Q3, Q4, Q5, Q6",
        "7: no bid from 'Anglia Network': the bidders are Anglia Networks, Breckland Data, Cam Telecom (names as in their schedules)",
        "8: no lot 'phones' in the catalogue: use one of wan, internet",
    ]


def test_marks_file_read(tmp_path):
    catalogue, _ = load(tmp_path)
    path = tmp_path / "marks.yml"
    path.write_text("marks:\n  - {bidder: Cam Telecom, lot: wan, criteria: {Q2: {evaluators: {J Smith: 3, A Patel: 1}, moderated: 2}}}\n")
    read = load_marks(path, catalogue, BIDS).of("Cam Telecom", "wan", "Q2")
    assert (read.evaluators, read.moderated) == ((("J Smith", 3), ("A Patel", 1)), 2)


def test_award_file(tmp_path):
    path = tmp_path / "award.yml"
    path.write_text(
        "award:\n  - {lot: wan, bidder: Anglia Networks, reason: Best.}\n  - {lot: internet, bidder: null, reason: None fit.}\n"
        "resolutions:\n  - {flag: abnormally_low, bidder: Breckland Data, lot: wan, resolution: Explained.}\n"
    )
    award = load_award(path)
    assert award.choices == (("wan", "Anglia Networks", "Best."), ("internet", None, "None fit."))
    assert award.resolutions[0].kind == "abnormally_low" and award.resolutions[0].line_id is None
    path.write_text("award:\n  - {lot: wan, bidder: X, reason: ''}\nresolutions:\n  - {flag: cheap, bidder: X, resolution: y}\n")
    with pytest.raises(ProblemsFound) as found:
        load_award(path)
    assert [p.line for p in found.value.problems] == [2, 4]
