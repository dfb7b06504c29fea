"""`cpsn-builder bids check` and read_bid_files: many returned workbooks, each accepted or refused."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from bid_files import ISSUED, STATUS, bidder_cell, fill_schedule
from cli_runner import run_cli
from conftest import DEMO_RESPONSES

from cpsn_builder.tenders.issued import issued_schedule
from cpsn_builder.tenders.models import BidRejected
from cpsn_builder.tenders.workbook import read_bid_files

ALL_LOTS = "wan, wan_internal, internet_psn, telephony, ip_telephony, cctv, lan_wifi"


@pytest.fixture()
def returned(tmp_path, catalogue, schedule) -> Path:
    """A folder of returned workbooks: two good bids (one for one lot, tiers rising) and one refused."""
    folder = tmp_path / "returned"
    folder.mkdir()
    (folder / "acme.xlsx").write_bytes(fill_schedule(schedule, "Acme Networks Ltd", "central", catalogue))
    cctv = {line.id: ([10] * len(line.tiers), 5) for line in catalogue.lot("cctv").service_lines}
    first = catalogue.lot("cctv").service_lines[0]
    cctv[first.id] = (list(range(1, len(first.tiers) + 1)), 5)
    (folder / "beta.xlsx").write_bytes(fill_schedule(schedule, "Beta Telecom plc", {"cctv": cctv}))
    (folder / "gamma.xlsx").write_bytes(fill_schedule(schedule, None, {"wan": "central"}, catalogue))
    (folder / "readme.txt").write_text("not a bid, and not .xlsx: left out of a folder")
    return folder


def test_bids_check_accepts_or_refuses_each_file_and_exits_1_when_any_is_refused(returned, catalogue, schedule):
    result = run_cli("bids", "check", returned, "--responses", DEMO_RESPONSES)
    first = catalogue.lot("cctv").service_lines[0]
    tiers = ", ".join(f"£{i}.00 for {label}" for i, label in enumerate(_labels(first), 1))
    assert result.stdout.splitlines() == [
        f"acme.xlsx: accepted: Acme Networks Ltd, lots: {ALL_LOTS}",
        "beta.xlsx: accepted: Beta Telecom plc, lots: cctv",
        f"beta.xlsx: note: Lot 6 CCTV: {first.id}: tier prices rise with volume ({tiers}); accepted, and flagged for the evaluation",
        f"gamma.xlsx: Instructions!{bidder_cell(schedule)}: your organisation's name is missing: enter it in the yellow cell \u201cYour "
        "organisation (bidder)\u201d",
    ]
    assert result.stderr.strip() == "2 accepted, 1 refused."
    assert result.returncode == 1


def _labels(line) -> list[str]:
    return [f"{t.from_:,} and over" if t.to is None else f"{t.from_:,} to {t.to:,}" for t in line.tiers]


def test_bids_check_of_good_files_exits_0_and_takes_the_issued_schedule_instead(returned, schedule, tmp_path):
    issued = tmp_path / "issued.xlsx"
    issued.write_bytes(schedule)
    result = run_cli("bids", "check", returned / "acme.xlsx", returned / "beta.xlsx", "--schedule", issued)
    assert (result.returncode, result.stderr.strip()) == (0, "2 accepted, 0 refused.")
    assert result.stdout.splitlines()[0] == f"acme.xlsx: accepted: Acme Networks Ltd, lots: {ALL_LOTS}"


def test_each_file_is_checked_against_the_schedule_rebuilt_for_the_issue_it_names(tmp_path, catalogue, demo_responses):
    later = issued_schedule(catalogue, demo_responses, "1.1", STATUS, ISSUED)
    (tmp_path / "later.xlsx").write_bytes(fill_schedule(later, "Later Ltd", "central", catalogue))
    other = issued_schedule(replace(catalogue, digest="f" * 64), demo_responses, "1.0", STATUS, ISSUED)
    (tmp_path / "other.xlsx").write_bytes(fill_schedule(other, "Other Ltd", "central", catalogue))
    result = run_cli("bids", "check", tmp_path / "later.xlsx", tmp_path / "other.xlsx", "--responses", DEMO_RESPONSES)
    lines = result.stdout.splitlines()
    assert lines[0] == f"later.xlsx: accepted: Later Ltd, lots: {ALL_LOTS}"
    assert lines[1].startswith(
        f"other.xlsx: Instructions!B10: a schedule of another issue: its catalogue SHA-256 is "
        f"\u201c{'f' * 64}\u201d, but the schedule issued for this procurement has \u201c{catalogue.digest}\u201d"
    )
    assert len(lines) == 2 and result.returncode == 1


def test_two_bids_from_one_bidder_are_both_refused(tmp_path, catalogue, schedule):
    (tmp_path / "a.xlsx").write_bytes(fill_schedule(schedule, "Acme Ltd", "central", catalogue))
    (tmp_path / "b.xlsx").write_bytes(fill_schedule(schedule, "ACME  Ltd", {"wan": "central"}, catalogue))
    result = run_cli("bids", "check", tmp_path, "--responses", DEMO_RESPONSES)
    assert result.stdout.splitlines() == [
        "a.xlsx: two bids from Acme Ltd: a.xlsx, b.xlsx; a bidder returns one schedule, so withdraw all but one (or "
        "correct the organisation's name where these are different bidders)",
        "b.xlsx: two bids from ACME Ltd: a.xlsx, b.xlsx; a bidder returns one schedule, so withdraw all but one (or "
        "correct the organisation's name where these are different bidders)",
    ]
    assert result.returncode == 1


def test_bids_check_says_what_it_needs(tmp_path):
    result = run_cli("bids", "check", tmp_path / "missing.xlsx", "--responses", DEMO_RESPONSES)
    assert result.returncode == 2 and f"no such file: {tmp_path / 'missing.xlsx'}" in result.stderr
    (tmp_path / "x.xlsx").write_bytes(b"x")
    result = run_cli("bids", "check", tmp_path / "x.xlsx")
    assert result.returncode == 2 and "give --responses" in result.stderr and "or --schedule" in result.stderr
    result = run_cli("bids", "check", tmp_path / "x.xlsx", "--schedule", tmp_path / "x.xlsx")
    assert result.returncode == 2 and "is not a schedule that can be read: not an Excel workbook (.xlsx)" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("bids", "check", empty, "--responses", DEMO_RESPONSES)
    assert result.returncode == 2 and "no returned workbooks (.xlsx) in" in result.stderr


def test_read_bid_files_gives_every_bid_or_one_refusal_with_every_files_problems(returned, catalogue, demo_responses, schedule):
    with pytest.raises(BidRejected) as refused:
        read_bid_files([returned], catalogue, demo_responses)
    assert [(p.file, p.cell) for p in refused.value.problems] == [("gamma.xlsx", bidder_cell(schedule))]
    (returned / "gamma.xlsx").unlink()
    (returned / "delta.xlsx").write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(BidRejected) as refused:
        read_bid_files([returned / "acme.xlsx", returned / "delta.xlsx"], catalogue, demo_responses)
    assert [p.file for p in refused.value.problems] == ["delta.xlsx"]
    (returned / "delta.xlsx").unlink()
    bids = read_bid_files([returned], catalogue, demo_responses)
    assert [(b.bidder, b.file_name, [lot.lot_id for lot in b.lots]) for b in bids] == [
        ("Acme Networks Ltd", "acme.xlsx", ALL_LOTS.split(", ")),
        ("Beta Telecom plc", "beta.xlsx", ["cctv"]),
    ]


def test_bids_check_against_other_responses_says_so(tmp_path, catalogue, schedule):
    """Response files carry no snapshot time: other responses give the same issue but other quantities."""
    (tmp_path / "acme.xlsx").write_bytes(fill_schedule(schedule, "Acme Ltd", "central", catalogue))
    fewer = tmp_path / "responses"
    fewer.mkdir()
    for source in sorted(DEMO_RESPONSES.iterdir())[:-1]:
        (fewer / source.name).write_bytes(source.read_bytes())
    result = run_cli("bids", "check", tmp_path / "acme.xlsx", "--responses", fewer)
    assert result.returncode == 1 and "a locked cell was changed" in result.stdout
    assert (
        "the schedule was issued from other responses than --responses: give the ones it was issued from, or the "
        "issued file with --schedule" in result.stderr
    )
