"""The command starts at once: each command imports what it needs when it runs, and nothing else.

Start-up time itself is measured by `make bench`; here the imports are checked, because a timing
on a shared machine can fail for reasons no code change made.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import click

from conftest import DEMO_RESPONSES, REPO
from cpsn_builder.cli import COMMANDS, main

HEAVY = ("matplotlib", "docx", "openpyxl", "flask", "flask_migrate", "alembic", "sqlalchemy", "pypdf")

PROBE = """
import json, sys
from cpsn_builder.cli import main
try:
    main(sys.argv[1:], prog_name="cpsn-builder")
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def loaded_by(*args) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *map(str, args)], capture_output=True, text=True, cwd=REPO, timeout=120)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_version_and_estimate_load_no_documents_or_web_libraries():
    for args in (["--version"], ["estimate", "--responses", DEMO_RESPONSES], ["governance", "report", "--responses", DEMO_RESPONSES]):
        heavy = loaded_by(*args) & set(HEAVY)
        assert not heavy, f"cpsn-builder {args[0]} imported {sorted(heavy)}"


def test_a_document_command_loads_what_it_builds_with(tmp_path):
    assert {"docx"} <= loaded_by("sor", "--responses", DEMO_RESPONSES, "--out", tmp_path / "sor.docx")
    assert not {"flask", "sqlalchemy", "matplotlib"} & loaded_by("ocds", "--responses", DEMO_RESPONSES, "--out", tmp_path / "o.json")


def test_every_command_defined_is_reachable_from_the_command_line():
    """A command added to a module but not to cli.COMMANDS would silently be missing."""
    registered = {getattr(importlib.import_module(f"cpsn_builder.cli.{module}"), attribute) for module, attribute in COMMANDS.values()}
    subcommands = {sub for group in registered if isinstance(group, click.Group) for sub in group.commands.values()}
    for module in {module for module, _ in COMMANDS.values()}:
        for value in vars(importlib.import_module(f"cpsn_builder.cli.{module}")).values():
            if isinstance(value, click.Command):
                assert value in registered or value in subcommands, f"{module}.{value.name} is not in cpsn_builder.cli.COMMANDS"
    ctx = click.Context(main)
    assert [main.get_command(ctx, name).name for name in main.list_commands(ctx)] == list(COMMANDS)
