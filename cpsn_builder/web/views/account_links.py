"""Links that arrive by email: asking for a password reset, and setting a password from an
invitation or a reset. Anyone may open them; the link's secret is what proves who they are."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from ...mail import events as mail_events
from ...mail import tokens
from ...mail.limits import record_reset_request
from ..extensions import db
from ..forms import ForgotPasswordForm, NewPasswordForm
from ..permissions import PUBLIC, allow
from ..store import audit

bp = Blueprint("account_links", __name__)


@bp.after_request
def keep_links_private(response):
    """A page opened from a one-time link is not cached, and sends its address nowhere."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/forgot-password", methods=["GET", "POST"])
@allow(PUBLIC)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = form.email.data
        limit = record_reset_request(email, request.remote_addr)
        if limit.client_blocked:
            return render_template("auth/forgot_password.html", form=form, paused=True), 429
        if not limit.email_blocked:
            # The same work for every address: the worker, not this request, finds out whether an account has it.
            mail_events.password_reset_requested(email)
            db.session.commit()
        return render_template("auth/forgot_password_sent.html", email=email)
    return render_template("auth/forgot_password.html", form=form, paused=False)


@bp.route("/set-password/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
def set_password(token):
    check = tokens.look_up(token)
    if check.problem:
        return _link_problem(check), 404 if check.problem == "unknown" else 410
    form = NewPasswordForm()
    if form.validate_on_submit():
        if not tokens.redeem(check):
            db.session.rollback()
            return _link_problem(tokens.Check(check.token, check.user, "used")), 410
        check.user.set_password(form.password.data)  # also ends every session the account has anywhere
        audit(
            check.user.partner_id or "(programme)",
            "users",
            None,
            f"{check.user.email} set a password ({'invitation' if check.token.purpose == tokens.INVITATION else 'reset'} link)",
        )
        db.session.commit()
        flash(("password", "Your password is set. Sign in with your email address and new password."), "success")
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/set_password.html", form=form, user=check.user, invitation=check.token.purpose == tokens.INVITATION)


def _link_problem(check: tokens.Check) -> str:
    invitation = check.token is not None and check.token.purpose == tokens.INVITATION
    return render_template("auth/link_problem.html", problem=check.problem, invitation=invitation)
