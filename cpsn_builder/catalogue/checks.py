"""Rules that span parts of the catalogue, each reporting the exact line to fix."""

from __future__ import annotations

from collections.abc import Iterable

from ..source.problems import Problem
from ..source.yaml_lines import SourceDocument
from .models import CheckboxQuestion, Lot, NumberQuestion, PartnerList, Programme, RadioQuestion
from .templating import sample_context, template_problem


def check_programme(programme: Programme, doc: SourceDocument) -> list[Problem]:
    problems = _duplicates(((("projects", i, "id"), p.id) for i, p in enumerate(programme.projects)), doc, "project id")
    procurements = [(i, p) for i, p in enumerate(programme.projects) if p.procurement]
    if len(procurements) != 1:
        problems.append(
            doc.problem(
                ("projects",), f"exactly one project must have 'procurement: true' (found {len(procurements)}): mark the CPSN procurement"
            )
        )
    for i, project in enumerate(programme.projects):
        costs = project.shared_costs
        if costs is None:
            continue
        problems += _duplicates(
            ((("projects", i, "shared_costs", "lines", j, "id"), c.id) for j, c in enumerate(costs.lines)), doc, "cost line id"
        )
        if costs.allocation == "pro_rata_contract_value" and not project.procurement:
            problems.append(
                doc.problem(
                    ("projects", i, "shared_costs", "allocation"),
                    f"project '{project.id}' has no priced procurement, so there is no contract value to share pro rata: use 'equal'",
                )
            )
    for i, project in procurements:
        for key in ("envelope", "contract_start", "term_years"):
            if getattr(project, key) is None:
                problems.append(doc.problem(("projects", i), f"the procurement project '{project.id}' needs '{key}': add it"))
    return problems


def check_partners(partners: PartnerList, doc: SourceDocument) -> list[Problem]:
    problems = _duplicates(((("partners", i, "id"), p.id) for i, p in enumerate(partners.partners)), doc, "partner id")
    for i, partner in enumerate(partners.partners):
        if partner.status == "withdrawing" and partner.notice_given is None:
            problems.append(
                doc.problem(
                    ("partners", i, "status"),
                    f"partner '{partner.id}' is withdrawing but has no 'notice_given' date: add the date notice was given",
                )
            )
        if partner.notice_given is not None and partner.status not in ("withdrawing", "withdrawn"):
            problems.append(
                doc.problem(
                    ("partners", i, "notice_given"),
                    f"partner '{partner.id}' has a notice date but status '{partner.status}': set status to withdrawing, or remove notice_given",
                )
            )
        if partner.notice_given and partner.joined and partner.notice_given < partner.joined:
            problems.append(
                doc.problem(("partners", i, "notice_given"), f"partner '{partner.id}' gave notice before it joined: check both dates")
            )
    return problems


def check_partner_dates(programme: Programme, partners: PartnerList, doc: SourceDocument) -> list[Problem]:
    from .dates import date_problem

    problems = []
    for i, partner in enumerate(partners.partners):
        for key in ("joined", "notice_given"):
            why = date_problem(getattr(partner, key), programme, f"partner '{partner.id}': {key}")
            if why:
                problems.append(doc.problem(("partners", i, key), why))
    return problems


def check_lot(lot: Lot, doc: SourceDocument) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicates(((("questions", i, "id"), q.id) for i, q in _present(lot.questions)), doc, "question id")
    problems += _duplicates(((("service_lines", i, "id"), s.id) for i, s in _present(lot.service_lines)), doc, "service line id")
    problems += _duplicates(((("requirements", i, "id"), r.id) for i, r in _present(lot.requirements)), doc, "requirement id")
    problems += _check_questions(lot, doc)
    for i, _ in _present(lot.service_lines):
        problems += _check_line(lot, i, doc)
    context = sample_context(_line_ids(lot, doc))
    for i, requirement in _present(lot.requirements):
        why = template_problem(requirement.text, context)
        if why:
            problems.append(doc.problem(("requirements", i, "text"), why))
    return problems


def check_across_lots(lots: list[tuple[Lot, SourceDocument]]) -> list[Problem]:
    """Lot ids, service line ids (sites name them alone) and requirement ids are unique catalogue-wide."""
    problems: list[Problem] = []
    for what, items in (
        ("lot id", [(doc, ("id",), lot.id) for lot, doc in lots]),
        ("service line id", [(doc, ("service_lines", i, "id"), s.id) for lot, doc in lots for i, s in _present(lot.service_lines)]),
        ("requirement id", [(doc, ("requirements", i, "id"), r.id) for lot, doc in lots for i, r in _present(lot.requirements)]),
    ):
        first: dict[str, tuple[SourceDocument, tuple]] = {}
        for doc, loc, value in items:
            if value in first and first[value][0] is not doc:
                other_doc, other_loc = first[value]
                problems.append(
                    doc.problem(
                        loc,
                        f"duplicate {what} '{value}' (also in {other_doc.name}:{other_doc.line_of(other_loc)}): ids must be unique across the catalogue",
                    )
                )
            first.setdefault(value, (doc, loc))
    return problems


