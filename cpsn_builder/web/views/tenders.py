"""Tenders: the lead's round (closing time, uploads sealed until closing, marks, ranking, award),
the published recommendation for cabinet, and each partner's tendered costs and savings."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ...catalogue import documents_of
from ...documents.award_report import build_award_report
from ...documents.evaluation_workbook import build_evaluation_workbook
from ...tenders.award import AwardProblems
from ...tenders.models import Award, FlagResolution
from ..clock import to_london
from ..extensions import db
from ..models import TenderBid
from ..permissions import allow
from ..sor_versions import VersionProblem
from ..store import catalogue, uk_time
from ..tender_forms import (
    NO_AWARD,
    ClosingForm,
    OpenRoundForm,
    UploadForm,
    WithdrawAwardForm,
    award_form,
    criterion_field,
    flag_field,
    marks_form,
)
from ..tenders_store import (
    TenderProblem,
    Upload,
    UploadRefused,
    add_bids,
    current_round,
    evaluation_of,
    frozen_of,
    is_closed,
    issued_versions,
    late_bidders,
    marks_of,
    move_closing,
    open_round,
    problems_with,
    proposed_award,
    publish,
    published,
    published_award,
    recommendation_of,
    save_marks,
    withdraw,
)
from ..time_input import TimeInput

bp = Blueprint("tenders", __name__, url_prefix="/tenders")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.app_context_processor
def tenders_navigation():
    """Cabinet viewers and partners' officers see Tenders in the navigation once an award is published."""
    try:
        if current_user and current_user.is_authenticated and current_user.role in ("cabinet", "partner"):
            return {"award_published": published_award() is not None}
    except SQLAlchemyError:
        pass
    return {"award_published": False}


def _round_or_index():
    round_ = current_round()
    if round_ is None:
        flash(("round", "Open a tender round first: choose the issued version the bids price and set the closing time."), "info")
    return round_


def _problem_page(round_, problem: str, status: int = 409):
    return render_template("tenders/problem.html", round=round_, problem=problem), status


def _sealed_or_problem(round_):
    """None when the bids may be opened; otherwise the page that says they are sealed until closing."""
    if not is_closed(round_):
        return _problem_page(
            round_,
            f"Bids are sealed until {uk_time(round_.closing_at)} (the closing time): they cannot be opened, scored or summed before then.",
        )
    return None


def _catalogue_problem(round_):
    try:
        frozen_of(round_)
    except VersionProblem as exc:
        return _problem_page(round_, str(exc))
    return None


def _closed_problem(round_):
    """None when the bids may be opened and evaluated; otherwise the page that says why not."""
    return _sealed_or_problem(round_) or _catalogue_problem(round_)


def _opened_round():
    """The round once its bids may be opened, or None and the response to give instead."""
    round_ = _round_or_index()
    if round_ is None:
        return None, redirect(url_for("tenders.index"))
    return round_, _closed_problem(round_)


# --- The round ------------------------------------------------------------------------------


@bp.route("/")
@allow("lead")
def index():
    round_ = current_round()
    if round_ is None:
        return _opening_page(OpenRoundForm(formdata=None), TimeInput("closing", "The closing time"))
    return _round_page(round_, UploadForm(formdata=None))


def _opening_page(form, closing, status: int = 200):
    issued = issued_versions()
    form.version.choices = [
        (v.label, f"Version {v.label} ({v.status}), issued {v.issued_on.day} {v.issued_on:%B %Y}") for v in reversed(issued)
    ]
    if issued and not form.version.data:
        form.version.data = issued[-1].label
    return render_template("tenders/open.html", form=form, closing=closing, issued=issued), status


def _round_page(round_, form, refusals=(), accepted=(), problem: str | None = None):
    closed = is_closed(round_)
    evaluation = late = None
    if closed:
        broken = _catalogue_problem(round_)
        if broken:
            return broken
        evaluation = evaluation_of(round_)
        late = late_bidders(round_)
    return render_template(
        "tenders/round.html",
        round=round_,
        bids=list(round_.bids),
        closed=closed,
        form=form,
        refusals=refusals,
        accepted=accepted,
        problem=problem,
        evaluation=evaluation,
        late=late,
        award=published(round_),
        catalogue=frozen_of(round_).catalogue if closed else catalogue(),
    )


