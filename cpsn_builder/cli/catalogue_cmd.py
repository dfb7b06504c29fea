"""`cpsn-builder catalogue check | schema`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from ..catalogue import load_catalogue
from ..catalogue.schemas import SCHEMAS
from .common import catalogue_option, reports_problems


@click.group("catalogue")
def catalogue_group():
    """Check the catalogue or export its JSON Schemas."""


@catalogue_group.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@catalogue_option
@click.option(
    "--requirements",
    "requirements_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also check a requirement set made from this catalogue (cpsn-builder requirements export).",
)
@reports_problems
def check(path: Path | None, catalogue_path: Path | None, requirements_path: Path | None):
    """Validate a catalogue folder (PATH or --catalogue; default: the shipped one) and summarise it."""
    if path is not None and catalogue_path is not None and path != catalogue_path:
        raise click.UsageError("give the catalogue folder once: as PATH or as --catalogue, not both")
    catalogue = load_catalogue(path or catalogue_path)
    requirement_set = None
    if requirements_path is not None:
        from ..requirements import load_set

        requirement_set = load_set(requirements_path, catalogue)
    programme = catalogue.programme
    project = catalogue.procurement
    statuses = Counter(p.status for p in catalogue.partners)
    click.echo(f"Catalogue OK: {catalogue.root} (version {programme.catalogue_version}, digest {catalogue.short_digest})")
    click.echo(f"{programme.name}: {len(programme.projects)} projects ({', '.join(p.id for p in programme.projects)})")
    click.echo(
        f"Procurement {project.id}: envelope £{project.envelope:,.0f} {programme.prices}, from {project.contract_start.day} {project.contract_start:%B %Y}, "
        f"{project.term_years} years + {project.extension_years} optional"
    )
    click.echo("Partners: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
    click.echo(f"{len(catalogue.lots)} lots:")
    for lot in catalogue.lots:
        click.echo(
            f"  {lot.id:<14} {lot.title} - {len(lot.questions)} questions, {len(lot.service_lines)} service lines, "
            f"{len(lot.requirements)} requirements"
        )
    if requirement_set is not None:
        from .requirements_cmd import describe_set

        click.echo(f"Requirement set OK: {requirements_path} ({requirement_set.title})")
        for line in describe_set(catalogue, requirement_set):
            click.echo(f"  {line}")


@catalogue_group.command("schema")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write the schemas into (default: print the lot schema).",
)
def schema(out: Path | None):
    """Export JSON Schemas of the catalogue and response files, for editors."""
    if out is None:
        click.echo(json.dumps(SCHEMAS["lot"](), indent=2))
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, make in SCHEMAS.items():
        (out / f"{name}.schema.json").write_text(json.dumps(make(), indent=2) + "\n", encoding="utf-8")
        click.echo(f"Wrote {out / (name + '.schema.json')}")
