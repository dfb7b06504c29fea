"""`cpsn-builder notify send | due | worker`: sending the outbox and the deadline reminders, outside the web app."""

from __future__ import annotations

import sys

import click

from .web_cmd import _app


def _mail_errors(run):
    from ..mail.settings import MailConfigError

    try:
        return run()
    except MailConfigError as exc:
        raise click.ClickException(str(exc)) from None


@click.group("notify")
def notify_group():
    """Email: send what the outbox holds, queue due reminders, or keep doing both."""


@notify_group.command("send")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 10000), help="At most this many messages in one run.")
def notify_send(limit):
    """Send the outbox's due messages once, then exit (exit 1 if any could not be sent)."""
    from ..mail.worker import send_due

    app = _app()
    with app.app_context():
        outcome = _mail_errors(lambda: send_due(limit=limit))
    for error in outcome.errors:
        click.echo(f"not sent: {error}", err=True)
    click.echo(f"Outbox: {outcome.summary()}")
    if outcome.retrying or outcome.failed:
        sys.exit(1)


@notify_group.command("due")
@click.option("--queue-only", is_flag=True, help="Queue the due reminders but leave sending to `notify send` or the worker.")
def notify_due(queue_only):
    """Queue the deadline reminders that are due, then send the outbox. Safe to run as often as you like:
    a reminder is queued once only, however often this runs (from cron or a systemd timer)."""
    from ..mail.reminders import queue_due_reminders
    from ..mail.worker import send_due

    app = _app()
    with app.app_context():
        queued = queue_due_reminders()
        click.echo(f"Reminders queued: {queued}")
        if not queue_only:
            outcome = _mail_errors(send_due)
            for error in outcome.errors:
                click.echo(f"not sent: {error}", err=True)
            click.echo(f"Outbox: {outcome.summary()}")


@notify_group.command("worker")
@click.option("--interval", default=30, show_default=True, type=click.IntRange(1, 3600), help="Seconds between rounds.")
def notify_worker(interval):
    """Keep sending: every INTERVAL seconds, queue due reminders and send the outbox (a systemd service; Ctrl+C stops)."""
    import logging
    from ..mail.worker import run_forever

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    app = _app()
    click.echo(f"Sending email every {interval} s (Ctrl+C to stop)")
    with app.app_context():
        try:
            _mail_errors(lambda: run_forever(interval))
        except KeyboardInterrupt:
            click.echo("Stopped")
