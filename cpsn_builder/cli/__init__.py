"""The `cpsn-builder` command line.

Each command's module is imported when that command runs: the documents pull in matplotlib,
python-docx and openpyxl, and the web commands Flask, SQLAlchemy and Alembic, which together took
over a second before any command started (`--version` included). `--help` imports them all, to
show each command's summary.
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__

# command name -> (module in this package, attribute): the order is the order --help lists them in
COMMANDS = {
    "catalogue": ("catalogue_cmd", "catalogue_group"),
    "responses": ("responses_cmd", "responses_group"),
    "estimate": ("estimate_cmd", "estimate_command"),
    "governance": ("governance_cmd", "governance_group"),
    "requirements": ("requirements_cmd", "requirements_group"),
    "sor": ("documents_cmd", "sor_command"),
    "cabinet-report": ("documents_cmd", "cabinet_report_command"),
    "pricing-schedule": ("documents_cmd", "pricing_schedule_command"),
    "demand-csv": ("documents_cmd", "demand_csv_command"),
    "ocds": ("documents_cmd", "ocds_command"),
    "bids": ("bids_cmd", "bids_group"),
    "sor-diff": ("requirements_cmd", "sor_diff_command"),
    "evaluate": ("tenders_cmd", "evaluate_command"),
    "award-report": ("award_cmd", "award_report_command"),
    "db": ("web_cmd", "db_group"),
    "demo": ("web_cmd", "demo_group"),
    "users": ("web_cmd", "users_group"),
    "notify": ("notify_cmd", "notify_group"),
    "serve": ("web_cmd", "serve"),
    "export": ("web_cmd", "export_command"),
    "import": ("web_cmd", "import_command"),
    "retention": ("retention_cmd", "retention_command"),
}


class _Main(click.Group):
    def list_commands(self, ctx) -> list[str]:
        return [*COMMANDS, *sorted(set(self.commands) - set(COMMANDS))]

    def get_command(self, ctx, name: str) -> click.Command | None:
        if name in self.commands or name not in COMMANDS:
            return self.commands.get(name)
        module, attribute = COMMANDS[name]
        command = getattr(importlib.import_module(f".{module}", __name__), attribute)
        self.add_command(command, name)
        return command

    def invoke(self, ctx):
        """A database that does not answer is one line naming it (password hidden), not a traceback."""
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if not _database_down(exc):
                raise
            from .web_cmd import database_url_for_people

            reason = str(exc.orig or exc).strip().splitlines()[0] if str(exc.orig or exc).strip() else type(exc).__name__
            click.echo(
                f"Error: the database at {database_url_for_people()} does not answer ({reason}); "
                "check DATABASE_URL and that the database server is running",
                err=True,
            )
            sys.exit(1)


def _database_down(exc: Exception) -> bool:
    errors = sys.modules.get("sqlalchemy.exc")  # a command that never loaded SQLAlchemy cannot raise its errors
    return errors is not None and isinstance(exc, (errors.OperationalError, errors.InterfaceError))


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cpsn-builder")
def main():
    """CPSN Builder: partner demand, estimate and procurement documents for the CPSN partnership."""
