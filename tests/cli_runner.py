"""Running `cpsn-builder` in the test process (click's CliRunner) or as a process of its own."""

from __future__ import annotations

import subprocess
import sys
from typing import NamedTuple

from click.testing import CliRunner

from conftest import REPO
from cpsn_builder.cli import main

CLI = [sys.executable, "-m", "cpsn_builder"]


class Run(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args) -> Run:
    """The command in this process: its output and exit code, without a second of start-up each time."""
    result = CliRunner().invoke(main, list(map(str, args)), prog_name="cpsn-builder")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback is a failure, not an output to compare
    return Run(result.exit_code, result.stdout, result.stderr)


def run_process(*args, timeout: int = 300) -> subprocess.CompletedProcess:
    """The command as a user's shell starts it."""
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, cwd=REPO, timeout=timeout)
