"""Tenders in the web app: a round opened on an issued version, bids sealed until closing, late bids,
refused workbooks, marks, the ranking, publishing the award, and what cabinet and partners see."""

from __future__ import annotations

import html
import io
import json
import re
from functools import lru_cache

import docx
import openpyxl
import pytest

from bid_files import set_cells
from cpsn_builder.tenders.award import default_award, recommend
from cpsn_builder.tenders.evaluation import evaluate
from cpsn_builder.tenders.issued import issued_schedule
from cpsn_builder.tenders.models import Award, CriterionMarks, FlagResolution, Marks
from cpsn_builder.tenders.stored_bids import dump_bid, load_bid
from cpsn_builder.tenders.workbook import read_bid
from cpsn_builder.web.extensions import db
from cpsn_builder.web.kept import forget_all
from cpsn_builder.web.models import AuditEvent, TenderAward, TenderBid, TenderMark, TenderRound
from cpsn_builder.web.sor_versions import frozen, version
from tender_helpers import CRITERIA, bid_ids, close_round, issue_version, open_round, schedule, score, upload, workbook
from web_helpers import csrf_of, form_post, page_text, sign_in

ACME, BEACON = "Acme Networks Ltd", "Beacon Telecom plc"


def money(value) -> str:
    return f"-£{-value:,.2f}" if value < 0 else f"£{value:,.2f}"


@pytest.fixture
def lead(client):
    assert sign_in(client, "lead@cpsn.example").status_code == 302
    return client


@pytest.fixture
def round_open(lead, app):
    """Version 1.0 issued and a round open on it, closing in 2031."""
    issue_version(lead)
    assert open_round(lead).status_code == 302
    return schedule(lead)


def error_summary(response) -> str:
    """The GOV.UK error summary's words, as a screen reader announces them first."""
    found = re.search(r'<div class="govuk-error-summary".*?</ul>', response.get_data(as_text=True), re.S)
    assert found, "no error summary"
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0))))


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells])


def count(app, model) -> int:
    with app.app_context():
        return db.session.execute(db.select(db.func.count()).select_from(model)).scalar()


def audit_fields(app) -> list[tuple[str, str | None]]:
    with app.app_context():
        return [
            (e.field, e.new_value)
            for e in db.session.execute(db.select(AuditEvent).filter_by(partner_id="(tenders)").order_by(AuditEvent.id)).scalars()
        ]


def test_no_round_without_an_issued_version_and_the_page_says_how(lead, app):
    text = page_text(lead.get("/tenders/"))
    assert "No version of the statement of requirements has been issued" in text and "Requirements, Versions" in text
    response = open_round(lead)
    assert response.status_code == 200 and count(app, TenderRound) == 0


def test_a_closing_time_already_past_is_refused(lead, app):
    issue_version(lead)
    response = open_round(lead, closing="2020-01-31 17:00")
    assert "The closing time must be in the future" in page_text(response)
    assert count(app, TenderRound) == 0


def test_sealed_view_shows_files_and_checks_but_no_bidder_or_price(lead, app, round_open):
    response = upload(
        lead,
        {
            "acme.xlsx": workbook(round_open, ACME, {"cctv": "0.95"}),
            "beacon.xlsx": workbook(round_open, BEACON, {"cctv": "0.9", "wan": "1"}),
        },
    )
    assert response.status_code == 302
    page = lead.get("/tenders/")
    text = page_text(page)
    assert "2 bids received" in text or "Bids received (2)" in text
    assert "acme.xlsx" in text and "beacon.xlsx" in text
    assert text.count("A valid pricing schedule of version 1.0") == 2
    with app.app_context():
        hashes = [b.sha256 for b in db.session.execute(db.select(TenderBid)).scalars()]
    assert all(h in text for h in hashes)
    assert ACME not in text and BEACON not in text and "£" not in text  # no bidder, no price, no total
    # Nowhere else gives them away before closing: the evaluation, the award, the audit trail.
    for url in ("/tenders/evaluation", "/tenders/award"):
        sealed = lead.get(url)
        assert sealed.status_code == 409 and "sealed until 31 January 2031 at 17:00" in page_text(sealed)
        assert ACME not in page_text(sealed)
    trail = page_text(lead.get("/lead/audit"))
    assert "The tender round" in trail and "acme.xlsx" in trail and ACME not in trail and BEACON not in trail