@bp.route("/open", methods=["POST"])
@allow("lead")
def open_page():
    if current_round() is not None:
        return redirect(url_for("tenders.index"))
    form = OpenRoundForm()
    form.version.choices = [(v.label, v.label) for v in issued_versions()]
    closing = TimeInput.from_form(request.form, "closing", "The closing time")
    valid = form.validate_on_submit()
    closing_at = closing.read(future=True)
    if closing.error is None and closing_at is None:
        closing.fail("Enter the closing time for bids")
    if valid and closing.error is None:
        try:
            open_round(form.version.data, closing_at, current_user.email)
        except TenderProblem as exc:
            form.version.errors = [str(exc)]
        else:
            db.session.commit()
            flash(
                ("round", f"Tender round opened for version {form.version.data}. Bids close on {uk_time(closing_at)} (UK time)."), "success"
            )
            return redirect(url_for("tenders.index"))
    return _opening_page(form, closing)


@bp.route("/closing", methods=["GET", "POST"])
@allow("lead")
def closing_page():
    round_ = _round_or_index()
    if round_ is None:
        return redirect(url_for("tenders.index"))
    form = ClosingForm()
    closing = TimeInput.showing("closing", "The closing time", round_.closing_at)
    if is_closed(round_):
        return _problem_page(
            round_, f"The closing time passed on {uk_time(round_.closing_at)}, so it cannot be moved: the bids may have been opened."
        )
    if form.validate_on_submit():
        closing = TimeInput.from_form(request.form, "closing", "The closing time")
        value = closing.read(future=True)
        if closing.error is None and value is None:
            closing.fail("Enter the closing time for bids")
        if closing.error is None:
            try:
                move_closing(round_, value)
            except TenderProblem as exc:
                closing.fail(str(exc))
            else:
                db.session.commit()
                flash(("closing", f"Closing time saved: {uk_time(value)} (UK time)."), "success")
                return redirect(url_for("tenders.index"))
    return render_template("tenders/closing.html", form=form, closing=closing, round=round_)


@bp.route("/bids", methods=["POST"])
@allow("lead")
def upload():
    round_ = _round_or_index()
    if round_ is None:
        return redirect(url_for("tenders.index"))
    broken = _catalogue_problem(round_)
    if broken:
        return broken
    form = UploadForm()
    if not form.validate_on_submit():
        return _round_page(round_, form)
    files = [f for f in request.files.getlist(form.files.name) if f and f.filename]
    if not files:
        form.files.errors = ["Choose one or more returned pricing schedules (.xlsx) to upload"]
        return _round_page(round_, form)
    late = bool(form.late.data)
    reason = (form.late_reason.data or "").strip() or None
    if late and is_closed(round_) and not reason:
        form.late_reason.errors = ["Enter why the late bid is accepted"]
        return _round_page(round_, form)
    uploads = [Upload(_file_name(f.filename), f.read()) for f in files]
    try:
        rows = add_bids(round_, uploads, late, reason, current_user.email)
    except TenderProblem as exc:
        db.session.rollback()
        form.late.errors = [str(exc)]
        return _round_page(round_, form)
    except UploadRefused as exc:
        db.session.rollback()
        return _round_page(round_, form, refusals=exc.refusals, accepted=exc.accepted)
    try:
        db.session.commit()
    except IntegrityError:  # the same file or bidder saved by another upload a moment ago
        db.session.rollback()
        form.files.errors = [
            "Another upload saved the same file or a bid from the same bidder a moment ago: nothing was saved. "
            "Look at the bids received below before uploading again"
        ]
        return _round_page(round_, form)
    names = ", ".join(r.file_name for r in rows)
    flash(
        (
            "uploaded",
            f"{len(rows)} {'bid' if len(rows) == 1 else 'bids'} received"
            + (" late" if rows[0].late else "")
            + f": {names}. Each was checked as a valid pricing schedule of version {round_.version_label}.",
        ),
        "success",
    )
    return redirect(url_for("tenders.index") + "#bids")


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


def _file_name(name: str) -> str:
    """The name as the bidder's file was called: no folders (some browsers send them), no control characters."""
    return _UNPRINTABLE.sub("", re.split(r"[\\/]", name)[-1]).strip()[:255] or "bid.xlsx"


# --- Marks ----------------------------------------------------------------------------------


def _bid_lot(bid_id: int, lot_id: str):
    """The round, bid and lot, or a 404 when the bid does not exist or did not price that lot; the
    sealed page before closing."""
    round_ = current_round()
    bid = db.session.get(TenderBid, bid_id)
    if round_ is None or bid is None or bid.round_id != round_.id:
        abort(404)
    refused = _closed_problem(round_)
    if refused:
        return round_, bid, None, refused
    evaluation = evaluation_of(round_)
    ranking = evaluation.lot(lot_id)
    tender = ranking.tender(bid.bidder) if ranking else None
    if tender is None:
        abort(404)
    return round_, bid, (ranking, tender), None


def _criteria(round_):
    return documents_of(frozen_of(round_).catalogue).sor.evaluation


