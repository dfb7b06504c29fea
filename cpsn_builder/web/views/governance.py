"""The partnership agreement in the web app: projects, motions and votes, contributions, warnings."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ...governance.voting import VotingError
from ...mail import events as mail_events
from ..clock import to_london
from ..extensions import db
from ..forms import ParticipationForm, RepresentativeForm, VoteForm, parse_money
from ..lead_forms import MotionForm
from ..time_input import TimeInput
from ..figures_cache import cached, governance, next_moment
from ..governance_store import vote
from ..models import BoardRepresentative, Motion, Participation, User, utcnow
from ..permissions import allow
from ..printable import Printed
from ..representatives import delegation, representatives
from ..store import audit, catalogue

bp = Blueprint("governance", __name__)


@bp.route("/lead/governance", methods=["GET", "POST"])
@allow("lead", "cabinet")
def overview():
    cat = catalogue()
    form = MotionForm()
    form.project_id.choices = [("", "Choose a project")] + [(p.id, p.title) for p in cat.programme.projects]
    opens, closes = TimeInput("opens", "When voting opens"), TimeInput("closes", "When voting closes")
    if current_user.role == "lead" and request.method == "POST":
        opens, closes = (
            TimeInput.from_form(request.form, "opens", "When voting opens"),
            TimeInput.from_form(request.form, "closes", "When voting closes"),
        )
        opens_at, closes_at = opens.read(), closes.read(future=True)
        for when, missing in ((opens, "Enter when voting opens"), (closes, "Enter when voting closes")):
            if when.blank:
                when.fail(missing)
        if opens_at and closes_at and closes_at <= opens_at:
            closes.fail("Voting must close after it opens")
        if form.validate_on_submit():
            if db.session.execute(db.select(Motion).filter_by(code=form.code.data.strip())).scalar_one_or_none():
                form.code.errors = ["A motion with this reference already exists"]
            if not (opens.error or closes.error or form.code.errors):
                db.session.add(
                    Motion(
                        code=form.code.data.strip(),
                        project_id=form.project_id.data,
                        text=form.text.data.strip(),
                        opens=opens_at,
                        closes=closes_at,
                    )
                )
                audit("(programme)", f"motion.{form.code.data.strip()}", None, form.text.data.strip())
                db.session.commit()
                mail_events.vote_opened(form.code.data.strip())
                flash(
                    ("motion", f"Motion {form.code.data.strip()} is open for votes from {to_london(opens_at):%-d %B %Y %H:%M}."), "success"
                )
                return redirect(url_for("governance.overview"))
    return render_template("governance/overview.html", report_html=_report_html(), form=form, opens=opens, closes=closes)


def _report_html() -> Printed:
    """The governance report as the overview shows it, rendered once per data version, role and day
    and until the next motion opens or closes (figures_cache.py): with 400 partners its tables took
    most of the page's time."""

    now = utcnow()

    def render():
        result = governance(now=now)
        html = Printed(render_template("governance/_report.html", report=result, catalogue=catalogue()))
        return html, next_moment(result, now)

    return cached(("governance-page", current_user.role, now.date()), render, now)


@bp.route("/lead/governance/participation", methods=["GET", "POST"])
@allow("lead")
def participation():
    cat = catalogue()
    form = ParticipationForm()
    form.partner_id.choices = [("", "Choose a partner")] + [(p.id, p.name) for p in cat.partners]
    form.project_id.choices = [("", "Choose a project")] + [(p.id, p.title) for p in cat.programme.projects if not p.procurement]
    declined_on = TimeInput("declined_on", "The date it declined")
    if form.validate_on_submit():
        declined_on = TimeInput.from_form(request.form, "declined_on", "The date it declined")
        declined = declined_on.read_day()
        if not declined_on.error:
            record = db.session.execute(
                db.select(Participation).filter_by(partner_id=form.partner_id.data, project_id=form.project_id.data)
            ).scalar_one_or_none()
            record = record or Participation(partner_id=form.partner_id.data, project_id=form.project_id.data)
            audit(
                form.partner_id.data,
                f"participation.{form.project_id.data}",
                f"declined {record.declined_on}" if record.declined_on else "takes part",
                f"declined {declined}" if declined else "takes part",
            )
            record.declined_on = declined
            record.max_contribution = parse_money(form.max_contribution.data, "Maximum contribution")
            db.session.add(record)
            db.session.commit()
            flash(("participation", "Participation saved."), "success")
            return redirect(url_for("governance.overview"))
    return render_template("governance/participation.html", form=form, declined_on=declined_on)


