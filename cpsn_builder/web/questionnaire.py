"""What the partner's questionnaire derives from the answers: the task list's statuses, what stops a
submission, the check-your-answers summary, the submission reference and why answers are locked.

Nothing here is stored: each is worked out from the answers and the catalogue, on every request,
through the question types (`cpsn_builder.questions`), so the task list, check-your-answers and
the submit check cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from flask import url_for
from markupsafe import Markup, escape

from ..catalogue import Catalogue
from ..questions import applies, lot_problems, question_type
from ..questions.formatting import count, money
from .models import PartnerResponse
from .store import uk_time

SITES_LISTED = 25  # check-your-answers lists this many sites by name; the sites page has them all


def stored_answers(record: PartnerResponse, lot) -> dict:
    """A lot's stored answers, typed by their questions."""
    typed = {}
    for key, value in record.answers.get(lot.id, {}).items():
        question = lot.question(key)
        if question is not None and value is not None:
            typed[key] = question_type(question).from_stored(value)
    return typed


# --- what stops a submission


@dataclass(frozen=True)
class Problem:
    message: str
    href: str


def lot_submission_problems(record: PartnerResponse, lot) -> list[tuple[str, str]]:
    """(question id, message) for every rule a lot's saved answers break, everything required."""
    return lot_problems(lot, stored_answers(record, lot), complete=True)


def submission_problems(record: PartnerResponse, cat: Catalogue, max_contribution_limit) -> list[Problem]:
    partner_id = record.partner_id
    problems = []
    if not (record.contact_name and record.contact_email):
        missing = (
            "name and email address"
            if not (record.contact_name or record.contact_email)
            else ("name" if not record.contact_name else "email address")
        )
        problems.append(Problem(f"Enter a contact {missing}", url_for("partner.organisation", partner_id=partner_id)))
    if record.declined is None:
        problems.append(
            Problem("Select whether your organisation takes part in the procurement", url_for("partner.choose_lots", partner_id=partner_id))
        )
    elif not record.declined:
        if not record.lots:
            problems.append(
                Problem(
                    "Select at least one lot, or say that you decline the project", url_for("partner.choose_lots", partner_id=partner_id)
                )
            )
        for lot_id in record.lots:
            lot = cat.lot(lot_id)
            if lot is None:
                continue
            for question_id, message in lot_submission_problems(record, lot):
                problems.append(
                    Problem(f"{lot.title}: {message}", url_for("partner.lot", partner_id=partner_id, lot_id=lot_id) + f"#{question_id}")
                )
        if record.max_contribution is None:
            problems.append(
                Problem("Enter the most your organisation agrees to contribute", url_for("partner.contribution", partner_id=partner_id))
            )
        elif record.max_contribution > max_contribution_limit:
            problems.append(
                Problem(
                    f"The most your organisation agrees to contribute must be {money(max_contribution_limit)} or less",
                    url_for("partner.contribution", partner_id=partner_id),
                )
            )
    return problems


# --- the task list


@dataclass
class Task:
    title: str
    endpoint: str | None  # None: cannot start yet, so not a link
    args: dict = field(default_factory=dict)
    status: str = "not started"  # not started | in progress | completed | cannot start | submitted

    @property
    def item(self) -> dict:
        """The task as govukTaskList's item."""
        statuses = {
            "completed": {"text": "Completed"},
            "submitted": {"text": "Submitted"},
            "cannot start": {"text": "Cannot start yet", "classes": "govuk-task-list__status--cannot-start-yet"},
            "in progress": {"tag": {"text": "In progress", "classes": "govuk-tag--light-blue"}},
            "not started": {"tag": {"text": "Not yet started", "classes": "govuk-tag--blue"}},
        }
        item = {"title": {"text": self.title}, "status": statuses[self.status]}
        if self.endpoint:
            item["href"] = url_for(self.endpoint, **self.args)
        return item


def tasks(record: PartnerResponse, cat: Catalogue) -> list[Task]:
    """The task list, each status derived from the answers."""
    pid = {"partner_id": record.partner_id}
    contact_given = [record.contact_name, record.contact_email]
    found = [
        Task("Organisation details and contact", "partner.organisation", pid, _status(any(contact_given), all(contact_given))),
        Task(
            "Choose lots, or decline the project",
            "partner.choose_lots",
            pid,
            "completed" if record.declined or record.lots else "not started",
        ),
    ]
    if not record.declined:
        if not record.lots:
            found.append(Task("Questions about each lot you choose", None, status="cannot start"))
        for lot_id in record.lots:
            lot = cat.lot(lot_id)
            if lot is None:
                continue
            answered = bool(record.answers.get(lot_id))
            found.append(
                Task(
                    lot.title,
                    "partner.lot",
                    {**pid, "lot_id": lot_id},
                    _status(answered, answered and not lot_submission_problems(record, lot)),
                )
            )
        found.append(
            Task(
                "Sites (optional)",
                "partner.sites" if record.lots else None,
                pid,
                "completed" if record.sites else ("not started" if record.lots else "cannot start"),
            )
        )
        found.append(
            Task("Maximum contribution", "partner.contribution", pid, "completed" if record.max_contribution is not None else "not started")
        )
    ready = all(task.status == "completed" for task in found if not task.title.endswith("(optional)"))
    if record.status == "submitted":
        final = "submitted"
    else:
        final = "not started" if ready else "cannot start"
    found.append(Task("Check answers and submit", "partner.check" if ready or record.status == "submitted" else None, pid, final))
    return found


