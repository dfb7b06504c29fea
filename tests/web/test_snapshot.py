"""Backup and restore: a snapshot of everything round-trips into an empty database."""
from __future__ import annotations

import json

from click.testing import CliRunner

from cpsn_builder.cli import main
from web_helpers import form_post, make_app, sign_in


def test_snapshot_round_trips_everything(app, client, tmp_path, monkeypatch, request):
    sign_in(client, "officer@huntingdonshire.example")
    form_post(client, "/partners/huntingdonshire/lots", {"participation": "yes", "lots": ["cctv"]})
    form_post(client, "/partners/huntingdonshire/lots/cctv", {"cameras": "12", "current_spend": "1234.56"})
    runner = CliRunner()
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    snapshot = tmp_path / "backup.json"
    assert runner.invoke(main, ["export", "--out", str(snapshot)]).exit_code == 0
    data = json.loads(snapshot.read_text())
    assert {"users", "responses", "sites", "audit_events", "motions", "votes", "participation", "settings"} <= set(data["tables"])
    assert any(row["field"] == "answers.cctv.cameras" for row in data["tables"]["audit_events"])

    refused = runner.invoke(main, ["import", str(snapshot)])
    assert refused.exit_code == 1 and "the database is not empty" in refused.output

    kind = "postgresql" if "postgresql" in app.config["SQLALCHEMY_DATABASE_URI"] else "sqlite"
    empty, drop = make_app(kind, tmp_path / "restore", demo=False)
    try:
        monkeypatch.setenv("DATABASE_URL", empty.config["SQLALCHEMY_DATABASE_URI"])
        restored = runner.invoke(main, ["import", str(snapshot)])
        assert restored.exit_code == 0, restored.output
        again = tmp_path / "again.json"
        assert runner.invoke(main, ["export", "--out", str(again)]).exit_code == 0
        second = json.loads(again.read_text())
        assert second["tables"] == data["tables"]  # nothing lost, nothing changed
        officer = empty.test_client()
        assert sign_in(officer, "officer@huntingdonshire.example").status_code == 302  # password hashes came too
        assert "12 cameras" in officer.get("/partners/huntingdonshire/check").get_data(as_text=True)
        # new rows get fresh ids after a restore (PostgreSQL sequences continue)
        assert form_post(officer, "/partners/huntingdonshire/lots/cctv", {"cameras": "13"}).status_code == 302
    finally:
        from cpsn_builder.web.extensions import db
        with empty.app_context():
            db.session.remove()
            db.engine.dispose()
        drop()


def test_a_file_that_is_not_a_snapshot_is_refused(app, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    result = CliRunner().invoke(main, ["import", str(bad), "--replace"])
    assert result.exit_code == 1 and "not a CPSN Builder snapshot" in result.output
