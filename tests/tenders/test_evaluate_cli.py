"""`cpsn-builder evaluate` on real returned workbooks: the schedule as the CLI issues it, priced with
openpyxl, one of them recalculated and saved by LibreOffice Calc as a bidder using Calc would."""

from __future__ import annotations

import json

import pytest
from bid_files import calc_round_trip, fill_schedule
from cli_runner import run_cli
from conftest import REPO

from cpsn_builder.engine import estimate

RESPONSES = REPO / "demo" / "responses"


def _marks(bidders_lots: dict[str, list[str]], mark: int = 3) -> str:
    lines = ["marks:"]
    for bidder, lots in bidders_lots.items():
        for lot in lots:
            criteria = ", ".join(f"Q{n}: {{evaluators: {{J Smith: {mark}, A Patel: {mark}}}, moderated: {mark}}}" for n in range(1, 7))
            lines += [f"  - bidder: {bidder}", f"    lot: {lot}", f"    criteria: {{{criteria}}}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def returned(tmp_path_factory, catalogue, demo_responses):
    root = tmp_path_factory.mktemp("tenders")
    issued = root / "schedule.xlsx"
    assert run_cli("pricing-schedule", "--responses", RESPONSES, "--out", issued, "--version", "1.0", "--status", "Final").returncode == 0
    bids = root / "bids"
    bids.mkdir()
    at_central = fill_schedule(issued.read_bytes(), "Central Networks Ltd", "central")
    (bids / "central.xlsx").write_bytes(calc_round_trip(at_central, root))
    lots = [lot.lot_id for lot in estimate(catalogue, demo_responses).lots]
    (bids / "one-lot.xlsx").write_bytes(fill_schedule(issued.read_bytes(), "One Lot Ltd", {lots[0]: "central"}))
    marks = root / "marks.yml"
    marks.write_text(_marks({"Central Networks Ltd": lots, "One Lot Ltd": lots[:1]}))
    return bids, marks, lots


def test_a_bid_at_the_catalogues_central_prices_evaluates_to_the_estimate(returned, catalogue, demo_responses):
    bids, marks, lots = returned
    run = run_cli("evaluate", "--responses", RESPONSES, "--bids", bids, "--scores", marks, "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    est = estimate(catalogue, demo_responses)
    central = next(b for b in data["bids"] if b["bidder"] == "Central Networks Ltd")
    assert central["tendered_contract_value"] == f"{est.totals.contract_value:.2f}" == data["estimate_contract_value"]
    assert central["lots"] == lots
    first = data["lots"][0]
    # Two bids at the same prices and marks for the first lot: a tie, reported as one.
    assert first["tied"] == ["Central Networks Ltd", "One Lot Ltd"] and first["leader"] is None
    assert [t["difference"] for t in first["tenders"]] == ["0.00", "0.00"]
    assert all(lot["leader"] == "Central Networks Ltd" for lot in data["lots"][1:])


def test_the_table_and_csv(returned):
    bids, marks, lots = returned
    table = run_cli("evaluate", "--responses", RESPONSES, "--bids", bids, "--scores", marks)
    assert table.returncode == 0, table.stderr
    assert "Tied on total and quality: Central Networks Ltd and One Lot Ltd" in table.stdout
    assert "No flags." in table.stdout
    csv_run = run_cli("evaluate", "--responses", RESPONSES, "--bids", bids, "--scores", marks, "--format", "csv")
    assert csv_run.stdout.splitlines()[0].startswith("lot,lot_title,estimate,bidder,evaluated_price")
    assert len(csv_run.stdout.splitlines()) == 1 + len(lots) + 1


def test_marks_for_a_bidder_who_did_not_bid_are_refused_at_their_line(returned, tmp_path):
    bids, _, lots = returned
    marks = tmp_path / "marks.yml"
    marks.write_text(_marks({"Centrall Networks Ltd": lots[:1]}))
    run = run_cli("evaluate", "--responses", RESPONSES, "--bids", bids, "--scores", marks)
    assert run.returncode == 1
    assert "marks.yml:2: no bid from 'Centrall Networks Ltd': the bidders are Central Networks Ltd, One Lot Ltd" in run.stderr
    assert "nothing was produced" in run.stderr


def test_a_refused_workbook_stops_the_evaluation_with_its_problems(returned, tmp_path):
    bids, marks, _ = returned
    folder = tmp_path / "bids"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes((bids / "central.xlsx").read_bytes())
    (folder / "notes.xlsx").write_bytes(b"not a workbook at all")
    run = run_cli("evaluate", "--responses", RESPONSES, "--bids", folder, "--scores", marks)
    assert run.returncode == 1
    assert run.stderr.startswith(f"{folder / 'notes.xlsx'}") or "notes.xlsx: " in run.stderr
    assert "found; nothing was produced." in run.stderr


def test_evaluate_says_what_it_needs():
    run = run_cli("evaluate")
    assert run.returncode == 2 and "give --responses, --bids, --scores" in run.stderr
