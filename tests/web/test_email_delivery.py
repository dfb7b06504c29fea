"""Delivery over real SMTP: refusals retried with backoff and never sent twice, permanent refusals
failed for the lead to resend, TLS (STARTTLS and implicit) with authentication, a server that is down,
and the development console when there is no SMTP_URL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cpsn_builder.mail.outbox import queue
from cpsn_builder.mail.settings import MailConfigError, parse_smtp_url
from cpsn_builder.mail.worker import backoff
from cpsn_builder.web.config import ConfigError, load_config
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import utcnow
from mail_helpers import SmtpServer, free_port, mail_config, outbox_rows, plain, send_outbox
from web_helpers import csrf_of, make_app, sign_in

OFFICERS = ["officer@fenland.example", "officer@cambs-county.example", "officer@east-cambs.example"]


def _queue_notices(app, addresses=OFFICERS):
    with app.app_context():
        for n, address in enumerate(addresses):
            queue(
                address,
                "reopened",
                f"Notice {n}",
                {
                    "name": f"Officer {n}",
                    "partner": "Fenland",
                    "deadline": None,
                    "contact": "the lead",
                    "link": {"endpoint": "partner.tasks", "args": {"partner_id": "fenland"}},
                },
            )
        db.session.commit()


def test_a_server_that_refuses_then_accepts_gets_each_message_once(mail_app, smtp):
    _queue_notices(mail_app)
    smtp.refuse_next(4)  # the first three tries, and the first retry
    start = utcnow()
    first = send_outbox(mail_app, now=start)
    assert (first.sent, first.retrying) == (0, 3)
    rows = outbox_rows(mail_app)
    assert {r.state for r in rows} == {"queued"} and all(r.attempts == 1 for r in rows)
    assert all("451 4.3.0 Mail server busy" in r.last_error for r in rows)
    assert all(r.next_attempt_at == start + backoff(1) for r in rows) and backoff(1) == timedelta(minutes=1)

    lead = mail_app.test_client()
    sign_in(lead, "lead@cpsn.example")
    page = lead.get("/lead/outbox").get_data(as_text=True)
    assert "Not sent yet: 451 4.3.0 Mail server busy, try again later" in page and "Next try" in page

    assert send_outbox(mail_app, now=start + timedelta(seconds=30)).sent == 0  # not due yet: nothing tried
    second = send_outbox(mail_app, now=start + timedelta(minutes=1))
    assert (second.sent, second.retrying) == (2, 1)
    retried = [r for r in outbox_rows(mail_app) if r.state == "queued"]
    assert (
        retried[0].attempts == 2
        and retried[0].next_attempt_at == start + timedelta(minutes=1) + backoff(2)
        and backoff(2) == timedelta(minutes=2)
    )
    assert send_outbox(mail_app, now=start + timedelta(minutes=3)).sent == 1
    assert send_outbox(mail_app, now=start + timedelta(hours=1)).sent == 0
    assert sorted(m["To"] for m in smtp.messages) == sorted(OFFICERS)  # each once
    assert len({m["Message-ID"] for m in smtp.messages}) == 3
    assert {r.state for r in outbox_rows(mail_app)} == {"sent"}
    assert "Sent " in lead.get("/lead/outbox?state=sent").get_data(as_text=True)


def test_a_permanent_refusal_fails_and_the_lead_resends(mail_app, smtp):
    _queue_notices(mail_app, OFFICERS[:1])
    smtp.refuse_next(1, "550 5.1.1 Mailbox unavailable")
    outcome = send_outbox(mail_app)
    assert (outcome.failed, outcome.retrying) == (1, 0)
    [row] = outbox_rows(mail_app)
    assert row.state == "failed" and row.last_error == "550 5.1.1 Mailbox unavailable"
    lead = mail_app.test_client()
    sign_in(lead, "lead@cpsn.example")
    page = lead.get("/lead/outbox")
    assert "Not sent: 550 5.1.1 Mailbox unavailable" in page.get_data(as_text=True)
    assert lead.post(f"/lead/outbox/{row.id}/resend", data={"csrf_token": csrf_of(page)}).status_code == 302
    assert "A new copy of" in lead.get("/lead/outbox").get_data(as_text=True)
    assert send_outbox(mail_app).sent == 1
    assert [m["To"] for m in smtp.messages] == OFFICERS[:1]
    assert [r.state for r in outbox_rows(mail_app)] == ["failed", "sent"]  # the failure stays on the record


def test_giving_up_after_ten_tries(mail_app, smtp):
    _queue_notices(mail_app, OFFICERS[:1])
    smtp.refuse_next(10)
    now = utcnow()
    for attempt in range(1, 11):
        outcome = send_outbox(mail_app, now=now)
        [row] = outbox_rows(mail_app)
        assert row.attempts == attempt
        now = row.next_attempt_at
    assert row.state == "failed" and outcome.failed == 1
    assert backoff(9) == timedelta(hours=4, minutes=16) and backoff(12) == timedelta(hours=6)  # doubling, at most 6 hours apart


def test_a_server_that_is_down_leaves_the_message_queued_with_the_reason(tmp_path):
    port = free_port()  # nothing listens here
    app, drop = make_app(
        "sqlite",
        tmp_path,
        SMTP_URL=f"smtp://127.0.0.1:{port}",
        MAIL_FROM="cpsn@cambridgeshire.example",
        CPSN_BASE_URL="http://cpsn.localhost",
    )
    _queue_notices(app, OFFICERS[:1])
    assert send_outbox(app).retrying == 1
    [row] = outbox_rows(app)
    assert row.state == "queued" and f"cannot reach the mail server at 127.0.0.1:{port}" in row.last_error
    drop()


@pytest.mark.parametrize("tls", ["starttls", "implicit"])
def test_tls_with_authentication(tmp_path, tls):
    with SmtpServer(tls=tls, credentials=("cpsn", "s3cret/pass"), cert_dir=tmp_path) as server:
        app, drop = make_app(
            "sqlite", tmp_path, **mail_config(server, SMTP_URL=server.url("cpsn", "s3cret%2Fpass"), SMTP_CA_FILE=server.ca_file)
        )
        _queue_notices(app, OFFICERS[:1])
        assert send_outbox(app).sent == 1
        assert server.recorder.logins == ["cpsn"] and [m["To"] for m in server.messages] == OFFICERS[:1]

        app.config["SMTP_URL"] = server.url("cpsn", "wrong")
        _queue_notices(app, OFFICERS[1:2])
        assert send_outbox(app).retrying == 1
        assert "refused the user name or password (535" in outbox_rows(app)[-1].last_error

        app.config.update(SMTP_URL=server.url("cpsn", "s3cret%2Fpass"), SMTP_CA_FILE=None)  # the system CAs do not trust this certificate
        assert send_outbox(app, now=utcnow() + timedelta(minutes=5)).retrying == 1
        assert "TLS with localhost" in outbox_rows(app)[-1].last_error and "certificate" in outbox_rows(app)[-1].last_error
        assert len(server.messages) == 1
        drop()


def test_without_smtp_url_development_prints_to_the_console(tmp_path, capsys):
    app, drop = make_app("sqlite", tmp_path, SMTP_URL=None, CPSN_BASE_URL="http://127.0.0.1:5000")
    _queue_notices(app, OFFICERS[:1])
    assert send_outbox(app).sent == 1
    out = capsys.readouterr().out
    assert "email (no SMTP_URL: printed, not sent)" in out and "To: officer@fenland.example" in out and "Subject: Notice 0" in out
    assert "http://127.0.0.1:5000/partners/fenland/" in out
    drop()


def test_outside_development_nothing_is_sent_without_smtp_url(tmp_path, monkeypatch):
    app, drop = make_app("sqlite", tmp_path, SMTP_URL=None, CPSN_BASE_URL="https://cpsn.example.gov.uk", ENV_NAME="production")
    _queue_notices(app, OFFICERS[:1])
    with pytest.raises(MailConfigError, match="SMTP_URL is not set"):
        send_outbox(app)
    assert outbox_rows(app)[0].state == "queued"  # kept for when it is set
    app.config.update(SMTP_URL="smtp://127.0.0.1:25", CPSN_BASE_URL=None)
    with pytest.raises(MailConfigError, match="CPSN_BASE_URL must be set"):
        send_outbox(app)
    drop()


@pytest.mark.parametrize(
    "variables, message",
    [
        ({"SMTP_URL": "http://mail.example:25"}, "SMTP_URL must start smtp+starttls://, smtps:// or smtp://"),
        ({"SMTP_URL": "smtp://user:pw@mail.example:25", "MAIL_FROM": "a@b.example"}, "a password must not travel without TLS"),
        ({"SMTP_URL": "smtp+starttls://mail.example:587"}, "MAIL_FROM must be set with SMTP_URL"),
        ({"MAIL_FROM": "not an address"}, "MAIL_FROM: Enter an email address"),
        ({"CPSN_REMINDER_DAYS": "7,0"}, "CPSN_REMINDER_DAYS must be whole days before the deadline from 1 to 60"),
        ({"CPSN_BASE_URL": "cpsn.example.gov.uk"}, "CPSN_BASE_URL must be the service's address"),
    ],
)
def test_bad_mail_settings_stop_the_app_with_the_variable_named(tmp_path, monkeypatch, variables, message):
    for key, value in variables.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError, match=message.replace("+", r"\+")):
        load_config(str(tmp_path))


def test_smtp_url_forms():
    server = parse_smtp_url("smtp+starttls://cpsn%40council.example:p%40ss@relay.council.example")
    assert (server.host, server.port, server.tls, server.username, server.password) == (
        "relay.council.example",
        587,
        "starttls",
        "cpsn@council.example",
        "p@ss",
    )
    assert "p@ss" not in server.describe()
    assert parse_smtp_url("smtps://u:p@relay.example").port == 465
    assert parse_smtp_url("smtp://localhost").port == 25


def test_two_workers_at_once_send_each_message_once(mail_app, smtp):
    import threading

    addresses = [f"officer{n}@fenland.example" for n in range(24)]
    _queue_notices(mail_app, addresses)
    outcomes, errors = [], []

    def worker():
        try:
            outcomes.append(send_outbox(mail_app))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sum(o.sent for o in outcomes) == 24
    assert sorted(m["To"] for m in smtp.messages) == sorted(addresses)  # none twice, none missing


def test_pages_opened_from_a_link_are_not_cached(mail_app):
    page = mail_app.test_client().get("/set-password/not-a-link-we-sent")
    assert page.headers["Cache-Control"] == "no-store" and page.headers["Referrer-Policy"] == "no-referrer"


def test_what_people_typed_is_escaped_in_the_html_part(mail_app, smtp):
    with mail_app.app_context():
        queue(
            "officer@fenland.example",
            "vote_opened",
            "Vote open",
            {
                "name": "<b>Eve</b> & co",
                "code": "M-1",
                "text": "<script>alert(1)</script>",
                "project": "CPSN",
                "opens": "now",
                "closes": "later",
                "link": {"endpoint": "governance.votes", "args": {"partner_id": "fenland"}},
            },
        )
        db.session.commit()
    send_outbox(mail_app)
    [message] = smtp.messages
    from mail_helpers import html

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html(message) and "<script>" not in html(message)
    assert "Dear &lt;b&gt;Eve&lt;/b&gt; &amp; co" in html(message)
    assert "Dear <b>Eve</b> & co" in plain(message)  # the plain part is plain text: nothing to escape
