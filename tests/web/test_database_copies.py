"""The PostgreSQL databases the web tests reuse: one given back after a test has written to it is,
when taken again, what a fresh copy of the template is, rows and sequences alike."""

from __future__ import annotations

import psycopg
import pytest

from web_helpers import CHEAP_HASH, PG_URL, database_copy, make_app
from web_helpers import _libpq_url  # the same connection the copies are made with

pytestmark = pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set: PostgreSQL tests need a server (CI sets it)")


def _contents(url: str) -> dict:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(_libpq_url(name)) as connection:
        tables = [row[0] for row in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
        rows = {t: sorted(map(repr, connection.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}
        sequences = connection.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
    return {"rows": rows, "sequences": sequences}


def test_a_database_given_back_is_taken_again_as_the_template_made_it(tmp_path):
    app, drop = make_app("postgresql", tmp_path / "first")
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    fresh = _contents(url)
    assert fresh["rows"]["users"] and fresh["rows"]["responses"]  # the demo data is there to lose
    from cpsn_builder.web.extensions import db

    with app.app_context():
        db.session.execute(db.text("DELETE FROM sites"))
        db.session.execute(db.text("INSERT INTO settings (key, value) VALUES ('partner_changes', '{}')"))
        db.session.execute(db.text("UPDATE users SET name = 'Changed'"))
        db.session.execute(db.text("SELECT nextval(format('%I', sequencename)) FROM pg_sequences WHERE schemaname = 'public'"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    used = _contents(url)
    assert used["rows"] != fresh["rows"] and used["sequences"] != fresh["sequences"]
    drop()

    again, second = database_copy("postgresql", tmp_path / "second", True, {"TESTING": True, **CHEAP_HASH})
    try:
        assert again == url  # the same database, put back, not a new copy
        assert _contents(again) == fresh
    finally:
        second()