def test_scoring_before_closing_is_refused_and_saves_nothing(lead, app, round_open):
    upload(lead, {"acme.xlsx": workbook(round_open, ACME, {"cctv": "1"})})
    bid = bid_ids(app)[ACME]
    assert lead.get(f"/tenders/bids/{bid}/cctv").status_code == 409
    token = csrf_of(lead.get("/tenders/"))
    response = lead.post(f"/tenders/bids/{bid}/cctv/moderated", data={"csrf_token": token, **{f"score_{c.lower()}": "3" for c in CRITERIA}})
    assert response.status_code == 409 and "cannot be opened, scored or summed" in page_text(response)
    assert count(app, TenderMark) == 0


def test_the_closing_time_moves_only_before_it_passes_and_each_move_is_audited(lead, app, round_open):
    response = form_post(
        lead, "/tenders/closing", {"closing-day": "14", "closing-month": "2", "closing-year": "2031", "closing-time": "12:00"}
    )
    assert response.status_code == 302
    assert "14 February 2031 at 12:00" in page_text(lead.get("/tenders/"))
    assert ("closing time", "14 February 2031 at 12:00") in audit_fields(app)
    close_round(app)
    assert lead.get("/tenders/closing").status_code == 409
    token = csrf_of(lead.get("/tenders/"))
    refused = lead.post(
        "/tenders/closing",
        data={"csrf_token": token, "closing-day": "1", "closing-month": "3", "closing-year": "2031", "closing-time": "12:00"},
    )
    assert refused.status_code == 409 and "cannot be moved" in page_text(refused)


def test_a_bid_after_closing_is_refused_unless_recorded_late_with_a_reason(lead, app, round_open):
    upload(lead, {"acme.xlsx": workbook(round_open, ACME, {"cctv": "1"})})
    close_round(app)
    late = workbook(round_open, BEACON, {"cctv": "0.9"})
    refused = upload(lead, {"beacon.xlsx": late})
    assert "Bids closed on" in page_text(refused) and "Record as a late bid" in page_text(refused)
    assert count(app, TenderBid) == 1
    no_reason = upload(lead, {"beacon.xlsx": late}, late=True)
    assert "Enter why the late bid is accepted" in page_text(no_reason) and count(app, TenderBid) == 1
    accepted = upload(lead, {"beacon.xlsx": late}, late=True, reason="Portal outage at 16:55, confirmed by the portal's supplier")
    assert accepted.status_code == 302 and count(app, TenderBid) == 2
    evaluation = page_text(lead.get("/tenders/evaluation"))
    assert re.search(r"Beacon Telecom plc .* late Portal outage at 16:55", evaluation)
    assert ("bid received late", next(v for f, v in audit_fields(app) if f == "bid received late")) in audit_fields(app)


def test_a_bad_workbook_shows_every_problem_and_nothing_is_saved(lead, app, round_open):
    good = workbook(round_open, ACME, {"cctv": "1"})
    bad = set_cells(workbook(round_open, BEACON, {"cctv": "1"}), {("Lot 6 CCTV", "E6"): "about 500", ("Lot 6 CCTV", "F6"): -3})
    response = upload(lead, {"acme.xlsx": good, "beacon.xlsx": bad})
    assert response.status_code == 200
    summary = error_summary(response)
    assert "1 of the 2 files was refused, so nothing was saved: acme.xlsx passed the checks" in summary
    assert "beacon.xlsx: Lot 6 CCTV!E6: \u201cabout 500\u201d is text, not a number" in summary
    assert "beacon.xlsx: Lot 6 CCTV!F6: £-3 is negative" in summary
    assert count(app, TenderBid) == 0
    not_a_workbook = upload(lead, {"notes.xlsx": b"these are my notes"})
    assert "notes.xlsx:" in page_text(not_a_workbook) and count(app, TenderBid) == 0


def test_the_same_file_or_bidder_twice_is_refused_without_naming_the_bidder(lead, app, round_open):
    first = workbook(round_open, ACME, {"cctv": "1"})
    upload(lead, {"acme.xlsx": first})
    again = page_text(upload(lead, {"acme-copy.xlsx": first}))
    assert "this file was already received (acme.xlsx" in again
    second = page_text(upload(lead, {"acme-2.xlsx": workbook(round_open, ACME, {"cctv": "0.9"})}))
    assert "already returned a bid in this round" in second and ACME not in second
    assert count(app, TenderBid) == 1


