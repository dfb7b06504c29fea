"""The procurement lead: progress, the estimate, scenarios, the audit trail, deadline, reopening, users."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from flask import Blueprint, abort, flash, get_template_attribute, redirect, render_template, request, url_for

from flask_login import current_user

from ...engine import Estimate, JoinChange, Scenario, compare, estimate
from ...formatting import whole_money
from ...mail import events as mail_events
from .. import audit_view, charts, models
from ..clock import to_london
from ..extensions import db
from ..figures_basis import WITH_DRAFTS, basis, choose, chosen, current_basis, figure_estimate
from ..figures_cache import cached, governance, next_moment
from ..figures_cache import figures as figures_of
from ..forms import UserForm, VersionForm
from ..lead_forms import BasisForm, ConfirmForm, CsrfForm
from ..time_input import TimeInput
from ..models import ROLE_NAMES, AuditEvent, PartnerResponse, User
from ..permissions import allow
from ..printable import Printed
from ..store import audit, catalogue, deadline, response_for, response_records, set_deadline, set_field, touch

bp = Blueprint("lead", __name__, url_prefix="/lead")
POUND = Decimal(1)


def _progress(records: dict[str, PartnerResponse]) -> list[dict]:
    """A row per partner; what the table shows of each stored response is copied out, so that the
    rows can be kept beyond this request's session (web/figures_cache.py)."""
    cat = catalogue()
    rows = []
    for partner in cat.partners:
        record = records.get(partner.id)
        if record is None or (record.declined is None and not record.contact_name):
            state = "not started"
        elif record.status == "submitted":
            state = "submitted"
        else:
            state = "in progress"
        shown = None if record is None else {"max_contribution": record.max_contribution, "updated_at": record.updated_at}
        rows.append(
            {
                "partner": partner,
                "record": shown,
                "state": state,
                "decision": "-"
                if record is None or record.declined is None
                else ("declined" if record.declined else f"{len(record.lots)} lots"),
            }
        )
    return rows


def _year_grid(est: Estimate, figure: str) -> dict:
    """One of the engine's year figures for every partner and financial year, in whole pounds.

    Each figure is rounded to the pound (half up) for the compact table; its totals are the sums
    of the whole pounds shown, so they can differ by a pound or two from the exact term figures.
    Cells are formatted here rather than by a template macro: with hundreds of partners the
    macro calls were most of the dashboard's time. A cell is (text, months if a part year,
    whether billed at all).
    """
    rows = []
    columns = [0] * len(est.years)
    for p in est.partners:
        values = [int(getattr(y, figure).quantize(POUND, ROUND_HALF_UP)) for y in p.years]
        cells = [(whole_money(value), y.months if 0 < y.months < 12 else None, y.months > 0) for y, value in zip(p.years, values)]
        rows.append({"name": p.name, "cells": cells, "total": whole_money(sum(values))})
        columns = [a + b for a, b in zip(columns, values)]
    return {
        "years": [y.year for y in est.years],
        "rows": rows,
        "totals": [whole_money(c) for c in columns],
        "total": whole_money(sum(columns)),
    }


PROGRESS_PAGE = 20  # partners in the progress table at once: about 2,000 px of rows


