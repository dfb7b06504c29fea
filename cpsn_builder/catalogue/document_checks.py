"""Checks on the document texts that a schema cannot express, each naming the line to fix."""

from __future__ import annotations

from datetime import timedelta

from ..source.problems import Problem
from ..source.yaml_lines import SourceDocument
from .document_models import CabinetTexts, References, SorTexts
from .templating import template_problem


def check_references(refs: References, doc: SourceDocument) -> list[Problem]:
    """Each term's wordings cover every date exactly once, in order, so a document always has one."""
    problems = []
    for name, wordings in refs.terms.items():
        for i, wording in enumerate(wordings):
            loc = ("terms", name, i)
            if wording.from_ and wording.until and wording.until < wording.from_:
                problems.append(doc.problem(loc, f"term '{name}': 'until' {wording.until} is before 'from' {wording.from_}"))
            if i == 0 and wording.from_ is not None:
                problems.append(
                    doc.problem(loc + ("from",), f"term '{name}': the first wording must have no 'from', so it covers every earlier date")
                )
            if i == len(wordings) - 1 and wording.until is not None:
                problems.append(
                    doc.problem(loc + ("until",), f"term '{name}': the last wording must have no 'until', so it covers every later date")
                )
            if i:
                before = wordings[i - 1].until
                if before is None or wording.from_ is None or wording.from_ != before + timedelta(days=1):
                    problems.append(
                        doc.problem(
                            loc,
                            f"term '{name}': this wording must start the day after the previous one ends ({before}): no gaps or overlaps",
                        )
                    )
    return problems


def check_sor(sor: SorTexts, doc: SourceDocument, context: dict) -> list[Problem]:
    problems = _unique(((("sections", i, "id"), s.id) for i, s in enumerate(sor.sections)), doc, "section id")
    lots = [i for i, s in enumerate(sor.sections) if s.generated == "lots"]
    if len(lots) != 1:
        problems.append(
            doc.problem(("sections",), f"exactly one section must be 'generated: lots' (found {len(lots)}): it places the lots")
        )
    for i, section in enumerate(sor.sections):
        if section.generated != "lots" and not section.title:
            problems.append(doc.problem(("sections", i), f"section '{section.id}' needs a 'title'"))
        if section.generated is None and not section.blocks:
            problems.append(doc.problem(("sections", i), f"section '{section.id}' has no 'blocks': give it some text"))
        for j, block in enumerate(section.blocks):
            for loc, text in _texts(block, ("sections", i, "blocks", j)):
                why = template_problem(text, context, "text")
                if why:
                    problems.append(doc.problem(loc, why))
    evaluation = sor.evaluation
    problems += _unique(((("evaluation", "criteria", i, "id"), c.id) for i, c in enumerate(evaluation.criteria)), doc, "criterion id")
    if evaluation.price_weight + evaluation.quality_weight != 100:
        problems.append(
            doc.problem(
                ("evaluation", "price_weight"),
                f"price weight {evaluation.price_weight} and the criteria's weights ({evaluation.quality_weight}) must add up to 100",
            )
        )
    scores = [p.score for p in evaluation.scale]
    if scores != list(range(len(scores))):
        problems.append(doc.problem(("evaluation", "scale"), f"the scale's scores must be 0, 1, 2... in order (found {scores})"))
    for i, criterion in enumerate(evaluation.criteria):
        if criterion.minimum > scores[-1]:
            problems.append(
                doc.problem(
                    ("evaluation", "criteria", i, "minimum"),
                    f"criterion {criterion.id}: minimum {criterion.minimum} is above the top of the scale ({scores[-1]})",
                )
            )
    return problems


def check_cabinet(cabinet: CabinetTexts, doc: SourceDocument, partner_ids: set[str], context: dict) -> list[Problem]:
    problems = _unique(((("councils", i, "partner"), c.partner) for i, c in enumerate(cabinet.councils)), doc, "council")
    for i, council in enumerate(cabinet.councils):
        if partner_ids and council.partner not in partner_ids:
            problems.append(
                doc.problem(
                    ("councils", i, "partner"),
                    f"'{council.partner}' is not a partner in partners.yml: use one of {_some(sorted(partner_ids))}",
                )
            )
    if cabinet.council(cabinet.lead) is None:
        problems.append(doc.problem(("lead",), f"the lead '{cabinet.lead}' has no entry under 'councils': add its facts"))
    if sum(1 for o in cabinet.options if o.recommended) != 1:
        problems.append(doc.problem(("options",), "exactly one option must be 'recommended: true'"))
    texts = [(("options", i, "text"), o.text) for i, o in enumerate(cabinet.options)]
    texts += [(("reasons", i), r) for i, r in enumerate(cabinet.reasons)]
    texts += [(("implications", name), text) for name, text in cabinet.implications.model_dump().items()]
    texts += [(("background_papers", i), t) for i, t in enumerate(cabinet.background_papers)]
    for loc, text in texts:
        why = template_problem(text, context, "text")
        if why:
            problems.append(doc.problem(loc, why))
    return problems


def _texts(block, loc):
    if isinstance(block, str):
        return [(loc, block)]
    if hasattr(block, "bullets"):
        return [(loc + ("bullets", k), text) for k, text in enumerate(block.bullets)]
    return []


def _unique(items, doc: SourceDocument, what: str) -> list[Problem]:
    first: dict[str, tuple] = {}
    problems = []
    for loc, value in items:
        if value in first:
            problems.append(
                doc.problem(loc, f"duplicate {what} '{value}' (first at line {doc.line_of(first[value])}): give each a unique id")
            )
        first.setdefault(value, loc)
    return problems


def _some(names: list[str], shown: int = 12) -> str:
    """A list of choices short enough to read: a catalogue may have hundreds of partners."""
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} (and {len(names) - shown} more: see partners.yml)"
