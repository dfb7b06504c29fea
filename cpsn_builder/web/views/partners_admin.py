"""The lead manages partners' membership: joining from a date, giving notice, withdrawal."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from ...engine.term import notice_expiry
from ..time_input import TimeInput
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
    joined = TimeInput.showing_day("joined", "The date it is a member from", partner.joined)
    notice = TimeInput.showing_day("notice_given", "The date notice was given", partner.notice_given)
    if request.method == "GET":
        form.status.data = partner.status
    if form.validate_on_submit():
        joined = TimeInput.from_form(request.form, "joined", "The date it is a member from")
        notice = TimeInput.from_form(request.form, "notice_given", "The date notice was given")
        joined_on, notice_on = joined.read_day(), notice.read_day()
        if form.status.data == "withdrawing" and notice_on is None and not notice.error:
            notice.fail("Enter the date notice was given: withdrawal takes effect when the notice period ends")
        if notice_on and form.status.data in ("member", "prospective"):
            notice.fail("A member that has given notice is 'Member that has given notice': choose it, or clear the date")
        if joined_on and notice_on and notice_on < joined_on:
            notice.fail("Notice cannot be given before the partner joined")
        if not (joined.error or notice.error):
            save_partner_change(partner_id, form.status.data, joined_on, notice_on)
            db.session.commit()
            flash(("membership", f"{partner.name}'s membership saved; the estimate follows the new dates."), "success")
            return redirect(url_for("partners_admin.index"))
    return render_template("lead/partner_edit.html", partner=partner, form=form, joined=joined, notice=notice)
