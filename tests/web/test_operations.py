"""Running the service: migrations match the models, demo data loads once, users from the CLI, downloads."""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner

from cpsn_builder.cli import main
from cpsn_builder.web.demo import load_demo
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import User
from web_helpers import sign_in


def test_migrations_from_empty_match_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []


def test_demo_load_is_idempotent(app):
    with app.app_context():
        assert load_demo() == []
        assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 10


def test_users_from_the_command_line(app, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    runner = CliRunner()
    added = runner.invoke(
        main,
        [
            "users",
            "add",
            "--email",
            "New.Officer@Fenland.example",
            "--name",
            "New Officer",
            "--role",
            "partner",
            "--partner",
            "fenland",
            "--password",
            "correct-horse-battery",
        ],
    )
    assert added.exit_code == 0, added.output
    assert "new.officer@fenland.example" in runner.invoke(main, ["users", "list"]).output
    assert (
        runner.invoke(
            main, ["users", "add", "--email", "x@y.example", "--name", "X", "--role", "partner", "--password", "long-enough-pw"]
        ).exit_code
        == 2
    )
    assert "at least 10 characters" in runner.invoke(main, ["users", "reset-password", "lead@cpsn.example", "--password", "short"]).output
    assert (
        runner.invoke(main, ["users", "reset-password", "new.officer@fenland.example", "--password", "another-long-password"]).exit_code
        == 0
    )
    client = app.test_client()
    assert sign_in(client, "new.officer@fenland.example", "another-long-password").status_code == 302


@pytest.mark.parametrize(
    ("path", "mimetype", "name"),
    [
        (
            "/reports/download/statement-of-requirements",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "cpsn-statement-of-requirements-2011-01-07.docx",
        ),
        (
            "/reports/download/pricing-schedule",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "cpsn-pricing-schedule-2011-01-07.xlsx",
        ),
        ("/reports/download/ocds", "application/json", "cpsn-ocds-2011-01-07.json"),
        ("/reports/download/demand", "text/csv", "cpsn-demand-2011-01-07.csv"),
    ],
)
def test_lead_downloads_have_proper_names_and_types(client, path, mimetype, name):
    sign_in(client, "lead@cpsn.example")
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == mimetype
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"


def test_cabinet_viewer_gets_the_cabinet_reports_only(client):
    sign_in(client, "cabinet@cpsn.example")
    page = client.get("/reports/").get_data(as_text=True)
    assert "Cabinet savings report" in page and "Statement of requirements" not in page
    report = client.get("/reports/download/cabinet-report/fenland")
    document = docx.Document(io.BytesIO(report.data))
    assert "Fenland District Council" in document.core_properties.title
    assert client.get("/reports/download/statement-of-requirements").status_code == 404


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed: apt-get install libreoffice-writer-nogui")
def test_documents_download_as_pdf_beside_word(client):
    sign_in(client, "lead@cpsn.example")
    page = client.get("/reports/").get_data(as_text=True)
    assert "/reports/download/statement-of-requirements?format=pdf" in page
    for path in ("/reports/download/cabinet-report?format=pdf", "/reports/download/cabinet-report/fenland?format=pdf"):
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == "application/pdf", path
        assert response.data.startswith(b"%PDF") and response.headers["Content-Disposition"].endswith(".pdf")
    assert client.get("/reports/download/ocds?format=pdf").status_code == 404  # JSON has no printed form