@bp.route("/partners/<partner_id>/votes", methods=["GET"])
@allow("partner")
def votes(partner_id):
    if catalogue().partner(partner_id) is None:
        abort(404)
    return _votes_page(partner_id)


def _votes_page(partner_id: str, errors: dict[str, str] | None = None):
    return render_template(
        "governance/votes.html",
        report=governance(),
        catalogue=catalogue(),
        partner_id=partner_id,
        now=utcnow(),
        delegation=delegation(current_user, partner_id),
        errors=errors or {},
    )


@bp.route("/partners/<partner_id>/votes/<code>", methods=["POST"])
@allow("partner")
def cast(partner_id, code):
    """A vote in two steps: choose, then confirm on a page that says a vote cannot be changed."""
    motion = db.session.execute(db.select(Motion).filter_by(code=code)).scalar_one_or_none()
    if motion is None:
        abort(404)
    form = VoteForm()
    authority = delegation(current_user, partner_id)
    if authority is None:
        flash(
            (
                "vote",
                "Only your organisation's board representative, with delegated authority in force today, can cast its vote: "
                "ask the procurement lead to record the delegation.",
            ),
            "error",
        )
        return redirect(url_for("governance.votes", partner_id=partner_id))
    if not form.validate_on_submit():
        return _votes_page(partner_id, {code: "Select for, against or abstain"})
    if request.form.get("confirm") != "yes":
        return render_template(
            "governance/confirm_vote.html",
            motion=motion,
            project=catalogue().project(motion.project_id),
            partner=catalogue().partner(partner_id),
            choice=form.choice.data,
            form=form,
        )
    try:
        vote(motion, partner_id, form.choice.data, current_user.email, utcnow())  # the vote record names who voted
        db.session.commit()
    except VotingError as exc:
        db.session.rollback()
        flash(("vote", f"Your vote was not recorded: {exc}."), "error")
    except IntegrityError:  # another officer of the same partner voted a moment earlier
        db.session.rollback()
        flash(("vote", "Your organisation has already voted on this motion: one vote per partner."), "error")
    else:
        flash(("vote", f"Your organisation's vote on {code} is recorded."), "success")
    return redirect(url_for("governance.votes", partner_id=partner_id))


@bp.route("/lead/governance/representatives", methods=["GET", "POST"])
@allow("lead")
def board_representatives():
    """Record who holds each partner's delegated authority on the board, and from when until when."""
    cat = catalogue()
    form = RepresentativeForm()
    officers = (
        db.session.execute(db.select(User).filter_by(role="partner", disabled=False).order_by(User.partner_id, User.email)).scalars().all()
    )
    form.user_id.choices = [("", "Choose an officer")] + [
        (str(u.id), f"{u.name} <{u.email}> ({cat.partner(u.partner_id).name if cat.partner(u.partner_id) else u.partner_id})")
        for u in officers
    ]
    starts, ends = TimeInput("valid_from", "The date the delegation starts"), TimeInput("valid_until", "The date the delegation ends")
    if form.validate_on_submit():
        user = db.session.get(User, int(form.user_id.data)) if form.user_id.data.isdigit() else None
        starts = TimeInput.from_form(request.form, "valid_from", "The date the delegation starts")
        ends = TimeInput.from_form(request.form, "valid_until", "The date the delegation ends")
        valid_from, valid_until = starts.read_day(), ends.read_day()
        if user is None or user.role != "partner":
            form.user_id.errors = ["Choose the officer who holds the delegation"]
        if starts.blank:
            starts.fail("Enter the date the delegation starts")
        if valid_from and valid_until and valid_until < valid_from:
            ends.fail("The delegation must end on or after the day it starts")
        if not (form.user_id.errors or starts.error or ends.error):
            db.session.add(
                BoardRepresentative(
                    partner_id=user.partner_id,
                    user_id=user.id,
                    granted_by=form.granted_by.data.strip(),
                    valid_from=valid_from,
                    valid_until=valid_until,
                )
            )
            audit(
                user.partner_id,
                "board_representative",
                None,
                f"{user.email}, granted by {form.granted_by.data.strip()}, from {valid_from}"
                + (f" until {valid_until}" if valid_until else ""),
            )
            db.session.commit()
            flash(("representative", f"{user.name} may now vote for {cat.partner(user.partner_id).name}."), "success")
            return redirect(url_for("governance.board_representatives"))
    return render_template(
        "governance/representatives.html", form=form, delegations=representatives(), catalogue=cat, starts=starts, ends=ends
    )
