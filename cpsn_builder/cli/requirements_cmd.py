"""`cpsn-builder requirements export | check` and `sor-diff`: a procurement's tailored requirement set."""

from __future__ import annotations

from pathlib import Path

import click

from ..catalogue import load_catalogue
from ..engine import estimate
from ..requirements import apply_set, dump_set, load_set, standard_set
from ..requirements.diff import VersionDiff, diff_versions
from ..requirements.layering import clause_kinds
from ..responses import load_responses
from .common import catalogue_option, reports_problems, write_output


@click.group("requirements")
def requirements_group():
    """Export, check and compare a procurement's requirement set (the catalogue's clauses, tailored)."""


@requirements_group.command("export")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="File to write (default: print).")
@click.option("--title", default=None, help="The set's title (default: the procurement's).")
@catalogue_option
@reports_problems
def export_command(out: Path | None, title: str | None, catalogue_path: Path | None):
    """Write the catalogue's standard clauses as a requirement set, to tailor and check in git."""
    write_output(dump_set(standard_set(load_catalogue(catalogue_path), title)), out)


@requirements_group.command("check")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@catalogue_option
@reports_problems
def check_command(path: Path, catalogue_path: Path | None):
    """Validate a requirement set against the catalogue and say what it changes."""
    catalogue = load_catalogue(catalogue_path)
    requirement_set = load_set(path, catalogue)
    click.echo(f"Requirement set OK: {path} ({requirement_set.title})")
    for line in describe_set(catalogue, requirement_set):
        click.echo(f"  {line}")


def describe_set(catalogue, requirement_set) -> list[str]:
    """One line per lot: how many clauses are standard, edited, added and withdrawn."""
    lines = []
    listed = {entry.lot for entry in requirement_set.lots}
    for lot in catalogue.lots:
        if lot.id not in listed:
            lines.append(f"{lot.id:<14} not in the set: its {len(lot.requirements)} standard clauses apply")
            continue
        clauses = requirement_set.clauses(lot.id)
        counted = ", ".join(f"{n} {kind}" for kind, n in sorted(clause_kinds(lot, clauses).items()))
        lines.append(f"{lot.id:<14} {sum(1 for c in clauses if not c.withdrawn)} clauses ({counted or 'none'})")
    return lines


@click.command("sor-diff")
@click.argument("old_path", metavar="OLD", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new_path", metavar="NEW", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--responses",
    "responses_paths",
    type=click.Path(path_type=Path),
    multiple=True,
    help="Responses the new version is built from, to list demand figures that moved (repeatable).",
)
@click.option(
    "--old-responses",
    "old_responses_paths",
    type=click.Path(path_type=Path),
    multiple=True,
    help="Responses the old version was built from (default: the same as --responses).",
)
@click.option(
    "--addendum",
    "addendum_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="With two issued version numbers: also write the addendum for bidders (.docx) here.",
)
@catalogue_option
@reports_problems
def sor_diff_command(old_path, new_path, responses_paths, old_responses_paths, addendum_path, catalogue_path):
    """What changed between two versions: OLD and NEW are requirement set files, or the numbers of two
    versions issued in the web app (e.g. 0.1 1.0, read from DATABASE_URL)."""
    if not old_path.exists() and not new_path.exists() and all(_is_label(str(p)) for p in (old_path, new_path)):
        _diff_issued(str(old_path), str(new_path), addendum_path)
        return
    if addendum_path is not None:
        raise click.UsageError("--addendum needs two issued version numbers (the addendum quotes what each version froze)")
    for path in (old_path, new_path):
        if not path.exists():
            raise click.UsageError(f"{path} is neither a requirement set file nor a version number like 1.0")
    catalogue = load_catalogue(catalogue_path)
    old_set, new_set = load_set(old_path, catalogue), load_set(new_path, catalogue)
    old_cat, new_cat = apply_set(catalogue, old_set), apply_set(catalogue, new_set)
    old_estimate = new_estimate = None
    if old_responses_paths and not responses_paths:
        raise click.UsageError("--old-responses needs --responses for the new version")
    if responses_paths:
        new_estimate = estimate(catalogue, load_responses(responses_paths, catalogue))
        old_estimate = estimate(catalogue, load_responses(old_responses_paths, catalogue)) if old_responses_paths else new_estimate
    diff = diff_versions(old_cat, new_cat, new_set, old_estimate, new_estimate)
    click.echo("\n".join(render_diff(diff, new_cat, old_path.name, new_path.name)))


def _is_label(text: str) -> bool:
    from ..web.sor_versions import LABEL

    return bool(LABEL.match(text))


def _diff_issued(old_label: str, new_label: str, addendum_path: Path | None) -> None:
    from ..documents.addendum import build_addendum
    from ..web.sor_versions import VersionProblem, changes, version
    from .web_cmd import _app

    app = _app()
    with app.app_context():
        rows = [version(label) for label in (old_label, new_label)]
        for label, row in zip((old_label, new_label), rows):
            if row is None:
                raise click.ClickException(f"no version {label} has been issued (see the web app's Versions page)")
        try:
            before, after, diff = changes(*rows)
        except VersionProblem as exc:
            raise click.ClickException(str(exc)) from None
        click.echo("\n".join(render_diff(diff, after.catalogue, f"version {old_label}", f"version {new_label}")))
        if addendum_path is not None:
            addendum_path.write_bytes(build_addendum(before.inputs, after.inputs, diff))
            click.echo(f"Wrote {addendum_path}", err=True)


_VERBS = {
    "added": "Added",
    "withdrawn": "Withdrawn",
    "text": "Reworded",
    "priority": "Priority changed",
    "partners": "Partners changed",
    "moved": "Moved",
}


def render_diff(diff: VersionDiff, catalogue, old_name: str, new_name: str) -> list[str]:
    if diff.empty:
        return [f"No changes from {old_name} to {new_name}."]
    out = [f"Changes from {old_name} to {new_name}:"]
    for lot in catalogue.lots:
        changes = [c for c in diff.clauses if c.lot_id == lot.id]
        if not changes:
            continue
        out.append("")
        out.append(f"{lot.title}")
        for change in changes:
            out += [f"  {_VERBS[change.kind]} {change.clause_id}" + _detail(change)]
            if change.kind == "text":
                out += [f"    was: {change.old}", f"    now: {change.new}"]
            elif change.kind == "added":
                out += [f"    {change.new}"]
    if diff.sections:
        out += ["", "Sections reworded: " + ", ".join(s.title for s in diff.sections)]
    if diff.demand:
        out += ["", "Demand that moved:"]
        out += [f"  {d.title}: {d.old:,} to {d.new:,} {d.unit}s" for d in diff.demand]
    return out


def _detail(change) -> str:
    if change.kind == "priority":
        return f": {change.old} to {change.new}"
    if change.kind == "withdrawn":
        return f" ({change.new})" if change.new else ""
    if change.kind == "partners":
        return f": {change.old or 'every partner'} to {change.new or 'every partner'}"
    if change.kind == "moved":
        return f" (now {change.new})"
    return ""