@bp.route("/bids/<int:bid_id>/<lot_id>")
@allow("lead")
def marks(bid_id: int, lot_id: str):
    round_, bid, found, refused = _bid_lot(bid_id, lot_id)
    if refused:
        return refused
    ranking, tender = found
    given = marks_of(bid, lot_id)
    evaluators = sorted(name for name in given if name)
    return render_template(
        "tenders/marks.html",
        round=round_,
        bid=bid,
        ranking=ranking,
        tender=tender,
        given=given,
        evaluators=evaluators,
        criteria=_criteria(round_),
        scale={p.score: p.label for p in _criteria(round_).scale},
    )


@bp.route("/bids/<int:bid_id>/<lot_id>/evaluator", methods=["GET", "POST"])
@allow("lead")
def evaluator_marks(bid_id: int, lot_id: str):
    return _marks_form(bid_id, lot_id, evaluator=True)


@bp.route("/bids/<int:bid_id>/<lot_id>/moderated", methods=["GET", "POST"])
@allow("lead")
def moderated_marks(bid_id: int, lot_id: str):
    return _marks_form(bid_id, lot_id, evaluator=False)


def _marks_form(bid_id: int, lot_id: str, evaluator: bool):
    round_, bid, found, refused = _bid_lot(bid_id, lot_id)
    if refused:
        return refused
    ranking, tender = found
    criteria = _criteria(round_)
    given = marks_of(bid, lot_id)
    if request.method == "GET":
        name = (request.args.get("name") or "")[:120] if evaluator else ""
        scores = given.get(name, {}) if (name or not evaluator) else {}
        data = {criterion_field(c): str(s) for c, s in scores.items()}
        if evaluator:
            data["evaluator"] = name
        form = marks_form(criteria, evaluator, formdata=None, data=data)
    else:
        form = marks_form(criteria, evaluator)
    if form.validate_on_submit():
        name = form.evaluator.data.strip() if evaluator else ""
        scores = {c.id: int(form[criterion_field(c.id)].data) for c in criteria.criteria}
        try:
            save_marks(round_, bid, lot_id, name, scores, current_user.email)
        except TenderProblem as exc:
            db.session.rollback()
            return _problem_page(round_, str(exc))
        db.session.commit()
        what = f"{name}'s scores" if evaluator else "The moderated scores"
        flash(("marks", f"{what} for {bid.bidder}, {ranking.title}, saved."), "success")
        return redirect(url_for("tenders.marks", bid_id=bid.id, lot_id=lot_id))
    return render_template(
        "tenders/marks_form.html",
        round=round_,
        bid=bid,
        ranking=ranking,
        tender=tender,
        form=form,
        evaluator=evaluator,
        criteria=criteria,
        field=criterion_field,
    )


# --- The evaluation and the award -----------------------------------------------------------


@bp.route("/evaluation")
@allow("lead")
def evaluation():
    round_, refused = _opened_round()
    if refused:
        return refused
    result = evaluation_of(round_)
    bids_by_bidder = {b.bidder: b for b in round_.bids}
    return render_template(
        "tenders/evaluation.html",
        round=round_,
        evaluation=result,
        late=late_bidders(round_),
        bids=bids_by_bidder,
        catalogue=frozen_of(round_).catalogue,
        award=published(round_),
    )


def _lot_titles(round_) -> dict[str, str]:
    return {lot.id: lot.title for lot in frozen_of(round_).catalogue.lots}


def _award_from(form, result, proposal: Award) -> Award:
    """The lead's choices; a lot nobody bid for takes the evaluation's proposal (no award, and why)."""
    untendered = {lot_id: (lot_id, bidder, reason) for lot_id, bidder, reason in proposal.choices}
    choices = []
    for lot in result.lots:
        if not lot.tenders:
            if lot.lot_id in untendered:
                choices.append(untendered[lot.lot_id])
            continue
        bidder = form[f"bidder_{lot.lot_id}"].data
        choices.append((lot.lot_id, None if bidder == NO_AWARD else bidder, form[f"reason_{lot.lot_id}"].data.strip()))
    resolutions = tuple(
        FlagResolution(flag.kind, flag.bidder, flag.lot_id, flag.line_id, form[flag_field(i)].data.strip())
        for i, flag in enumerate(result.flags)
    )
    return Award(tuple(choices), resolutions)


def _place(form, result, problems: list[str]) -> list[str]:
    """Put each of award_problems' messages on the field it is about; return those about no one field."""
    titles = {lot.lot_id: lot.title for lot in result.lots}
    left = []
    for message in problems:
        lot_id = next(
            (lot_id for lot_id, title in titles.items() if title in message or f"'{lot_id}'" in message or f" {lot_id} " in f" {message} "),
            None,
        )
        name = f"bidder_{lot_id}" if lot_id and f"bidder_{lot_id}" in form else None
        flag = next((i for i, f in enumerate(result.flags) if f.message in message), None)
        if flag is not None and flag_field(flag) in form:
            name = flag_field(flag)
        if name:
            form[name].errors = list(form[name].errors) + [message]
        else:
            left.append(message)
    return left


