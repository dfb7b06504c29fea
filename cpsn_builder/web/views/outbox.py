"""The lead's view of the email outbox (state, errors, resend) and new invitations."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from ...mail import events as mail_events
from ...mail.models import STATES, OutboxMessage
from ...mail.outbox import resend as resend_message
from ..extensions import db
from ..forms import VersionForm
from ..models import User
from ..permissions import allow
from ..store import audit, catalogue

bp = Blueprint("outbox", __name__, url_prefix="/lead")
SHOWN = 300


@bp.route("/outbox")
@allow("lead")
def index():
    state = request.args.get("state", "")
    query = db.select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    if state in STATES:
        query = query.filter(OutboxMessage.state == state)
    messages = db.session.execute(query.limit(SHOWN)).scalars().all()
    counts = dict(db.session.execute(db.select(OutboxMessage.state, db.func.count(OutboxMessage.id)).group_by(OutboxMessage.state)).all())
    return render_template(
        "lead/outbox.html",
        messages=messages,
        counts=counts,
        state=state if state in STATES else "",
        states=STATES,
        shown=SHOWN,
        form=VersionForm(),
    )


@bp.route("/outbox/<int:message_id>/resend", methods=["POST"])
@allow("lead")
def resend(message_id):
    message = db.session.get(OutboxMessage, message_id)
    if message is None or not VersionForm().validate_on_submit():
        abort(404)
    copy = resend_message(message)
    db.session.commit()
    flash(("outbox", f"A new copy of \u201c{message.subject}\u201d to {message.to_address} is queued (message {copy.id})."), "success")
    return redirect(url_for("outbox.index"))


@bp.route("/users/<int:user_id>/invite", methods=["POST"])
@allow("lead")
def reinvite(user_id):
    user = db.session.get(User, user_id)
    if user is None or not VersionForm().validate_on_submit():
        abort(404)
    partner = catalogue().partner(user.partner_id) if user.partner_id else None
    try:
        mail_events.reinvite(user, partner.name if partner else None)
    except mail_events.InvitationRefused as exc:
        flash(("user", str(exc)), "error")
    else:
        audit(user.partner_id or "(programme)", "users", None, f"{user.email} sent a new invitation")
        db.session.commit()
        flash(
            ("user", f"A new invitation is on its way to {user.email}; once it is sent, the link in any earlier one stops working."),
            "success",
        )
    return redirect(url_for("lead.users"))
