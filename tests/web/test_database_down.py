"""When the database does not answer: one line from every command, a styled 503 page, and /healthz says so."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cpsn_builder.cli import main
from cpsn_builder.web import create_app

CLOSED = "postgresql://cpsn:s3cret-pass@127.0.0.1:1/cpsn"  # nothing listens on port 1


@pytest.mark.parametrize("command", [["serve"], ["db", "upgrade"], ["users", "list"], ["export", "--out", "x.json"], ["demo", "load"]])
def test_every_command_says_in_one_line_which_database_does_not_answer(monkeypatch, tmp_path, command):
    monkeypatch.setenv("DATABASE_URL", CLOSED)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith("Error: the database at postgresql+psycopg://cpsn:***@127.0.0.1:1/cpsn does not answer")
    assert "s3cret-pass" not in result.output


@pytest.fixture
def down_app(tmp_path):
    return create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": CLOSED.replace("postgresql://", "postgresql+psycopg://")},
        instance_path=str(tmp_path / "instance"),
    )


def test_pages_for_people_not_signed_in_need_no_database(down_app):
    client = down_app.test_client()
    assert client.get("/accessibility").status_code == 200
    assert client.get("/sign-in").status_code == 200


@pytest.mark.parametrize("path", ["/accessibility", "/lead/", "/partners/fenland/", "/reports/"])
def test_pages_answer_a_styled_503_that_needs_no_database(down_app, path):
    client = down_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1.0"  # signed in before the database went away
    response = client.get(path)
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Sorry, the service is unavailable" in page and "govuk-header" in page and "Cambridgeshire" in page
    assert response.headers["Retry-After"] == "30"


def test_an_error_page_that_needs_the_database_falls_back_to_the_503_page(down_app):
    client = down_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1.0"
    response = client.post("/partners/fenland/organisation", data={"contact_name": "x"})  # no CSRF token: the 400 page
    assert response.status_code == 503 and "Sorry, the service is unavailable" in response.get_data(as_text=True)


def test_healthz_says_whether_the_database_answers(down_app, app):
    down = down_app.test_client().get("/healthz")
    assert down.status_code == 503 and json.loads(down.data) == {"status": "unavailable", "database": "not answering"}
    up = app.test_client().get("/healthz")
    assert up.status_code == 200 and json.loads(up.data) == {"status": "ok", "database": "ok"}