@bp.route("/award", methods=["GET", "POST"])
@allow("lead")
def award():
    round_, refused = _opened_round()
    if refused:
        return refused
    result = evaluation_of(round_)
    row = published(round_)
    if row is not None:
        return render_template(
            "tenders/award_published.html",
            round=round_,
            row=row,
            form=WithdrawAwardForm(),
            recommendation=recommendation_of(round_, row),
            evaluation=result,
        )
    form = award_form(result, _lot_titles(round_), proposed_award(round_) if request.method == "GET" else None)
    other = []
    if form.validate_on_submit():
        chosen = _award_from(form, result, proposed_award(round_))
        problems = problems_with(round_, chosen)
        if not problems:
            publish(round_, chosen, current_user.email)
            db.session.commit()
            flash(("award", "The award recommendation is published: cabinet viewers and partners' officers can now see it."), "success")
            return redirect(url_for("tenders.recommendation"))
        other = _place(form, result, problems)
    return render_template(
        "tenders/award.html", round=round_, form=form, evaluation=result, other=other, late=late_bidders(round_), flag_field=flag_field
    )


@bp.route("/award/withdraw", methods=["POST"])
@allow("lead")
def withdraw_award():
    round_ = current_round()
    form = WithdrawAwardForm()
    if round_ is None or not form.validate_on_submit():
        return redirect(url_for("tenders.index"))
    try:
        withdraw(round_, current_user.email)
    except TenderProblem as exc:
        flash(("award", str(exc)), "info")
        return redirect(url_for("tenders.index"))
    db.session.commit()
    flash(
        ("award", "The award recommendation is withdrawn: cabinet viewers and partners no longer see it. Change it and publish again."),
        "success",
    )
    return redirect(url_for("tenders.award"))


# --- What cabinet and partners see ----------------------------------------------------------


def _published_or_404():
    found = published_award()
    if found is None:
        abort(404)
    round_, row = found
    try:
        frozen_of(round_)
        return round_, row, recommendation_of(round_, row)
    except (VersionProblem, AwardProblems) as exc:
        abort(Response(render_template("tenders/problem.html", round=round_, problem=str(exc)), 409))


@bp.route("/recommendation")
@allow("lead", "cabinet")
def recommendation():
    round_, row, result = _published_or_404()
    inputs = frozen_of(round_).inputs
    return render_template(
        "tenders/recommendation.html",
        round=round_,
        row=row,
        recommendation=result,
        evaluation=result.evaluation,
        catalogue=inputs.catalogue,
    )


@bp.route("/recommendation/award-report.docx")
@allow("lead", "cabinet")
def award_report():
    round_, _row, result = _published_or_404()
    data = build_award_report(result, frozen_of(round_).inputs)
    return Response(data, mimetype=DOCX, headers={"Content-Disposition": "attachment; filename=cpsn-award-report.docx"})


@bp.route("/recommendation/evaluation.xlsx")
@allow("lead", "cabinet")
def evaluation_workbook():
    round_, _row, result = _published_or_404()
    data = build_evaluation_workbook(result.evaluation, frozen_of(round_).inputs)
    return Response(data, mimetype=XLSX, headers={"Content-Disposition": "attachment; filename=cpsn-evaluation.xlsx"})


@bp.route("/partners/<partner_id>")
@allow("partner", "lead")
def partner_figures(partner_id: str):
    round_, row, result = _published_or_404()
    tendered = next((p for p in result.tendered.partners if p.partner_id == partner_id), None)
    estimated = next((p for p in result.evaluation.estimate.partners if p.partner_id == partner_id), None)
    cat = frozen_of(round_).catalogue
    partner = cat.partner(partner_id)
    if partner is None:
        abort(404)
    lots = []
    for lot in result.tendered.lots:
        mine = next((p for p in lot.partners if p.partner_id == partner_id), None)
        before_lot = next((x for x in result.evaluation.estimate.lots if x.lot_id == lot.lot_id), None)
        before = next((p for p in before_lot.partners if p.partner_id == partner_id), None) if before_lot else None
        if mine is not None:
            lots.append({"lot": lot, "tendered": mine, "estimate": before, "bidder": dict(result.awarded).get(lot.lot_id)})
    years = list(zip(estimated.years, tendered.years)) if tendered and estimated else []
    return render_template(
        "tenders/partner.html",
        round=round_,
        row=row,
        recommendation=result,
        partner=partner,
        tendered=tendered,
        estimated=estimated,
        lots=lots,
        years=years,
        when=to_london(row.published_at),
    )