def test_a_file_over_the_size_limit_is_refused_cleanly(lead, app, round_open):
    response = upload(lead, {"huge.xlsx": b"0" * (app.config["MAX_CONTENT_LENGTH"] + 1)})
    assert response.status_code == 413 and "Nothing was saved" in page_text(response) and "pricing schedule" in page_text(response)
    assert count(app, TenderBid) == 0


def _two_bids_scored(lead, app, issued, beacon_factor="0.9"):
    upload(lead, {"acme.xlsx": workbook(issued, ACME, {"cctv": "0.95"}), "beacon.xlsx": workbook(issued, BEACON, {"cctv": beacon_factor})})
    close_round(app)
    ids = bid_ids(app)
    for bidder in (ACME, BEACON):
        assert score(lead, ids[bidder], "cctv", 3, evaluator="Sam Patel").status_code == 302
        assert score(lead, ids[bidder], "cctv", 2, evaluator="Ann Lee").status_code == 302
        assert score(lead, ids[bidder], "cctv", 3).status_code == 302
    return ids


def _engine(app, choices, resolutions=()):
    """The evaluation and recommendation as the engine gives them for what the test typed (not read back from the store)."""
    with app.test_request_context():
        issue = frozen(version("1.0"))
        inputs = issue.inputs
        issued = _issued_schedule(issue.version.document_sha256, issue.version.catalogue_digest, inputs)
        bids = [_read_bid(b.data, b.file_name, issued) for b in db.session.execute(db.select(TenderBid).order_by(TenderBid.id)).scalars()]
        marks = Marks(tuple(CriterionMarks(b.bidder, "cctv", c, (("Sam Patel", 3), ("Ann Lee", 2)), 3) for b in bids for c in CRITERIA))
        evaluation = evaluate(inputs.catalogue, inputs.responses, bids, marks)
        if not choices:
            return evaluation, None
        untendered = [choice for choice in default_award(evaluation).choices if not evaluation.lot(choice[0]).tenders]
        award = Award(tuple(choices) + tuple(untendered), tuple(resolutions))
        return evaluation, recommend(evaluation, award, inputs.catalogue, inputs.responses)


# The engine's own reading, remembered by what it reads: test after test (on both databases)
# issues the same version and uploads the same files, and openpyxl takes a third of a second a file.
_SCHEDULES: dict[tuple[str, str], bytes] = {}


def _issued_schedule(document_sha256: str, catalogue_digest: str, inputs) -> bytes:
    key = (document_sha256, catalogue_digest)
    if key not in _SCHEDULES:
        _SCHEDULES[key] = issued_schedule(inputs.catalogue, inputs.responses, inputs.version, inputs.status, inputs.issued)
    return _SCHEDULES[key]


@lru_cache(maxsize=32)
def _read_bid(data: bytes, file_name: str, issued: bytes):
    return read_bid(data, file_name, issued)


def test_marks_are_saved_per_evaluator_and_moderated_and_audited(lead, app, round_open):
    ids = _two_bids_scored(lead, app, round_open)
    page = page_text(lead.get(f"/tenders/bids/{ids[ACME]}/cctv"))
    assert "Sam Patel" in page and "Ann Lee" in page and "3 Good" in page and "2 Acceptable" in page
    missing = score(lead, ids[ACME], "cctv", {"Q1": 4})
    assert missing.status_code == 200 and "Choose a score for Q2" in page_text(missing)
    changed = score(lead, ids[ACME], "cctv", {**{c: 3 for c in CRITERIA}, "Q1": 4})
    assert changed.status_code == 302
    fields = audit_fields(app)
    assert (f"{ACME}, cctv, Q1: moderated score", "4") in fields and (f"{ACME}, cctv, Q1: score by Sam Patel", "3") in fields
    with app.app_context():
        assert (
            db.session.execute(db.select(TenderMark).filter_by(bid_id=ids[ACME], evaluator="", criterion_id="Q1")).scalar_one().score == 4
        )


def test_the_ranking_shows_the_engines_evaluation(lead, app, round_open):
    _two_bids_scored(lead, app, round_open)
    evaluation, _ = _engine(app, [])
    text = page_text(lead.get("/tenders/evaluation"))
    lot = evaluation.lot("cctv")
    for tender in lot.tenders:
        # the bidder's name links to its scores (with hidden words for a screen reader: "scores for CCTV transmission")
        assert f"{tender.bidder} : scores for {lot.title} {money(tender.evaluated_price)}" in text
        assert f"{tender.price_score} {tender.quality_score} {tender.total} {tender.rank}" in text
    assert f"Leading: {lot.leader}" in text
    assert "Price counts 40% and quality 60%" in text


