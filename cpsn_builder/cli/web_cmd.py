"""`cpsn-builder serve | db | demo | users`: running the web app and managing its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask_migrate import upgrade

from ..web import create_app
from ..web.config import ConfigError
from ..web.extensions import db
from ..web.models import ROLES, User


def database_url_for_people() -> str:
    """The database URL the commands use, with any password replaced by ***."""
    from sqlalchemy.engine import make_url
    from ..web.config import database_url

    try:
        return make_url(database_url(str(Path.cwd() / "instance"))).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL: say so rather than echo what may hold a password
        return "(DATABASE_URL, which is not a valid database URL)"


def _app():
    try:
        return create_app()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@click.group("db")
def db_group():
    """The web app's database (SQLite by default, PostgreSQL with DATABASE_URL)."""


@db_group.command("upgrade")
def db_upgrade():
    """Create or migrate the database to the latest schema."""
    app = _app()
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    click.echo(f"Database ready: {database_url_for_people()}")


@db_group.command("export-responses")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True, help="Folder for one YAML file per partner.")
@click.option("--submitted-only", is_flag=True, help="Only submitted answers (default: drafts too, as the dashboard shows).")
def export_responses(out: Path, submitted_only: bool):
    """Write the database's responses as response files, for `cpsn-builder estimate --responses`."""
    from ..responses.conversion import dump_yaml, to_file
    from ..web.store import catalogue, response_set

    app = _app()
    out.mkdir(parents=True, exist_ok=True)
    with app.app_context():
        cat = catalogue()
        for response in response_set(submitted_only=submitted_only).responses:
            (out / f"{response.partner_id}.yml").write_text(dump_yaml(to_file(response, cat)), encoding="utf-8")
            click.echo(f"Wrote {out / (response.partner_id + '.yml')}")


@click.group("demo")
def demo_group():
    """Demo data for trying the service."""


@demo_group.command("load")
def demo_load():
    """Add the demo users and responses (running it twice changes nothing)."""
    from ..web.demo import load_demo

    app = _app()
    with app.app_context():
        added = load_demo()
    click.echo(f"Demo data: {len(added)} records added" if added else "Demo data already loaded: nothing changed")


@click.group("users")
def users_group():
    """Accounts for partner officers, the procurement lead and cabinet viewers."""


@users_group.command("add")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--partner", "partner_id", default=None, help="The partner a partner officer works for.")
@click.password_option(help="At least 10 characters.")
def users_add(email, name, role, partner_id, password):
    """Add a user."""
    from ..web.store import catalogue

    if len(password) < 10:
        raise click.BadParameter("the password must be at least 10 characters", param_hint="--password")
    app = _app()
    with app.app_context():
        if role == "partner" and (partner_id is None or catalogue().partner(partner_id) is None):
            raise click.BadParameter(
                f"a partner officer needs --partner, one of {', '.join(p.id for p in catalogue().partners)}", param_hint="--partner"
            )
        email = email.strip().lower()
        if db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none():
            raise click.ClickException(f"a user with the email {email} already exists")
        user = User(email=email, name=name, role=role, partner_id=partner_id if role == "partner" else None)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
    click.echo(f"Added {email} ({role})")


@users_group.command("invite")
@click.argument("email")
@click.option("--partner", "partner_id", default=None, help="The partner a partner officer works for (needed for --role partner).")
@click.option("--name", default=None, help="The person's name, as the email greets them (default: the email address).")
@click.option("--role", type=click.Choice(ROLES), default="partner", show_default=True)
def users_invite(email, partner_id, name, role):
    """Create an account for EMAIL with no password and email them a link to set one (valid 72 hours)."""
    from ..mail import events as mail_events
    from ..mail.addresses import InvalidAddress
    from ..web.store import catalogue

    app = _app()
    with app.app_context():
        partner = catalogue().partner(partner_id) if partner_id else None
        if role == "partner" and partner is None:
            raise click.BadParameter(
                f"a partner officer needs --partner, one of {', '.join(p.id for p in catalogue().partners)}", param_hint="--partner"
            )
        try:
            user = mail_events.invite(
                email, name if name is not None else email.strip(), role, partner.id if partner else None, partner.name if partner else None
            )
        except (InvalidAddress, mail_events.InvitationRefused) as exc:
            raise click.ClickException(str(exc)) from None
        db.session.commit()
        address = user.email
    click.echo(f"Invitation queued for {address}; `cpsn-builder notify send` (or the worker) sends it")


@users_group.command("list")
def users_list():
    """List users."""
    app = _app()
    with app.app_context():
        for user in db.session.execute(db.select(User).order_by(User.role, User.email)).scalars():
            click.echo(f"{user.email:<40} {user.role:<8} {user.partner_id or '':<16} {'disabled' if user.disabled else ''}".rstrip())


@users_group.command("reset-password")
@click.argument("email")
@click.password_option(help="At least 10 characters.")
def users_reset_password(email, password):
    """Set a new password for EMAIL."""
    if len(password) < 10:
        raise click.BadParameter("the password must be at least 10 characters", param_hint="--password")
    app = _app()
    with app.app_context():
        _user_or_fail(email).set_password(password)  # which also ends the account's sessions
        db.session.commit()
    click.echo(f"Password changed for {email}; its sessions have ended")


