"""The lead's requirements editor: each lot's clauses, the SoR's section texts, import and export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from ...catalogue.templating import render
from ...documents.context import Inputs
from ...requirements import Clause, SectionText, dump_set, parse_set
from ...requirements.layering import clause_kinds
from ...requirements.section_markup import MarkupError, from_text, to_text
from ...source.problems import ProblemsFound
from ..extensions import db
from ..permissions import allow
from ..proposals_store import proposals_of
from ..requirement_forms import PRIORITIES, ClauseForm, ImportForm, SectionForm, WithdrawForm
from ..requirement_tables import RequirementClause
from ..requirements_store import (
    EditConflict,
    clause_history,
    current_set,
    lot_rows,
    move,
    next_clause_id,
    problems_of,
    restore,
    restore_standard,
    seed,
    replace_all,
    reset_section,
    save_clause,
    save_section,
    section_problems,
    section_row,
    withdraw,
)
from ..figures_basis import figure_estimate
from ..store import catalogue

bp = Blueprint("requirements", __name__, url_prefix="/lead/requirements")


def _lot_or_404(lot_id: str):
    lot = catalogue().lot(lot_id)
    if lot is None:
        abort(404)
    return lot


def _row_or_404(lot_id: str, clause_id: str) -> RequirementClause:
    row = next((r for r in lot_rows(catalogue(), lot_id) if r.clause_id == clause_id), None)
    if row is None:
        abort(404)
    return row


def _renderer():
    """Clause text with today's aggregated demand filled in, as the statement of requirements will print it."""
    cat = catalogue()
    responses, est, _ = figure_estimate()  # the answers the lead chose the figures to count
    inputs = Inputs(cat, responses, est, date.today())
    results = {lot.lot_id: lot for lot in inputs.estimate.lots}

    def rendered(lot_id: str, text: str) -> str:
        result = results.get(lot_id)
        if result is not None:
            return inputs.requirement_text(text, result)
        lot = cat.lot(lot_id)
        zero = {
            "demand": {s.id: 0 for s in lot.service_lines},
            "partners": [],
            "partner_count": 0,
            "sites": 0,
            "lot": lot.title,
            "contract_start": "",
            "term_years": cat.procurement.term_years,
        }
        return render(text, zero)

    return rendered


@bp.route("/")
@allow("lead")
def index(import_form: ImportForm | None = None):
    cat = catalogue()
    rset = current_set(cat)
    lots = []
    for number, lot in enumerate(cat.lots, 1):
        clauses = rset.clauses(lot.id)
        kinds = clause_kinds(lot, clauses)
        lots.append(
            {
                "number": number,
                "lot": lot,
                "count": len(clauses) - kinds["withdrawn"],
                "added": kinds["added"],
                "edited": kinds["edited"],
                "withdrawn": kinds["withdrawn"],
            }
        )
    replaced = {s.id for s in rset.sections}
    sections = [s for s in (cat.documents.sor.sections if cat.documents else []) if not s.generated]
    open_proposals = sum(1 for p in proposals_of() if p.status == "open")
    return render_template(
        "requirements/index.html",
        lots=lots,
        sections=sections,
        replaced=replaced,
        open_proposals=open_proposals,
        import_form=import_form or ImportForm(),
    )


@bp.route("/<lot_id>")
@allow("lead")
def lot_page(lot_id: str):
    lot = _lot_or_404(lot_id)
    cat = catalogue()
    if seed(cat):
        # The first visit writes the standard set down, so later edits have a history (seed says
        # whether it did: rows it has flushed are no longer in session.new).
        db.session.commit()
    rows = lot_rows(cat, lot_id)  # read after the commit: rows it expired would be reloaded one query each
    rendered = _renderer()
    held = {r.clause_id for r in rows}
    clauses = [
        {
            "row": r,
            "text": rendered(lot_id, r.text),
            "partners": [cat.partner(p).name for p in r.partners if cat.partner(p)],
            "standard": any(s.id == r.clause_id for s in lot.requirements),
        }
        for r in rows
    ]
    return render_template(
        "requirements/lot.html",
        lot=lot,
        number=[l.id for l in cat.lots].index(lot_id) + 1,
        clauses=[c for c in clauses if not c["row"].withdrawn],
        withdrawn=[c for c in clauses if c["row"].withdrawn],
        missing=[s for s in lot.requirements if s.id not in held],
    )


def _clause_form(lot_id: str, row: RequirementClause | None) -> ClauseForm:
    form = ClauseForm(obj=row) if request.method == "GET" and row is not None else ClauseForm()
    form.priority.choices = [(value, label) for value, label, _ in PRIORITIES]
    form.partners.choices = [(p.id, p.name) for p in catalogue().partners]
    if request.method == "GET" and row is not None:
        form.partners.data = list(row.partners or [])
        form.version.data = str(row.version)
    return form


