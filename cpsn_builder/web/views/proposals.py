"""Partners propose their own requirements for the lots they chose; the lead accepts, merges or declines."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..extensions import db
from ..permissions import allow
from ..proposals_store import STATUS_NAMES, accept, clause_problems, decline, merge, proposals_of, propose
from ..requirement_forms import DecisionForm, ProposalForm
from ..requirement_tables import RequirementProposal
from ..requirements_store import lot_rows
from ..store import catalogue, response_for

bp = Blueprint("proposals", __name__)


def _partner_or_404(partner_id: str):
    partner = catalogue().partner(partner_id)
    if partner is None:
        abort(404)
    return partner


def _chosen_lots(partner_id: str):
    record = response_for(partner_id, create=False)
    cat = catalogue()
    chosen = [] if record is None or record.declined else list(record.lots or [])
    return [lot for lot in cat.lots if lot.id in chosen], record


@bp.route("/partners/<partner_id>/requirements")
@allow("partner")
def partner_proposals(partner_id: str):
    partner = _partner_or_404(partner_id)
    lots, _ = _chosen_lots(partner_id)
    return render_template(
        "proposals/partner_list.html",
        partner=partner,
        proposals=proposals_of(partner_id),
        lots={lot.id: lot for lot in catalogue().lots},
        can_propose=bool(lots),
        statuses=STATUS_NAMES,
    )


@bp.route("/partners/<partner_id>/requirements/new", methods=["GET", "POST"])
@allow("partner")
def new_proposal(partner_id: str):
    partner = _partner_or_404(partner_id)
    lots, record = _chosen_lots(partner_id)
    if not lots:
        flash(("no-lots", "Choose the lots your organisation wants first: you can propose requirements for those lots."), "error")
        return redirect(url_for("proposals.partner_proposals", partner_id=partner_id))
    form = ProposalForm()
    form.lot.choices = [(lot.id, lot.title) for lot in lots]
    sites = {f"{s.name} ({s.postcode})": s for s in (record.sites if record else [])}
    form.sites.choices = [(name, name) for name in sites]
    if request.method == "GET" and request.args.get("lot") in {lot.id for lot in lots}:
        form.lot.data = request.args["lot"]  # from a lot's page in the questionnaire
    if form.validate_on_submit():
        text = form.text.data.strip()
        problems = clause_problems(catalogue(), form.lot.data, text, partner_id)
        for problem in problems:
            form.text.errors = list(form.text.errors) + [_for_partner(problem.message)]
        if not problems:
            propose(
                partner_id,
                form.lot.data,
                form.priority.data,
                text,
                form.why.data.strip(),
                [name for name in (form.sites.data or []) if name in sites],
                current_user.email,
            )
            db.session.commit()
            flash(("proposed", "Your requirement was sent to the procurement lead. You will see the decision here."), "success")
            return redirect(url_for("proposals.partner_proposals", partner_id=partner_id))
    return render_template("proposals/new.html", form=form, partner=partner)


def _for_partner(message: str) -> str:
    """The set's message without the clause id a partner never sees."""
    message = message.replace("XX-999's text", "Your requirement").replace("XX-999: the text", "Your requirement")
    return message[0].upper() + message[1:]


@bp.route("/lead/requirements/proposals")
@allow("lead")
def lead_proposals():
    cat = catalogue()
    proposals = proposals_of()
    return render_template(
        "proposals/lead_list.html",
        open=[p for p in proposals if p.status == "open"],
        decided=[p for p in proposals if p.status != "open"],
        catalogue=cat,
        statuses=STATUS_NAMES,
    )


@bp.route("/lead/requirements/proposals/<int:proposal_id>", methods=["GET", "POST"])
@allow("lead")
def decide(proposal_id: int):
    proposal = db.session.get(RequirementProposal, proposal_id)
    if proposal is None:
        abort(404)
    cat = catalogue()
    lot = cat.lot(proposal.lot_id)
    form = DecisionForm()
    rows = [r for r in lot_rows(cat, proposal.lot_id) if not r.withdrawn]
    form.clause.choices = [("", "Choose a requirement")] + [(r.clause_id, f"{r.clause_id}: {r.text[:90]}") for r in rows]
    if request.method == "GET":
        form.text.data, form.priority.data = proposal.text, proposal.priority
    if proposal.status != "open":
        return render_template(
            "proposals/decided.html", proposal=proposal, lot=lot, partner=cat.partner(proposal.partner_id), statuses=STATUS_NAMES
        )
    if form.validate_on_submit() and _decided(form, proposal, cat):
        db.session.commit()
        flash(
            (
                "decided",
                f"Decision saved: {STATUS_NAMES[proposal.status].lower()}"
                f"{' as ' + proposal.clause_id if proposal.status == 'accepted' else ''}",
            ),
            "success",
        )
        return redirect(url_for("proposals.lead_proposals"))
    return render_template(
        "proposals/decide.html", form=form, proposal=proposal, lot=lot, rows=rows, partner=cat.partner(proposal.partner_id)
    )


def _decided(form: DecisionForm, proposal: RequirementProposal, cat) -> bool:
    """Apply the decision, or put each missing or wrong answer on its field and change nothing."""
    choice = form.decision.data
    reason = (form.reason.data or "").strip()
    if choice == "accept":
        text = (form.text.data or "").strip()
        if not text:
            form.text.errors = ["Enter the requirement as it will be added"]
        else:
            problems = clause_problems(cat, proposal.lot_id, text, proposal.partner_id)
            form.text.errors = [_for_partner(p.message).replace("Your requirement", "The requirement") for p in problems]
        if not form.priority.data:
            form.priority.errors = ["Choose the priority"]
        if form.text.errors or form.priority.errors:
            return False
        accept(cat, proposal, form.priority.data, text)
        return True
    if choice == "merge" and not form.clause.data:
        form.clause.errors = ["Choose the requirement that covers it"]
    if not reason:
        form.reason.errors = ["Enter the reason the partner will see"]
    if form.clause.errors or form.reason.errors:
        return False
    if choice == "merge":
        merge(proposal, form.clause.data, reason)
    else:
        decline(proposal, reason)
    return True
