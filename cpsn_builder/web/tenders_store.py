"""A tender round in the database: its closing time, the returned workbooks, the marks, the award.

Bids are sealed until the closing time: before it, nothing here hands a page a bidder, a price or
a total. The evaluation is the engine's (tenders/evaluation.py), run on the issued version's
frozen catalogue and responses with the bids read again from the stored bytes, so every page and
download shows what `evaluate` gives and recomputes nothing. Every change is audited.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from flask import g

from ..tenders.award import award_problems, default_award, recommend
from ..tenders.evaluation import evaluate
from ..tenders.stored_bids import dump_bid, load_bid
from ..tenders.models import Award, Bid, BidRejected, CriterionMarks, Evaluation, FlagResolution, Marks, Recommendation
from ..tenders.workbook import read_bid
from .clock import to_london
from .extensions import db
from .kept import kept
from .models import TenderAward, TenderBid, TenderMark, TenderRound, utcnow
from .requirement_tables import SorVersion
from .sor_versions import Frozen, issued_schedule_of, kept_frozen, version, versions
from .store import audit

SUBJECT = "(tenders)"  # the audit trail's partner column for the tender round
MAX_FILE_BYTES = 1024 * 1024  # a returned schedule is tens of kilobytes; the request itself is capped by MAX_CONTENT_LENGTH


class TenderProblem(Exception):
    """Why something cannot be done to the round now, in words for the lead."""


@dataclass(frozen=True)
class Upload:
    file_name: str
    data: bytes


@dataclass(frozen=True)
class Refusal:
    """One uploaded file that was not accepted, and every reason."""

    file_name: str
    problems: tuple[str, ...]


class UploadRefused(Exception):
    def __init__(self, refusals: list[Refusal], accepted: list[str]):
        self.refusals, self.accepted = refusals, accepted
        super().__init__("; ".join(f"{r.file_name}: {', '.join(r.problems)}" for r in refusals))


# --- The round ------------------------------------------------------------------------------


def issued_versions() -> list[SorVersion]:
    return versions()


def current_round() -> TenderRound | None:
    return db.session.execute(db.select(TenderRound).order_by(TenderRound.id.desc()).limit(1)).scalar_one_or_none()


def is_closed(round_: TenderRound) -> bool:
    return utcnow() >= round_.closing_at


def _uk(moment: datetime) -> str:
    local = to_london(moment)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def open_round(label: str, closing_at: datetime, by: str) -> TenderRound:
    if version(label) is None:
        raise TenderProblem(f"Version {label} has not been issued: choose an issued version")
    round_ = TenderRound(version_label=label, closing_at=closing_at, opened_by=by)
    db.session.add(round_)
    audit(SUBJECT, "tender round", None, f"opened for version {label}, closing {_uk(closing_at)}")
    db.session.flush()
    return round_


def move_closing(round_: TenderRound, closing_at: datetime) -> None:
    """A closing time can move only while it is still ahead: after it, bids may have been opened."""
    if is_closed(round_):
        raise TenderProblem(f"The closing time passed on {_uk(round_.closing_at)}, so it cannot be moved: bids may have been opened")
    audit(SUBJECT, "closing time", _uk(round_.closing_at), _uk(closing_at))
    round_.closing_at = closing_at


def frozen_of(round_: TenderRound) -> Frozen:
    """The issued version the round prices; VersionProblem when the catalogue has changed since."""
    if "tender_frozen" not in g:
        g.tender_frozen = kept_frozen(version(round_.version_label))
    return g.tender_frozen


def schedule_of(round_: TenderRound) -> bytes:
    """The pricing schedule as issued with the version: what a returned workbook must match."""
    return issued_schedule_of(frozen_of(round_))


# --- Bids -----------------------------------------------------------------------------------


def bids(round_: TenderRound) -> list[TenderBid]:
    return list(round_.bids)


def _read(data: bytes, file_name: str, schedule: bytes) -> Bid:
    """read_bid, remembered by the file's hash: every page after closing reads every bid again."""
    key = (hashlib.sha256(data).hexdigest(), hashlib.sha256(schedule).hexdigest(), file_name)
    return kept("tender bids", key, lambda: read_bid(data, file_name, schedule), limit=200)


def _unpublished(round_: TenderRound, what: str) -> None:
    """A published recommendation stands on the bids and marks as they were: nothing moves under it."""
    if published(round_) is not None:
        raise TenderProblem(
            f"The award recommendation is published, so {what}. Withdraw it first "
            "(on the award page), then publish again once the change is made"
        )


