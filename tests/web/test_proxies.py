"""Behind a reverse proxy each client keeps its own address (CPSN_TRUSTED_PROXIES), so one cannot lock all out."""

from __future__ import annotations

import pytest

from cpsn_builder.web.config import ConfigError
from web_helpers import make_app


def _attempt(app, email, password, forwarded):
    return (
        app.test_client()
        .post(
            "/sign-in",
            data={"email": email, "password": password},
            headers={"X-Forwarded-For": forwarded},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},
        )
        .status_code
    )


def _users(count):
    return [f"user{i}@nowhere.example" for i in range(count)]


def test_behind_one_trusted_proxy_a_strangers_failures_pause_only_the_stranger(tmp_path, monkeypatch):
    monkeypatch.setenv("CPSN_TRUSTED_PROXIES", "1")
    app, drop = make_app("sqlite", tmp_path, WTF_CSRF_ENABLED=False)
    try:
        for email in _users(21):  # 21 accounts from one address: the address limit (20) pauses it
            _attempt(app, email, "guess", "203.0.113.9")
        assert _attempt(app, "lead@cpsn.example", "cpsn-demo-2011", "203.0.113.9") == 429
        assert _attempt(app, "lead@cpsn.example", "cpsn-demo-2011", "192.0.2.10") == 302  # everyone else signs in
    finally:
        drop()


def test_without_trusted_proxies_forwarded_headers_are_ignored(tmp_path, monkeypatch):
    monkeypatch.delenv("CPSN_TRUSTED_PROXIES", raising=False)
    app, drop = make_app("sqlite", tmp_path, WTF_CSRF_ENABLED=False)
    try:
        for i, email in enumerate(_users(21)):  # a client cannot dodge the limit by inventing addresses
            _attempt(app, email, "guess", f"198.51.100.{i}")
        assert _attempt(app, "lead@cpsn.example", "cpsn-demo-2011", "192.0.2.99") == 429
    finally:
        drop()


def test_a_bad_proxy_count_is_a_clear_configuration_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CPSN_TRUSTED_PROXIES", "yes")
    with pytest.raises(ConfigError, match="CPSN_TRUSTED_PROXIES must be the number of reverse proxies"):
        make_app("sqlite", tmp_path)
