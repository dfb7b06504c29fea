"""Reading response files (YAML or JSON) and validating them against the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from ..catalogue import Catalogue
from ..source.problems import Problem, ProblemsFound, display_path
from ..source.validation import validate_document
from ..source.yaml_lines import PathKey, SourceDocument, load_yaml
from ..questions import AnswerError, applicable, lot_problems, question_type
from .contact import PHONE_MESSAGE, normalise_phone
from .conversion import from_file
from .sites import check_site
from .models import Response, ResponseFile, ResponseRecord, ResponseSet, Site

RESPONSE_SUFFIXES = (".yml", ".yaml", ".json")


def response_files(paths: Iterable[Path | str]) -> list[Path]:
    """Files named directly, and every response file inside a folder named, in a stable order."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in RESPONSE_SUFFIXES and p.is_file())
        else:
            files.append(path)
    return files


def load_responses(paths: Iterable[Path | str], catalogue: Catalogue, project_id: str | None = None) -> ResponseSet:
    """Validate every response; raises ProblemsFound listing every problem in every file."""
    project_id = project_id or catalogue.procurement.id
    problems: list[Problem] = []
    files = response_files(paths)
    if not files:
        raise ProblemsFound(
            [
                Problem(
                    ", ".join(map(str, paths)) or "(none)",
                    1,
                    "no response files found: give a .yml, .yaml or .json file or a folder of them",
                )
            ]
        )
    responses: list[Response] = []
    seen: dict[tuple[str, str], tuple[SourceDocument, PathKey]] = {}  # where each response came from
    for path in files:
        if not path.exists():
            problems.append(Problem(display_path(path), 1, "no such file or folder"))
            continue
        doc = load_yaml(path)
        problems += doc.problems
        if doc.data is None:
            continue
        for base, record in _records(doc, problems):
            response, found = check_record(record, catalogue, doc, base)
            problems += found
            if response is None:
                continue
            key = (response.partner_id, response.project_id)
            if key in seen:
                first, at = seen[key]
                problems.append(
                    doc.problem(
                        base + ("partner",),
                        f"a second response from '{response.partner_id}' for '{response.project_id}' (the first is {first.name}:{first.line_of(at)}): keep one",
                    )
                )
                continue
            seen[key] = (doc, base)  # named only for a duplicate: naming a file resolves its path
            responses.append(response)
    if problems:
        raise ProblemsFound(problems)
    chosen = tuple(sorted((r for r in responses if r.project_id == project_id), key=lambda r: r.partner_id))
    return ResponseSet(project_id=project_id, responses=chosen)


def _records(doc: SourceDocument, problems: list[Problem]) -> list[tuple[PathKey, ResponseRecord]]:
    if isinstance(doc.data, dict) and "responses" in doc.data:
        parsed, found = validate_document(ResponseFile, doc)
        problems += found
        return [(("responses", i), r) for i, r in enumerate(parsed.responses)] if parsed else []
    parsed, found = validate_document(ResponseRecord, doc)
    problems += found
    return [((), parsed)] if parsed else []


