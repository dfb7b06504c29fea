"""The partnership agreement in the web app: projects, motions and votes, contributions, warnings."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ...governance.voting import VotingError
from ..clock import to_london
from ..date_fields import read_day, read_time
from ..extensions import db
from ..forms import MotionForm, ParticipationForm, VoteForm, parse_money
from ..governance_store import report, vote
from ..models import Motion, Participation, utcnow
from ..permissions import allow
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
    return render_template("governance/votes.html", report=report(), catalogue=catalogue(), partner_id=partner_id, form=VoteForm(), now=utcnow())


@bp.route("/partners/<partner_id>/votes/<code>", methods=["POST"])
@allow("partner")
def cast(partner_id, code):
    motion = db.session.execute(db.select(Motion).filter_by(code=code)).scalar_one_or_none()
    if motion is None:
        abort(404)
    form = VoteForm()
    if not form.validate_on_submit():
        flash(("vote", "Choose for, against or abstain, then cast the vote."), "error")
        return redirect(url_for("governance.votes", partner_id=partner_id))
    try:
        vote(motion, partner_id, form.choice.data, current_user.email, utcnow())
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
