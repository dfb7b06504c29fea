"""Real accounts are hashed with scrypt; the test suite's cheap hash cannot reach a real configuration."""

from __future__ import annotations

import pytest
from werkzeug.security import check_password_hash

from cpsn_builder.web import create_app
from cpsn_builder.web.config import ConfigError
from cpsn_builder.web.models import User
from web_helpers import CHEAP_HASH, db


def _production_app(monkeypatch, tmp_path, overrides=None):
    monkeypatch.setenv("CPSN_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    return create_app(overrides, instance_path=str(tmp_path / "instance"))


def test_production_hashes_passwords_with_scrypt(monkeypatch, tmp_path):
    app = _production_app(monkeypatch, tmp_path)
    with app.app_context():
        user = User(email="a@b.example", name="A", role="lead")
        user.set_password("correct horse battery staple")
    method, _, _ = user.password_hash.partition("$")
    # werkzeug's scrypt at its default cost: N=2**15, r=8, p=1
    assert method == "scrypt:32768:8:1"
    assert check_password_hash(user.password_hash, "correct horse battery staple")


def test_a_hash_outside_any_app_is_scrypt_too():
    user = User(email="a@b.example", name="A", role="lead")
    user.set_password("pw")
    assert user.password_hash.startswith("scrypt:")


def test_the_cheap_test_hash_is_refused_outside_testing(monkeypatch, tmp_path):
    with pytest.raises(ConfigError, match="for the test suite only"):
        _production_app(monkeypatch, tmp_path, dict(CHEAP_HASH))
    monkeypatch.setenv("CPSN_ENV", "development")
    with pytest.raises(ConfigError, match="for the test suite only"):
        create_app(dict(CHEAP_HASH), instance_path=str(tmp_path / "instance"))


def test_the_suite_signs_in_against_the_cheap_hash(app):
    """The suite's own accounts use the cheap method (so the tests above are the ones about real accounts)."""
    with app.app_context():
        lead = db.session.execute(db.select(User).filter_by(email="lead@cpsn.example")).scalar_one()
        assert lead.password_hash.startswith("pbkdf2:sha256:1$")
