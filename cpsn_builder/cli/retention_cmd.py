"""`cpsn-builder retention`: remove or anonymise personal data older than the privacy notice says."""

from __future__ import annotations

import click

from ..web.extensions import db
from .web_cmd import _app


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="Say what would be removed or anonymised, and change nothing.")
def retention_command(dry_run: bool):
    """Apply the privacy notice's retention periods to the database (run it daily, e.g. from cron).

    Audit trail entries older than the retention period lose who made them and any personal
    values; accounts disabled that long ago are removed; old failed sign-in records are deleted.
    """
    from ..web.retention import apply_retention

    app = _app()
    with app.app_context():
        outcome = apply_retention(dry_run=dry_run)
        if not dry_run:
            db.session.commit()
    for line in outcome.lines(applied=not dry_run):
        click.echo(line)
    if dry_run:
        click.echo("Dry run: nothing was changed.")
