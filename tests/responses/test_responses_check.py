"""`cpsn-builder responses check`: response files against the catalogue, every problem with file and path."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from catalogue_builder import write_response
from conftest import DEMO_RESPONSES
from cpsn_builder.cli import main
from cpsn_builder.responses import load_responses
from cpsn_builder.source.problems import ProblemsFound

GOOD = """\
partner: fenland
project: cpsn
lots: [cctv]
answers:
  cctv: {cameras: 55, control_rooms: 1, transmission: any}
sites:
  - {name: Fenland Hall, postcode: pe158nq, service_line: camera_circuit}
"""


def problems(catalogue, *paths):
    with pytest.raises(ProblemsFound) as caught:
        load_responses(paths, catalogue)
    return "\n".join(str(p) for p in caught.value.problems)


def test_demo_responses_check_clean():
    result = CliRunner().invoke(main, ["responses", "check", str(DEMO_RESPONSES)])
    assert result.exit_code == 0, result.output
    assert "7 responses OK" in result.output
    assert "East Cambridgeshire District Council: declined the project" in result.output


def test_a_good_file_is_typed(tmp_path, catalogue):
    responses = load_responses([write_response(tmp_path, "f.yml", GOOD)], catalogue)
    [response] = responses.responses
    assert response.answers["cctv"]["cameras"] == 55
    assert response.sites[0].postcode == "PE15 8NQ"
    assert response.sites[0].lot_id == "cctv"


def test_json_files_are_read_too(tmp_path, catalogue):
    path = tmp_path / "f.json"
    path.write_text(
        json.dumps(
            {
                "partner": "fenland",
                "project": "cpsn",
                "lots": ["cctv"],
                "answers": {"cctv": {"cameras": 3, "control_rooms": 0, "transmission": "fibre"}},
            }
        )
    )
    assert load_responses([path], catalogue).responses[0].answers["cctv"]["cameras"] == 3


def test_a_file_may_hold_several_responses(tmp_path, catalogue):
    text = "responses:\n" + "\n".join(
        "  - " + line if i == 0 else "    " + line
        for block in (GOOD, GOOD.replace("fenland", "huntingdonshire"))
        for i, line in enumerate(block.splitlines())
    )
    path = write_response(tmp_path, "both.yml", text)
    assert [r.partner_id for r in load_responses([path], catalogue).responses] == ["fenland", "huntingdonshire"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("partner: fenland", "partner: fenlnd", r"f.yml:1: unknown partner 'fenlnd': use one of cambs-county"),
        ("lots: [cctv]", "lots: [cctv, ccvt]", r"f.yml:3: unknown lot 'ccvt'"),
        ("cameras: 55", "cameras: -5", r"f.yml:5: cctv.cameras: Number of cameras must be 0 or more"),
        ("cameras: 55", "cameras: lots", r"f.yml:5: cctv.cameras: Enter the number of cameras as a whole number, like 12"),
        ("cameras: 55", "cameras: 5500000", r"f.yml:5: cctv.cameras: Number of cameras must be 5,000 or fewer"),
        ("cameras: 55", "cameras: 5.5", r"f.yml:5: cctv.cameras: Enter the number of cameras as a whole number, like 12"),
        (
            "transmission: any",
            "transmission: carrier-pigeon",
            r"f.yml:5: cctv.transmission: Select the preferred transmission: 'carrier-pigeon' is not one of the options \(fibre, any\)",
        ),
        ("service_line: camera_circuit", "service_line: camera_cct", r"f.yml:7: site 1: 'camera_cct' is not a service line"),
        (
            "service_line: camera_circuit",
            "service_line: eth_100m",
            r"f.yml:7: site 1: 'eth_100m' is a service line of Data access and wide area network, a lot you have not chosen",
        ),
        ("postcode: pe158nq", "postcode: not-a-postcode", r"f.yml:7: site 1: Enter a real postcode, like CB3 0AP"),
        ("name: Fenland Hall", 'name: "Fenland\\u0007Hall"', r"site 1: Site name contains the control character U\+0007"),
        (
            "  cctv: {cameras",
            "  wan: {sites_10m: 3}\n  cctv: {cameras",
            r"f.yml:5: answers for lot 'wan', which the partner has not opted into",
        ),
        ("control_rooms: 1, ", "", r"f.yml:5: cctv.control_rooms: Enter the number of control room links"),
        (
            "service_line: camera_circuit}",
            "service_line: camera_circuit}\n  - {name: fenland hall, postcode: PE15 8NQ, service_line: camera_circuit}",
            r"f.yml:8: site 2: fenland hall at PE15 8NQ is already in your list of sites",
        ),
        (
            "project: cpsn",
            "project: cpsn\ncontact: {name: A, email: a@b.example, phone: call me maybe}",
            r"f.yml:3: Enter a telephone number, like 01480 388388",
        ),
        ("project: cpsn", "project: cpsn\nmax_contribution: 10.125", r"give the maximum contribution in pounds and pence"),
        ("project: cpsn", "project: cpsn\ncolour: red", r"f.yml:3: unknown key 'colour'"),
        ("project: cpsn", "project: cpsn\ndeclined: true", r"declined the project but the response also chooses lots"),
        ("project: cpsn", "project: cpsn\nmax_contribution: -10", r"max_contribution: -10 is out of range"),
    ],
)
def test_each_problem_names_file_line_and_fix(tmp_path, catalogue, old, new, expected):
    assert old in GOOD
    path = write_response(tmp_path, "f.yml", GOOD.replace(old, new))
    assert re.search(expected, problems(catalogue, path))


def test_every_problem_in_every_file_is_reported_at_once(tmp_path, catalogue):
    write_response(tmp_path, "a.yml", GOOD.replace("cameras: 55", "cameras: -1"))
    write_response(tmp_path, "b.yml", GOOD.replace("partner: fenland", "partner: nobody"))
    write_response(tmp_path, "c.yml", "partner: [unclosed\n")
    result = CliRunner().invoke(main, ["responses", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "a.yml:5:" in result.output and "b.yml:1:" in result.output and "c.yml:" in result.output
    assert "3 problems found" in result.output


def test_two_responses_from_one_partner_are_refused(tmp_path, catalogue):
    write_response(tmp_path, "a.yml", GOOD)
    write_response(tmp_path, "b.yml", GOOD)
    assert "a second response from 'fenland' for 'cpsn'" in problems(catalogue, tmp_path)


def test_an_empty_folder_or_missing_file_is_explained(tmp_path, catalogue):
    assert "no response files found" in problems(catalogue, tmp_path)
    assert "no such file or folder" in problems(catalogue, tmp_path / "missing.yml")


def test_non_utf8_is_explained(tmp_path, catalogue):
    path = tmp_path / "latin1.yml"
    path.write_bytes(GOOD.replace("Fenland Hall", "Caf\xe9").encode("latin-1"))
    assert "not UTF-8 text" in problems(catalogue, path)


def test_unanswered_follow_up_is_not_required_when_its_condition_is_off(tmp_path, catalogue):
    text = GOOD.replace("lots: [cctv]", "lots: [cctv, telephony]").replace(
        "  cctv:",
        "  telephony: {analogue_lines: 5, needs_sip: false, uk_minutes: 1, mobile_minutes: 1, international_minutes: 0, number_porting: keep}\n  cctv:",
    )
    load_responses([write_response(tmp_path, "f.yml", text)], catalogue)
    with pytest.raises(ProblemsFound, match="telephony.sip_channels: Enter the number of SIP channels"):
        load_responses([write_response(tmp_path, "f.yml", text.replace("needs_sip: false", "needs_sip: true"))], catalogue)


WAN = GOOD.replace("lots: [cctv]", "lots: [cctv, wan]").replace(
    "  cctv:", "  wan: {broadband_sites: 20, sites_10m: 10, sites_100m: 5, sites_1g: 1, core_links: 0, RESILIENCE}\n  cctv:"
)


@pytest.mark.parametrize(
    ("resilience", "expected"),
    [
        (
            "needs_resilience: true, resilient_sites: 500",
            r"f.yml:5: wan.resilient_sites: Number of resilient circuits must be 36 or fewer, the number of sites you gave",
        ),
        ("needs_resilience: true", r"f.yml:5: wan.resilient_sites: Enter the number of resilient circuits"),
    ],
)
def test_answers_that_contradict_each_other_are_refused(tmp_path, catalogue, resilience, expected):
    """The catalogue's rules between answers (depends, at_most), as the web form checks them at submit."""
    assert re.search(expected, problems(catalogue, write_response(tmp_path, "f.yml", WAN.replace("RESILIENCE", resilience))))


def test_a_follow_up_answered_with_its_box_unticked_does_not_count(tmp_path, catalogue):
    """As on the web form, where unticking the box hides the follow-up: the answer is not kept or priced."""
    [response] = load_responses(
        [write_response(tmp_path, "f.yml", WAN.replace("RESILIENCE", "needs_resilience: false, resilient_sites: 50"))], catalogue
    ).responses
    assert "resilient_sites" not in response.answers["wan"]


def test_answers_within_the_rules_are_accepted(tmp_path, catalogue):
    """36 resilient circuits for 36 sites; the optional wayleave notes left out."""
    [response] = load_responses(
        [write_response(tmp_path, "f.yml", WAN.replace("RESILIENCE", "needs_resilience: true, resilient_sites: 36"))], catalogue
    ).responses
    assert response.answers["wan"]["resilient_sites"] == 36