def check_record(
    record: ResponseRecord, catalogue: Catalogue, doc: SourceDocument, base: PathKey = ()
) -> tuple[Response | None, list[Problem]]:
    """Check one record against the catalogue and type its answers."""
    problems: list[Problem] = []

    def problem(loc: PathKey, message: str) -> None:
        problems.append(doc.problem(base + loc, message))

    if catalogue.partner(record.partner) is None:
        problem(("partner",), f"unknown partner '{record.partner}': use one of {', '.join(p.id for p in catalogue.partners)}")
    if catalogue.project(record.project) is None:
        problem(("project",), f"unknown project '{record.project}': use one of {', '.join(p.id for p in catalogue.programme.projects)}")
    if record.declined and (record.lots or record.answers or record.sites):
        problem(
            ("declined",),
            "the partner declined the project but the response also chooses lots, answers or sites: remove them, or set declined: false",
        )

    typed: dict[str, dict] = {}
    for i, lot_id in enumerate(record.lots):
        if catalogue.lot(lot_id) is None:
            problem(("lots", i), f"unknown lot '{lot_id}': use one of {', '.join(lot.id for lot in catalogue.lots)}")
        elif lot_id in record.lots[:i]:
            problem(("lots", i), f"lot '{lot_id}' is listed twice: keep one")
    for lot_id, answers in record.answers.items():
        lot = catalogue.lot(lot_id)
        if lot is None:
            problem(("answers", lot_id), f"answers for unknown lot '{lot_id}': use one of {', '.join(lot.id for lot in catalogue.lots)}")
        elif lot_id not in record.lots:
            problem(
                ("answers", lot_id),
                f"answers for lot '{lot_id}', which the partner has not opted into: add it to 'lots' or remove these answers",
            )
        else:
            # as on the web form: an answer to a follow-up that is not asked does not count
            typed[lot_id] = applicable(lot, _typed_answers(lot, answers, problem))
    for lot_id in record.lots:
        lot = catalogue.lot(lot_id)
        if lot is not None and not record.declined:
            _check_rules(lot, typed.get(lot_id, {}), record.answers.get(lot_id, {}), problem)
    for lot_id in record.current_spend:
        if lot_id not in record.lots:
            problem(
                ("current_spend", lot_id),
                f"current spend for lot '{lot_id}', which the partner has not opted into: add it to 'lots' or remove the figure",
            )
    if record.max_contribution is not None and record.max_contribution != record.max_contribution.quantize(Decimal("0.01")):
        problem(("max_contribution",), "give the maximum contribution in pounds and pence (at most two decimal places)")
    if record.contact and record.contact.phone and normalise_phone(record.contact.phone) is None:
        problem(("contact", "phone"), PHONE_MESSAGE)
    sites = _sites(record, catalogue, problem)
    if problems:
        return None, problems
    return from_file(record, typed, sites, f"{doc.name}:{doc.line_of(base)}"), []


def _typed_answers(lot, answers: dict, problem) -> dict:
    typed = {}
    for question_id, value in answers.items():
        question = lot.question(question_id)
        if question is None:
            problem(
                ("answers", lot.id, question_id),
                f"lot '{lot.id}' has no question '{question_id}': use one of {', '.join(q.id for q in lot.questions)}",
            )
            continue
        try:
            answer = question_type(question).parse(value)
        except AnswerError as exc:
            problem(("answers", lot.id, question_id), f"{lot.id}.{question_id}: {exc}")
            continue
        if answer is not None:
            typed[question_id] = answer
    return typed


def _check_rules(lot, answers: dict, given: dict, problem) -> None:
    """The catalogue's rules between answers, as the web form checks them at submit. An answer
    already reported as wrong is not reported again as missing."""
    wrong = {
        key
        for key, raw in given.items()
        if key not in answers and (q := lot.question(key)) is not None and not question_type(q).is_blank(raw)
    }
    for question_id, message in lot_problems(lot, answers, complete=True):
        if question_id in wrong:
            continue
        where = ("answers", lot.id, question_id) if question_id in given else (("answers", lot.id) if given else ("lots",))
        problem(where, f"{lot.id}.{question_id}: {message}")


def _sites(record: ResponseRecord, catalogue: Catalogue, problem) -> list[Site]:
    sites, seen = [], set()
    for i, site in enumerate(record.sites):
        checked, found = check_site(site.name, site.postcode, site.service_line, site.notes, catalogue, record.lots, seen)
        for key, message in found:
            problem(("sites", i, key), f"site {i + 1}: {message}")
        if checked:
            seen.add(checked.key)
            sites.append(Site(checked.name, checked.postcode, checked.lot_id, checked.service_line_id, checked.notes))
    return sites
