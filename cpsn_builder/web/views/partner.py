"""The partner questionnaire: a task list, a page per task, drafts saved page by page, then submit.

The views ask the catalogue's question types (through the forms and `web/questionnaire.py`) and
never look at a question's type themselves. Locked answers (submitted, or past the deadline) are
shown as a summary saying why and who can reopen them, never as inputs.
"""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from ...mail import events as mail_events
from ...questions import question_type
from ...questions.formatting import count, money
from ...questions.money import parse_money
from ...responses.contact import normalise_phone
from ...responses.sites import allowed_lines, site_key
from .. import questionnaire, sites_csv
from ..extensions import db
from ..forms import AmountCheck, ContributionForm, OrganisationForm, SiteForm, UploadForm, VersionForm, lot_form_class, lots_form_class
from ..models import SiteRow, utcnow
from ..permissions import allow
from ..store import (
    Locked,
    StaleAnswers,
    add_sites,
    audit,
    begin_change,
    catalogue,
    deadline,
    editable,
    response_for,
    set_answers,
    set_field,
    site_text,
    touch,
    uk_time,
)

bp = Blueprint("partner", __name__, url_prefix="/partners/<partner_id>")


def _partner(partner_id: str):
    partner = catalogue().partner(partner_id)
    if partner is None:
        abort(404)
    return partner


def _save(partner_id: str, back: str, change, **back_args):
    """Run a change under the version check; commit, or explain why nothing was saved."""
    try:
        change()
        db.session.commit()
    except (StaleAnswers, StaleDataError):  # StaleDataError: another save landed between our read and our write
        db.session.rollback()
        return _stale_to(partner_id, back, back_args)
    except Locked as exc:
        db.session.rollback()
        flash(("locked", str(exc)), "error")
        return redirect(url_for("partner.tasks", partner_id=partner_id))
    return None


def _stale_to(partner_id, back, back_args):
    """Refuse a stale save: say why, and show the current answers to check before trying again."""
    flash(
        (
            "stale",
            "Someone else in your organisation saved these answers after you opened this page, so your changes "
            "were not saved. Check the current answers and make your changes again.",
        ),
        "error",
    )
    return redirect(url_for(back, partner_id=partner_id, **back_args, **_return_args()))


def _return_args() -> dict:
    """A Change link from check-your-answers comes back to it after saving (only this one fixed place)."""
    return {"return": "check"} if request.args.get("return") == "check" else {}


def _next(partner_id: str, section: str):
    """After a save: back to check-your-answers at the section changed, or to the task list."""
    if _return_args():
        return redirect(url_for("partner.check", partner_id=partner_id, _anchor="summary-" + section.replace(":", "-")))
    return redirect(url_for("partner.tasks", partner_id=partner_id))


def _back_link(partner_id: str) -> dict:
    if _return_args():
        return {"href": url_for("partner.check", partner_id=partner_id), "text": "Back to check your answers"}
    return {"href": url_for("partner.tasks", partner_id=partner_id), "text": "Back to your answers"}


def _page(template: str, partner, record, section: str, status: int = 200, **context):
    """A questionnaire page; when the answers are locked, its answers as a summary instead of a form."""
    locked = editable(record)
    rows = []
    if locked:
        rows = questionnaire.summary(record, catalogue(), change=False, only=section)
    return render_template(
        template, partner=partner, record=record, locked=locked, locked_sections=rows, back=_back_link(partner.id), **context
    ), status


