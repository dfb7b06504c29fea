"""The lead manages partners' membership: joining from a date, giving notice, withdrawal."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from ...engine.term import notice_expiry
from ..date_fields import read_day
from ..extensions import db
from ..forms import PartnerForm
from ..permissions import allow
from ..store import catalogue, save_partner_change, stored_date_problems

bp = Blueprint("partners_admin", __name__, url_prefix="/lead/partners")


@bp.route("/")
@allow("lead")
def index():
    cat = catalogue()
    months = cat.programme.notice_period_months
    rows = [(p, notice_expiry(p.notice_given, months) if p.notice_given else None) for p in cat.partners]
    return render_template("lead/partners.html", partner_rows=rows, months=months, stored_problems=stored_date_problems())


@bp.route("/<partner_id>", methods=["GET", "POST"])
@allow("lead")
def edit(partner_id):
    partner = catalogue().partner(partner_id)
    if partner is None:
        abort(404)
    form = PartnerForm()
    if request.method == "GET":
        form.status.data = partner.status
        form.joined.data = partner.joined.isoformat() if partner.joined else ""
        form.notice_given.data = partner.notice_given.isoformat() if partner.notice_given else ""
    if form.validate_on_submit():
        joined = read_day(form.joined, "2013-04-01", "the date it is a member from")
        notice = read_day(form.notice_given, "2013-04-01", "the date notice was given")
        if form.status.data == "withdrawing" and notice is None and not form.notice_given.errors:
            form.notice_given.errors = ["Enter the date notice was given: withdrawal takes effect when the notice period ends"]
        if notice and form.status.data in ("member", "prospective"):
            form.notice_given.errors = ["A member that has given notice is 'Member that has given notice': choose it, or clear the date"]
        if joined and notice and notice < joined:
            form.notice_given.errors = ["Notice cannot be given before the partner joined"]
        if not (form.joined.errors or form.notice_given.errors):
            save_partner_change(partner_id, form.status.data, joined, notice)
            db.session.commit()
            flash(("membership", f"{partner.name}'s membership saved; the estimate follows the new dates."), "success")
            return redirect(url_for("partners_admin.index"))
    return render_template("lead/partner_edit.html", partner=partner, form=form)