@bp.route("/")
@allow("lead")
def dashboard():
    include_drafts = chosen() == WITH_DRAFTS
    when = deadline()
    # The deadline is a setting that moves no figure, so it is part of the key rather than the version.
    figures = cached(("dashboard", include_drafts, models.utcnow().date(), when), lambda: _dashboard_figures(include_drafts, when))
    progress = figures["progress"]
    pages = max(1, -(-len(progress) // PROGRESS_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)  # out of range or not a number: the nearest page
    table = figures["pages"].get(page)
    if table is None:  # each page of the table is rendered once too, when first asked for
        shown = progress[(page - 1) * PROGRESS_PAGE : page * PROGRESS_PAGE]
        table = figures["pages"][page] = Printed(
            render_template(
                "lead/dashboard_progress.html",
                progress=shown,
                counts=figures["counts"],
                page=page,
                pages=pages,
                total=len(progress),
                first=(page - 1) * PROGRESS_PAGE + 1,
                last=(page - 1) * PROGRESS_PAGE + len(shown),
            )
        )
    return render_template("lead/dashboard.html", figures=figures, basis=figures["basis"], progress_table=table)


def _dashboard_figures(include_drafts: bool, when) -> tuple[dict, object]:
    """The dashboard's figures as HTML, its progress rows (and each page of them as HTML, once
    shown), and until when they hold (the governance report's next motion moment)."""
    records = response_records()  # read once for the figures, what they count and the progress table
    _, est = figures_of(submitted_only=not include_drafts, records=records)
    governance_report = governance(submitted_only=not include_drafts, records=records)
    basis_now = basis(include_drafts, records)
    progress = _progress({r.partner_id: r for r in records})
    context = {
        "est": est,
        "catalogue": catalogue(),
        "charts": charts.for_estimate(est),
        "deadline": to_london(when),
        "governance": governance_report,
    }
    figures = {
        "basis": basis_now,
        "note": get_template_attribute("_figures.html", "basis_note")(basis_now),
        "top": Printed(render_template("lead/dashboard_figures.html", **context)),
        "rest": Printed(render_template("lead/dashboard_savings.html", **context)),
        "progress": progress,
        "pages": {},
        "counts": {state: sum(1 for row in progress if row["state"] == state) for state in ("submitted", "in progress", "not started")},
    }
    return figures, next_moment(governance_report, models.utcnow())


@bp.route("/partner-years")
@allow("lead")
def partner_years():
    """Every partner's cost and saving in each financial year: two rows per partner, so a page of its own."""
    include_drafts = chosen() == WITH_DRAFTS

    def tables():
        _, est = figures_of(submitted_only=not include_drafts)
        html = render_template(
            "lead/partner_years_tables.html", basis=basis(include_drafts), grids=(_year_grid(est, "cost"), _year_grid(est, "saving"))
        )
        return Printed(html), None

    return render_template("lead/partner_years.html", tables=cached(("partner-years", include_drafts), tables))


@bp.route("/figures-basis", methods=["POST"])
@allow("lead")
def figures_basis():
    """The lead's choice of what every figure page and document counts: submitted answers only, or drafts too."""
    form = BasisForm()
    if form.validate_on_submit():
        choose(form.basis.data)
        db.session.commit()
        flash(
            (
                "basis",
                "Figures now include " + ("submitted answers and drafts." if form.basis.data == "drafts" else "submitted answers only."),
            ),
            "success",
        )
    return redirect(url_for("lead.dashboard"))


@bp.route("/scenarios")
@allow("lead")
def scenarios():
    cat = catalogue()
    responses, base, basis = figure_estimate()
    leave = [p for p in request.args.getlist("without") if any(b.partner_id == p for b in base.partners)]
    join = [
        p for p in request.args.getlist("with") if cat.partner(p) and cat.partner(p).status == "prospective" and responses.for_partner(p)
    ]
    comparison = other = None
    if leave or join:
        names = [f"without {cat.partner(p).short_name}" for p in leave] + [f"with {cat.partner(p).short_name}" for p in join]
        other = estimate(cat, responses, Scenario("; ".join(names), without=tuple(leave), with_partners=tuple(JoinChange(p) for p in join)))
        comparison = compare(base, other)
    prospective = [
        p for p in cat.partners if p.status == "prospective" and responses.for_partner(p.id) and not responses.for_partner(p.id).declined
    ]
    return render_template(
        "lead/scenarios.html",
        base=base,
        other=other,
        comparison=comparison,
        catalogue=cat,
        prospective=prospective,
        leave=leave,
        join=join,
        basis=basis,
    )


@bp.route("/audit")
@allow("lead")
def audit_trail():
    query = db.select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    partner = request.args.get("partner") or ""
    field = request.args.get("field") or ""
    who = request.args.get("user") or ""
    if partner:
        query = query.filter(AuditEvent.partner_id == partner)
    if field:
        query = query.filter(AuditEvent.field.contains(field[:100]))
    if who:
        query = query.filter(AuditEvent.user_email.contains(who[:100].lower()))
    events = db.session.execute(query.limit(500)).scalars().all()
    return render_template(
        "lead/audit.html", rows=audit_view.rows(events, catalogue()), catalogue=catalogue(), partner=partner, field=field, who=who
    )


@bp.route("/partners/<partner_id>/reopen", methods=["GET", "POST"])
@allow("lead")
def reopen(partner_id):
    """Reopen a partner's submitted answers, after a page that asks to confirm and says what follows."""
    partner = catalogue().partner(partner_id)
    if partner is None:
        abort(404)
    record = response_for(partner_id, create=False)
    if record is None:
        abort(404)
    form = ConfirmForm()
    if record.status != "submitted":
        flash(("reopened", f"{partner.name}'s answers are not submitted, so there is nothing to reopen."), "info")
        return redirect(url_for("lead.dashboard"))
    if request.method == "GET":
        form.version.data = record.version
        basis = current_basis()
        return render_template("lead/reopen.html", partner=partner, record=record, form=form, basis=basis)
    if not form.validate_on_submit():
        abort(404)
    set_field(record, "status", "draft")
    touch(record)
    db.session.commit()
    mail_events.answers_reopened(partner_id)
    flash(("reopened", f"{partner.name}'s answers are open for changes again."), "success")
    return redirect(url_for("lead.dashboard"))


@bp.route("/deadline", methods=["GET", "POST"])
@allow("lead")
def deadline_page():
    """The deadline, typed into the GOV.UK date input; a time already past is refused, since it would
    lock every partner's answers at once."""
    form = CsrfForm()
    current = deadline()
    when = TimeInput.showing("deadline", "The deadline", current)
    if form.validate_on_submit():
        when = TimeInput.from_form(request.form, "deadline", "The deadline")
        value = when.read(future=True)
        if when.error is None:
            before = deadline()
            set_deadline(value)
            db.session.commit()
            mail_events.deadline_changed(before, value)
            flash(
                ("deadline", f"Deadline saved: {to_london(value):%-d %B %Y at %H:%M} (UK time)." if value else "Deadline removed."),
                "success",
            )
            return redirect(url_for("lead.dashboard"))
    return render_template("lead/deadline.html", form=form, when=when, current=current)


@bp.route("/users", methods=["GET", "POST"])
@allow("lead")
def users():
    cat = catalogue()
    form = UserForm()
    form.partner_id.choices = [("", "Not a partner officer")] + [(p.id, p.name) for p in cat.partners]
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        if form.role.data == "partner" and not form.partner_id.data:
            form.partner_id.errors = ["Choose the partner this officer works for"]
        elif db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none():
            form.email.errors = ["A user with this email address already exists"]
        else:  # no password is typed here: the person sets their own from the invitation's link
            partner = cat.partner(form.partner_id.data) if form.role.data == "partner" else None
            user = mail_events.invite(
                email, form.name.data, form.role.data, partner.id if partner else None, partner.name if partner else None
            )
            audit(user.partner_id or "(programme)", "users", None, f"{email} ({ROLE_NAMES[user.role]})")
            db.session.commit()
            flash(
                ("user", f"{user.name} has been sent an invitation to set a password and sign in as a {ROLE_NAMES[user.role].lower()}."),
                "success",
            )
            return redirect(url_for("lead.users"))
    people = db.session.execute(db.select(User).order_by(User.role, User.email)).scalars().all()
    return render_template(
        "lead/users.html", form=form, people=people, catalogue=cat, role_names=ROLE_NAMES, invited=mail_events.NO_PASSWORD_YET
    )


@bp.route("/users/<int:user_id>/<action>", methods=["POST"])
@allow("lead")
def change_user(user_id, action):
    """Disable or remove an account; its sessions end at once. The lead cannot lock themselves out this way."""
    from ..accounts import disable, remove

    user = db.session.get(User, user_id)
    if user is None or action not in ("disable", "remove") or not VersionForm().validate_on_submit():
        abort(404)
    if user.id == current_user.id:
        flash(("user", "You cannot disable or remove your own account: ask another procurement lead."), "error")
        return redirect(url_for("lead.users"))
    (disable if action == "disable" else remove)(user)
    db.session.commit()
    flash(("user", f"{user.email} {'is disabled' if action == 'disable' else 'is removed'}: any session it had has ended."), "success")
    return redirect(url_for("lead.users"))
