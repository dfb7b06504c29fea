"""Issued versions of the statement of requirements: issue, download as issued, what changed, the addendum."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from ...documents.addendum import build_addendum
from ..clock import to_london
from ..extensions import db
from ..models import utcnow
from ..permissions import allow
from ..requirement_forms import IssueForm
from ..sor_versions import (
    VersionProblem,
    changes,
    issue,
    issued_document,
    issued_schedule_file,
    previous,
    unissued_changes,
    version,
    versions,
)
from ..store import catalogue, response_set

bp = Blueprint("versions", __name__, url_prefix="/lead/requirements/versions")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _version_or_404(label: str):
    row = version(label)
    if row is None:
        abort(404)
    return row


@bp.route("/", methods=["GET", "POST"])
@allow("lead")
def index():
    form = IssueForm()
    if not form.is_submitted():
        form.author.data = current_user.name
        form.status.data = "Draft"
    if form.validate_on_submit():
        try:
            row = issue(
                catalogue(),
                form.label.data.strip(),
                form.status.data,
                form.author.data.strip(),
                form.summary.data.strip(),
                to_london(utcnow()).date(),
                current_user.email,
            )
            db.session.commit()
            files = "its pricing schedule and the addendum" if previous(row) else "its pricing schedule"
            flash(("issued", f"Version {row.label} issued. Download it below, with {files} for bidders."), "success")
            return redirect(url_for("versions.index") + f"#version-{row.label}")
        except VersionProblem as exc:
            db.session.rollback()
            form.label.errors = list(form.label.errors) + [str(exc)]
    issued = versions()
    try:
        pending = unissued_changes(catalogue(), response_set(submitted_only=True))
        pending_problem = None
    except VersionProblem as exc:
        pending, pending_problem = None, str(exc)
    return render_template(
        "versions/index.html",
        form=form,
        versions=list(reversed(issued)),
        pending=pending,
        pending_problem=pending_problem,
        latest=issued[-1] if issued else None,
        previous={v.label: before for before, v in zip([None, *issued], issued)},  # one query, not two a version
        catalogue=catalogue(),
    )


@bp.route("/<label>/statement-of-requirements.docx")
@allow("lead")
def download(label: str):
    row = _version_or_404(label)
    try:
        data = issued_document(row)
    except VersionProblem as exc:
        return render_template("versions/problem.html", row=row, problem=str(exc)), 409
    return Response(
        data, mimetype=DOCX, headers={"Content-Disposition": f"attachment; filename=cpsn-statement-of-requirements-v{row.label}.docx"}
    )


@bp.route("/<label>/pricing-schedule.xlsx")
@allow("lead")
def schedule(label: str):
    """The workbook bidders price for this version; a returned bid is checked against exactly these cells."""
    row = _version_or_404(label)
    try:
        data = issued_schedule_file(row)
    except VersionProblem as exc:
        return render_template("versions/problem.html", row=row, problem=str(exc)), 409
    return Response(data, mimetype=XLSX, headers={"Content-Disposition": f"attachment; filename=cpsn-pricing-schedule-v{row.label}.xlsx"})


@bp.route("/<label>/changes")
@allow("lead")
def changes_page(label: str):
    row = _version_or_404(label)
    before = previous(row)
    if before is None:
        return render_template("versions/changes.html", row=row, before=None, diff=None, catalogue=catalogue())
    try:
        _, _, diff = changes(before, row)
    except VersionProblem as exc:
        return render_template("versions/problem.html", row=row, problem=str(exc)), 409
    return render_template("versions/changes.html", row=row, before=before, diff=diff, catalogue=catalogue())


@bp.route("/<label>/addendum.docx")
@allow("lead")
def addendum(label: str):
    row = _version_or_404(label)
    before = previous(row)
    if before is None:
        abort(404)  # the first version has nothing to clarify
    try:
        old, new, diff = changes(before, row)
    except VersionProblem as exc:
        return render_template("versions/problem.html", row=row, problem=str(exc)), 409
    return Response(
        build_addendum(old.inputs, new.inputs, diff),
        mimetype=DOCX,
        headers={"Content-Disposition": f"attachment; filename=cpsn-addendum-v{before.label}-to-v{row.label}.docx"},
    )
