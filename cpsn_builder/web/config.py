"""Configuration from the environment."""
from __future__ import annotations

import os
from pathlib import Path


class ConfigError(RuntimeError):
    pass


def database_url(instance_path: str) -> str:
    """DATABASE_URL (postgresql:// means psycopg 3), or SQLite in the instance folder."""
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'cpsn.sqlite3'}"
    if database.startswith("postgresql://"):
        database = "postgresql+psycopg://" + database[len("postgresql://"):]
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
    config = {
        "ENV_NAME": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,  # site CSV uploads
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env != "development",
        "WTF_CSRF_TIME_LIMIT": None,
        "CPSN_CATALOGUE": os.environ.get("CPSN_CATALOGUE"),
    }
    config.update(overrides)
    return config