def test_each_bid_keeps_its_reading_and_one_kept_without_is_read_from_its_bytes(lead, app, round_open):
    """Pages evaluate the reading made on upload (a national bid takes seconds to read); a bid with
    none, or one from an older reader, is read again from the workbook and ranks the same."""
    _two_bids_scored(lead, app, round_open)
    with app.app_context():
        rows = db.session.execute(db.select(TenderBid).order_by(TenderBid.id)).scalars().all()
        read = [read_bid(row.data, row.file_name, round_open) for row in rows]
        assert [load_bid(row.reading) for row in rows] == read
        acme, beacon = read
    lead.get("/tenders/evaluation")  # shows the last save's banner once
    ranking = page_text(lead.get("/tenders/evaluation"))
    assert "Leading: Beacon Telecom plc" in ranking

    def keep(reading_of_acme: str | None, reading_of_beacon: str | None) -> str:
        with app.app_context():
            for bidder, reading in ((ACME, reading_of_acme), (BEACON, reading_of_beacon)):
                db.session.execute(db.update(TenderBid).filter_by(bidder=bidder).values(reading=reading))
            db.session.commit()
        return page_text(lead.get("/tenders/evaluation"))

    # Beacon's reading altered to dearer prices than Acme's: the page ranks what is kept.
    dearer = dump_bid(type(beacon)(**{**{f: getattr(beacon, f) for f in beacon.__slots__}, "lots": acme.lots}))
    doubled = dearer.replace('"tier_prices":["', '"tier_prices":["9')
    assert "Leading: Acme Networks Ltd" in keep(dump_bid(acme), doubled)
    # No reading (a bid received before readings were kept) and an older reader's: both read from the bytes.
    assert keep(None, doubled.replace('"reader":"1"', '"reader":"0"')) == ranking


def test_publishing_is_refused_with_each_problem_on_its_field(lead, app, round_open):
    _two_bids_scored(lead, app, round_open, beacon_factor="0.95")  # the same prices and scores: a tie
    evaluation, _ = _engine(app, [])
    assert evaluation.lot("cctv").tied
    form = lead.get("/tenders/award")
    assert "checked" not in re.search(r'<div class="govuk-radios"[^>]*>.*?</div>\s*</div>', form.get_data(as_text=True), re.S).group(0)
    response = form_post(lead, "/tenders/award", {})
    text = page_text(response)
    assert response.status_code == 200 and "The recommendation was not published" in text
    assert "Choose the bidder to recommend for" in text and "Enter why this bidder is recommended" in text
    assert 'href="#bidder_cctv"' in response.get_data(as_text=True)
    assert count(app, TenderAward) == 0


