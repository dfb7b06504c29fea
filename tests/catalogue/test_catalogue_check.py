"""`cpsn-builder catalogue check`: a one-screen summary, or every problem at once with file:line."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from catalogue_builder import copy_shipped
from cpsn_builder.catalogue import load_catalogue
from cpsn_builder.cli import main
from cpsn_builder.source.problems import ProblemsFound


def run(*args):
    return CliRunner().invoke(main, list(args))


def edit(path, old, new, count=1):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count))


def problems_of(root):
    with pytest.raises(ProblemsFound) as caught:
        load_catalogue(root)
    return [str(p) for p in caught.value.problems]


def test_shipped_catalogue_is_valid_and_summarised():
    result = run("catalogue", "check")
    assert result.exit_code == 0, result.output
    assert "Catalogue OK" in result.output
    assert "envelope £40,000,000" in result.output
    assert "7 lots" in result.output
    assert len(result.output.splitlines()) < 25  # one screen


def test_shipped_catalogue_has_the_seed_partners_and_lots(catalogue):
    names = {p.name for p in catalogue.partners}
    assert {
        "Cambridgeshire County Council",
        "Cambridgeshire Fire and Rescue Service",
        "Fenland District Council",
        "Huntingdonshire District Council",
        "South Cambridgeshire District Council",
    } <= names
    assert {p.id for p in catalogue.partners if p.status == "prospective"} == {"cambridge-city", "east-cambs", "peterborough"}
    assert {lot.id for lot in catalogue.lots} >= {"wan", "wan_internal", "internet_psn", "telephony", "ip_telephony", "cctv", "lan_wifi"}
    assert catalogue.procurement.envelope == 40_000_000
    assert str(catalogue.procurement.contract_start) == "2012-04-01"


def test_every_problem_is_listed_at_once_with_file_and_line(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    wan = root / "lots" / "wan.yml"
    edit(wan, "order: 1\n", "order: 1\ncolour: blue\n")  # unknown key
    edit(wan, "      - {from: 50, to: 149, price: 3100}", "      - {from: 60, to: 149, price: 3100}")  # gap
    edit(wan, "price: 16000", "price: -16000")  # negative price
    edit(wan, "depends: {question: needs_resilience", "depends: {question: needs_resiliance")  # unknown question
    edit(root / "lots" / "cctv.yml", "id: camera_circuit", "id: eth_10m")  # duplicate across files
    edit(root / "lots" / "telephony.yml", "  - id: uk_minutes", "  - id: analogue_lines")  # duplicate in a file
    edit(root / "partners.yml", "  - id: fenland\n", "  - id: fenland\n    nickname: Fens\n")
    problems = problems_of(root)
    text = "\n".join(problems)
    colour_line = wan.read_text().splitlines().index("colour: blue") + 1
    assert re.search(
        rf"lots/wan.yml:{colour_line}: unknown key 'colour': remove it or correct its spelling \(allowed here: .*framework_lot", text
    )
    assert re.search(
        r"lots/wan.yml:\d+: service line 'eth_10m': tier starts at 60 but the previous tier ends at 49 \(a gap\): start it at 50", text
    )
    assert re.search(r"lots/wan.yml:\d+: service_lines\[3\].tiers\[0\].price: -16000 is out of range: it must be at least 0", text)
    assert re.search(r"lots/wan.yml:\d+: question 'resilient_sites' depends on unknown question 'needs_resiliance'", text)
    assert re.search(r"lots/(cctv|wan).yml:\d+: duplicate service line id 'eth_10m' \(also in .*lots/(wan|cctv).yml:\d+\)", text)
    assert re.search(r"lots/telephony.yml:\d+: duplicate question id 'analogue_lines' \(first at line \d+\)", text)
    assert re.search(r"partners.yml:\d+: unknown key 'nickname'", text)
    assert "does not render" not in text.split("cctv.yml")[0]  # a malformed line does not fail its template too


def test_line_numbers_point_at_the_fault(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    wan = root / "lots" / "wan.yml"
    edit(wan, "      - {from: 50, to: 149, price: 3100}", "      - {from: 40, to: 149, price: 3100}")  # overlap
    lines = wan.read_text().splitlines()
    expected = next(i for i, line in enumerate(lines, 1) if "from: 40" in line)
    [problem] = problems_of(root)
    assert f"wan.yml:{expected}:" in problem and "an overlap" in problem


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("      - {from: 150, price: 2700}", "      - {from: 150, to: 300, price: 2700}", "the last tier must be open-ended"),
        (
            "      - {from: 50, to: 149, price: 3100}",
            "      - {from: 50, to: 149, price: 3700}",
            "a larger volume must never cost more per unit",
        ),
        ("    quantity: sites_10m", "    quantity: access_notes", "not a number question of this lot"),
        ("    low: 2400", "    low: 2900", "low price 2900 is above the cheapest tier price 2700"),
        ("    high: 6000", "    high: 3000", "high price 3000 is below the dearest tier price 3600"),
        (
            '{{ demand.core_10g | plural("link") }}',
            '{{ demand.core_100g | plural("link") }}',
            "requirement text uses 'demand.core_100g', which is not a figure it can quote: use one of contract_start, demand.broadband_site, demand.core_10g",
        ),
        ("  - id: WAN-003", "  - id: WAN-002", "duplicate requirement id 'WAN-002'"),
        ("  - id: sites_10m\n", "  - label: nothing\n", "missing required key 'id'"),
        ("    max: 2000\n", "    max: lots\n", "'lots' is not a number"),
        ("equals: true}", "equals: maybe}", "'needs_resilience' is a checkbox: 'equals' must be true or false"),
        # the rules between answers are checked like everything else
        (
            "questions: [broadband_sites, sites_10m",
            "questions: [broadband_site, sites_10m",
            "question 'resilient_sites': at_most names 'broadband_site', an unknown question; use number questions of this lot",
        ),
        (
            "questions: [broadband_sites, sites_10m",
            "questions: [needs_resilience, sites_10m",
            "at_most names 'needs_resilience', a checkbox question",
        ),
        (
            "questions: [broadband_sites, sites_10m",
            "questions: [resilient_sites, sites_10m",
            "question 'resilient_sites' cannot be at most itself",
        ),
        ("sites_100m, sites_1g], name", "sites_100m, sites_1g, sites_1g], name", "at_most names 'sites_1g' twice"),
        (", name: the number of sites you gave}", "}", "missing required key 'name'"),
    ],
)
def test_each_rule_names_the_fix(tmp_path, old, new, message):
    root = copy_shipped(tmp_path / "cat")
    edit(root / "lots" / "wan.yml", old, new)
    problems = problems_of(root)
    assert any(message in p and "lots/wan.yml:" in p for p in problems), problems


def test_malformed_yaml_is_reported_with_its_line(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    edit(root / "lots" / "cctv.yml", "order: 6\n", "order: 6\n  bad: [unclosed\n")
    [problem] = problems_of(root)
    assert "cctv.yml:" in problem and "malformed YAML" in problem


def test_duplicate_yaml_keys_are_not_silently_merged(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    edit(root / "lots" / "cctv.yml", "order: 6\n", "order: 6\norder: 7\n")
    [problem] = problems_of(root)
    assert re.search(r"cctv.yml:\d+: duplicate key 'order' \(first at line \d+\)", problem)


def test_partner_rules(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    edit(root / "partners.yml", "    notice_given: 2013-09-30\n", "")
    edit(
        root / "partners.yml",
        "    status: member\n    joined: 2010-06-01\n    core_contribution: 10000",
        "    status: member\n    joined: 2010-06-01\n    notice_given: 2014-01-01\n    core_contribution: 10000",
    )
    text = "\n".join(problems_of(root))
    assert "is withdrawing but has no 'notice_given' date" in text
    assert "has a notice date but status 'member'" in text


def test_cli_exits_non_zero_with_every_problem_and_no_traceback(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    edit(root / "lots" / "wan.yml", "order: 1\n", "order: -1\ncolour: blue\n")
    result = run("catalogue", "check", str(root))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "2 problems found" in result.output


def test_a_missing_folder_is_a_clear_error(tmp_path):
    result = run("catalogue", "check", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "no such catalogue folder" in result.output


def test_adding_a_lot_is_adding_a_file(tmp_path, demo_responses):
    root = copy_shipped(tmp_path / "cat")
    (root / "lots" / "video.yml").write_text("""\