def add_bids(round_: TenderRound, uploads: list[Upload], late: bool, reason: str | None, by: str) -> list[TenderBid]:
    """Check every file and save them all, or none: UploadRefused lists each file refused and why."""
    _unpublished(round_, "no bid can be added")
    closed = is_closed(round_)
    if closed and not late:
        raise TenderProblem(
            f"Bids closed on {_uk(round_.closing_at)}. To accept this file, tick "
            "\u201cRecord as a late bid\u201d and give the reason it is accepted late"
        )
    schedule = schedule_of(round_)
    taken_hashes = {b.sha256: f"{b.file_name}, received {_uk(b.received_at)}" for b in round_.bids}
    taken_bidders = {b.bidder for b in round_.bids}
    refusals, checked = [], []
    for upload in uploads:
        problems = []
        digest = hashlib.sha256(upload.data).hexdigest()
        if len(upload.data) > MAX_FILE_BYTES:
            problems.append(
                f"the file is {len(upload.data) // 1024:,} KB; a returned pricing schedule must be {MAX_FILE_BYTES // 1024:,} KB or smaller"
            )
        elif digest in taken_hashes:
            problems.append(f"this file was already received ({taken_hashes[digest]})")
        else:
            try:
                bid = _read(upload.data, upload.file_name, schedule)
            except BidRejected as exc:
                problems += [_where(p) for p in exc.problems]
            else:
                if bid.bidder in taken_bidders:
                    # Said without naming the bidder: before closing, the lead may not know who bid.
                    problems.append("the bidder named in this workbook has already returned a bid in this round")
                else:
                    taken_bidders.add(bid.bidder)
                    taken_hashes[digest] = f"{upload.file_name}, in this upload"
                    checked.append((upload, bid, digest))
        if problems:
            refusals.append(Refusal(upload.file_name, tuple(problems)))
    if refusals:
        raise UploadRefused(refusals, [u.file_name for u, _, _ in checked])
    rows = []
    for upload, bid, digest in checked:
        row = TenderBid(
            round=round_,
            file_name=upload.file_name[:255],
            data=upload.data,
            size=len(upload.data),
            sha256=digest,
            bidder=bid.bidder[:200],
            reading=dump_bid(bid),
            received_by=by,
            late=bool(closed and late),
            late_reason=reason if closed and late else None,
        )
        db.session.add(row)
        rows.append(row)
        # The audit trail, read by the lead before closing too, names the file and its hash, not the bidder.
        audit(
            SUBJECT,
            "bid received" + (" late" if row.late else ""),
            None,
            f"{upload.file_name} (SHA-256 {digest})" + (f": {reason}" if row.late else ""),
        )
    db.session.flush()
    return rows


def _where(problem) -> str:
    """'Lot 1 WAN!D7: message', as the error summary lists a workbook's problems."""
    where = f"{problem.sheet}!{problem.cell}" if problem.sheet and problem.cell else (problem.sheet or "")
    return f"{where}: {problem.message}" if where else problem.message


def engine_bids(round_: TenderRound) -> list[Bid]:
    """Each bid as read on upload; a bid kept without a reading (received before readings were
    kept, or by an older reader) is read again from its bytes against the issued schedule."""
    kept = [load_bid(row.reading) for row in round_.bids]
    if all(bid is not None for bid in kept):
        return kept  # no schedule needed: rebuilding one at the national scale takes seconds
    schedule = schedule_of(round_)
    return [bid if bid is not None else _read(row.data, row.file_name, schedule) for bid, row in zip(kept, round_.bids)]


# --- Marks ----------------------------------------------------------------------------------


def _sealed(round_: TenderRound) -> None:
    if not is_closed(round_):
        raise TenderProblem(f"Bids are sealed until {_uk(round_.closing_at)}: they cannot be opened, scored or summed before then")


def marks_of(bid: TenderBid, lot_id: str) -> dict[str, dict[str, int]]:
    """evaluator ("" for the moderated score) -> criterion id -> score."""
    rows = db.session.execute(db.select(TenderMark).filter_by(bid_id=bid.id, lot_id=lot_id).order_by(TenderMark.id)).scalars()
    given: dict[str, dict[str, int]] = {}
    for row in rows:
        given.setdefault(row.evaluator, {})[row.criterion_id] = row.score
    return given


