"""Receipts and notices: a submission receipt with the lots and quantities, a reopening, a deadline
set and moved, a vote opening on a project the partner takes part in."""

from __future__ import annotations

from datetime import timedelta

from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import utcnow
from mail_helpers import REPLY_TO, html, outbox_rows, plain, send_outbox, subject
from test_journey import OFFICER, complete_huntingdonshire
from web_helpers import csrf_of, deadline_fields, form_post, motion_times, sign_in


def test_submission_receipt_then_reopened_notice(mail_app, smtp):
    officer = mail_app.test_client()
    sign_in(officer, OFFICER)
    complete_huntingdonshire(officer)
    assert outbox_rows(mail_app) == []  # drafts send nothing
    assert form_post(officer, "/partners/huntingdonshire/check", {}).status_code == 302
    assert send_outbox(mail_app).sent == 1
    [receipt] = smtp.messages
    assert receipt["To"] == OFFICER and subject(receipt) == "Answers received: Huntingdonshire District Council, CPSN procurement"
    text = plain(receipt)
    for shown in (
        "CCTV transmission",
        "110 cameras",
        "Control room links: 1 link",
        "Traditional telephony and call tariffs",
        "140 lines",
        "Sites: 1",
        "£50,000.00",
        f"ask {REPLY_TO} to reopen them",
        "/partners/huntingdonshire/check",
    ):
        assert shown in text, (shown, text)
    with mail_app.app_context():
        from cpsn_builder.web.clock import london
        from cpsn_builder.web.models import PartnerResponse

        submitted = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="huntingdonshire")).scalar_one().submitted_at
    assert f"submitted at {london(submitted, '%H:%M on %-d %B %Y')}" in text
    assert "110 cameras" in html(receipt)

    lead = mail_app.test_client()
    sign_in(lead, "lead@cpsn.example")
    page = lead.get("/lead/")
    assert lead.post("/lead/partners/huntingdonshire/reopen", data={"csrf_token": csrf_of(page), "version": "2"}).status_code == 302
    send_outbox(mail_app)
    reopened = smtp.messages[-1]
    assert subject(reopened) == "Your CPSN answers are open for changes: Huntingdonshire District Council"
    assert "submit the answers again" in plain(reopened)


def test_deadline_set_and_moved_on_the_lead_page(mail_app, smtp):
    lead = mail_app.test_client()
    sign_in(lead, "lead@cpsn.example")
    assert form_post(lead, "/lead/deadline", deadline_fields("2031-01-31 17:00")).status_code == 302
    assert form_post(lead, "/lead/deadline", deadline_fields("2031-01-31 17:00")).status_code == 302  # unchanged: no email
    assert form_post(lead, "/lead/deadline", deadline_fields("2031-02-14 12:00")).status_code == 302
    send_outbox(mail_app)
    to_hunts = smtp.recorder.to(OFFICER)
    assert [subject(m) for m in to_hunts] == [
        "Deadline for your CPSN answers: 31 January 2031",
        "New deadline for your CPSN answers: 14 February 2031",
    ]
    moved = plain(to_hunts[1])
    assert "New deadline: 12:00 on Friday 14 February 2031" in moved and "It was: 17:00 on Friday 31 January 2031" in moved
    assert smtp.recorder.to("officer@fenland.example") == []  # Fenland has submitted


def test_a_vote_notice_goes_when_voting_opens_to_partners_taking_part(mail_app, smtp):
    lead = mail_app.test_client()
    sign_in(lead, "lead@cpsn.example")
    opens = utcnow() + timedelta(days=2)
    from cpsn_builder.web.clock import to_london

    local = to_london(opens)
    response = form_post(
        lead,
        "/lead/governance",
        {
            "code": "M-2031-01",
            "project_id": "cpsn",
            "text": "To approve the statement of requirements.",
            **motion_times(f"{local:%Y-%m-%d %H:%M}", f"{local + timedelta(days=7):%Y-%m-%d %H:%M}"),
        },
    )
    assert response.status_code == 302
    queued = [r for r in outbox_rows(mail_app) if r.template == "vote_opened"]
    assert queued and send_outbox(mail_app).sent == 0  # not before voting opens
    with mail_app.app_context():
        from cpsn_builder.governance.register import build_register
        from cpsn_builder.mail.recipients import officers
        from cpsn_builder.web.governance_store import records
        from cpsn_builder.web.store import catalogue, response_set

        voters = build_register(catalogue(), response_set(), records()).eligible_voters("cpsn", local)
        expected = sorted(o.email for p in voters for o in officers(p))
    assert send_outbox(mail_app, now=opens.replace(second=0, microsecond=0) + timedelta(minutes=1)).sent == len(expected)
    assert sorted(m["To"] for m in smtp.messages) == expected
    declined = [p for p in ("south-cambs",) if p not in voters]
    for partner in declined:
        assert smtp.recorder.to(f"officer@{partner}.example") == []
    message = smtp.messages[0]
    assert subject(message) == "Vote open: M-2031-01, " + subject(message).split(", ", 1)[1]
    assert "To approve the statement of requirements." in plain(message) and "Voting closes at" in plain(message)