id: video
title: Video conferencing
order: 8
description: Room video conferencing between partners.
framework_lot: "RM3808 Lot 8: Video conferencing"
questions:
  - {id: rooms, type: number, label: Video rooms, unit: rooms, max: 500}
service_lines:
  - id: video_room
    title: Video conferencing room
    unit: room
    quantity: rooms
    tiers:
      - {from: 1, to: 19, price: 900}
      - {from: 20, price: 750}
    low: 600
    high: 1200
    baseline_price: 1000
requirements:
  - {id: VC-001, priority: Must, text: "Provide {{ demand.video_room | number }} rooms."}
""")
    catalogue = load_catalogue(root)
    assert catalogue.lots[-1].id == "video"
    result = run("catalogue", "check", str(root))
    assert "8 lots" in result.output and "video" in result.output


def test_catalogue_check_takes_the_catalogue_option_like_every_command(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    edit(root / "lots" / "cctv.yml", "order: 6\n", "order: 6\norder: 7\n")
    result = run("catalogue", "check", "--catalogue", str(root))
    assert result.exit_code == 1 and "cctv.yml" in result.output and "duplicate key 'order'" in result.output


def test_every_pattern_in_the_file_formats_is_explained_in_words():
    """A value that does not match a pattern is told what to write, never shown a regular expression."""
    import json
    from cpsn_builder.catalogue.schemas import SCHEMAS
    from cpsn_builder.governance.finances import FinanceFile
    from cpsn_builder.governance.records import GovernanceFile
    from cpsn_builder.source.validation import _PATTERN_HELP

    schemas = [make() for make in SCHEMAS.values()] + [m.model_json_schema() for m in (FinanceFile, GovernanceFile)]
    patterns = set()
    for schema in schemas:
        text = json.dumps(schema)
        patterns |= set(re.findall(r'"pattern": "((?:[^"\\\\]|\\\\.)*)"', text))
    patterns = {json.loads(f'"{p}"') for p in patterns}
    assert patterns and patterns <= set(_PATTERN_HELP), patterns - set(_PATTERN_HELP)
