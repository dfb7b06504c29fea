"""`cpsn-builder estimate` as a user runs it: real files, the command's own output and exit codes.

The commands run inside the test process through click's CliRunner (a process costs a second of
start-up each time); test_the_command_runs_as_its_own_process shows the same output from a real
process, as a user's shell starts it.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal as D

import jsonschema
import pytest

from catalogue_builder import copy_shipped, write_response
from cli_runner import run_cli as cli
from cli_runner import run_process as process
from conftest import DEMO_RESPONSES, REPO


def test_the_command_runs_as_its_own_process(tmp_path):
    """What the in-process runs below check is what a user's shell gets: output, errors, exit codes."""
    table = process("estimate", "--responses", DEMO_RESPONSES)
    assert table.returncode == 0, table.stderr
    assert table.stdout == cli("estimate", "--responses", DEMO_RESPONSES).stdout
    path = write_response(tmp_path, "bad.yml", "partner: fenland\nproject: cpsn\nlots: [cctv]\nanswers: {cctv: {cameras: many}}\n")
    bad = process("estimate", "--responses", path)
    assert (bad.returncode, bad.stdout) == (1, "")
    assert "bad.yml:4: cctv.cameras: Enter the number of cameras as a whole number, like 12" in bad.stderr and "Traceback" not in bad.stderr
    usage = process("estimate", "--responses", DEMO_RESPONSES, "--scenario", "without:atlantis")
    assert usage.returncode == 2 and "unknown partner 'atlantis'" in usage.stderr


