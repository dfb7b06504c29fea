"""Security basics the service relies on: CSRF on every change, headers, session cookies."""

from __future__ import annotations

from web_helpers import sign_in


def test_a_post_without_a_csrf_token_is_refused_and_changes_nothing(app, client):
    sign_in(client, "officer@fenland.example")
    response = client.post("/partners/fenland/organisation", data={"contact_name": "Mallory", "version": "1"})
    assert response.status_code == 400 and "Your page expired" in response.get_data(as_text=True)
    assert "Mallory" not in client.get("/partners/fenland/check").get_data(as_text=True)


def test_security_headers(client):
    headers = client.get("/sign-in").headers
    policy = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_http_only_and_same_site(client):
    response = sign_in(client, "lead@cpsn.example")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_signing_out_ends_the_session(client):
    sign_in(client, "lead@cpsn.example")
    from web_helpers import csrf_of

    client.post("/sign-out", data={"csrf_token": csrf_of(client.get("/sign-out"))})
    assert client.get("/lead/").status_code == 302


def test_sign_in_is_rate_limited_with_a_clear_message(client):
    for _ in range(5):
        assert sign_in(client, "lead@cpsn.example", "wrong-password").status_code == 401
    paused = sign_in(client, "lead@cpsn.example", "cpsn-demo-2011")  # even the right password waits
    assert paused.status_code == 429
    assert "Too many attempts to sign in. Wait 15 minutes" in paused.get_data(as_text=True)
    for _ in range(5):
        sign_in(client, "nobody@nowhere.example", "whatever")
    assert sign_in(client, "nobody@nowhere.example", "whatever").status_code == 429  # unknown emails look the same


def test_outside_development_a_secret_key_is_required_and_hsts_and_secure_cookies_apply(monkeypatch, tmp_path):
    import pytest as _pytest

    from cpsn_builder.web import create_app
    from cpsn_builder.web.config import ConfigError

    monkeypatch.setenv("CPSN_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with _pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}"}, instance_path=str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "a-real-secret")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}"}, instance_path=str(tmp_path))
    from flask_migrate import upgrade

    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert "max-age" in app.test_client().get("/accessibility").headers["Strict-Transport-Security"]
