"""`cpsn-builder responses check`."""

from __future__ import annotations

from pathlib import Path

import click

from ..catalogue import load_catalogue
from ..questions.formatting import count
from ..responses import load_responses
from .common import catalogue_option, reports_problems


@click.group("responses")
def responses_group():
    """Check partner response files."""


@responses_group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@catalogue_option
@reports_problems
def check(files, catalogue_path):
    """Validate response files (or folders of them) against the catalogue."""
    catalogue = load_catalogue(catalogue_path)
    responses = load_responses(files, catalogue)
    click.echo(f"{len(responses.responses)} responses OK for project {responses.project_id}:")
    for response in responses.responses:
        partner = catalogue.partner(response.partner_id)
        if response.declined:
            what = "declined the project"
        else:
            what = f"{count(len(response.lots), 'lot')} ({', '.join(response.lots)}), {count(len(response.sites), 'site')}"
        click.echo(f"  {partner.name}: {what}")