def _status(started: bool, complete: bool) -> str:
    return "completed" if complete else ("in progress" if started else "not started")


def status_line(record: PartnerResponse) -> str:
    """Where the answers stand, in words, for the top of the task list."""
    if record.status == "submitted":
        return f"You submitted these answers on {uk_time(record.submitted_at)}." if record.submitted_at else "You submitted these answers."
    if record.submitted_at:
        return (
            f"The procurement lead reopened your answers, which you had submitted on {uk_time(record.submitted_at)}. "
            "Make your changes, then check and submit them again."
        )
    return "You have not submitted these answers yet. Every page saves your answers as you go."


def reference(record: PartnerResponse) -> str:
    """The reference of a submission: the record and the moment, so a resubmission gets a new one."""
    moment = record.submitted_at
    return f"{record.project_id.upper()}-{record.id:03d}-{moment:%Y%m%d-%H%M%S}" if moment else ""


# --- check your answers, and the read-only summary of locked pages


def _row(key: str, value, href: str | None, hidden: str | None = None, change: bool = True) -> dict:
    row = {"key": {"text": key}, "value": {"html": value} if isinstance(value, Markup) else {"text": value}}
    if href and change:
        row["actions"] = {"items": [{"href": href, "text": "Change", "visuallyHiddenText": (hidden or key).lower()}]}
    return row


def _back(endpoint: str, **args) -> str:
    return url_for(endpoint, **args, **{"return": "check"})


def summary(record: PartnerResponse, cat: Catalogue, change: bool = True, only: str | None = None) -> list[dict]:
    """Sections of rows for govukSummaryList: only questions that apply, formatted by their type,
    each with a Change link that returns to check-your-answers. `only` picks one section by key."""
    pid = record.partner_id
    sections = []

    def section(key, title, rows):
        if only is None or only == key:
            sections.append({"key": key, "title": title, "rows": rows})

    organisation = _back("partner.organisation", partner_id=pid)
    section(
        "organisation",
        "Organisation and contact",
        [
            _row("Contact name", record.contact_name or "Not given", organisation, change=change),
            _row("Contact email address", record.contact_email or "Not given", organisation, change=change),
            _row("Contact telephone number", record.contact_phone or "Not given", organisation, change=change),
        ],
    )
    lots_href = _back("partner.choose_lots", partner_id=pid)
    taking_part = "Not answered" if record.declined is None else ("No, we decline this project" if record.declined else "Yes")
    rows = [_row("Taking part", taking_part, lots_href, change=change)]
    if not record.declined and record.declined is not None:
        titles = [cat.lot(lot_id).title for lot_id in record.lots if cat.lot(lot_id)]
        rows.append(_row("Lots", _list(titles) if titles else "None chosen", lots_href, change=change))
    section("lots", "Taking part", rows)
    if record.declined:
        return sections
    for lot_id in record.lots:
        lot = cat.lot(lot_id)
        if lot is None:
            continue
        answers = stored_answers(record, lot)
        href = _back("partner.lot", partner_id=pid, lot_id=lot_id)
        rows = [
            _row(question.label, question_type(question).summary(answers.get(question.id)), f"{href}#{question.id}", change=change)
            for question in lot.questions
            if applies(lot, question, answers)
        ]
        spend = record.current_spend.get(lot_id)
        rows.append(
            _row(
                "Current annual spend",
                "Estimated from typical prices" if spend is None else money(_decimal(spend)),
                f"{href}#current_spend",
                change=change,
            )
        )
        section(f"lot:{lot_id}", lot.title, rows)
    lines = {line.id: line.title for lot in cat.lots for line in lot.service_lines}
    sites = list(record.sites)
    listed = [f"{s.name}, {s.postcode} ({lines.get(s.service_line_id, s.service_line_id)})" for s in sites[:SITES_LISTED]]
    if len(sites) > SITES_LISTED:
        listed.append(f"and {count(len(sites) - SITES_LISTED, 'more site')}")
    value = Markup(f'<p class="govuk-body">{escape(count(len(sites), "site"))}</p>') + _list(listed) if sites else "None added"
    section("sites", "Sites", [_row("Sites", value, url_for("partner.sites", partner_id=pid), change=change)])
    amount = record.max_contribution
    section(
        "contribution",
        "Maximum contribution",
        [
            _row(
                "Maximum contribution, for the whole term",
                "Not given" if amount is None else money(amount),
                _back("partner.contribution", partner_id=pid),
                "maximum contribution",
                change=change,
            )
        ],
    )
    return sections


def _list(items: list[str]) -> Markup:
    return Markup('<ul class="govuk-list">') + Markup("").join(Markup("<li>%s</li>") % item for item in items) + Markup("</ul>")


def _decimal(text) -> Decimal:
    return Decimal(str(text))
