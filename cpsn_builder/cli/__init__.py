"""The `cpsn-builder` command line."""
from __future__ import annotations

import click

from .. import __version__
from .catalogue_cmd import catalogue_group
from .documents_cmd import DOCUMENT_COMMANDS
from .estimate_cmd import estimate_command
from .governance_cmd import governance_group
from .responses_cmd import responses_group
from .web_cmd import db_group, demo_group, export_command, import_command, serve, users_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cpsn-builder")
def main():
    """CPSN Builder: partner demand, estimate and procurement documents for the CPSN partnership."""


main.add_command(catalogue_group)
main.add_command(responses_group)
main.add_command(estimate_command)
main.add_command(governance_group)
for command in DOCUMENT_COMMANDS:
    main.add_command(command)
for command in (db_group, demo_group, users_group, serve, export_command, import_command):
    main.add_command(command)
