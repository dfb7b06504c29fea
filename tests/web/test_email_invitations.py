"""Invitations over a real SMTP server: the lead invites, the officer sets a password from the link and signs in."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner

from cpsn_builder.cli import main
from cpsn_builder.web.extensions import db
from mail_helpers import REPLY_TO, SENDER, html, link_in, outbox_rows, plain, send_outbox, subject
from web_helpers import csrf_of, form_post, sign_in

NEW = "sam.jones@huntingdonshire.example"


def _invite(client, name="Sam Jones", email=NEW, partner="huntingdonshire"):
    return form_post(client, "/lead/users", {"name": name, "email": email, "role": "partner", "partner_id": partner})


def test_invitation_set_password_then_sign_in(mail_app, smtp):
    lead = mail_app.test_client()
    sign_in(lead, "lead@cpsn.example")
    assert "Password" not in lead.get("/lead/users").get_data(as_text=True).split("Invite a user")[1]  # no password is typed for anyone
    done = _invite(lead)
    assert done.status_code == 302
    users = lead.get("/lead/users").get_data(as_text=True)
    assert "Sam Jones has been sent an invitation" in users and "Invited: no password yet" in users
    assert smtp.messages == []  # queued, not sent inside the request
    assert [r.state for r in outbox_rows(mail_app, to_address=NEW)] == ["queued"]
    from cpsn_builder.web.accounts import NO_PASSWORD_YET

    assert sign_in(mail_app.test_client(), NEW, NO_PASSWORD_YET).status_code == 401  # not even the marker works as a password

    assert send_outbox(mail_app).sent == 1
    [message] = smtp.recorder.to(NEW)
    assert subject(message) == "Set your password for CPSN Builder"
    assert SENDER in message["From"] and "CPSN Builder" in message["From"] and message["Reply-To"] == REPLY_TO
    text = plain(message)
    assert "Dear Sam Jones" in text and "Huntingdonshire District Council" in text and "72 hours" in text
    assert "<img" not in html(message) and "Set your password</a>" in html(message)
    path = link_in(message)
    assert smtp.recorder.envelopes == [(SENDER, [NEW])]

    officer = mail_app.test_client()
    page = officer.get(path)
    assert page.status_code == 200 and "Set your password" in page.get_data(as_text=True) and NEW in page.get_data(as_text=True)
    mismatch = officer.post(
        path, data={"csrf_token": csrf_of(page), "password": "correct horse battery", "confirm": "correct horse batery"}
    )
    assert "The passwords do not match" in mismatch.get_data(as_text=True)
    short = officer.post(path, data={"csrf_token": csrf_of(page), "password": "short", "confirm": "short"})
    assert "Password must be between 10 and 200 characters" in short.get_data(as_text=True)
    done = officer.post(path, data={"csrf_token": csrf_of(page), "password": "correct horse battery", "confirm": "correct horse battery"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/sign-in")
    assert "Your password is set" in officer.get("/sign-in").get_data(as_text=True)
    signed_in = sign_in(officer, NEW, "correct horse battery")
    assert signed_in.status_code == 302 and signed_in.headers["Location"].endswith("/partners/huntingdonshire/")
    assert "Active" in lead.get("/lead/users").get_data(as_text=True).split(NEW)[1].split("</tr>")[0]

    again = mail_app.test_client().get(path)
    assert again.status_code == 410 and "This link has already been used" in again.get_data(as_text=True)
    assert "ask for a link to reset it" in again.get_data(as_text=True)


def test_the_database_never_holds_the_link(mail_app, smtp):
    lead = mail_app.test_client()
    sign_in(lead, "lead@cpsn.example")
    _invite(lead)
    send_outbox(mail_app)
    secret = link_in(smtp.messages[0]).rsplit("/", 1)[1]
    from cpsn_builder.web.snapshot import dumps, export_snapshot

    with mail_app.app_context():
        everything = dumps(export_snapshot())
    assert secret not in everything and len(secret) >= 40


def test_an_expired_invitation_says_so_and_a_new_one_replaces_the_old(mail_app, smtp):
    lead = mail_app.test_client()
    sign_in(lead, "lead@cpsn.example")
    _invite(lead)
    send_outbox(mail_app)
    first = link_in(smtp.messages[0])
    from cpsn_builder.mail.models import AccountToken
    from cpsn_builder.web.models import User

    with mail_app.app_context():  # 72 hours pass
        token = db.session.execute(db.select(AccountToken)).scalar_one()
        token.expires_at = token.created_at + timedelta(hours=72) - timedelta(hours=73)
        db.session.commit()
        user_id = db.session.execute(db.select(User).filter_by(email=NEW)).scalar_one().id
    expired = mail_app.test_client().get(first)
    assert expired.status_code == 410
    body = expired.get_data(as_text=True)
    assert "This link has expired" in body and "Invitation links work for 72 hours" in body and "send you a new invitation" in body

    page = lead.get("/lead/users")
    assert f"/lead/users/{user_id}/invite" in page.get_data(as_text=True)
    assert lead.post(f"/lead/users/{user_id}/invite", data={"csrf_token": csrf_of(page)}).status_code == 302
    send_outbox(mail_app)
    second = link_in(smtp.recorder.to(NEW)[-1])
    assert second != first
    assert mail_app.test_client().get(second).status_code == 200
    assert mail_app.test_client().get(first).status_code == 410


def test_inviting_from_the_command_line(mail_app, smtp, monkeypatch):
    for key in ("SMTP_URL", "MAIL_FROM", "MAIL_REPLY_TO", "CPSN_BASE_URL"):
        monkeypatch.setenv(key, mail_app.config[key])
    monkeypatch.setenv("DATABASE_URL", mail_app.config["SQLALCHEMY_DATABASE_URI"])
    runner = CliRunner()
    result = runner.invoke(main, ["users", "invite", NEW, "--partner", "huntingdonshire", "--name", "Sam Jones"])
    assert result.exit_code == 0, result.output
    assert f"Invitation queued for {NEW}" in result.output
    refused = runner.invoke(main, ["users", "invite", NEW, "--partner", "huntingdonshire"])
    assert refused.exit_code == 1 and "has already been invited" in refused.output
    exists = runner.invoke(main, ["users", "invite", "officer@fenland.example", "--partner", "fenland"])
    assert exists.exit_code == 1 and "already has an account: they can reset their password" in exists.output
    no_partner = runner.invoke(main, ["users", "invite", "x@fenland.example"])
    assert no_partner.exit_code == 2 and "a partner officer needs --partner" in no_partner.output
    sent = runner.invoke(main, ["notify", "send"])
    assert sent.exit_code == 0, sent.output
    assert "1 sent" in sent.output
    [message] = smtp.messages
    assert message["To"] == NEW and "Dear Sam Jones" in plain(message)
    again = runner.invoke(main, ["notify", "send"])
    assert "0 sent" in again.output and len(smtp.messages) == 1


def test_header_injection_in_names_and_addresses_is_refused(mail_app, smtp, monkeypatch):
    lead = mail_app.test_client()
    sign_in(lead, "lead@cpsn.example")
    by_name = _invite(lead, name="Eve\r\nBcc: spy@elsewhere.example")
    assert by_name.status_code == 200 and "Name must be on one line" in by_name.get_data(as_text=True)
    by_email = _invite(lead, email="eve@hunts.example\r\nBcc: spy@elsewhere.example")
    assert by_email.status_code == 200 and "An email address cannot contain line breaks" in by_email.get_data(as_text=True)
    not_an_address = _invite(lead, email="eve at hunts")
    assert "Enter an email address like name@council.gov.uk" in not_an_address.get_data(as_text=True)
    monkeypatch.setenv("DATABASE_URL", mail_app.config["SQLALCHEMY_DATABASE_URI"])
    cli = CliRunner().invoke(
        main, ["users", "invite", "eve@hunts.example", "--partner", "huntingdonshire", "--name", "Eve\nBcc: spy@elsewhere.example"]
    )
    assert cli.exit_code == 1 and "on one line" in cli.output
    assert outbox_rows(mail_app) == []

    # Text that reaches a subject some other way is cleaned: it cannot start a header of its own.
    from cpsn_builder.mail.outbox import queue

    with mail_app.app_context():
        queue(
            "officer@fenland.example",
            "reopened",
            "Reopened\r\nBcc: spy@elsewhere.example",
            {
                "name": "Fen\r\nX-Evil: 1",
                "partner": "Fenland",
                "deadline": None,
                "contact": "the lead",
                "link": {"endpoint": "partner.tasks", "args": {"partner_id": "fenland"}},
            },
        )
        db.session.commit()
    send_outbox(mail_app)
    [message] = smtp.messages
    assert message["Bcc"] is None and message["X-Evil"] is None
    assert subject(message) == "Reopened Bcc: spy@elsewhere.example"
    assert smtp.recorder.envelopes == [(SENDER, ["officer@fenland.example"])]


def test_done_when_an_email_address_becomes_a_submitted_questionnaire(mail_app, smtp):
    """The issue's "done when": from an address to submitted answers, with nobody at the server."""
    from test_journey import complete_huntingdonshire

    lead = mail_app.test_client()
    sign_in(lead, "lead@cpsn.example")
    _invite(lead)
    send_outbox(mail_app)
    officer = mail_app.test_client()
    path = link_in(smtp.recorder.to(NEW)[0])
    page = officer.get(path)
    officer.post(path, data={"csrf_token": csrf_of(page), "password": "correct horse battery", "confirm": "correct horse battery"})
    assert sign_in(officer, NEW, "correct horse battery").status_code == 302
    complete_huntingdonshire(officer)
    assert form_post(officer, "/partners/huntingdonshire/check", {}).status_code == 302
    assert "Submitted" in officer.get("/partners/huntingdonshire/").get_data(as_text=True)
    send_outbox(mail_app)
    receipts = [m for m in smtp.messages if subject(m).startswith("Answers received")]
    assert sorted(m["To"] for m in receipts) == sorted([NEW, "officer@huntingdonshire.example"])  # every officer of the partner
    assert "Dear Sam Jones" in plain(next(m for m in receipts if m["To"] == NEW))
    with mail_app.app_context():
        from cpsn_builder.web.models import AuditEvent

        trail = [e.new_value for e in db.session.execute(db.select(AuditEvent).filter_by(partner_id="huntingdonshire")).scalars()]
    assert f"{NEW} set a password (invitation link)" in trail
