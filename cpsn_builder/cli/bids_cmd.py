"""`cpsn-builder bids check FILE...`: returned pricing schedules, accepted or refused with every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import catalogue_option, open_inputs, reports_problems


@click.group("bids")
def bids_group():
    """Returned pricing schedules (the bids)."""


@bids_group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--responses",
    "responses_paths",
    type=click.Path(path_type=Path),
    multiple=True,
    help="The response files (or folders) the schedule was issued from: it is built again from them with the "
    "version, status and date of issue each returned workbook names (repeatable).",
)
@catalogue_option
@click.option(
    "--schedule",
    "schedule_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The schedule as issued (.xlsx), instead of building it again from the responses.",
)
@reports_problems
def check_command(files, responses_paths, catalogue_path, schedule_path):
    """Check returned workbooks (or folders of them): each is accepted, with its bidder and lots, or refused
    with every problem as file: sheet!cell: message. Exits 1 when any is refused."""
    from ..tenders.models import BidRejected
    from ..tenders.workbook import bid_paths, check_bid_files, open_workbook

    if schedule_path is None and not responses_paths:
        raise click.UsageError(
            "give --responses (the responses the schedule was issued from, to build it again) or --schedule (the schedule as issued)"
        )
    paths = bid_paths(list(files))
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file: {', '.join(missing)}")
    if not paths:
        raise click.UsageError(f"no returned workbooks (.xlsx) in {', '.join(map(str, files))}")
    schedule = catalogue = responses = None
    if schedule_path is not None:
        try:
            schedule = schedule_path.read_bytes()
            open_workbook(schedule, schedule_path.name)
        except OSError as exc:
            raise click.UsageError(f"--schedule {schedule_path}: cannot be read ({exc.strerror})") from None
        except BidRejected as exc:
            raise click.UsageError(f"--schedule {schedule_path} is not a schedule that can be read: {exc.problems[0].message}") from None
    else:
        catalogue, responses = open_inputs(catalogue_path, responses_paths)
    checked = check_bid_files(paths, catalogue, responses, schedule)
    for item in checked:
        if item.bid is not None:
            lots = ", ".join(lot.lot_id for lot in item.bid.lots)
            click.echo(f"{item.file_name}: accepted: {item.bid.bidder}, lots: {lots}")
            for note in item.bid.notes:
                click.echo(f"{item.file_name}: note: {note}")
        for problem in item.problems:
            click.echo(str(problem))
    refused = sum(1 for item in checked if item.bid is None)
    click.echo(f"{len(checked) - refused} accepted, {refused} refused.", err=True)
    if schedule is None and any("a locked cell was changed" in p.message for item in checked for p in item.problems):
        # Response files carry no snapshot time, so other responses give the same issue but other quantities.
        click.echo(
            "If the bidders did not change those locked cells, the schedule was issued from other responses than "
            "--responses: give the ones it was issued from, or the issued file with --schedule.",
            err=True,
        )
    if refused:
        sys.exit(1)