@pytest.fixture(scope="module")
def demo_json():
    result = cli(
        "estimate",
        "--responses",
        DEMO_RESPONSES,
        "--format",
        "json",
        "--scenario",
        "without:fenland",
        "--scenario",
        "City joins=with:cambridge-city@2013-04-01",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_table_shows_demand_costs_savings_and_envelope(demo_estimate):
    result = cli("estimate", "--responses", DEMO_RESPONSES)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for heading in ("Partners", "Data access and wide area network (wan)", "Costs and savings by partner", "Envelope", "Sensitivity"):
        assert heading in out
    assert f"£{demo_estimate.totals.contract_value:,.2f} of £40,000,000.00" in out
    assert f"£{demo_estimate.totals.annual_saving:,.2f}" in out
    assert "declined the project" in out


def test_json_matches_the_engine_and_its_documented_schema(demo_json, demo_estimate):
    schema = json.loads((REPO / "docs" / "estimate.schema.json").read_text())
    jsonschema.validate(demo_json, schema)
    base = demo_json["base"]
    assert D(base["totals"]["contract_value"]) == demo_estimate.totals.contract_value
    assert D(base["envelope"]["utilisation_percent"]) == demo_estimate.envelope.utilisation_percent
    assert [p["partner_id"] for p in base["partners"]] == [p.partner_id for p in demo_estimate.partners]
    assert [s["estimate"]["scenario"]["name"] for s in demo_json["scenarios"]] == ["without fenland", "City joins"]


def test_json_is_stable_between_runs(demo_json):
    again = cli(
        "estimate",
        "--responses",
        DEMO_RESPONSES,
        "--format",
        "json",
        "--scenario",
        "without:fenland",
        "--scenario",
        "City joins=with:cambridge-city@2013-04-01",
    )
    assert json.loads(again.stdout) == demo_json


def test_scenario_shows_the_tier_effect_on_everyone_else(demo_json):
    city = demo_json["scenarios"][1]
    changes = [p for p in city["comparison"]["prices"] if p["base_price"] != p["scenario_price"]]
    assert changes, "adding Cambridge City should move at least one line to a cheaper tier"
    assert all(D(p["scenario_price"]) < D(p["base_price"]) for p in changes)
    county = next(p for p in city["comparison"]["partners"] if p["partner_id"] == "cambs-county")
    assert D(county["annual_cost_change"]) < 0


def test_csv_rows_add_up_to_the_totals(demo_estimate):
    result = cli("estimate", "--responses", DEMO_RESPONSES, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    lines = [r for r in rows if r["service_line"]]
    subtotals = [r for r in rows if not r["service_line"]]
    assert sum(D(r["term_cost"]) for r in lines) == demo_estimate.totals.contract_value
    assert sum(D(r["term_cost"]) for r in subtotals) == demo_estimate.totals.contract_value
    assert sum(D(r["annual_saving"]) for r in subtotals) == demo_estimate.totals.annual_saving


def test_out_writes_a_file(tmp_path):
    out = tmp_path / "estimate.json"
    result = cli("estimate", "--responses", DEMO_RESPONSES, "--format", "json", "--out", out)
    assert result.returncode == 0 and json.loads(out.read_text())["format"] == "cpsn-builder/estimate"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scenario", "without:atlantis"], "unknown partner 'atlantis'"),
        (["--scenario", "with:fenland"], "'fenland' is already a member partner; only prospective partners can be added"),
        (["--scenario", "with:peterborough"], "there is no response from 'peterborough'"),
        (["--scenario", "remove fenland"], "cannot read scenario change 'remove fenland'"),
        (["--scenario", "notice:fenland@2013-02-30"], "'2013-02-30' in 'notice:fenland@2013-02-30' is not a real date"),
    ],
)
def test_bad_scenarios_get_a_clear_message(args, message):
    result = cli("estimate", "--responses", DEMO_RESPONSES, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_responses_get_file_line_messages_and_no_output(tmp_path):
    path = write_response(tmp_path, "bad.yml", "partner: fenland\nproject: cpsn\nlots: [cctv]\nanswers: {cctv: {cameras: many}}\n")
    result = cli("estimate", "--responses", path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "bad.yml:4: cctv.cameras: Enter the number of cameras as a whole number, like 12" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_responses_option_explains_itself():
    result = cli("estimate")
    assert result.returncode == 2
    assert "give --responses PATH" in result.stderr


def test_a_users_own_catalogue(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    lot = root / "lots" / "cctv.yml"
    lot.write_text(lot.read_text().replace("price: 920}", "price: 850}"))
    result = cli("estimate", "--responses", DEMO_RESPONSES, "--catalogue", root, "--format", "json")
    base = json.loads(result.stdout)["base"]
    cctv = next(lot for lot in base["lots"] if lot["lot_id"] == "cctv")
    assert cctv["lines"][0]["unit_price"] == "850"


def test_notice_scenario_shortens_billing():
    result = cli("estimate", "--responses", DEMO_RESPONSES, "--format", "json", "--scenario", "notice:fenland@2013-01-31")
    scenario = json.loads(result.stdout)["scenarios"][0]["estimate"]
    fenland = next(p for p in scenario["partners"] if p["partner_id"] == "fenland")
    assert fenland["leaves"] == "2015-01-31" and fenland["months_billed"] == 34


def test_json_holds_the_financial_years(demo_json, demo_estimate):
    base = demo_json["base"]
    assert [y["year"] for y in base["years"]] == ["2012/13", "2013/14", "2014/15", "2015/16", "2016/17"]
    assert sum(D(y["cost"]) for y in base["years"]) == demo_estimate.totals.contract_value
    south = next(p for p in base["partners"] if p["partner_id"] == "south-cambs")
    assert [y["months"] for y in south["years"]] == [12, 12, 12, 6, 0]
    assert south["years"][4]["cost"] == "0.00"
    assert (south["years"][0]["start"], south["years"][0]["end"]) == ("2012-04-01", "2013-03-31")


def test_csv_by_year_adds_up_to_the_term_for_each_scenario(demo_estimate):
    result = cli("estimate", "--responses", DEMO_RESPONSES, "--format", "csv", "--by-year", "--scenario", "extension")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "scenario",
        "partner",
        "partner_name",
        "financial_year",
        "start",
        "end",
        "months",
        "annual_cost",
        "one_off",
        "cost",
        "baseline",
        "saving",
    ]
    for scenario, years in (("Base case", 5), ("with the extension years", 7)):
        mine = [r for r in rows if r["scenario"] == scenario]
        partnership = [r for r in mine if not r["partner"]]
        partners = [r for r in mine if r["partner"]]
        assert [r["financial_year"] for r in partnership][-1] == ("2016/17" if years == 5 else "2018/19")
        assert len(partnership) == years and len(partners) == years * len(demo_estimate.partners)
        assert sum(D(r["cost"]) for r in partnership) == sum(D(r["cost"]) for r in partners)
        for year in partnership:
            assert D(year["saving"]) == sum(D(r["saving"]) for r in partners if r["financial_year"] == year["financial_year"])
    base = [r for r in rows if r["scenario"] == "Base case" and not r["partner"]]
    assert sum(D(r["cost"]) for r in base) == demo_estimate.totals.contract_value
    assert sum(D(r["saving"]) for r in base) == demo_estimate.totals.term_saving
    south = [r for r in rows if r["scenario"] == "Base case" and r["partner"] == "south-cambs"]
    assert [(r["financial_year"], r["months"]) for r in south][3:] == [("2015/16", "6"), ("2016/17", "0")]


def test_by_year_is_for_csv():
    result = cli("estimate", "--responses", DEMO_RESPONSES, "--by-year")
    assert result.returncode == 2
    assert "--by-year is for --format csv" in result.stderr


def test_table_prints_the_partnerships_years(demo_estimate):
    out = cli("estimate", "--responses", DEMO_RESPONSES).stdout
    section = out[out.index("By financial year") : out.index("Envelope")]
    first = demo_estimate.years[0]
    assert f"{first.year}        12   £{first.annual_cost:,.2f}  £{first.one_off:,.2f}  £{first.cost:,.2f}" in section
    total = next(line for line in section.splitlines() if line.startswith("Total"))
    assert total.split()[1:4] == [
        "60",
        f"£{demo_estimate.totals.contract_value - demo_estimate.totals.one_off:,.2f}",
        f"£{demo_estimate.totals.one_off:,.2f}",
    ]
    assert f"£{demo_estimate.totals.contract_value:,.2f}" in total and f"£{demo_estimate.totals.term_saving:,.2f}" in total
