"""Reading response files (YAML or JSON) and validating them against the catalogue."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..catalogue import Catalogue
from ..source.problems import Problem, ProblemsFound, display_path
from ..source.validation import validate_document
from ..source.yaml_lines import PathKey, SourceDocument, load_yaml
from .checks import normalise_postcode, question_applies, text_problem, type_answer
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
        raise ProblemsFound([Problem(", ".join(map(str, paths)) or "(none)", 1, "no response files found: give a .yml, .yaml or .json file or a folder of them")])
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
                problems.append(doc.problem(base + ("partner",), f"a second response from '{response.partner_id}' for '{response.project_id}' (the first is {first.name}:{first.line_of(at)}): keep one"))
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


def check_record(record: ResponseRecord, catalogue: Catalogue, doc: SourceDocument, base: PathKey = ()) -> tuple[Response | None, list[Problem]]:
    """Check one record against the catalogue and type its answers."""
    problems: list[Problem] = []

    def problem(loc: PathKey, message: str) -> None:
        problems.append(doc.problem(base + loc, message))

    if catalogue.partner(record.partner) is None:
        problem(("partner",), f"unknown partner '{record.partner}': use one of {', '.join(p.id for p in catalogue.partners)}")
    if catalogue.project(record.project) is None:
        problem(("project",), f"unknown project '{record.project}': use one of {', '.join(p.id for p in catalogue.programme.projects)}")
    if record.declined and (record.lots or record.answers or record.sites):
        problem(("declined",), "the partner declined the project but the response also chooses lots, answers or sites: remove them, or set declined: false")

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
            problem(("answers", lot_id), f"answers for lot '{lot_id}', which the partner has not opted into: add it to 'lots' or remove these answers")
        else:
            typed[lot_id] = _typed_answers(lot, answers, problem)
    for lot_id in record.lots:
        lot = catalogue.lot(lot_id)
        if lot is not None and not record.declined:
            _require_answers(lot, typed.get(lot_id, {}), set(record.answers.get(lot_id, {})), problem)
    for lot_id in record.current_spend:
        if lot_id not in record.lots:
            problem(("current_spend", lot_id), f"current spend for lot '{lot_id}', which the partner has not opted into: add it to 'lots' or remove the figure")
    sites = _sites(record, catalogue, problem)
    if problems:
        return None, problems
    return Response(
        partner_id=record.partner,
        project_id=record.project,
        declined=record.declined,
        lots=tuple(record.lots),
        answers=typed,
        current_spend=dict(record.current_spend),
        sites=tuple(sites),
        max_contribution=record.max_contribution,
        contact_name=record.contact.name if record.contact else None,
        contact_email=record.contact.email if record.contact else None,
        submitted_at=record.submitted_at,
        source=f"{doc.name}:{doc.line_of(base)}",
    ), []


def _typed_answers(lot, answers: dict, problem) -> dict:
    typed = {}
    for question_id, value in answers.items():
        question = lot.question(question_id)
        if question is None:
            problem(("answers", lot.id, question_id), f"lot '{lot.id}' has no question '{question_id}': use one of {', '.join(q.id for q in lot.questions)}")
            continue
        answer, why = type_answer(question, value)
        if why:
            problem(("answers", lot.id, question_id), f"{lot.id}.{question_id}: {why}")
        else:
            typed[question_id] = answer
    return typed


def _require_answers(lot, answers: dict, given: set[str], problem) -> None:
    """Required questions that apply must be answered; a wrong answer is reported once, as wrong."""
    for question in lot.questions:
        if question.required and question.id not in given and question_applies(lot, question, answers):
            problem(("answers", lot.id) if lot.id in answers else ("lots",), f"lot '{lot.id}': no answer to '{question.id}' ({question.label}): answer it (0 where none)")


def _sites(record: ResponseRecord, catalogue: Catalogue, problem) -> list[Site]:
    sites = []
    for i, site in enumerate(record.sites):
        found = catalogue.service_line(site.service_line)
        postcode = normalise_postcode(site.postcode)
        if found is None:
            problem(("sites", i, "service_line"), f"unknown service line '{site.service_line}': use the id of a service line, such as eth_100m")
        elif found[0].id not in record.lots:
            problem(("sites", i, "service_line"), f"site '{site.name}' uses '{site.service_line}' from lot '{found[0].id}', which the partner has not opted into")
        if postcode is None:
            problem(("sites", i, "postcode"), f"'{site.postcode}' is not a UK postcode: write it like CB3 0AP")
        for key in ("name", "notes"):
            why = text_problem(getattr(site, key) or "")
            if why:
                problem(("sites", i, key), f"site {key} {why}")
        if found is not None and postcode is not None:
            sites.append(Site(site.name, postcode, found[0].id, site.service_line, site.notes))
    return sites
