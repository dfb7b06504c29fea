"""`cpsn-builder estimate --scenario` in process (click's CliRunner), on the demo and on the worked example.

test_estimate_cli.py runs the command as a separate process, as a user does; these run the same
command inside the test process, so the mutation run (`make mutation`) sees the scenario parsing too.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from catalogue_builder import WORKED_RESPONSES, load_case
from conftest import DEMO_RESPONSES
from cpsn_builder.cli import main


def run(*args):
    return CliRunner().invoke(main, ["estimate", *map(str, args)])


@pytest.fixture
def worked(tmp_path):
    load_case(tmp_path, WORKED_RESPONSES)
    return ["--catalogue", tmp_path / "catalogue", "--responses", tmp_path / "responses"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scenario", "without:atlantis"], "unknown partner 'atlantis'"),
        (["--scenario", "with:fenland"], "'fenland' is already a member partner; only prospective partners can be added"),
        (["--scenario", "with:peterborough"], "there is no response from 'peterborough'"),
        (["--scenario", "remove fenland"], "cannot read scenario change 'remove fenland'"),
        (["--scenario", "notice:fenland"], "scenario change 'notice:fenland' needs the date notice is given: notice:fenland@YYYY-MM-DD"),
        (["--scenario", "notice:fenland@2013-02-30"], "'2013-02-30' in 'notice:fenland@2013-02-30' is not a real date"),
        (["--scenario", "Nothing="], "scenario 'Nothing=' changes nothing"),
    ],
)
def test_bad_scenarios_get_a_clear_message(args, message):
    result = run("--responses", DEMO_RESPONSES, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_the_extension_scenario_beside_the_base_case(worked):
    result = run(*worked, "--scenario", "extension", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["base"]["term"]["months"] == 60 and report["base"]["totals"]["contract_value"] == "5367000.00"
    scenario = report["scenarios"][0]
    assert scenario["estimate"]["scenario"]["name"] == "with the extension years"
    assert scenario["estimate"]["term"] == {
        "start": "2012-04-01",
        "end": "2019-03-31",
        "months": 84,
        "years": 7,
        "extension_included": True,
    }
    # A's 900,000 a year for two more years
    assert scenario["comparison"]["contract_value_change"] == "1800000.00"


def test_scenarios_in_the_table(worked):
    result = run(*worked, "--scenario", "C joins=with:c", "--scenario", "extension")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Term 1 April 2012 to 31 March 2017 (60 months)" in out
    assert "Scenario: C joins (beside the base case)" in out
    assert "Scenario: with the extension years (beside the base case)" in out
    # the extension: 7,167,000 against 5,367,000 (A billed 84 months)
    assert "£5,367,000.00  £7,167,000.00  £1,800,000.00" in out


def test_notice_scenario_shortens_billing(worked):
    result = run(*worked, "--format", "json", "--scenario", "notice:a@2013-01-31")
    scenario = json.loads(result.stdout)["scenarios"][0]
    a = next(p for p in scenario["estimate"]["partners"] if p["partner_id"] == "a")
    # 34 months at 900,000 a year + 375,000, against 4,875,000
    assert (a["leaves"], a["months_billed"], a["term_cost"]) == ("2015-01-31", 34, "2925000.00")
    assert scenario["comparison"]["contract_value_change"] == "-1950000.00"


def test_warnings_reach_the_command_line(worked):
    result = run(*worked, "--scenario", "B gone=notice:b@2010-01-01")
    assert result.exit_code == 0, result.output
    assert "District B is never billed in the term (membership start to 2012-01-01)" in result.stdout


def test_an_estimate_nobody_takes_part_in_is_valid_json(tmp_path):
    import jsonschema
    from conftest import REPO

    load_case(tmp_path, {"a.yml": "partner: a\nproject: cpsn\ndeclined: true\n"})
    result = run("--catalogue", tmp_path / "catalogue", "--responses", tmp_path / "responses", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    jsonschema.validate(report, json.loads((REPO / "docs" / "estimate.schema.json").read_text()))
    assert report["base"]["totals"]["contract_value"] == "0"
