"""`cpsn-builder estimate`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..catalogue.dates import date_problem
from ..engine import parse_scenario
from ..exports.estimate_csv import to_csv, to_years_csv
from ..exports.estimate_json import json_schema, to_json
from ..exports.estimate_report import build_report
from .common import catalogue_option, open_inputs, reports_problems, without_cycle_collection, write_output
from .render_table import render_report


def check_scenario_dates(scenarios, catalogue) -> None:
    for scenario in scenarios:
        for change in (*scenario.with_partners, *scenario.notices):
            day = change.joins if hasattr(change, "joins") else change.given
            why = date_problem(day, catalogue.programme, f"scenario '{scenario.name}':")
            if why:
                raise click.BadParameter(why, param_hint="--scenario")


SCENARIO_HELP = (
    "A scenario beside the base case (repeatable): [NAME=]CHANGE[,CHANGE...], where CHANGE is "
    "without:PARTNER, with:PARTNER[@YYYY-MM-DD], notice:PARTNER@YYYY-MM-DD or extension."
)


@click.command("estimate")
@click.option(
    "--responses",
    "responses_paths",
    type=click.Path(path_type=Path),
    multiple=True,
    help="A response file, or a folder of them (repeatable).",
)
@click.option("--scenario", "scenarios", multiple=True, help=SCENARIO_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option(
    "--by-year",
    is_flag=True,
    help="With --format csv: one row per scenario, partner and financial year (April to March), with the partnership's years.",
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write to this file instead of the terminal.")
@click.option("--schema", is_flag=True, help="Print the JSON Schema of --format json output and exit.")
@catalogue_option
@reports_problems
def estimate_command(responses_paths, scenarios, fmt, by_year, out, schema, catalogue_path):
    """Aggregate demand, price it, estimate savings and check the envelope."""
    if schema:
        write_output(json.dumps(json_schema(), indent=2) + "\n", out)
        return
    if not responses_paths:
        raise click.UsageError("give --responses PATH (a response file or a folder of them), e.g. --responses demo/responses")
    if by_year and fmt != "csv":
        raise click.UsageError("--by-year is for --format csv (the table prints the years anyway, and the JSON holds them under years)")
    parsed = [parse_scenario(spec) for spec in scenarios]
    render = to_years_csv if by_year else {"table": render_report, "json": to_json, "csv": to_csv}[fmt]
    with without_cycle_collection():  # rendering too: its strings would start collections over every figure
        catalogue, responses = open_inputs(catalogue_path, responses_paths)
        check_scenario_dates(parsed, catalogue)
        text = render(build_report(catalogue, responses, parsed))
    write_output(text, out)
