"""`cpsn-builder evaluate`: returned bids measured against the estimate, scored and ranked per lot."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..engine import parse_scenario
from .common import catalogue_option, open_inputs, reports_problems, write_output
from .estimate_cmd import SCENARIO_HELP, check_scenario_dates


def bids_option(required: bool):
    """--bids, as `evaluate` and `award-report` both take it (evaluate's --schema needs none)."""
    return click.option(
        "--bids",
        "bids_path",
        type=click.Path(path_type=Path, exists=True),
        required=required,
        help="A folder of returned pricing schedules (.xlsx), or one of them.",
    )


def scores_option(required: bool):
    return click.option(
        "--scores",
        "scores_path",
        type=click.Path(path_type=Path, dir_okay=False, exists=True),
        required=required,
        help="The quality marks (YAML): each evaluator's and the moderated mark per bidder, lot and criterion.",
    )


@click.command("evaluate")
@click.option(
    "--responses",
    "responses_paths",
    type=click.Path(path_type=Path),
    multiple=True,
    help="The responses the pricing schedule was issued from: a file or a folder (repeatable).",
)
@bids_option(required=False)
@scores_option(required=False)
@click.option(
    "--scenario", "scenario_spec", default=None, help=SCENARIO_HELP.replace(" beside the base case (repeatable)", " to evaluate under")
)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write to this file instead of the terminal.")
@click.option("--schema", is_flag=True, help="Print the JSON Schema of --format json output and exit.")
@catalogue_option
@reports_problems
def evaluate_command(responses_paths, bids_path, scores_path, scenario_spec, fmt, out, schema, catalogue_path):
    """Evaluate returned bids: price each lot at the bid's prices, score price and quality, rank, flag."""
    if schema:
        from ..exports.evaluation_json import json_schema

        write_output(json.dumps(json_schema(), indent=2) + "\n", out)
        return
    missing = [name for name, value in (("--responses", responses_paths), ("--bids", bids_path), ("--scores", scores_path)) if not value]
    if missing:
        raise click.UsageError(f"give {', '.join(missing)}: e.g. --responses demo/responses --bids returned/ --scores marks.yml")
    from ..tenders.evaluation import evaluate
    from ..tenders.marks_file import load_marks
    from ..tenders.workbook import read_bid_files

    scenario = parse_scenario(scenario_spec) if scenario_spec else None
    catalogue, responses = open_inputs(catalogue_path, responses_paths)
    if scenario is not None:
        check_scenario_dates([scenario], catalogue)
    bids = read_bid_files([bids_path], catalogue, responses)
    marks = load_marks(scores_path, catalogue, bids)
    evaluation = evaluate(catalogue, responses, bids, marks, *([scenario] if scenario else []))
    if fmt == "json":
        from ..exports.evaluation_json import to_json as render
    elif fmt == "csv":
        from ..exports.evaluation_csv import to_csv as render
    else:
        from .render_evaluation import render_evaluation as render
    write_output(render(evaluation), out)
