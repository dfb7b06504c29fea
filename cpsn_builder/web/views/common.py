"""Helpers the views share: statuses of the task list and what stops a submission."""
from __future__ import annotations

from ...catalogue.models import CheckboxQuestion
from ...responses.checks import question_applies
from ..models import PartnerResponse
from ..store import catalogue


def missing_answers(record: PartnerResponse, lot_id: str) -> list[str]:
    """Labels of required questions that apply and have no answer."""
    lot = catalogue().lot(lot_id)
    answers = record.answers.get(lot_id, {})
    typed = dict(answers)  # an unticked checkbox is stored as False, but may not be stored at all yet
    for question in lot.questions:
        if isinstance(question, CheckboxQuestion):
            typed.setdefault(question.id, False)
    return [q.label for q in lot.questions if q.required and q.id not in answers and question_applies(lot, q, typed)]


def task_statuses(record: PartnerResponse) -> list[dict]:
    """The task list: each task with its status derived from the answers, never stored."""
    cat = catalogue()
    tasks = [{"title": "Organisation details and contact", "endpoint": "partner.organisation", "args": {},
              "status": _status(bool(record.contact_name or record.contact_email), bool(record.contact_name and record.contact_email))},
             {"title": "Choose lots, or decline the project", "endpoint": "partner.choose_lots", "args": {},
              "status": "completed" if record.declined or record.lots else "not started"}]
    if not record.declined:
        for lot_id in record.lots:
            lot = cat.lot(lot_id)
            if lot is None:
                continue
            answered = bool(record.answers.get(lot_id))
            tasks.append({"title": lot.title, "endpoint": "partner.lot", "args": {"lot_id": lot_id},
                          "status": _status(answered, answered and not missing_answers(record, lot_id))})
        tasks.append({"title": "Sites", "endpoint": "partner.sites", "args": {},
                      "status": "completed" if record.sites else ("not started" if record.lots else "cannot start yet")})
        tasks.append({"title": "Maximum contribution", "endpoint": "partner.contribution", "args": {},
                      "status": "completed" if record.max_contribution is not None else "not started"})
    tasks.append({"title": "Check answers and submit", "endpoint": "partner.check", "args": {},
                  "status": "completed" if record.status == "submitted" else "not started"})
    return tasks


def _status(started: bool, complete: bool) -> str:
    return "completed" if complete else ("in progress" if started else "not started")


def submission_problems(record: PartnerResponse) -> list[tuple[str, str]]:
    """What stops a submission: (message, link endpoint) pairs."""
    problems = []
    if record.declined is None:
        problems.append(("Choose the lots you want, or decline the project", "partner.choose_lots"))
    elif not record.declined:
        if not record.lots:
            problems.append(("Choose at least one lot, or decline the project", "partner.choose_lots"))
        for lot_id in record.lots:
            for label in missing_answers(record, lot_id):
                problems.append((f"{catalogue().lot(lot_id).title}: answer '{label}'", f"partner.lot:{lot_id}"))
        if record.max_contribution is None:
            problems.append(("Enter the most your organisation agrees to contribute", "partner.contribution"))
    if not (record.contact_name and record.contact_email):
        problems.append(("Enter a contact name and email address", "partner.organisation"))
    return problems
