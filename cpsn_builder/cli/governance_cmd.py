"""`cpsn-builder governance report | withdrawal`: the partnership agreement from the command line."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from ..catalogue import load_catalogue
from ..catalogue.dates import date_problem
from ..governance.finances import network_withdrawal_impact, withdrawal_impact
from ..governance.loader import load_finances, load_governance
from ..governance.report import governance_report
from ..responses import load_responses
from .common import catalogue_option, reports_problems
from .render_governance import render_governance, render_network_withdrawal, render_withdrawal


@click.group("governance")
def governance_group():
    """Projects, votes, contributions and withdrawal under the partnership agreement."""


@governance_group.command("report")
@click.option(
    "--responses",
    "responses_paths",
    type=click.Path(path_type=Path),
    multiple=True,
    required=True,
    help="The procurement's response files or folder.",
)
@click.option(
    "--governance",
    "governance_path",
    type=click.Path(path_type=Path),
    default=None,
    help="The governance record (participation and motions), e.g. demo/governance.yml.",
)
@click.option(
    "--at", "as_at", type=click.DateTime(["%Y-%m-%dT%H:%M", "%Y-%m-%d"]), default=None, help="Show motions as at this time (default: now)."
)
@catalogue_option
@reports_problems
def report(responses_paths, governance_path, as_at, catalogue_path):
    """Who takes part in each project, motions and their results, shared costs within caps, warnings."""
    catalogue = load_catalogue(catalogue_path)
    responses = load_responses(responses_paths, catalogue)
    records = load_governance(governance_path, catalogue) if governance_path else None
    click.echo(render_governance(catalogue, governance_report(catalogue, responses, records, as_at or datetime.now())))


@governance_group.command("withdrawal")
@click.argument("partner")
@click.option(
    "--finances",
    "finances_path",
    type=click.Path(path_type=Path),
    default=None,
    help="A partnership finances file (e.g. demo/staffordshire/finances.yml).",
)
@click.option(
    "--responses",
    "responses_paths",
    type=click.Path(path_type=Path),
    multiple=True,
    help="For a CPSN partner: the procurement's responses.",
)
@click.option("--notice-given", type=click.DateTime(["%Y-%m-%d"]), default=None, help="When notice is (or would be) given.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="With --finances: also write the withdrawal report (.docx) in the seed cabinet report's layout.",
)
@click.option(
    "--date",
    "meeting_date",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="With --out: the cabinet meeting's date (default: the meeting in the finances file).",
)
@catalogue_option
@reports_problems
def withdrawal(partner, finances_path, responses_paths, notice_given, out, meeting_date, catalogue_path):
    """The withdrawal impact statement for PARTNER: what leaving saves, what continues, when notice expires."""
    given = notice_given.date() if notice_given else None
    why = date_problem(given, load_catalogue(catalogue_path).programme, "--notice-given")
    if why:
        raise click.BadParameter(why, param_hint="--notice-given")
    try:
        if finances_path:
            finances = load_finances(finances_path)
            impact = withdrawal_impact(finances, partner, given)
            click.echo(render_withdrawal(impact))
            if out:
                from ..documents.withdrawal_report import build_withdrawal_report  # python-docx: only for --out

                data = build_withdrawal_report(impact, meeting_date.date() if meeting_date else None, finances.notice_period_months)
                out.write_bytes(data)
                click.echo(f"Wrote {out}", err=True)
            return
        if not responses_paths:
            raise click.UsageError("give --finances FILE, or --responses PATH for a CPSN partner")
        catalogue = load_catalogue(catalogue_path)
        responses = load_responses(responses_paths, catalogue)
        known = catalogue.partner(partner)
        given = given or (known.notice_given if known else None) or date.today()
        click.echo(render_network_withdrawal(network_withdrawal_impact(catalogue, responses, partner, given)))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