def _check_questions(lot: Lot, doc: SourceDocument) -> list[Problem]:
    problems = []
    for i, question in _present(lot.questions):
        if isinstance(question, NumberQuestion) and question.min > question.max:
            problems.append(
                doc.problem(("questions", i, "max"), f"question '{question.id}': max {question.max} is below min {question.min}")
            )
        if isinstance(question, NumberQuestion) and question.at_most is not None:
            problems += _check_at_most(lot, i, question, doc)
        if question.depends is None:
            continue
        target = lot.question(question.depends.question)
        loc = ("questions", i, "depends", "question")
        if target is None or target.id == question.id:
            known = ", ".join(q.id for _, q in _present(lot.questions) if q.id != question.id)
            problems.append(
                doc.problem(loc, f"question '{question.id}' depends on unknown question '{question.depends.question}': use one of {known}")
            )
        elif isinstance(target, CheckboxQuestion) and not isinstance(question.depends.equals, bool):
            problems.append(
                doc.problem(("questions", i, "depends", "equals"), f"'{target.id}' is a checkbox: 'equals' must be true or false")
            )
        elif isinstance(target, RadioQuestion) and question.depends.equals not in {o.value for o in target.options}:
            options = ", ".join(o.value for o in target.options)
            problems.append(
                doc.problem(
                    ("questions", i, "depends", "equals"),
                    f"'{question.depends.equals}' is not an option of '{target.id}': use one of {options}",
                )
            )
        elif not isinstance(target, (CheckboxQuestion, RadioQuestion)):
            problems.append(
                doc.problem(
                    loc,
                    f"question '{question.id}' can only depend on a checkbox or radio question; '{target.id}' is a {target.type} question",
                )
            )
    return problems


def _check_at_most(lot: Lot, index: int, question: NumberQuestion, doc: SourceDocument) -> list[Problem]:
    """`at_most` must name other number questions of the lot, each once."""
    problems = []
    numbers = [q.id for _, q in _present(lot.questions) if isinstance(q, NumberQuestion) and q.id != question.id]
    for j, other_id in enumerate(question.at_most.questions):
        loc = ("questions", index, "at_most", "questions", j)
        other = lot.question(other_id)
        if other_id == question.id:
            problems.append(doc.problem(loc, f"question '{question.id}' cannot be at most itself: name other number questions"))
        elif not isinstance(other, NumberQuestion):
            what = "an unknown question" if other is None else f"a {other.type} question"
            problems.append(
                doc.problem(
                    loc,
                    f"question '{question.id}': at_most names '{other_id}', {what}; "
                    f"use number questions of this lot: {', '.join(numbers) or 'none yet'}",
                )
            )
        elif other_id in question.at_most.questions[:j]:
            problems.append(doc.problem(loc, f"question '{question.id}': at_most names '{other_id}' twice: keep one"))
    return problems


def _check_line(lot: Lot, index: int, doc: SourceDocument) -> list[Problem]:
    line = lot.service_lines[index]
    base = ("service_lines", index)
    problems = []
    source = lot.question(line.quantity)
    if not isinstance(source, NumberQuestion):
        numbers = ", ".join(q.id for _, q in _present(lot.questions) if isinstance(q, NumberQuestion)) or "none yet"
        problems.append(
            doc.problem(
                base + ("quantity",),
                f"service line '{line.id}' takes its quantity from '{line.quantity}', which is not a number question of this lot: use one of {numbers}",
            )
        )
    expected_from = 1
    for t, tier in enumerate(line.tiers):
        loc = base + ("tiers", t)
        last = t == len(line.tiers) - 1
        if tier.from_ != expected_from:
            gap = "a gap" if tier.from_ > expected_from else "an overlap"
            problems.append(
                doc.problem(
                    loc + ("from",),
                    f"service line '{line.id}': tier starts at {tier.from_} but the previous tier ends at {expected_from - 1} ({gap}): start it at {expected_from}",
                )
            )
        if tier.to is not None and tier.to < tier.from_:
            problems.append(
                doc.problem(loc + ("to",), f"service line '{line.id}': tier ends at {tier.to}, before it starts at {tier.from_}")
            )
        if last and tier.to is not None:
            problems.append(
                doc.problem(
                    loc + ("to",), f"service line '{line.id}': the last tier must be open-ended (no 'to') so every quantity has a price"
                )
            )
        if not last and tier.to is None:
            problems.append(doc.problem(loc, f"service line '{line.id}': only the last tier may be open-ended: give this tier a 'to'"))
        if t and tier.price > line.tiers[t - 1].price:
            problems.append(
                doc.problem(
                    loc + ("price",),
                    f"service line '{line.id}': price {tier.price} is above the previous tier's {line.tiers[t - 1].price}; a larger volume must never cost more per unit",
                )
            )
        expected_from = (tier.to or tier.from_) + 1
    prices = [tier.price for tier in line.tiers]
    if line.low > min(prices):
        problems.append(
            doc.problem(base + ("low",), f"service line '{line.id}': low price {line.low} is above the cheapest tier price {min(prices)}")
        )
    if line.high < max(prices):
        problems.append(
            doc.problem(base + ("high",), f"service line '{line.id}': high price {line.high} is below the dearest tier price {max(prices)}")
        )
    return problems


def _line_ids(lot: Lot, doc: SourceDocument) -> list[str]:
    """Service line ids, including those of malformed lines, so templates naming them still check."""
    ids = [line.id for _, line in _present(lot.service_lines)]
    raw = doc.data.get("service_lines") if isinstance(doc.data, dict) else None
    if isinstance(raw, list):
        ids += [item["id"] for item in raw if isinstance(item, dict) and isinstance(item.get("id"), str)]
    return ids


def _present(items):
    """(index, item) for the items that are well formed (a partial lot keeps None in place)."""
    return [(i, item) for i, item in enumerate(items) if item is not None]


def _duplicates(items: Iterable[tuple[tuple, str]], doc: SourceDocument, what: str) -> list[Problem]:
    first: dict[str, tuple] = {}
    problems = []
    for loc, value in items:
        if value in first:
            problems.append(
                doc.problem(loc, f"duplicate {what} '{value}' (first at line {doc.line_of(first[value])}): give each a unique id")
            )
        else:
            first[value] = loc
    return problems
