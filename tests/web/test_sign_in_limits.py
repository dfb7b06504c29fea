"""Sign-in limits hold under parallel attempts, cannot be used to lock someone out, and do not reveal accounts."""

from __future__ import annotations

import threading

import pytest

from cpsn_builder.web import accounts
from web_helpers import DATABASES, DEMO_PASSWORD, make_app


@pytest.fixture(params=DATABASES)
def open_app(request, tmp_path):
    """The app without CSRF, so many clients can post at once without fetching a page each."""
    app, drop = make_app(request.param, tmp_path, WTF_CSRF_ENABLED=False)
    yield app
    with app.app_context():
        from cpsn_builder.web.extensions import db

        db.session.remove()
        db.engine.dispose()
    drop()


def _attempt(app, email, password, address="127.0.0.1"):
    return (
        app.test_client().post("/sign-in", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}).status_code
    )


def test_thirty_parallel_wrong_passwords_get_no_more_than_five_real_attempts(open_app):
    start = threading.Barrier(30)
    statuses = []

    def guess():
        start.wait()
        statuses.append(_attempt(open_app, "lead@cpsn.example", "wrong-password"))

    threads = [threading.Thread(target=guess) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(statuses) <= {401, 429} and len(statuses) == 30
    assert statuses.count(401) <= 5, statuses  # a 401 is a password actually checked; the rest were paused


def test_a_stranger_cannot_lock_the_lead_out(open_app):
    for _ in range(10):
        assert _attempt(open_app, "lead@cpsn.example", "guess", address="203.0.113.9") in (401, 429)
    assert _attempt(open_app, "lead@cpsn.example", DEMO_PASSWORD, address="203.0.113.9") == 429  # the stranger's address waits
    assert _attempt(open_app, "lead@cpsn.example", DEMO_PASSWORD, address="192.0.2.10") == 302  # the lead's office does not


def test_an_unknown_email_costs_a_password_hash_like_a_known_one(open_app, monkeypatch):
    checked = []
    real = accounts.check_password_hash
    monkeypatch.setattr(accounts, "check_password_hash", lambda hashed, password: checked.append(hashed) or real(hashed, password))
    assert _attempt(open_app, "lead@cpsn.example", "wrong-password") == 401
    assert _attempt(open_app, "nobody@cpsn.example", "wrong-password") == 401
    assert len(checked) == 2
    assert checked[1].split("$")[0] == checked[0].split("$")[0]  # the same method and cost, so the same time
