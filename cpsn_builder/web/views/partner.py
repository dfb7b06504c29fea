"""The partner questionnaire: a task list, a page per task, drafts saved page by page, then submit."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError
from wtforms.validators import ValidationError

from ...mail import events as mail_events
from ...responses.checks import normalise_postcode, type_answer
from .. import sites_csv
from ..extensions import db
from ..forms import ContributionForm, OrganisationForm, SiteForm, UploadForm, VersionForm, lot_form_class, lots_form_class, parse_money
from ..models import SiteRow, utcnow
from ..permissions import allow
from ..store import (
    Locked,
    StaleAnswers,
    add_sites,
    audit,
    begin_change,
    catalogue,
    editable,
    response_for,
    set_answers,
    set_field,
    touch,
)
from .common import submission_problems, task_statuses

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
    flash(("stale", "Someone else in your organisation saved these answers after you opened this page, so your changes "
                    "were not saved. Check the current answers and make your changes again."), "error")
    return redirect(url_for(back, partner_id=partner_id, **back_args))


@bp.route("/")
@allow("partner", "lead")
def tasks(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    db.session.commit()
    return render_template("partner/tasks.html", partner=partner, record=record, tasks=task_statuses(record), locked=editable(record))


@bp.route("/organisation", methods=["GET", "POST"])
@allow("partner")
def organisation(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    form = OrganisationForm(obj=record if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = record.version
    if form.validate_on_submit():
        def change():
            begin_change(record, form.version.data)
            for field in ("contact_name", "contact_email", "contact_phone"):
                set_field(record, field, (getattr(form, field).data or "").strip() or None)
            touch(record)
        refused = _save(partner_id, "partner.organisation", change)
        return refused or redirect(url_for("partner.tasks", partner_id=partner_id))
    return render_template("partner/organisation.html", partner=partner, form=form, locked=editable(record))


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
        if form.participation.data is None:
            form.participation.errors.append("Say whether your organisation takes part in the procurement")
        elif form.participation.data == "yes" and not form.lots.data:
            form.lots.errors.append("Choose at least one lot, or answer that you decline the project")
        else:
            def change():
                begin_change(record, form.version.data)
                declined = form.participation.data == "no"
                set_field(record, "declined", declined)
                set_field(record, "lots", [] if declined else [lot.id for lot in cat.lots if lot.id in form.lots.data])
                touch(record)
            refused = _save(partner_id, "partner.choose_lots", change)
            return refused or redirect(url_for("partner.tasks", partner_id=partner_id))
    return render_template("partner/lots.html", partner=partner, form=form, lots=cat.lots, locked=editable(record))


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
        stored = record.answers.get(lot_id, {})
        for question in lot_def.questions:
            field = getattr(form, question.id)
            field.data = stored.get(question.id, False if question.type == "checkbox" else None)
        form.current_spend.data = record.current_spend.get(lot_id)
        form.version.data = record.version
    if form.validate_on_submit():
        answers = {q.id: _answer(q, getattr(form, q.id).data) for q in lot_def.questions}
        def change():
            begin_change(record, form.version.data)
            set_answers(record, lot_id, answers, parse_money(form.current_spend.data, "Current annual spend"))
            touch(record)
        refused = _save(partner_id, "partner.lot", change, lot_id=lot_id)
        return refused or redirect(url_for("partner.tasks", partner_id=partner_id))
    return render_template("partner/lot.html", partner=partner, form=form, lot=lot_def, locked=editable(record))


def _answer(question, value):
    """Form data as stored: numbers as normalised decimal strings, blanks as nothing."""
    if question.type == "checkbox":
        return bool(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if question.type == "number":
        typed, _ = type_answer(question, value.strip())
        return typed
    return value.strip()


@bp.route("/sites", methods=["GET", "POST"])
@allow("partner")
def sites(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    form = _site_form(record)
    upload = UploadForm()
    if request.method == "GET":
        form.version.data = upload.version.data = record.version
    if form.save.data and form.validate_on_submit():
        postcode = _postcode_or_error(form)
        if postcode:
            def change():
                begin_change(record, form.version.data)
                add_sites(record, [{"name": form.name.data.strip(), "postcode": postcode, "service_line_id": form.service_line.data,
                                    "notes": (form.notes.data or "").strip() or None}])
                touch(record)
            refused = _save(partner_id, "partner.sites", change)
            if refused:
                return refused
            flash(("saved", f"Site '{form.name.data.strip()}' added."), "success")
            return redirect(url_for("partner.sites", partner_id=partner_id))
    return render_template("partner/sites.html", partner=partner, record=record, form=form, upload=upload,
                           titles=_line_titles(record), locked=editable(record), csv_errors=[])


@bp.route("/sites/upload", methods=["POST"])
@allow("partner")
def upload_sites(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    upload = UploadForm()
    errors = []
    if not upload.validate_on_submit():
        errors = ["The form expired: upload the file again"]
    elif not upload.file.data or not upload.file.data.filename:
        errors = ["Choose a CSV file to upload"]
    elif not upload.file.data.filename.lower().endswith(".csv"):
        errors = ["The file must be a CSV file (.csv): save your spreadsheet as 'CSV UTF-8'"]
    else:
        parsed, problems = sites_csv.parse(upload.file.data.read(sites_csv.MAX_BYTES + 1), catalogue(), list(record.lots))
        if problems:
            errors = [str(p) for p in problems[:200]] + ([f"... and {len(problems) - 200} more"] if len(problems) > 200 else [])
        else:
            def change():
                begin_change(record, upload.version.data)
                for row in list(record.sites):
                    audit(partner_id, "sites", f"{row.name} ({row.postcode}, {row.service_line_id})", None)
                record.sites.clear()
                add_sites(record, parsed)
                touch(record)
            refused = _save(partner_id, "partner.sites", change)
            if refused:
                return refused
            flash(("saved", f"{len(parsed):,} sites uploaded; they replace the previous list."), "success")
            return redirect(url_for("partner.sites", partner_id=partner_id))
    form = _site_form(record)
    form.version.data = record.version
    upload.version.data = record.version
    return render_template("partner/sites.html", partner=partner, record=record, form=form, upload=upload,
                           titles=_line_titles(record), locked=editable(record), csv_errors=errors), 400


@bp.route("/sites/template.csv")
@allow("partner")
def sites_template(partner_id):
    _partner(partner_id)
    record = response_for(partner_id)
    body = sites_csv.template(record.sites, catalogue())
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=cpsn-sites-{partner_id}.csv"})


@bp.route("/sites/<int:site_id>/edit", methods=["GET", "POST"])
@allow("partner")
def edit_site(partner_id, site_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    site = _site(record, site_id)
    form = _site_form(record)
    if request.method == "GET":
        form.name.data, form.postcode.data, form.service_line.data, form.notes.data = site.name, site.postcode, site.service_line_id, site.notes
        form.version.data = record.version
    if form.validate_on_submit():
        postcode = _postcode_or_error(form)
        if postcode:
            def change():
                begin_change(record, form.version.data)
                before = f"{site.name} ({site.postcode}, {site.service_line_id})"
                site.name, site.postcode = form.name.data.strip(), postcode
                site.service_line_id, site.notes = form.service_line.data, (form.notes.data or "").strip() or None
                audit(partner_id, "sites", before, f"{site.name} ({site.postcode}, {site.service_line_id})")
                touch(record)
            refused = _save(partner_id, "partner.edit_site", change, site_id=site_id)
            return refused or redirect(url_for("partner.sites", partner_id=partner_id))
    return render_template("partner/site_edit.html", partner=partner, form=form, site=site, locked=editable(record))


@bp.route("/sites/<int:site_id>/remove", methods=["POST"])
@allow("partner")
def remove_site(partner_id, site_id):
    _partner(partner_id)
    record = response_for(partner_id)
    site = _site(record, site_id)
    form = VersionForm()
    if form.validate_on_submit():
        def change():
            begin_change(record, form.version.data)
            audit(partner_id, "sites", f"{site.name} ({site.postcode}, {site.service_line_id})", None)
            record.sites.remove(site)
            touch(record)
        refused = _save(partner_id, "partner.sites", change)
        if refused:
            return refused
        flash(("saved", f"Site '{site.name}' removed."), "success")
    return redirect(url_for("partner.sites", partner_id=partner_id))


def _site(record, site_id: int) -> SiteRow:
    site = next((s for s in record.sites if s.id == site_id), None)
    if site is None:
        abort(404)
    return site


def _site_form(record) -> SiteForm:
    form = SiteForm()
    cat = catalogue()
    form.service_line.choices = [("", "Choose a service line")] + [
        (line.id, f"{cat.lot(lot_id).title}: {line.title}") for lot_id in record.lots if cat.lot(lot_id)
        for line in cat.lot(lot_id).service_lines]
    return form


def _postcode_or_error(form) -> str | None:
    postcode = normalise_postcode(form.postcode.data or "")
    if postcode is None:
        form.postcode.errors = [f"'{(form.postcode.data or '')[:20]}' is not a UK postcode: write it like CB3 0AP"]
    return postcode


def _line_titles(record) -> dict[str, str]:
    cat = catalogue()
    return {line.id: line.title for lot in cat.lots for line in lot.service_lines}


@bp.route("/contribution", methods=["GET", "POST"])
@allow("partner")
def contribution(partner_id):
    partner = _partner(partner_id)
    record = response_for(partner_id)
    form = ContributionForm()
    if request.method == "GET":
        form.max_contribution.data = None if record.max_contribution is None else f"{record.max_contribution:.2f}"
        form.version.data = record.version
    if form.validate_on_submit():
        try:
            amount = parse_money(form.max_contribution.data, "Maximum contribution")
        except ValidationError as exc:  # already reported by the form's own check
            amount = None
            form.max_contribution.errors = [str(exc)]
        if not form.max_contribution.errors:
            def change():
                begin_change(record, form.version.data)
                set_field(record, "max_contribution", amount)
                touch(record)
            refused = _save(partner_id, "partner.contribution", change)
            return refused or redirect(url_for("partner.tasks", partner_id=partner_id))
    return render_template("partner/contribution.html", partner=partner, form=form, locked=editable(record))


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
    problems = submission_problems(record)
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
        flash(("submitted", "Your answers have been submitted to the procurement lead."), "success")
        return redirect(url_for("partner.tasks", partner_id=partner_id))
    db.session.commit()
    return render_template("partner/check.html", partner=partner, record=record, form=form, problems=problems,
                           catalogue=catalogue(), titles=_line_titles(record), locked=editable(record),
                           show_problems=show_problems)