def save_marks(round_: TenderRound, bid: TenderBid, lot_id: str, evaluator: str, scores: dict[str, int], by: str) -> None:
    """An evaluator's scores (evaluator named) or the moderated ones (evaluator ""), each change audited."""
    _sealed(round_)
    _unpublished(round_, "scores cannot change")
    existing = {
        (m.criterion_id): m
        for m in db.session.execute(db.select(TenderMark).filter_by(bid_id=bid.id, lot_id=lot_id, evaluator=evaluator)).scalars()
    }
    who = "moderated score" if not evaluator else f"score by {evaluator}"
    for criterion_id, score in scores.items():
        row = existing.get(criterion_id)
        old = row.score if row else None
        if old == score:
            continue
        audit(SUBJECT, f"{bid.bidder}, {lot_id}, {criterion_id}: {who}", old, score)
        if row is None:
            db.session.add(
                TenderMark(bid_id=bid.id, lot_id=lot_id, criterion_id=criterion_id, evaluator=evaluator, score=score, given_by=by)
            )
        else:
            row.score, row.given_by, row.given_at = score, by, utcnow()
    db.session.flush()


def all_marks(round_: TenderRound) -> Marks:
    bidders = {b.id: b.bidder for b in round_.bids}
    rows = db.session.execute(db.select(TenderMark).filter(TenderMark.bid_id.in_(bidders)).order_by(TenderMark.id)).scalars()
    grouped: dict[tuple[str, str, str], dict[str, int]] = {}
    for row in rows:
        grouped.setdefault((bidders[row.bid_id], row.lot_id, row.criterion_id), {})[row.evaluator] = row.score
    return Marks(
        tuple(
            CriterionMarks(bidder, lot_id, criterion_id, tuple((name, score) for name, score in given.items() if name), given.get(""))
            for (bidder, lot_id, criterion_id), given in grouped.items()
        )
    )


# --- The evaluation and the award -----------------------------------------------------------


def evaluation_of(round_: TenderRound) -> Evaluation:
    """The engine's evaluation of every bid; TenderProblem while the bids are sealed."""
    _sealed(round_)
    if "tender_evaluation" not in g:
        inputs = frozen_of(round_).inputs
        g.tender_evaluation = evaluate(
            inputs.catalogue, inputs.responses, engine_bids(round_), all_marks(round_), late=late_bidders(round_)
        )
    return g.tender_evaluation


def late_bidders(round_: TenderRound) -> dict[str, str]:
    """bidder -> the reason its late bid was accepted."""
    return {b.bidder: b.late_reason or "" for b in round_.bids if b.late}


def published(round_: TenderRound | None) -> TenderAward | None:
    if round_ is None:
        return None
    return db.session.execute(
        db.select(TenderAward).filter_by(round_id=round_.id, withdrawn_at=None).order_by(TenderAward.id.desc()).limit(1)
    ).scalar_one_or_none()


def published_award() -> tuple[TenderRound, TenderAward] | None:
    round_ = current_round()
    row = published(round_)
    return (round_, row) if row else None


def award_of(row: TenderAward) -> Award:
    return Award(
        choices=tuple((lot_id, bidder, reason) for lot_id, bidder, reason in row.choices),
        resolutions=tuple(FlagResolution(**entry) for entry in row.resolutions),
    )


def proposed_award(round_: TenderRound) -> Award:
    """The evaluation's proposal: each lot's leader with why, tied lots left for the lead."""
    return default_award(evaluation_of(round_))


def problems_with(round_: TenderRound, award: Award) -> list[str]:
    return award_problems(evaluation_of(round_), award)


def publish(round_: TenderRound, award: Award, by: str) -> TenderAward:
    """Publish the recommendation; refused while award_problems finds anything."""
    problems = problems_with(round_, award)
    if problems:
        raise TenderProblem("; ".join(problems))
    if published(round_) is not None:
        raise TenderProblem("An award recommendation is already published: withdraw it before publishing another")
    row = TenderAward(
        round_id=round_.id,
        published_by=by,
        choices=[[lot_id, bidder, reason] for lot_id, bidder, reason in award.choices],
        resolutions=[
            {"kind": r.kind, "bidder": r.bidder, "lot_id": r.lot_id, "line_id": r.line_id, "resolution": r.resolution}
            for r in award.resolutions
        ],
    )
    db.session.add(row)
    audit(
        SUBJECT,
        "award recommendation published",
        None,
        "; ".join(f"{lot_id}: {bidder or 'no award'} ({reason})" for lot_id, bidder, reason in award.choices),
    )
    db.session.flush()
    return row


def withdraw(round_: TenderRound, by: str) -> None:
    row = published(round_)
    if row is None:
        raise TenderProblem("No award recommendation is published")
    row.withdrawn_at, row.withdrawn_by = utcnow(), by
    audit(SUBJECT, "award recommendation withdrawn", f"published {_uk(row.published_at)}", None)
    db.session.flush()


def recommendation_of(round_: TenderRound, row: TenderAward) -> Recommendation:
    if "tender_recommendation" not in g:
        inputs = frozen_of(round_).inputs
        g.tender_recommendation = recommend(evaluation_of(round_), award_of(row), inputs.catalogue, inputs.responses)
    return g.tender_recommendation
