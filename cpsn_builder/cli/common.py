"""Options and error handling every command shares."""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..catalogue import Catalogue, load_catalogue
from ..engine import ScenarioError
from ..responses import ResponseSet, load_responses
from ..source.problems import ProblemsFound
from ..tenders.models import BidRejected

catalogue_option = click.option(
    "--catalogue",
    "catalogue_path",
    type=click.Path(path_type=Path),
    default=None,
    envvar="CPSN_CATALOGUE",
    help="Catalogue folder (default: the shipped catalogue, or $CPSN_CATALOGUE).",
)
responses_option = click.option(
    "--responses",
    "responses_paths",
    type=click.Path(path_type=Path),
    multiple=True,
    required=True,
    help="A response file, or a folder of them (repeatable).",
)


def reports_problems(command):
    """Show every input problem as file:line: message and exit 1; never a traceback for bad input."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (ProblemsFound, BidRejected) as exc:
            # a returned workbook's problems say file: sheet!cell: message, a source file's file:line: message
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            count = len(exc.problems)
            click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was produced.", err=True)
            sys.exit(1)
        except ScenarioError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)

    return wrapper


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a command reads its inputs and computes.

    Thousands of response files make millions of objects that live until the command ends, and
    each of the collector's full passes walks all of them: for 7,000 responses that was a quarter
    of the command's time, to find no cycles (reference counting frees everything else as usual).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def open_inputs(catalogue_path: Path | None, responses_paths) -> tuple[Catalogue, ResponseSet]:
    catalogue = load_catalogue(catalogue_path)
    return catalogue, load_responses(responses_paths, catalogue)


def write_output(text: str, out: Path | None) -> None:
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror}") from None
    click.echo(f"Wrote {out}", err=True)