def _user_or_fail(email: str) -> User:
    user = db.session.execute(db.select(User).filter_by(email=email.strip().lower())).scalar_one_or_none()
    if user is None:
        raise click.ClickException(f"no user with the email {email}")
    return user


@users_group.command("disable")
@click.argument("email")
def users_disable(email):
    """Stop EMAIL signing in and end its sessions now (the account stays in the audit trail)."""
    from ..web.accounts import disable

    app = _app()
    with app.app_context():
        disable(_user_or_fail(email))
        db.session.commit()
    click.echo(f"Disabled {email}: its sessions have ended and it cannot sign in")


@users_group.command("remove")
@click.argument("email")
def users_remove(email):
    """Delete EMAIL's account and end its sessions (the audit trail keeps its email address)."""
    from ..web.accounts import remove

    app = _app()
    with app.app_context():
        remove(_user_or_fail(email))
        db.session.commit()
    click.echo(f"Removed {email}")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--demo/--no-demo", default=None, help="Load the demo users and responses first (the default only when CPSN_ENV=development)."
)
@click.option(
    "--mail-worker/--no-mail-worker",
    default=True,
    show_default=True,
    help="Send the email outbox from this server's own thread (or run `cpsn-builder notify worker` beside it).",
)
def serve(host, port, demo, mail_worker):
    """Migrate the database, load the demo data in development, and serve the web app."""
    from ..web.demo import DEMO_PASSWORD, accounts_on_demo_password, demo_users, load_demo

    app = _app()
    production = app.config["ENV_NAME"] == "production"
    if demo is None:
        demo = app.config["ENV_NAME"] == "development"  # elsewhere the demo's published password must be asked for
    if demo and production:
        raise click.ClickException(
            "refusing to load the demo accounts in production: their password is published in the README (run without --demo)"
        )
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        if production:
            exposed = accounts_on_demo_password()
            if exposed:
                raise click.ClickException(
                    f"refusing to start in production: {len(exposed)} account(s) still have the demo password "
                    f"({', '.join(exposed[:5])}{', ...' if len(exposed) > 5 else ''}); change them with "
                    "`cpsn-builder users reset-password EMAIL` or remove them with `cpsn-builder users remove EMAIL`"
                )
        if demo:
            load_demo()
            click.echo(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
            for email, _, role, partner_id in demo_users():
                click.echo(f"  {email:<40} {role}{' (' + partner_id + ')' if partner_id else ''}")
    if app.config["ENV_NAME"] == "development" and not os.environ.get("CPSN_BASE_URL"):
        app.config["CPSN_BASE_URL"] = f"http://{host}:{port}"  # links in printed emails open this server
    if mail_worker:
        _start_mail_worker(app)
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    sys.stdout.flush()
    app.run(host=host, port=port, debug=False)


def _start_mail_worker(app) -> None:
    """Send the outbox from a thread of this server, so `make run` needs no second process. Without
    SMTP_URL, in development, each message is printed here (links included) instead of sent."""
    import logging
    import threading

    from ..mail.worker import run_forever

    if not app.config.get("SMTP_URL") and app.config["ENV_NAME"] != "development":
        click.echo("Email: SMTP_URL is not set, so messages wait in the outbox (see the README)")
        return
    log = logging.getLogger("cpsn_builder.mail")
    log.setLevel(logging.INFO)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("email: %(message)s"))
    log.addHandler(handler)

    def work():
        with app.app_context():
            run_forever(interval=5)

    threading.Thread(target=work, name="mail-worker", daemon=True).start()
    click.echo("Email: sent by this server every 5 s" + ("" if app.config.get("SMTP_URL") else " (no SMTP_URL: printed here, not sent)"))


@click.command("export")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The JSON snapshot to write.")
def export_command(out: Path):
    """Back up the whole database (partners' answers, sites, users, votes, audit trail) as JSON."""
    from ..web.snapshot import dumps, export_snapshot

    app = _app()
    with app.app_context():
        data = export_snapshot()
    out.write_text(dumps(data), encoding="utf-8")
    click.echo(f"Wrote {out}: " + ", ".join(f"{k} {len(v)}" for k, v in data["tables"].items()))


@click.command("import")
@click.argument("snapshot", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--replace", is_flag=True, help="Delete what the database holds first (otherwise it must be empty).")
def import_command(snapshot: Path, replace: bool):
    """Restore a JSON snapshot into the database (migrated to the same schema)."""
    import json as _json

    from ..web.snapshot import SnapshotError, import_snapshot
    from ..web.snapshot_checks import no_duplicate_keys

    try:
        data = _json.loads(snapshot.read_text(encoding="utf-8"), object_pairs_hook=no_duplicate_keys)
    except (ValueError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{snapshot} is not a JSON snapshot: {exc}") from None
    app = _app()
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        try:
            counts = import_snapshot(data, replace=replace)
        except SnapshotError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo("Restored: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