@bp.route("/")
@allow("partner", "lead")
def tasks(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    closing = deadline()
    db.session.commit()
    return render_template(
        "partner/tasks.html",
        partner=partner,
        record=record,
        locked=editable(record),
        tasks=[task.item for task in questionnaire.tasks(record, catalogue())],
        status_line=questionnaire.status_line(record),
        deadline=uk_time(closing) if closing else None,
    )


@bp.route("/organisation", methods=["GET", "POST"])
@allow("partner")
def organisation(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    form = OrganisationForm(obj=record if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = record.version
    if form.validate_on_submit():
        phone = (form.contact_phone.data or "").strip()

        def change():
            begin_change(record, form.version.data)
            set_field(record, "contact_name", (form.contact_name.data or "").strip() or None)
            set_field(record, "contact_email", (form.contact_email.data or "").strip() or None)
            set_field(record, "contact_phone", normalise_phone(phone) if phone else None)
            touch(record)

        refused = _save(partner_id, "partner.organisation", change)
        return refused or _next(partner_id, "organisation")
    return _page("partner/organisation.html", partner, record, "organisation", form=form)


@bp.route("/lots", methods=["GET", "POST"])
@allow("partner")
def choose_lots(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    cat = catalogue()
    form = lots_form_class(cat.lots)()
    if request.method == "GET":
        form.version.data = record.version
        form.participation.data = None if record.declined is None else ("no" if record.declined else "yes")
        form.lots.data = list(record.lots)
    if form.validate_on_submit():
        declining = form.participation.data == "no"
        if form.participation.data is None:
            form.participation.errors.append("Select whether your organisation will take part in the procurement")
        elif form.participation.data == "yes" and not form.lots.data:
            form.lots.errors.append("Select at least one lot, or select that you decline the project")
        elif declining and (record.lots or form.lots.data) and form.confirm_decline.data != "yes":
            # Declining drops every lot chosen: ask first, naming them, rather than drop them silently.
            chosen = [lot.title for lot in cat.lots if lot.id in set(record.lots) | set(form.lots.data or [])]
            return _page("partner/decline.html", partner, record, "lots", form=form, chosen=chosen)
        else:

            def change():
                begin_change(record, form.version.data)
                set_field(record, "declined", declining)
                set_field(record, "lots", [] if declining else [lot.id for lot in cat.lots if lot.id in form.lots.data])
                touch(record)

            refused = _save(partner_id, "partner.choose_lots", change)
            return refused or _next(partner_id, "lots")
    return _page("partner/lots.html", partner, record, "lots", form=form, lots=cat.lots)


@bp.route("/lots/<lot_id>", methods=["GET", "POST"])
@allow("partner")
def lot(partner_id, lot_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    lot_def = catalogue().lot(lot_id)
    if lot_def is None or lot_id not in record.lots:
        abort(404)
    form = lot_form_class(lot_def)()
    if request.method == "GET":
        stored = questionnaire.stored_answers(record, lot_def)
        for question in lot_def.questions:
            getattr(form, question.id).data = question_type(question).to_form(stored.get(question.id))
        spend = record.current_spend.get(lot_id)
        form.current_spend.data = None if spend is None else money(Decimal(spend)).lstrip("£")
        form.version.data = record.version
    if form.validate_on_submit():
        answers, spend = form.answers(), form.current_spend_amount()

        def change():
            begin_change(record, form.version.data)
            set_answers(record, lot_def, answers, spend)
            touch(record)

        refused = _save(partner_id, "partner.lot", change, lot_id=lot_id)
        return refused or _next(partner_id, f"lot:{lot_id}")
    return _page(
        "partner/lot.html",
        partner,
        record,
        f"lot:{lot_id}",
        form=form,
        lot=lot_def,
        kinds={q.id: question_type(q) for q in lot_def.questions},
    )


# --- sites


def _sites_page(partner, record, form, upload, csv_errors=(), status=200):
    cat = catalogue()
    return _page(
        "partner/sites.html",
        partner,
        record,
        "sites",
        status,
        form=form,
        upload=upload,
        csv_errors=list(csv_errors),
        titles=_line_titles(),
        allowed=allowed_lines(cat, record.lots),
        site_count=count(len(record.sites), "site"),
    )


@bp.route("/sites", methods=["GET", "POST"])
@allow("partner")
def sites(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    form = _site_form(record)
    upload = UploadForm()
    if request.method == "GET":
        form.version.data = upload.version.data = record.version
    if request.method == "POST" and form.check(catalogue(), record.lots, {site_key(s.name, s.postcode) for s in record.sites}):
        site = form.site

        def change():
            begin_change(record, form.version.data)
            add_sites(record, [site])
            touch(record)

        refused = _save(partner_id, "partner.sites", change)
        if refused:
            return refused
        flash(("saved", f"Site '{site.name}' added."), "success")
        return redirect(url_for("partner.sites", partner_id=partner_id))
    return _sites_page(partner, record, form, upload)


@bp.route("/sites/upload", methods=["POST"])
@allow("partner")
def upload_sites(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    upload = UploadForm()
    errors, total = [], 1
    if not upload.validate_on_submit():
        errors = ["The form expired: upload the file again"]
    elif not upload.file.data or not upload.file.data.filename:
        errors = ["Select a CSV file to upload"]
    elif not upload.file.data.filename.lower().endswith(".csv"):
        errors = ["The selected file must be a CSV file: save your spreadsheet as 'CSV UTF-8' and upload that"]
    else:
        parsed, problems = sites_csv.parse(upload.file.data.read(sites_csv.MAX_BYTES + 1), catalogue(), list(record.lots))
        if problems:
            total = len(problems)
            errors = [str(p) for p in problems[:200]] + ([f"... and {len(problems) - 200:,} more"] if len(problems) > 200 else [])
        else:

            def change():
                begin_change(record, upload.version.data)
                for row in list(record.sites):
                    audit(partner_id, "sites", site_text(row), None)
                record.sites.clear()
                add_sites(record, parsed)
                touch(record)

            refused = _save(partner_id, "partner.sites", change)
            if refused:
                return refused
            flash(("saved", f"{count(len(parsed), 'site')} uploaded; they replace the previous list."), "success")
            return redirect(url_for("partner.sites", partner_id=partner_id))
    # The file field's own message: the one error, or how many there are (each is in the summary above).
    upload.file.errors = [
        errors[0]
        if len(errors) == 1
        else f"The file has {count(total, 'error')}, listed at the top of the page: fix them and upload it again"
    ]
    form = _site_form(record)
    form.version.data = upload.version.data = record.version
    return _sites_page(partner, record, form, upload, errors, 400)


@bp.route("/sites/template.csv")
@allow("partner")
def sites_template(partner_id):
    _partner(partner_id)
    record = response_for(partner_id)
    body = sites_csv.template(record.sites, catalogue())
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f"attachment; filename=cpsn-sites-{partner_id}.csv"})


@bp.route("/sites/<int:site_id>/edit", methods=["GET", "POST"])
@allow("partner")
def edit_site(partner_id, site_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    site = _site(record, site_id)
    form = _site_form(record)
    if request.method == "GET":
        form.name.data, form.postcode.data, form.service_line.data, form.notes.data = (
            site.name,
            site.postcode,
            site.service_line_id,
            site.notes,
        )
        form.version.data = record.version
    others = {site_key(s.name, s.postcode) for s in record.sites if s.id != site.id}
    if request.method == "POST" and form.check(catalogue(), record.lots, others):
        checked = form.site

        def change():
            begin_change(record, form.version.data)
            before = site_text(site)
            site.name, site.postcode, site.service_line_id, site.notes = (
                checked.name,
                checked.postcode,
                checked.service_line_id,
                checked.notes,
            )
            audit(partner_id, "sites", before, site_text(site))
            touch(record)

        refused = _save(partner_id, "partner.edit_site", change, site_id=site_id)
        return refused or redirect(url_for("partner.sites", partner_id=partner_id))
    return _page("partner/site_edit.html", partner, record, "sites", form=form, site=site)


@bp.route("/sites/<int:site_id>/remove", methods=["GET", "POST"])
@allow("partner")
def remove_site(partner_id, site_id):
    """Removing a site asks first (GET shows the question, POST removes)."""
    partner = _partner(partner_id)
    record = response_for(partner_id)
    site = _site(record, site_id)
    form = VersionForm()
    if request.method == "GET":
        form.version.data = record.version
        return _page(
            "partner/site_remove.html",
            partner,
            record,
            "sites",
            form=form,
            site=site,
            line=_line_titles().get(site.service_line_id, site.service_line_id),
        )
    if form.validate_on_submit():
        name = site.name

        def change():
            begin_change(record, form.version.data)
            audit(partner_id, "sites", site_text(site), None)
            record.sites.remove(site)
            touch(record)

        refused = _save(partner_id, "partner.sites", change)
        if refused:
            return refused
        flash(("saved", f"Site '{name}' removed."), "success")
    return redirect(url_for("partner.sites", partner_id=partner_id))


def _site(record, site_id: int) -> SiteRow:
    site = next((s for s in record.sites if s.id == site_id), None)
    if site is None:
        abort(404)
    return site


def _site_form(record) -> SiteForm:
    form = SiteForm()
    form.service_line.choices = [("", "Select a service")] + allowed_lines(catalogue(), record.lots)
    return form


def _line_titles() -> dict[str, str]:
    return {line.id: line.title for lot in catalogue().lots for line in lot.service_lines}


# --- the maximum contribution


def contribution_limit() -> Decimal:
    """No partner agrees to pay more than the project's shared costs in total (or, without any, its envelope)."""
    project = catalogue().procurement
    if project.shared_costs:
        return sum((line.amount for line in project.shared_costs.lines), Decimal(0))
    return project.envelope or Decimal("1000000000")


@bp.route("/contribution", methods=["GET", "POST"])
@allow("partner")
def contribution(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    form = ContributionForm()
    limit = contribution_limit()
    form.max_contribution.validators = [AmountCheck("the maximum contribution", limit)]
    if request.method == "GET":
        form.max_contribution.data = None if record.max_contribution is None else money(record.max_contribution).lstrip("£")
        form.version.data = record.version
    if form.validate_on_submit():
        amount = parse_money(form.max_contribution.data, "the maximum contribution", limit)

        def change():
            begin_change(record, form.version.data)
            set_field(record, "max_contribution", amount)
            touch(record)

        refused = _save(partner_id, "partner.contribution", change)
        return refused or _next(partner_id, "contribution")
    project = catalogue().procurement
    return _page(
        "partner/contribution.html",
        partner,
        record,
        "contribution",
        form=form,
        limit=money(limit),
        term_years=project.term_years,
        shared=project.shared_costs,
    )


# --- check your answers, submit, confirmation


@bp.route("/check", methods=["GET"])
@allow("partner", "lead")
def check(partner_id):
    """The answers to check; the lead may read them, only the partner's own officers submit them."""
    return _check_page(partner_id, show_problems=False)


@bp.route("/check", methods=["POST"])
@allow("partner")
def submit(partner_id):
    return _check_page(partner_id, show_problems=True)


def _check_page(partner_id, show_problems: bool):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    form = VersionForm()
    problems = questionnaire.submission_problems(record, catalogue(), contribution_limit())
    if not show_problems:
        form.version.data = record.version
    elif form.validate_on_submit() and not problems:

        def change():
            begin_change(record, form.version.data)
            set_field(record, "status", "submitted")
            record.submitted_at = utcnow()
            touch(record)

        refused = _save(partner_id, "partner.check", change)
        if refused:
            return refused
        mail_events.answers_submitted(record)
        return redirect(url_for("partner.submitted", partner_id=partner_id))
    locked = editable(record)
    can_submit = not locked and current_user_is_partner()
    db.session.commit()
    return render_template(
        "partner/check.html",
        partner=partner,
        record=record,
        form=form,
        problems=problems,
        sections=questionnaire.summary(record, catalogue(), change=can_submit),
        locked=locked,
        can_submit=can_submit,
        show_problems=show_problems,
        back=_back_link(partner_id),
    )


def current_user_is_partner() -> bool:
    from flask_login import current_user

    return current_user.is_authenticated and current_user.role == "partner"


@bp.route("/submitted")
@allow("partner")
def submitted(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    if record.status != "submitted":
        return redirect(url_for("partner.tasks", partner_id=partner_id))
    closing = deadline()
    db.session.commit()
    return render_template(
        "partner/submitted.html",
        partner=partner,
        record=record,
        reference=questionnaire.reference(record),
        when=uk_time(record.submitted_at),
        deadline=uk_time(closing) if closing else None,
    )