def _save_from_form(lot_id: str, clause_id: str, form: ClauseForm, row: RequirementClause | None):
    """Validate with the same rules as `requirements check`; errors go on the fields, nothing is saved."""
    cat = catalogue()
    text = (form.text.data or "").strip()
    clause = Clause(
        id=clause_id,
        priority=form.priority.data,
        text=text,
        partners=list(form.partners.data or []),
        proposed_by=row.proposed_by if row else None,
    )
    problems = problems_of(cat, lot_id, clause)
    for problem in problems:
        target = form.partners if problem.field == "partners" else form.text
        target.errors = list(target.errors) + [problem.message[0].upper() + problem.message[1:]]
    if problems:
        return None
    expected = int(form.version.data) if (form.version.data or "").isdigit() else None
    save_clause(cat, lot_id, clause, expected if row is not None else None)
    db.session.commit()
    return clause


@bp.route("/<lot_id>/add", methods=["GET", "POST"])
@allow("lead")
def add_clause(lot_id: str):
    lot = _lot_or_404(lot_id)
    form = _clause_form(lot_id, None)
    clause_id = next_clause_id(catalogue(), lot_id)
    if form.validate_on_submit() and _save_from_form(lot_id, clause_id, form, None):
        flash(("added", f"{clause_id} added to {lot.title}"), "success")
        return redirect(url_for("requirements.lot_page", lot_id=lot_id) + f"#{clause_id}")
    return render_template(
        "requirements/clause.html", form=form, lot=lot, clause_id=clause_id, row=None, priorities=PRIORITIES, conflict=None
    )


@bp.route("/<lot_id>/<clause_id>/edit", methods=["GET", "POST"])
@allow("lead")
def edit_clause(lot_id: str, clause_id: str):
    lot = _lot_or_404(lot_id)
    row = _row_or_404(lot_id, clause_id)
    form = _clause_form(lot_id, row)
    conflict = None
    if form.validate_on_submit():
        try:
            if _save_from_form(lot_id, clause_id, form, row):
                flash(("saved", f"{clause_id} saved"), "success")
                return redirect(url_for("requirements.lot_page", lot_id=lot_id) + f"#{clause_id}")
        except EditConflict:
            db.session.rollback()
            conflict = _row_or_404(lot_id, clause_id)
            form.version.data = str(conflict.version)
            form.text.errors = list(form.text.errors) + [
                "Someone else changed this requirement while you were editing it: its text now is shown below. "
                "Make your change to that text and save again"
            ]
    return render_template(
        "requirements/clause.html",
        form=form,
        lot=lot,
        clause_id=clause_id,
        row=row,
        priorities=PRIORITIES,
        conflict=conflict,
        history=clause_history(clause_id),
    )


@bp.route("/<lot_id>/<clause_id>/withdraw", methods=["GET", "POST"])
@allow("lead")
def withdraw_clause(lot_id: str, clause_id: str):
    lot = _lot_or_404(lot_id)
    row = _row_or_404(lot_id, clause_id)
    form = WithdrawForm()
    if request.method == "GET":
        form.version.data = str(row.version)
    if form.validate_on_submit():
        try:
            withdraw(
                catalogue(), clause_id, form.reason.data.strip(), int(form.version.data) if (form.version.data or "").isdigit() else None
            )
            db.session.commit()
            flash(("withdrawn", f"{clause_id} withdrawn: it stays in the history and can be restored"), "success")
            return redirect(url_for("requirements.lot_page", lot_id=lot_id))
        except EditConflict:
            db.session.rollback()
            row = _row_or_404(lot_id, clause_id)
            form.version.data = str(row.version)
            form.reason.errors = list(form.reason.errors) + [
                "Someone else changed this requirement meanwhile: check its text below, then withdraw it again"
            ]
    return render_template("requirements/withdraw.html", form=form, lot=lot, row=row, text=_renderer()(lot_id, row.text))


@bp.route("/<lot_id>/<clause_id>/restore", methods=["POST"])
@allow("lead")
def restore_clause(lot_id: str, clause_id: str):
    _lot_or_404(lot_id)
    if not _row_or_404(lot_id, clause_id).withdrawn:
        abort(404)  # only a withdrawn clause can be restored
    restore(catalogue(), clause_id)
    db.session.commit()
    flash(("restored", f"{clause_id} restored"), "success")
    return redirect(url_for("requirements.lot_page", lot_id=lot_id) + f"#{clause_id}")


