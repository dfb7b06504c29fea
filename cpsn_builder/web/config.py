"""Configuration from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from .passwords import PRODUCTION_METHOD, STRONG_METHODS


class ConfigError(RuntimeError):
    pass


def database_url(instance_path: str) -> str:
    """DATABASE_URL (postgresql:// means psycopg 3), or SQLite in the instance folder."""
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'cpsn.sqlite3'}"
    if database.startswith("postgresql://"):
        database = "postgresql+psycopg://" + database[len("postgresql://") :]
    return database


def load_config(instance_path: str, overrides: dict | None = None) -> dict:
    overrides = overrides or {}
    env = os.environ.get("CPSN_ENV", "development")
    testing = overrides.get("TESTING", False)
    secret = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if not secret:
        if env != "development" and not testing:
            raise ConfigError("SECRET_KEY must be set outside development (CPSN_ENV=development to run without one)")
        secret = "development-only-not-secret"
    database = overrides.get("SQLALCHEMY_DATABASE_URI") or database_url(instance_path)
    proxies = os.environ.get("CPSN_TRUSTED_PROXIES", "0").strip() or "0"
    if not proxies.isdigit() or int(proxies) > 10:
        raise ConfigError(f"CPSN_TRUSTED_PROXIES must be the number of reverse proxies in front of the service (0-10), not {proxies!r}")
    from ..mail.settings import MailConfigError, mail_config

    try:
        mail = mail_config(env)
    except MailConfigError as exc:
        raise ConfigError(str(exc)) from None
    config = {
        **mail,
        "ENV_NAME": env,
        # How many reverse proxies to believe in X-Forwarded-For/-Proto; 0 (the default) believes none,
        # so a client cannot choose the address its sign-in failures are counted against.
        "TRUSTED_PROXIES": int(proxies),
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,  # site CSV uploads
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env != "development",
        "WTF_CSRF_TIME_LIMIT": None,
        "CPSN_CATALOGUE": os.environ.get("CPSN_CATALOGUE"),
        "PASSWORD_HASH_METHOD": PRODUCTION_METHOD,
    }
    config.update(overrides)
    if config["PASSWORD_HASH_METHOD"] not in STRONG_METHODS and not testing:
        raise ConfigError(
            f"password hash method {config['PASSWORD_HASH_METHOD']!r} is for the test suite only (TESTING); "
            f"real accounts use {PRODUCTION_METHOD}"
        )
    return config
