"""Rules a requirement set must meet against its catalogue, each reported at the line to fix."""

from __future__ import annotations

import re
from collections import Counter

from ..catalogue import Catalogue
from ..catalogue.models import Lot
from ..catalogue.templating import sample_context, sample_document_context, template_problem
from ..source.problems import Problem
from ..source.yaml_lines import SourceDocument
from .models import Clause, RequirementSet, SectionText

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
            problems.append(
                doc.problem(
                    where,
                    f"lot '{entry.lot}' is listed twice (first at line "
                    f"{doc.line_of(('lots', seen_lots[entry.lot], 'lot'))}): keep one list per lot",
                )
            )
            continue
        seen_lots[entry.lot] = i
        if lot is None:
            problems.append(
                doc.problem(where, f"no lot '{entry.lot}' in the catalogue: use one of {', '.join(l.id for l in catalogue.lots)}")
            )
            continue
        for j, clause in enumerate(entry.requirements):
            at = ("lots", i, "requirements", j)
            if clause.id in seen_ids:
                first = doc.line_of(seen_ids[clause.id] + ("id",))
                problems.append(
                    doc.problem(
                        at + ("id",),
                        f"{clause.id} is used twice (first at line {first}): give the added clause the next free number in its series",
                    )
                )
                continue
            seen_ids[clause.id] = at
            problems += [doc.problem(at + path, message) for path, message in clause_messages(clause, lot, owners, catalogue)]
    problems += _section_problems(requirement_set, doc, catalogue)
    return problems


def clause_messages(clause: Clause, lot: Lot, owners: dict[str, str], catalogue: Catalogue) -> list[tuple[tuple, str]]:
    """What is wrong with one clause, each with the field it concerns (the web form shows them there)."""
    found = []
    owner = owners.get(clause.id)
    prefix = series(lot)
    if owner is not None and owner != lot.id:
        found.append(
            (
                ("id",),
                f"{clause.id} is a standard clause of lot '{owner}', not of "
                f"'{lot.id}': give this clause an id in the {prefix or lot.id} series",
            )
        )
    elif owner is None and prefix is not None and not clause.id.startswith(prefix + "-"):
        found.append((("id",), f"{clause.id} is not in lot '{lot.id}''s series: number added clauses {prefix}-101, {prefix}-102 and so on"))
    if _CONTROL.search(clause.text):
        found.append(
            (
                ("text",),
                f"{clause.id}: the text holds a control character (such as a tab "
                "or a character pasted from another program): retype it as plain text",
            )
        )
    else:
        why = template_problem(clause.text, sample_context([s.id for s in lot.service_lines]), f"{clause.id}'s text")
        if why:
            found.append((("text",), why))
    for k, partner_id in enumerate(clause.partners):
        if catalogue.partner(partner_id) is None:
            found.append((("partners", k), f"{clause.id}: no partner '{partner_id}' in the catalogue"))
    if clause.proposed_by is not None and catalogue.partner(clause.proposed_by) is None:
        found.append((("proposed_by",), f"{clause.id}: no partner '{clause.proposed_by}' in the catalogue"))
    if clause.withdrawn and clause.reason is None:
        found.append((("withdrawn",), f"{clause.id} is withdrawn without a reason: add 'reason:' (the version history shows it)"))
    if clause.reason is not None and not clause.withdrawn:
        found.append((("reason",), f"{clause.id} has a reason but is not withdrawn: remove the reason, or add 'withdrawn: true'"))
    return found


def _section_problems(requirement_set: RequirementSet, doc: SourceDocument, catalogue: Catalogue) -> list[Problem]:
    problems, seen = [], set()
    for i, section in enumerate(requirement_set.sections):
        at = ("sections", i)
        if section.id in seen:
            problems.append(doc.problem(at + ("id",), f"section '{section.id}' is replaced twice: keep one"))
            continue
        seen.add(section.id)
        problems += [doc.problem(at + path, message) for path, message in section_messages(section, catalogue)]
    return problems


def section_messages(section: SectionText, catalogue: Catalogue) -> list[tuple[tuple, str]]:
    """What is wrong with a replaced section text, each with where in the section it is."""
    texts = catalogue.documents
    if texts is None:
        return [(("id",), "this catalogue has no documents/ texts whose sections could be replaced")]
    known = {s.id: s for s in texts.sor.sections}
    original = known.get(section.id)
    if original is None:
        return [(("id",), f"no section '{section.id}' in documents/sor.yml: use one of {', '.join(known)}")]
    if original.generated:
        return [
            (("id",), f"section '{section.id}' is written from the estimate (its text cannot be replaced): edit the lots' clauses instead")
        ]
    context = sample_document_context(list(known), list(texts.references.terms))
    found = []
    for j, block in enumerate(section.blocks):
        for k, text in _block_texts(block):
            if _CONTROL.search(text):
                found.append((("blocks", j) + k, f"section '{section.id}': a control character in the text: retype it"))
                continue
            why = template_problem(text, context, f"section '{section.id}'")
            if why:
                found.append((("blocks", j) + k, why))
    return found


def _block_texts(block):
    if isinstance(block, str):
        yield (), block
    elif hasattr(block, "bullets"):
        for k, text in enumerate(block.bullets):
            yield ("bullets", k), text
    elif hasattr(block, "heading"):
        yield ("heading",), block.heading
