"""The partnership agreement in the web app: projects, motions and votes, contributions, warnings."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ...governance.voting import VotingError
from ...mail import events as mail_events
from ..clock import to_london
from ..date_fields import read_day, read_time
from ..extensions import db
from ..forms import MotionForm, ParticipationForm, RepresentativeForm, VoteForm, parse_money
from ..governance_store import report, vote
from ..models import BoardRepresentative, Motion, Participation, User, utcnow
from ..permissions import allow
from ..representatives import delegation, representatives
from ..store import audit, catalogue

bp = Blueprint("governance", __name__)


@bp.route("/lead/governance", methods=["GET", "POST"])
@allow("lead", "cabinet")
def overview():
    cat = catalogue()
    form = MotionForm()
    form.project_id.choices = [("", "Choose a project")] + [(p.id, p.title) for p in cat.programme.projects]
    if current_user.role == "lead" and form.validate_on_submit():
        opens = read_time(form.opens, "2011-02-01 09:00", "when voting opens")
        closes = read_time(form.closes, "2011-02-14 17:00", "when voting closes")
        if opens and closes and closes <= opens:
            form.closes.errors = ["Voting must close after it opens"]
        if db.session.execute(db.select(Motion).filter_by(code=form.code.data.strip())).scalar_one_or_none():
            form.code.errors = ["A motion with this reference already exists"]
        if not (form.opens.errors or form.closes.errors or form.code.errors):
            db.session.add(Motion(code=form.code.data.strip(), project_id=form.project_id.data, text=form.text.data.strip(), opens=opens, closes=closes))
            audit("(programme)", f"motion.{form.code.data.strip()}", None, form.text.data.strip())
            db.session.commit()
            mail_events.vote_opened(form.code.data.strip())
            flash(("motion", f"Motion {form.code.data.strip()} is open for votes from {to_london(opens):%d %B %Y %H:%M}."), "success")
            return redirect(url_for("governance.overview"))
    return render_template("governance/overview.html", report=report(), catalogue=cat, form=form, now=utcnow())


@bp.route("/lead/governance/participation", methods=["GET", "POST"])
@allow("lead")
def participation():
    cat = catalogue()
    form = ParticipationForm()
    form.partner_id.choices = [("", "Choose a partner")] + [(p.id, p.name) for p in cat.partners]
    form.project_id.choices = [("", "Choose a project")] + [(p.id, p.title) for p in cat.programme.projects if not p.procurement]
    if form.validate_on_submit():
        declined = read_day(form.declined_on, "2011-02-01, or leave it blank", "the date it declined")
        if not form.declined_on.errors:
            record = db.session.execute(db.select(Participation).filter_by(partner_id=form.partner_id.data, project_id=form.project_id.data)).scalar_one_or_none()
            record = record or Participation(partner_id=form.partner_id.data, project_id=form.project_id.data)
            audit(form.partner_id.data, f"participation.{form.project_id.data}", f"declined {record.declined_on}" if record.declined_on else "takes part",
                  f"declined {declined}" if declined else "takes part")
            record.declined_on = declined
            record.max_contribution = parse_money(form.max_contribution.data, "Maximum contribution")
            db.session.add(record)
            db.session.commit()
            flash(("participation", "Participation saved."), "success")
            return redirect(url_for("governance.overview"))
    return render_template("governance/participation.html", form=form)


@bp.route("/partners/<partner_id>/votes", methods=["GET"])
@allow("partner")
def votes(partner_id):
    if catalogue().partner(partner_id) is None:
        abort(404)
    return render_template("governance/votes.html", report=report(), catalogue=catalogue(), partner_id=partner_id, form=VoteForm(), now=utcnow(),
                           delegation=delegation(current_user, partner_id))


@bp.route("/partners/<partner_id>/votes/<code>", methods=["POST"])
@allow("partner")
def cast(partner_id, code):
    motion = db.session.execute(db.select(Motion).filter_by(code=code)).scalar_one_or_none()
    if motion is None:
        abort(404)
    form = VoteForm()
    authority = delegation(current_user, partner_id)
    if authority is None:
        flash(("vote", "Only your organisation's board representative, with delegated authority in force today, can cast its vote: "
                       "ask the procurement lead to record the delegation."), "error")
        return redirect(url_for("governance.votes", partner_id=partner_id))
    if not form.validate_on_submit():
        flash(("vote", "Choose for, against or abstain, then cast the vote."), "error")
        return redirect(url_for("governance.votes", partner_id=partner_id))
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
    officers = db.session.execute(db.select(User).filter_by(role="partner", disabled=False).order_by(User.partner_id, User.email)).scalars().all()
    form.user_id.choices = [("", "Choose an officer")] + [(str(u.id), f"{u.name} <{u.email}> ({cat.partner(u.partner_id).name if cat.partner(u.partner_id) else u.partner_id})")
                                                          for u in officers]
    if form.validate_on_submit():
        user = db.session.get(User, int(form.user_id.data)) if form.user_id.data.isdigit() else None
        valid_from = read_day(form.valid_from, "2011-01-01", "the date the delegation starts")
        valid_until = read_day(form.valid_until, "2012-03-31, or leave it blank", "the date the delegation ends")
        if user is None or user.role != "partner":
            form.user_id.errors = ["Choose the officer who holds the delegation"]
        if valid_from is None and not form.valid_from.errors:
            form.valid_from.errors = ["Enter the date the delegation starts, like 2011-01-01"]
        if valid_from and valid_until and valid_until < valid_from:
            form.valid_until.errors = ["The delegation must end on or after the day it starts"]
        if not (form.user_id.errors or form.valid_from.errors or form.valid_until.errors):
            db.session.add(BoardRepresentative(partner_id=user.partner_id, user_id=user.id, granted_by=form.granted_by.data.strip(),
                                               valid_from=valid_from, valid_until=valid_until))
            audit(user.partner_id, "board_representative", None,
                  f"{user.email}, granted by {form.granted_by.data.strip()}, from {valid_from}" + (f" until {valid_until}" if valid_until else ""))
            db.session.commit()
            flash(("representative", f"{user.name} may now vote for {cat.partner(user.partner_id).name}."), "success")
            return redirect(url_for("governance.board_representatives"))
    return render_template("governance/representatives.html", form=form, rows=representatives(), catalogue=cat)
