"""The document commands as a user runs them.

They run in the test process through click's CliRunner; the build under a shifted clock needs a
process of its own (faketime works on a process), and is compared with one built in this process.
"""

from __future__ import annotations

import json
import subprocess

import docx
import openpyxl

from cli_runner import CLI, run_cli as run
from conftest import DEMO_RESPONSES, REPO


def test_all_four_outputs_from_the_command_line(tmp_path, demo_estimate):
    common = ["--responses", DEMO_RESPONSES, "--date", "2011-03-01"]
    assert run("sor", *common, "--out", tmp_path / "sor.docx").returncode == 0
    assert (
        run("cabinet-report", *common, "--out", tmp_path / "cabinet.docx", "--governance", REPO / "demo" / "governance.yml").returncode == 0
    )
    assert run("cabinet-report", *common, "--out", tmp_path / "fenland.docx", "--partner", "fenland").returncode == 0
    assert run("pricing-schedule", *common, "--out", tmp_path / "pricing.xlsx", "--csv", tmp_path / "demand.csv").returncode == 0
    assert run("ocds", *common, "--out", tmp_path / "ocds.json").returncode == 0
    assert docx.Document(tmp_path / "sor.docx").core_properties.created.year == 2011
    assert "Fenland" in docx.Document(tmp_path / "fenland.docx").core_properties.title
    assert openpyxl.load_workbook(tmp_path / "pricing.xlsx").sheetnames[0] == "Instructions"
    assert (tmp_path / "demand.csv").read_text().startswith("partner_id,")
    assert json.loads((tmp_path / "ocds.json").read_text())["version"] == "1.1"


def test_bad_input_is_a_clear_error_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("partner: fenland\nproject: cpsn\nlots: [cctv]\nanswers: {cctv: {cameras: -3}}\n")
    out = tmp_path / "sor.docx"
    result = run("sor", "--responses", bad, "--out", out)
    assert result.returncode == 1 and not out.exists()
    assert "bad.yml:4: cctv.cameras: Number of cameras must be 0 or more" in result.stderr
    assert "Traceback" not in result.stderr


def test_withdrawal_needs_a_partner_and_a_notice(tmp_path):
    result = run("cabinet-report", "--responses", DEMO_RESPONSES, "--out", tmp_path / "x.docx", "--partner", "fenland", "--withdrawal")
    assert result.returncode == 2 and "has given no notice: give --notice-given" in result.stderr
    result = run("cabinet-report", "--responses", DEMO_RESPONSES, "--out", tmp_path / "x.docx", "--partner", "south-cambs", "--withdrawal")
    assert result.returncode == 0


def test_builds_on_different_days_are_byte_identical(tmp_path):
    """No date from the clock: a build under a clock shifted by years gives the same bytes."""
    import shutil

    import pytest

    if shutil.which("faketime") is None:
        pytest.skip("faketime is not installed: apt-get install faketime")
    common = ["--responses", DEMO_RESPONSES]
    for name, command in (("sor.docx", "sor"), ("cabinet.docx", "cabinet-report")):
        assert run(command, *common, "--out", tmp_path / f"today-{name}").returncode == 0
        shifted = subprocess.run(
            ["faketime", "2031-07-15 10:00:00", *CLI, command, *map(str, common), "--out", str(tmp_path / f"later-{name}")],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=300,
        )
        assert shifted.returncode == 0, shifted.stderr
        assert (tmp_path / f"today-{name}").read_bytes() == (tmp_path / f"later-{name}").read_bytes(), name
    # and the date shown is the catalogue's issue date, not today's
    assert docx.Document(tmp_path / "today-sor.docx").core_properties.created.date().isoformat() == "2011-03-01"


def test_bad_document_options_are_refused_in_one_line(tmp_path):
    common = ["--responses", DEMO_RESPONSES, "--out", tmp_path / "sor.docx"]
    long_author = run("sor", *common, "--author", "x" * 300)
    assert long_author.returncode == 2 and "1 to 120 characters" in long_author.stderr and "Traceback" not in long_author.stderr
    assert "is not a version" in run("sor", *common, "--version", "1.0; rm").stderr
    assert "outside the years" in run("sor", *common, "--date", "1999-12-31").stderr
    assert not (tmp_path / "sor.docx").exists()
