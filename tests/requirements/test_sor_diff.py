"""`cpsn-builder sor-diff` lists exactly what changed between two requirement sets, and nothing else."""

from __future__ import annotations

import shutil

import re

from conftest import DEMO_RESPONSES
from cpsn_builder.requirements import apply_set, dump_set, standard_set
from cpsn_builder.requirements.diff import ClauseChange, diff_versions
from requirements_helpers import run, tailored


def test_the_diff_names_each_change_once(catalogue):
    old, new = standard_set(catalogue), tailored(catalogue)
    # Also reword one clause and move another, to see every kind of change at once.
    lots = []
    for entry in new.lots:
        clauses = list(entry.requirements)
        if entry.lot == "cctv":
            clauses = [
                c.model_copy(update={"text": c.text + " Recordings are kept for 31 days."}) if c.id == "CCTV-002" else c for c in clauses
            ]
            clauses.append(clauses.pop(0))
        lots.append(entry.model_copy(update={"requirements": clauses}))
    new = new.model_copy(update={"lots": lots})
    diff = diff_versions(apply_set(catalogue, old), apply_set(catalogue, new), new)
    cctv_002 = next(r for r in catalogue.lot("cctv").requirements if r.id == "CCTV-002")
    wan_006 = next(r for r in catalogue.lot("wan").requirements if r.id == "WAN-006")
    assert sorted(diff.clauses, key=lambda c: (c.lot_id, c.clause_id, c.kind)) == [
        ClauseChange("cctv", "CCTV-001", "moved", None, "after CCTV-003"),
        ClauseChange("cctv", "CCTV-002", "text", cctv_002.text, cctv_002.text + " Recordings are kept for 31 days."),
        ClauseChange("wan", "WAN-004", "priority", "Should", "Must"),
        ClauseChange("wan", "WAN-006", "withdrawn", wan_006.text, "Rural sites are covered by WAN-101."),
        ClauseChange(
            "wan", "WAN-101", "added", None, "The supplier should connect the rural depots with {{ demand.eth_10m | number }} circuits."
        ),
    ]
    assert diff.sections == () and diff.demand == ()
    assert diff_versions(apply_set(catalogue, new), apply_set(catalogue, new), new).empty


def test_the_command_lists_clauses_and_the_demand_that_moved(tmp_path, catalogue, demo_estimate):
    old, new = tmp_path / "v0.1.yml", tmp_path / "v1.0.yml"
    old.write_text(dump_set(standard_set(catalogue)))
    new.write_text(dump_set(tailored(catalogue)))
    responses = tmp_path / "responses"
    shutil.copytree(DEMO_RESPONSES, responses)
    fenland = responses / "fenland.yml"
    text = fenland.read_text()
    count = int(re.search(r"sites_10m: (\d+)", text).group(1))
    fenland.write_text(text.replace(f"sites_10m: {count}", f"sites_10m: {count + 5}", 1))
    result = run("sor-diff", old, new, "--old-responses", DEMO_RESPONSES, "--responses", responses)
    assert result.exit_code == 0, result.output
    eth_10m = next(line.quantity for lot in demo_estimate.lots for line in lot.lines if line.line_id == "eth_10m")
    assert result.output.splitlines() == [
        "Changes from v0.1.yml to v1.0.yml:",
        "",
        "Data access and wide area network",
        "  Withdrawn WAN-006 (Rural sites are covered by WAN-101.)",
        "  Added WAN-101",
        "    The supplier should connect the rural depots with {{ demand.eth_10m | number }} circuits.",
        "  Priority changed WAN-004: Should to Must",
        "",
        "Demand that moved:",
        f"  10 Mbps Ethernet circuit: {eth_10m:,} to {eth_10m + 5:,} circuits",
    ]
    same = run("sor-diff", new, new)
    assert same.exit_code == 0 and same.output == "No changes from v1.0.yml to v1.0.yml.\n"
