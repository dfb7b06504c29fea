"""A procurement's requirement set: exported from the catalogue, tailored, checked, and used by the SoR."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DEMO_RESPONSES
from cpsn_builder.requirements import Clause, LotClauses, apply_set, dump_set, load_set, standard_set
from cpsn_builder.source.problems import ProblemsFound
from requirements_helpers import run, tailored


def sor_rows(path: Path) -> dict[str, tuple[str, str]]:
    """Every requirement row of the document: id -> (text, priority)."""
    document = docx.Document(io.BytesIO(path.read_bytes()))
    return {
        row.cells[0].text: (row.cells[1].text, row.cells[2].text)
        for table in document.tables
        for row in table.rows
        if re.fullmatch(r"[A-Z]{2,8}-\d{3}", row.cells[0].text)
    }


def test_the_exported_set_checks_and_reads_back_as_the_catalogue(tmp_path, catalogue):
    out = tmp_path / "set.yml"
    assert run("requirements", "export", "--out", out).exit_code == 0
    checked = run("requirements", "check", out)
    assert checked.exit_code == 0 and "wan            6 clauses (6 as standard)" in checked.output
    assert load_set(out, catalogue) == standard_set(catalogue)
    applied = apply_set(catalogue, load_set(out, catalogue))
    assert [lot.requirements for lot in applied.lots] == [lot.requirements for lot in catalogue.lots]
    assert run("catalogue", "check", "--requirements", out).exit_code == 0


def test_the_sor_states_the_tailored_clauses(tmp_path, catalogue, demo_estimate):
    path = tmp_path / "set.yml"
    path.write_text(dump_set(tailored(catalogue)))
    assert "wan            6 clauses (1 added, 4 as standard, 1 edited, 1 withdrawn)" in run("requirements", "check", path).output
    standard, own = tmp_path / "standard.docx", tmp_path / "tailored.docx"
    for out, extra in ((standard, []), (own, ["--requirements", path])):
        result = run("sor", "--responses", DEMO_RESPONSES, "--out", out, "--date", "2011-03-01", *extra)
        assert result.exit_code == 0, result.output
    before, after = sor_rows(standard), sor_rows(own)
    eth_10m = next(line.quantity for lot in demo_estimate.lots for line in lot.lines if line.line_id == "eth_10m")
    assert after["WAN-101"] == (
        f"The supplier should connect the rural depots with {eth_10m:,} circuits. "
        "(This requirement applies to Fenland District Council only.)",
        "Should",
    )
    assert "WAN-006" in before and "WAN-006" not in after
    assert before["WAN-004"][1] == "Should" and after["WAN-004"] == (before["WAN-004"][0], "Must")
    assert {k: v for k, v in after.items() if k not in ("WAN-101", "WAN-004")} == {
        k: v for k, v in before.items() if k not in ("WAN-004", "WAN-006")
    }


def test_a_partners_own_clause_is_left_out_when_that_partner_does_not_take_the_lot(tmp_path, catalogue, demo_estimate):
    wan_takers = {p.partner_id for lot in demo_estimate.lots if lot.lot_id == "wan" for p in lot.partners}
    outsider = next(p.id for p in catalogue.partners if p.id not in wan_takers)
    changed = tailored(catalogue)
    lots = [
        entry.model_copy(
            update={"requirements": [c.model_copy(update={"partners": [outsider]}) if c.id == "WAN-101" else c for c in entry.requirements]}
        )
        for entry in changed.lots
    ]
    path = tmp_path / "set.yml"
    path.write_text(dump_set(changed.model_copy(update={"lots": lots})))
    out = tmp_path / "sor.docx"
    assert run("sor", "--responses", DEMO_RESPONSES, "--out", out, "--requirements", path).exit_code == 0
    assert "WAN-101" not in sor_rows(out)


BAD = [
    (
        "  - id: WAN-002\n",
        "  - id: CCTV-001\n",
        "CCTV-001 is a standard clause of lot 'cctv', not of 'wan': give this clause an id in the WAN series",
    ),
    ("  - id: WAN-002\n", "  - id: LAN-101\n", "LAN-101 is not in lot 'wan''s series: number added clauses WAN-101, WAN-102 and so on"),
    ("  - id: WAN-002\n", "  - id: WAN-001\n", "WAN-001 is used twice (first at line"),
    (
        "{{ demand.eth_10m | number }} circuits",
        "{{ demand.eth_99 | number }} circuits",
        "WAN-101's text uses 'demand.eth_99', which is not a figure it can quote: use one of contract_start, demand.broadband_site",
    ),
    ("{{ demand.eth_10m | number }} circuits", "{% for i in x %}{% endfor %}", "'For' is not allowed in requirement text"),
    ("connect the rural", "connect the\x07 rural", "the file holds a control character (code 0x07)"),
    ("connect the rural", "connect the\t rural", "WAN-101: the text holds a control character"),
    ("    - fenland\n", "    - fenlandia\n", "WAN-101: no partner 'fenlandia' in the catalogue"),
    ("    reason: Rural sites are covered by WAN-101.\n", "", "WAN-006 is withdrawn without a reason: add 'reason:'"),
    ("- lot: wan_internal\n", "- lot: wan_external\n", "no lot 'wan_external' in the catalogue: use one of wan, wan_internal"),
    ("    priority: Should\n", "    priority: Maybe\n", "'Maybe' is not allowed: use one of 'Must', 'Should', 'Could' or \"Won't\""),
    ("  - id: WAN-002\n", "  - id: WAN-2\n", "'WAN-2' is not a requirement id: write the lot's capital letters, a hyphen and three digits"),
]


@pytest.mark.parametrize(("old", "new", "message"), BAD)
def test_each_bad_set_is_refused_at_its_line(tmp_path, catalogue, old, new, message):
    text = dump_set(tailored(catalogue))
    assert old in text
    bad = text.replace(old, new, 1)
    path = tmp_path / "set.yml"
    path.write_text(bad)
    result = run("requirements", "check", path)
    assert result.exit_code == 1 and "nothing was produced" in result.output
    found = [line for line in result.output.splitlines() if message in line]
    assert found, result.output
    line = int(found[0].split(":")[1])
    changed_line = next(i for i, (a, b) in enumerate(zip(text.splitlines() + [""], bad.splitlines() + [""]), 1) if a != b)
    assert abs(line - changed_line) <= 3, (line, changed_line, found)
    out = tmp_path / "sor.docx"
    assert run("sor", "--responses", DEMO_RESPONSES, "--out", out, "--requirements", path).exit_code == 1
    assert not out.exists()


def test_a_clause_over_4000_characters_is_refused(tmp_path, catalogue):
    path = tmp_path / "set.yml"
    path.write_text(dump_set(tailored(catalogue)).replace("connect the rural depots", "connect " + "very " * 800 + "rural depots"))
    result = run("requirements", "check", path)
    assert result.exit_code == 1 and "at most 4000 characters" in result.output


_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABC,.'()£%-:;\"#&", min_size=1, max_size=200).map(str.strip).filter(bool)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)  # file IO: timing varies on a shared machine
@given(data=st.data())
def test_export_check_import_round_trips_exactly(tmp_path_factory, catalogue, data):
    """Whatever the lead does to a set, writing it and reading it back gives the same set."""
    base = standard_set(catalogue)
    lots = []
    for entry in base.lots:
        clauses = list(entry.requirements)
        clauses = data.draw(st.permutations(clauses))
        edited = []
        for clause in clauses:
            change = data.draw(st.sampled_from(["keep", "text", "priority", "withdraw", "partners"]))
            if change == "text":
                clause = clause.model_copy(update={"text": data.draw(_words) + " {{ partner_count }}"})
            elif change == "priority":
                clause = clause.model_copy(update={"priority": data.draw(st.sampled_from(["Must", "Should", "Could", "Won't"]))})
            elif change == "withdraw":
                clause = clause.model_copy(update={"withdrawn": True, "reason": data.draw(_words)[:200].strip() or "x"})
            elif change == "partners":
                clause = clause.model_copy(
                    update={"partners": data.draw(st.lists(st.sampled_from([p.id for p in catalogue.partners]), unique=True, max_size=3))}
                )
            edited.append(clause)
        prefix = entry.requirements[0].id.split("-")[0] if entry.requirements else None
        if prefix:
            for n in range(data.draw(st.integers(0, 2))):
                edited.insert(
                    data.draw(st.integers(0, len(edited))), Clause(id=f"{prefix}-{101 + n}", priority="Could", text=data.draw(_words))
                )
        lots.append(LotClauses(lot=entry.lot, requirements=edited))
    changed = base.model_copy(update={"lots": lots})
    path = tmp_path_factory.mktemp("set") / "set.yml"
    path.write_text(dump_set(changed), encoding="utf-8")
    try:
        assert load_set(path, catalogue) == changed
    except ProblemsFound as exc:  # pragma: no cover - shows the file's problem, not a bare assertion
        raise AssertionError(f"{exc}\n{path.read_text()}") from None
