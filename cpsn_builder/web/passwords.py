"""Password hashing: scrypt (werkzeug's default) for every real account.

A scrypt hash costs about 0.1 s of CPU on purpose, which the test suite would pay thousands of
times (demo accounts in every test database, a sign-in in most tests); the suite alone may
choose a cheap method through the app's config, and load_config refuses one outside TESTING.
"""

from __future__ import annotations

from flask import current_app, has_app_context
from werkzeug.security import generate_password_hash

PRODUCTION_METHOD = "scrypt"
STRONG_METHODS = ("scrypt",)


def hash_method() -> str:
    if has_app_context():
        return current_app.config.get("PASSWORD_HASH_METHOD", PRODUCTION_METHOD)
    return PRODUCTION_METHOD


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=hash_method())
