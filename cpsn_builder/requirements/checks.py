"""Rules a requirement set must meet against its catalogue, each reported at the line to fix."""
from __future__ import annotations

import re
from collections import Counter

from ..catalogue import Catalogue
from ..catalogue.models import Lot
from ..catalogue.templating import sample_context, sample_document_context, template_problem
from ..source.problems import Problem
from ..source.yaml_lines import SourceDocument
from .models import Clause, RequirementSet

# Clause text is one paragraph or a few lines of a list; any other control character would break
# the Word document (XML 1.0 forbids most of them) or hide text from a reader.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def series(lot: Lot) -> str | None:
    """The id prefix of a lot's clauses ("WAN" for WAN-001), from its standard clauses."""
    prefixes = Counter(r.id.split("-")[0] for r in lot.requirements)
    return prefixes.most_common(1)[0][0] if prefixes else None


def check_set(requirement_set: RequirementSet, doc: SourceDocument, catalogue: Catalogue) -> list[Problem]:
    problems: list[Problem] = []
    owners = {r.id: lot.id for lot in catalogue.lots for r in lot.requirements}
    seen_lots: dict[str, int] = {}
    seen_ids: dict[str, tuple] = {}
    for i, entry in enumerate(requirement_set.lots):
        where = ("lots", i, "lot")
        lot = catalogue.lot(entry.lot)
        if entry.lot in seen_lots:
            problems.append(doc.problem(where, f"lot '{entry.lot}' is listed twice (first at line "
                                               f"{doc.line_of(('lots', seen_lots[entry.lot], 'lot'))}): keep one list per lot"))
            continue
        seen_lots[entry.lot] = i
        if lot is None:
            problems.append(doc.problem(where, f"no lot '{entry.lot}' in the catalogue: use one of "
                                               f"{', '.join(l.id for l in catalogue.lots)}"))
            continue
        for j, clause in enumerate(entry.requirements):
            at = ("lots", i, "requirements", j)
            if clause.id in seen_ids:
                first = doc.line_of(seen_ids[clause.id] + ("id",))
                problems.append(doc.problem(at + ("id",), f"{clause.id} is used twice (first at line {first}): "
                                                          "give the added clause the next free number in its series"))
                continue
            seen_ids[clause.id] = at
            problems += _clause_problems(clause, lot, owners, catalogue, doc, at)
    problems += _section_problems(requirement_set, doc, catalogue)
    return problems


def _clause_problems(clause: Clause, lot: Lot, owners: dict[str, str], catalogue: Catalogue,
                     doc: SourceDocument, at: tuple) -> list[Problem]:
    problems = []
    owner = owners.get(clause.id)
    prefix = series(lot)
    if owner is not None and owner != lot.id:
        problems.append(doc.problem(at + ("id",), f"{clause.id} is a standard clause of lot '{owner}', not of "
                                                  f"'{lot.id}': give this clause an id in the {prefix or lot.id} series"))
    elif owner is None and prefix is not None and not clause.id.startswith(prefix + "-"):
        problems.append(doc.problem(at + ("id",), f"{clause.id} is not in lot '{lot.id}''s series: number added "
                                                  f"clauses {prefix}-101, {prefix}-102 and so on"))
    if _CONTROL.search(clause.text):
        problems.append(doc.problem(at + ("text",), f"{clause.id}: the text holds a control character (such as a tab "
                                                    "or a character pasted from another program): retype it as plain text"))
    else:
        why = template_problem(clause.text, sample_context([s.id for s in lot.service_lines]), f"{clause.id}'s text")
        if why:
            problems.append(doc.problem(at + ("text",), why))
    for k, partner_id in enumerate(clause.partners):
        if catalogue.partner(partner_id) is None:
            problems.append(doc.problem(at + ("partners", k), f"{clause.id}: no partner '{partner_id}' in the catalogue"))
    if clause.proposed_by is not None and catalogue.partner(clause.proposed_by) is None:
        problems.append(doc.problem(at + ("proposed_by",), f"{clause.id}: no partner '{clause.proposed_by}' in the catalogue"))
    if clause.withdrawn and clause.reason is None:
        problems.append(doc.problem(at + ("withdrawn",), f"{clause.id} is withdrawn without a reason: add 'reason:' "
                                                         "(the version history shows it)"))
    if clause.reason is not None and not clause.withdrawn:
        problems.append(doc.problem(at + ("reason",), f"{clause.id} has a reason but is not withdrawn: remove the "
                                                      "reason, or add 'withdrawn: true'"))
    return problems


def _section_problems(requirement_set: RequirementSet, doc: SourceDocument, catalogue: Catalogue) -> list[Problem]:
    if not requirement_set.sections:
        return []
    texts = catalogue.documents
    if texts is None:
        return [doc.problem(("sections",), "this catalogue has no documents/ texts whose sections could be replaced")]
    known = {section.id: section for section in texts.sor.sections}
    context = sample_document_context(list(known), list(texts.references.terms))
    problems, seen = [], set()
    for i, section in enumerate(requirement_set.sections):
        at = ("sections", i)
        original = known.get(section.id)
        if section.id in seen:
            problems.append(doc.problem(at + ("id",), f"section '{section.id}' is replaced twice: keep one"))
            continue
        seen.add(section.id)
        if original is None:
            problems.append(doc.problem(at + ("id",), f"no section '{section.id}' in documents/sor.yml: use one of "
                                                      f"{', '.join(known)}"))
            continue
        if original.generated:
            problems.append(doc.problem(at + ("id",), f"section '{section.id}' is written from the estimate "
                                                      "(its text cannot be replaced): edit the lots' clauses instead"))
            continue
        for j, block in enumerate(section.blocks):
            for k, text in _block_texts(block):
                why = template_problem(text, context, f"section '{section.id}'")
                if why:
                    problems.append(doc.problem(at + ("blocks", j) + k, why))
    return problems


def _block_texts(block):
    if isinstance(block, str):
        yield (), block
    elif hasattr(block, "bullets"):
        for k, text in enumerate(block.bullets):
            yield ("bullets", k), text
    elif hasattr(block, "heading"):
        yield ("heading",), block.heading