def test_published_award_cabinet_and_partner_views_show_the_recommendation(lead, app, client, round_open):
    _two_bids_scored(lead, app, round_open)
    evaluation, _ = _engine(app, [])
    winner = evaluation.lot("cctv").leader
    fields = {"bidder_cctv": winner, "reason_cctv": "Highest total score and lowest compliant price."}
    fields.update({f"resolution_{i}": "Clarified with the bidder: prices confirmed in writing." for i, _ in enumerate(evaluation.flags)})
    published = form_post(lead, "/tenders/award", fields)
    assert published.status_code == 302, page_text(published)[:3000]
    resolutions = [
        FlagResolution(f.kind, f.bidder, f.lot_id, f.line_id, "Clarified with the bidder: prices confirmed in writing.")
        for f in evaluation.flags
    ]
    _, expected = _engine(app, [("cctv", winner, fields["reason_cctv"])], resolutions)
    assert any(
        field == "award recommendation published" and f"cctv: {winner} (Highest total score and lowest compliant price.)" in value
        for field, value in audit_fields(app)
    )
    assert "Withdraw the recommendation" in page_text(lead.get("/tenders/award"))  # read only now

    client.get("/sign-out")
    assert sign_in(client, "cabinet@cpsn.example").status_code == 302
    assert client.get("/tenders/").status_code == 404 and client.get("/tenders/evaluation").status_code == 404
    page = client.get("/tenders/recommendation")
    text = page_text(page)
    assert 'href="/tenders/recommendation"' in page.get_data(as_text=True)  # Tenders in the navigation, now it is published
    assert f"Tendered contract value {money(expected.tendered_contract_value)}" in text
    assert f"Estimate at catalogue prices {money(evaluation.estimate.totals.contract_value)}" in text
    for partner in expected.tendered.partners:
        assert (
            f"{partner.name} {money(partner.annual_cost)} {money(partner.term_cost)} {money(partner.annual_saving)} {money(partner.term_saving)}"
            in text
        )
    report = client.get("/tenders/recommendation/award-report.docx")
    assert report.status_code == 200 and winner in docx_text(report.data)
    workbook_file = client.get("/tenders/recommendation/evaluation.xlsx")
    assert workbook_file.status_code == 200 and openpyxl.load_workbook(io.BytesIO(workbook_file.data)).sheetnames

    client.get("/sign-out")
    assert sign_in(client, "officer@fenland.example").status_code == 302
    mine = page_text(client.get("/tenders/partners/fenland"))
    fenland = next(p for p in expected.tendered.partners if p.partner_id == "fenland")
    before = next(p for p in evaluation.estimate.partners if p.partner_id == "fenland")
    assert f"Whole-term cost, tendered {money(fenland.term_cost)} (estimate {money(before.term_cost)})" in mine
    for year, old in zip(fenland.years, before.years):
        assert f"{year.year} {money(old.cost)} {money(year.cost)} {money(old.saving)} {money(year.saving)}" in mine
    assert client.get("/tenders/partners/cambs-county").status_code == 404
    assert client.get("/tenders/recommendation").status_code == 404

    client.get("/sign-out")
    sign_in(client, "lead@cpsn.example")
    assert form_post(client, "/tenders/award", {}).status_code == 200 and count(app, TenderAward) == 1  # published: read only
    token = csrf_of(client.get("/tenders/award"))
    assert client.post("/tenders/award/withdraw", data={"csrf_token": token}).status_code == 302
    assert ("award recommendation withdrawn", None) in audit_fields(app)
    client.get("/sign-out")
    sign_in(client, "cabinet@cpsn.example")
    assert client.get("/tenders/recommendation").status_code == 404


@pytest.mark.parametrize("who", ["cabinet@cpsn.example", "officer@fenland.example"])
def test_only_the_lead_runs_the_round(client, app, who):
    sign_in(client, who)
    for url in (
        "/tenders/",
        "/tenders/closing",
        "/tenders/evaluation",
        "/tenders/award",
        "/tenders/recommendation",
        "/tenders/partners/fenland",
    ):
        assert client.get(url).status_code == 404, url
    token = csrf_of(client.get("/sign-out"))
    assert client.post("/tenders/open", data={"csrf_token": token, "version": "1.0"}).status_code == 404
    assert client.post("/tenders/bids", data={"csrf_token": token}).status_code == 404
    assert count(app, TenderRound) == 0


def test_nothing_moves_under_a_published_award_until_it_is_withdrawn(lead, app, round_open):
    ids = _two_bids_scored(lead, app, round_open)
    evaluation, _ = _engine(app, [])
    assert (
        form_post(lead, "/tenders/award", {"bidder_cctv": evaluation.lot("cctv").leader, "reason_cctv": "Highest total score."}).status_code
        == 302
    )
    changed = score(lead, ids[ACME], "cctv", 4)
    assert changed.status_code == 409 and "Withdraw it first" in page_text(changed)
    late = upload(lead, {"late.xlsx": workbook(round_open, "Late Comers Ltd", {"cctv": "0.8"})}, late=True, reason="Posted in time")
    assert "no bid can be added" in page_text(late)
    assert count(app, TenderBid) == 2
    with app.app_context():
        assert {m.score for m in db.session.execute(db.select(TenderMark).filter_by(evaluator="")).scalars()} == {3}
    token = csrf_of(lead.get("/tenders/award"))
    lead.post("/tenders/award/withdraw", data={"csrf_token": token})
    assert score(lead, ids[ACME], "cctv", 4).status_code == 302


