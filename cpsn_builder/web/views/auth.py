"""Signing in and out."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, send_from_directory, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import SQLAlchemyError

from .. import rate_limit
from ..accounts import password_matches
from ..extensions import db
from ..forms import SignInForm, VersionForm
from ..retention import RETENTION_MONTHS
from ..models import User
from ..permissions import PUBLIC, allow

bp = Blueprint("auth", __name__)


def home_for(user) -> str:
    if user.role == "partner":
        return url_for("partner.tasks", partner_id=user.partner_id)
    if user.role == "lead":
        return url_for("lead.dashboard")
    return url_for("reports.savings")


@bp.route("/")
@allow(PUBLIC)
def index():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    return redirect(url_for("auth.sign_in"))


@bp.route("/sign-in", methods=["GET", "POST"])
@allow(PUBLIC)
def sign_in():
    form = SignInForm()
    failed = False
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        attempt = rate_limit.Attempt(email, request.remote_addr)
        if attempt.blocked():
            return render_template("auth/sign_in.html", form=form, failed=False, paused=True), 429
        user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
        if password_matches(user, form.password.data) and not user.disabled:
            attempt.succeeded()
            session.clear()  # a fresh session at sign-in
            login_user(user)
            target = request.args.get("next", "")
            if not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
                target = home_for(user)
            return redirect(target)
        failed = True  # the same words whether the email is unknown or the password wrong
    return render_template("auth/sign_in.html", form=form, failed=failed), (401 if failed else 200)


@bp.route("/sign-out", methods=["GET", "POST"])
@allow("partner", "lead", "cabinet")
def sign_out():
    """Sign out from the navigation's link. A link from another site (or a request whose origin the
    browser does not say) gets a page with a button instead, so no other site can sign people out."""
    if request.method == "GET" and request.headers.get("Sec-Fetch-Site") not in ("same-origin", "none"):
        return render_template("auth/sign_out.html", form=VersionForm())
    current_user.end_sessions()  # every session of the account, on every device, ends with this one
    db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.sign_in"))


@bp.route("/assets/<path:filename>")
@allow(PUBLIC)
def govuk_assets(filename):
    """GOV.UK Frontend's stylesheet asks for its fonts and images at /assets/."""
    return send_from_directory(Path(current_app.static_folder) / "govuk" / "assets", filename, max_age=86400)


@bp.route("/accessibility")
@allow(PUBLIC)
def accessibility():
    return render_template("accessibility.html")


@bp.route("/privacy")
@allow(PUBLIC)
def privacy():
    return render_template("privacy.html", retention_months=RETENTION_MONTHS)


@bp.route("/cookies")
@allow(PUBLIC)
def cookies():
    return render_template("cookies.html")


@bp.route("/healthz")
@allow(PUBLIC)
def healthz():
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(db.text("SELECT 1"))
    except SQLAlchemyError:
        db.session.remove()
        return jsonify(status="unavailable", database="not answering"), 503
    return jsonify(status="ok", database="ok")
