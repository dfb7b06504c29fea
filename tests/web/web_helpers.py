"""Test helpers for the web app: a migrated database per test, and a client that checks every page."""
from __future__ import annotations

import os
import re
import uuid
from collections import Counter

import html5lib
import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade

from cpsn_builder.web import create_app
from cpsn_builder.web.demo import DEMO_PASSWORD, load_demo
from cpsn_builder.web.extensions import db

PG_URL = os.environ.get("TEST_DATABASE_URL")
DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="TEST_DATABASE_URL is not set: PostgreSQL tests need a server (CI sets it)"))]


class CheckedClient(FlaskClient):
    """Every HTML page fetched must have a title, parse as HTML without errors, and have unique ids."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html":
            check_page(response.get_data(as_text=True))
        return response


def check_page(html: str) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(html)
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and title.group(1).strip(), "page has no title"
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    duplicated = [i for i, n in ids.items() if n > 1]
    assert not duplicated, f"duplicate ids: {duplicated}"


def database_url(kind: str, tmp_path) -> tuple[str, callable]:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}", lambda: None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))

    def drop():
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}options=-csearch_path%3D{schema}", drop


def make_app(kind: str, tmp_path, demo: bool = True, **config):
    url, drop = database_url(kind, tmp_path)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, **config}, instance_path=str(tmp_path / "instance"))
    app.test_client_class = CheckedClient
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        if demo:
            load_demo()
    return app, drop


def sign_in(client, email: str, password: str = DEMO_PASSWORD):
    page = client.get("/sign-in")
    token = csrf_of(page)
    return client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token})


def csrf_of(response) -> str:
    html = response.get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', html)
    if match is None and "csrf_token" not in html:
        return ""  # an app configured without CSRF (the fuzz tests reach validation directly)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def version_of(response) -> str:
    match = re.search(r'name="version" type="hidden" value="(\d+)"|name="version" value="(\d+)"', response.get_data(as_text=True))
    assert match, "no version field on the page"
    return match.group(1) or match.group(2)


def form_post(client, url: str, data: dict, **kwargs):
    """Post like a browser: the CSRF token and version from the page itself."""
    page = client.get(url)
    fields = {"csrf_token": csrf_of(page)}
    try:
        fields["version"] = version_of(page)
    except AssertionError:
        pass
    fields.update(data)
    return client.post(url, data=fields, **kwargs)


__all__ = ["DATABASES", "db", "make_app", "sign_in", "form_post", "csrf_of", "version_of", "check_page"]
