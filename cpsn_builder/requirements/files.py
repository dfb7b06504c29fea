"""Requirement set files: read with every problem at its line, written so git shows a clause's change."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..catalogue import Catalogue
from ..source.problems import ProblemsFound
from ..source.validation import validate_document
from ..source.yaml_lines import load_yaml, parse_yaml
from .checks import check_set
from .models import RequirementSet

HEADER = """\
# A requirement set: the clauses of each lot as this procurement states them, in the order the
# statement of requirements lists them. Edit the text or priority of a standard clause, add
# clauses in the lot's series (WAN-101, WAN-102...), mark one 'withdrawn: true' with a 'reason:'
# to take it out while keeping its history. Check with: cpsn-builder requirements check FILE
# (its JSON Schema, for editors: catalogue/schema/requirements.schema.json)
"""


def load_set(path: Path, catalogue: Catalogue) -> RequirementSet:
    """Read and check a set; raises ProblemsFound listing every problem at once."""
    return _checked(load_yaml(Path(path)), catalogue)


def parse_set(text: str, name: str, catalogue: Catalogue) -> RequirementSet:
    """The same for a set held as text (an upload, an issued version); `name` names it in problems."""
    return _checked(parse_yaml(text, Path(name)), catalogue)


def _checked(doc, catalogue: Catalogue) -> RequirementSet:
    if doc.problems:
        raise ProblemsFound(doc.problems)
    requirement_set, problems = validate_document(RequirementSet, doc)
    if requirement_set is not None:
        problems = check_set(requirement_set, doc, catalogue)
    if problems:
        raise ProblemsFound(problems)
    return requirement_set


class _Dumper(yaml.SafeDumper):
    """Block style, texts folded as the catalogue writes them, keys in the model's order."""


def _text(dumper: yaml.SafeDumper, value: str):
    # A long text is folded onto a line of its own, unbroken, so a reviewer's diff shows the clause
    # whole (a break inside "{{ demand.x | number }}" reads badly); PyYAML quotes what it cannot fold.
    style = ">" if len(value) > 80 and " " in value and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_set(requirement_set: RequirementSet) -> str:
    data = requirement_set.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return HEADER + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000)
