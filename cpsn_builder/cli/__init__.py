"""The `cpsn-builder` command line."""
from __future__ import annotations

import sys

import click
from sqlalchemy.exc import InterfaceError, OperationalError

from .. import __version__
from .catalogue_cmd import catalogue_group
from .documents_cmd import DOCUMENT_COMMANDS
from .estimate_cmd import estimate_command
from .governance_cmd import governance_group
from .requirements_cmd import requirements_group, sor_diff_command
from .responses_cmd import responses_group
from .retention_cmd import retention_command
from .web_cmd import database_url_for_people, db_group, demo_group, export_command, import_command, serve, users_group


class _Main(click.Group):
    def invoke(self, ctx):
        """A database that does not answer is one line naming it (password hidden), not a traceback."""
        try:
            return super().invoke(ctx)
        except (OperationalError, InterfaceError) as exc:
            reason = str(exc.orig or exc).strip().splitlines()[0] if str(exc.orig or exc).strip() else type(exc).__name__
            click.echo(f"Error: the database at {database_url_for_people()} does not answer ({reason}); "
                       "check DATABASE_URL and that the database server is running", err=True)
            sys.exit(1)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cpsn-builder")
def main():
    """CPSN Builder: partner demand, estimate and procurement documents for the CPSN partnership."""


main.add_command(catalogue_group)
main.add_command(responses_group)
main.add_command(estimate_command)
main.add_command(governance_group)
main.add_command(requirements_group)
main.add_command(sor_diff_command)
for command in DOCUMENT_COMMANDS:
    main.add_command(command)
for command in (db_group, demo_group, users_group, serve, export_command, import_command, retention_command):
    main.add_command(command)