@bp.route("/<lot_id>/<clause_id>/add-back", methods=["POST"])
@allow("lead")
def add_back(lot_id: str, clause_id: str):
    lot = _lot_or_404(lot_id)
    if not any(r.id == clause_id for r in lot.requirements) or any(r.clause_id == clause_id for r in lot_rows(catalogue(), lot_id)):
        abort(404)
    restore_standard(catalogue(), lot_id, clause_id)
    db.session.commit()
    flash(("added-back", f"{clause_id} added back from the catalogue"), "success")
    return redirect(url_for("requirements.lot_page", lot_id=lot_id) + f"#{clause_id}")


@bp.route("/<lot_id>/<clause_id>/move/<direction>", methods=["POST"])
@allow("lead")
def move_clause(lot_id: str, clause_id: str, direction: str):
    _lot_or_404(lot_id)
    _row_or_404(lot_id, clause_id)
    if direction not in ("up", "down"):
        abort(404)
    move(catalogue(), clause_id, -1 if direction == "up" else 1)
    db.session.commit()
    return redirect(url_for("requirements.lot_page", lot_id=lot_id) + f"#{clause_id}")


def _section_or_404(section_id: str):
    cat = catalogue()
    section = next((s for s in (cat.documents.sor.sections if cat.documents else []) if s.id == section_id and not s.generated), None)
    if section is None:
        abort(404)
    return section


@bp.route("/sections/<section_id>", methods=["GET", "POST"])
@allow("lead")
def edit_section(section_id: str):
    standard = _section_or_404(section_id)
    row = section_row(section_id)
    form = SectionForm()
    theirs = None
    if request.method == "GET":
        form.text.data = _section_text(standard, row)
        form.version.data = str(row.version) if row else "0"
    if form.validate_on_submit():
        try:
            blocks = from_text(form.text.data)
            section = SectionText(id=section_id, title=standard.title, blocks=blocks)
            problems = section_problems(catalogue(), section)
            if problems:
                form.text.errors = list(form.text.errors) + [p[0].upper() + p[1:] for p in problems]
            else:
                save_section(section, int(form.version.data) if (form.version.data or "").isdigit() else None)
                db.session.commit()
                flash(("section", f"{standard.title} saved"), "success")
                return redirect(url_for("requirements.index") + "#sections")
        except MarkupError as exc:
            form.text.errors = list(form.text.errors) + [str(exc)[0].upper() + str(exc)[1:]]
        except EditConflict:
            db.session.rollback()
            row = section_row(section_id)
            theirs = _section_text(standard, row)
            form.version.data = str(row.version) if row else "0"
            form.text.errors = list(form.text.errors) + [
                "Someone else changed this section while you were editing it: its text now is shown below. "
                "Make your change to that text and save again"
            ]
    return render_template("requirements/section.html", form=form, section=standard, replaced=row is not None, theirs=theirs)


def _section_text(standard, row) -> str:
    """A section's text as the editor shows it: the lead's replacement, else the catalogue's."""
    return to_text(SectionText(id=standard.id, blocks=row.blocks).blocks if row else standard.blocks)


@bp.route("/sections/<section_id>/reset", methods=["POST"])
@allow("lead")
def reset_section_text(section_id: str):
    standard = _section_or_404(section_id)
    reset_section(section_id)
    db.session.commit()
    flash(("reset", f"{standard.title} uses the catalogue's text again"), "success")
    return redirect(url_for("requirements.index") + "#sections")


@bp.route("/requirement-set.yml")
@allow("lead")
def export_set():
    body = dump_set(current_set(catalogue()))
    return Response(body, mimetype="application/yaml", headers={"Content-Disposition": "attachment; filename=requirement-set.yml"})


@bp.route("/import", methods=["POST"])
@allow("lead")
def import_set():
    form = ImportForm()
    cat = catalogue()
    problems: list[str] = []
    upload = form.file.data if form.validate_on_submit() else None
    if upload is None or not upload.filename:
        problems = ["Choose a requirement set file to upload"]
    else:
        name = Path(upload.filename).name or "upload.yml"
        try:
            rset = parse_set(upload.read().decode("utf-8"), name, cat)
        except UnicodeDecodeError:
            problems = [f"{name} is not UTF-8 text: save it as UTF-8 and upload it again"]
        except ProblemsFound as exc:
            problems = [f"{name}, line {p.line}: {p.message}" for p in exc.problems]
    if problems:
        form.file.errors = problems
        return index(form), 400
    replace_all(cat, rset, name)
    db.session.commit()
    flash(("imported", f"Requirement set replaced from {name}"), "success")
    return redirect(url_for("requirements.index"))
