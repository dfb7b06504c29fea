"""Reading the governance record file and the partnership finances file, with file:line problems."""

from __future__ import annotations

from pathlib import Path

from ..catalogue import Catalogue
from ..catalogue.dates import date_problem
from ..source.problems import Problem, ProblemsFound, display_path
from ..source.validation import validate_document
from ..source.yaml_lines import load_yaml
from .finances import FinanceFile
from .records import GovernanceFile


def load_governance(path: Path | str, catalogue: Catalogue) -> GovernanceFile:
    doc, records = _load(Path(path), GovernanceFile)
    problems: list[Problem] = []
    partners = {p.id for p in catalogue.partners}
    projects = {p.id for p in catalogue.programme.projects}

    def check_ids(loc, partner, project):
        if partner is not None and partner not in partners:
            problems.append(doc.problem(loc + ("partner",), f"unknown partner '{partner}': use one of {', '.join(sorted(partners))}"))
        if project is not None and project not in projects:
            problems.append(doc.problem(loc + ("project",), f"unknown project '{project}': use one of {', '.join(sorted(projects))}"))

    def check_date(loc, value, what):
        why = date_problem(value, catalogue.programme, what)
        if why:
            problems.append(doc.problem(loc, why))

    seen_positions = set()
    for i, record in enumerate(records.participation):
        check_ids(("participation", i), record.partner, record.project)
        check_date(("participation", i, "declined_on"), record.declined_on, "declined_on")
        key = (record.partner, record.project)
        if key in seen_positions:
            problems.append(
                doc.problem(("participation", i), f"a second participation record for {record.partner} on {record.project}: keep one")
            )
        seen_positions.add(key)
    motion_ids = set()
    for i, motion in enumerate(records.motions):
        loc = ("motions", i)
        check_ids(loc, None, motion.project)
        if motion.id in motion_ids:
            problems.append(doc.problem(loc + ("id",), f"duplicate motion id '{motion.id}'"))
        motion_ids.add(motion.id)
        check_date(loc + ("opens",), motion.opens, f"motion {motion.id} opens")
        check_date(loc + ("closes",), motion.closes, f"motion {motion.id} closes")
        if motion.closes <= motion.opens:
            problems.append(doc.problem(loc + ("closes",), f"motion {motion.id} closes before it opens: check both times"))
        voters = set()
        for j, vote in enumerate(motion.votes):
            check_ids(loc + ("votes", j), vote.partner, None)
            if vote.partner in voters:
                problems.append(doc.problem(loc + ("votes", j), f"{vote.partner} votes twice on motion {motion.id}: one vote per partner"))
            voters.add(vote.partner)
            if not motion.opens <= vote.cast_at < motion.closes:
                problems.append(
                    doc.problem(loc + ("votes", j, "cast_at"), f"vote cast at {vote.cast_at} is outside the motion's voting window")
                )
    if problems:
        raise ProblemsFound(problems)
    return records


def load_finances(path: Path | str) -> FinanceFile:
    return _load(Path(path), FinanceFile)[1]


def _load(path: Path, model):
    if not path.is_file():
        raise ProblemsFound([Problem(display_path(path), 1, "no such file")])
    doc = load_yaml(path)
    if doc.problems:
        raise ProblemsFound(doc.problems)
    value, problems = validate_document(model, doc)
    if problems:
        raise ProblemsFound(problems)
    return doc, value