def test_a_flag_must_be_resolved_on_its_field_and_cabinet_reads_the_resolution(lead, app, client, round_open):
    _two_bids_scored(lead, app, round_open, beacon_factor="0.5")  # half the estimate: abnormally low
    evaluation, _ = _engine(app, [])
    low = next(i for i, f in enumerate(evaluation.flags) if f.kind == "abnormally_low")
    fields = {"bidder_cctv": BEACON, "reason_cctv": "Highest total score."}
    refused = form_post(lead, "/tenders/award", fields)
    assert f'href="#resolution_{low}"' in refused.get_data(as_text=True)
    assert f"Enter how this flag was resolved: {evaluation.flags[low].message}" in error_summary(refused)
    assert count(app, TenderAward) == 0
    fields.update({f"resolution_{i}": f"Clarified {i}: the bidder confirmed its prices in writing." for i in range(len(evaluation.flags))})
    assert form_post(lead, "/tenders/award", fields).status_code == 302
    client.get("/sign-out")
    sign_in(client, "cabinet@cpsn.example")
    text = page_text(client.get("/tenders/recommendation"))
    assert f"{evaluation.flags[low].message} Clarified {low}: the bidder confirmed its prices in writing." in text


def test_pages_price_the_frozen_answers_this_database_holds_under_the_same_label(lead, app, round_open):
    """An issued version's inputs are remembered per process, and two databases served by one
    process may both issue a version 1.0: one whose frozen answers differ gets its own figures."""
    _two_bids_scored(lead, app, round_open)
    lead.get("/tenders/evaluation")  # shows the last save's banner once
    before = page_text(lead.get("/tenders/evaluation"))
    priced, _ = _engine(app, [])
    with app.app_context():
        row = version("1.0")
        snapshot = json.loads(row.responses)
        cctv = [record for record in snapshot["responses"] if "cctv" in record["lots"]]
        for record in cctv[:-1]:  # CCTV for one partner only
            snapshot["responses"].remove(record)
        row.responses = json.dumps(snapshot, sort_keys=True, ensure_ascii=False)
        db.session.commit()
    evaluation, _ = _engine(app, [])
    after = page_text(lead.get("/tenders/evaluation"))
    assert [t.evaluated_price for t in evaluation.lot("cctv").tenders] != [t.evaluated_price for t in priced.lot("cctv").tenders]
    assert after != before
    for tender in evaluation.lot("cctv").tenders:
        assert f"{tender.bidder} : scores for {evaluation.lot('cctv').title} {money(tender.evaluated_price)}" in after


def test_bidders_schedule_downloads_with_its_version_and_a_draft_from_reports_is_refused(lead, app, client):
    """The lead sends bidders the schedule issued with the version, from the versions page or the
    round; the Reports page's schedule is a draft of today's answers, and a bid on it is refused."""
    issue_version(lead)
    versions_page = lead.get("/lead/requirements/versions/").get_data(as_text=True)
    assert "Pricing schedule for bidders, version 1.0 (Excel spreadsheet)" in html.unescape(versions_page)
    assert open_round(lead).status_code == 302
    round_page = lead.get("/tenders/").get_data(as_text=True)
    assert 'href="/lead/requirements/versions/1.0/pricing-schedule.xlsx"' in round_page
    download = lead.get("/lead/requirements/versions/1.0/pricing-schedule.xlsx")
    assert download.headers["Content-Disposition"] == "attachment; filename=cpsn-pricing-schedule-v1.0.xlsx"
    about = openpyxl.load_workbook(io.BytesIO(download.data))["Instructions"]
    assert "1.0" in [cell.value for row in about.iter_rows() for cell in row]
    # Stored on issuing; a version issued before schedules were stored gets the same file built again.
    with app.app_context():
        row = version("1.0")
        assert row.schedule == download.data
        row.schedule = None
        db.session.commit()
    forget_all()  # a fresh worker
    assert lead.get("/lead/requirements/versions/1.0/pricing-schedule.xlsx").data == download.data

    draft = lead.get("/reports/download/pricing-schedule").data
    refused = upload(lead, {"draft.xlsx": workbook(draft, ACME, {"cctv": "0.95"})})
    assert refused.status_code == 200 and "a schedule of another issue: its document version is \u201c0.1\u201d" in error_summary(refused)
    accepted = upload(lead, {"acme.xlsx": workbook(download.data, ACME, {"cctv": "0.95"})})
    assert accepted.status_code == 302 and count(app, TenderBid) == 1

    assert lead.get("/lead/requirements/versions/9.9/pricing-schedule.xlsx").status_code == 404
    sign_in(client, "cabinet@cpsn.example")
    assert client.get("/lead/requirements/versions/1.0/pricing-schedule.xlsx").status_code == 404  # not confirmed to exist
