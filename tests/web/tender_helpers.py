"""Helpers for the tender round's tests: issue a version, open a round, return real workbooks, score them.

Bids are the issued pricing schedule with prices typed in by openpyxl (tests/tenders/bid_files.py),
uploaded through the page as a browser would; only the passing of the closing time is done to the
database directly (a test cannot wait for a real closing time).
"""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache

from bid_files import central_prices, fill_schedule
from cpsn_builder.catalogue import load_catalogue
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import TenderBid, TenderRound, utcnow
from web_helpers import csrf_of, deadline_fields, form_post

VERSIONS = "/lead/requirements/versions/"
CRITERIA = ("Q1", "Q2", "Q3", "Q4", "Q5", "Q6")


def issue_version(client, label: str = "1.0"):
    response = form_post(
        client, VERSIONS, {"label": label, "status": "Final", "author": "Jo Bloggs, Head of Procurement", "summary": "Issued to bidders"}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


def closing_fields(text: str) -> dict:
    return {key.replace("deadline", "closing"): value for key, value in deadline_fields(text).items()}


def open_round(client, closing: str = "2031-01-31 17:00", version: str = "1.0"):
    token = csrf_of(client.get("/tenders/")) or csrf_of(client.get("/sign-out"))  # no form without an issued version
    return client.post("/tenders/open", data={"csrf_token": token, "version": version, **closing_fields(closing)})


def schedule(client, label: str = "1.0") -> bytes:
    """The pricing schedule issued with the version, downloaded as the lead sends it to bidders."""
    response = client.get(f"{VERSIONS}{label}/pricing-schedule.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet"), response.status
    return response.data


def prices(lot_id: str, factor: str | Decimal = "1") -> dict:
    """Every line of a lot at the catalogue's central prices times `factor`."""
    factor = Decimal(factor)
    return {
        line: ([(p * factor).quantize(Decimal("0.01")) for p in tiers], (connection * factor).quantize(Decimal("0.01")))
        for line, (tiers, connection) in central_prices(load_catalogue(), lot_id).items()
    }


def workbook(issued: bytes, bidder: str, lots: dict[str, str]) -> bytes:
    """A returned schedule: {lot id: factor on the central prices}."""
    return _workbook(issued, bidder, tuple(lots.items()))


@lru_cache(maxsize=16)
def _workbook(issued: bytes, bidder: str, lots: tuple[tuple[str, str], ...]) -> bytes:
    # Test after test (and each on both databases) types the same prices into the same issued
    # schedule; the file is bytes, so the one typed before is the same file (openpyxl takes a second).
    return fill_schedule(issued, bidder, {lot_id: prices(lot_id, factor) for lot_id, factor in lots})


def upload(client, files: dict[str, bytes], late: bool = False, reason: str = ""):
    token = csrf_of(client.get("/tenders/"))
    data = {"csrf_token": token, "files": [(io.BytesIO(content), name) for name, content in files.items()]}
    if late:
        data["late"] = "y"
    if reason:
        data["late_reason"] = reason
    return client.post("/tenders/bids", data=data, content_type="multipart/form-data")


def close_round(app) -> None:
    """The closing time passes."""
    with app.app_context():
        round_ = db.session.execute(db.select(TenderRound).order_by(TenderRound.id.desc())).scalars().first()
        round_.closing_at = utcnow() - timedelta(minutes=1)
        db.session.commit()


def bid_ids(app) -> dict[str, int]:
    with app.app_context():
        return {b.bidder: b.id for b in db.session.execute(db.select(TenderBid)).scalars()}


def score(client, bid_id: int, lot_id: str, scores, evaluator: str | None = None):
    """An evaluator's scores (evaluator named) or the moderated ones; `scores` one number for every criterion or a dict."""
    given = scores if isinstance(scores, dict) else {c: scores for c in CRITERIA}
    kind = "evaluator" if evaluator else "moderated"
    data = {f"score_{c.lower()}": str(s) for c, s in given.items()}
    if evaluator:
        data["evaluator"] = evaluator
    return form_post(client, f"/tenders/bids/{bid_id}/{lot_id}/{kind}", data)
