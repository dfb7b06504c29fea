"""Backup and restore: a snapshot of everything round-trips into an empty database."""

from __future__ import annotations

import json

import pytest
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


def _exported(app, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    path = tmp_path / "good.json"
    assert CliRunner().invoke(main, ["export", "--out", str(path)]).exit_code == 0
    return json.loads(path.read_text())


def _spoil_list(data):
    return [data]


def _spoil_no_tables(data):
    del data["tables"]
    return data


def _spoil_tables_list(data):
    data["tables"] = list(data["tables"].values())
    return data


def _spoil_date(data):
    data["tables"]["users"][0]["created_at"] = "last Tuesday"
    return data


def _spoil_duplicate(data):
    data["tables"]["users"].append(dict(data["tables"]["users"][0]))
    return data


def _spoil_string_row(data):
    data["tables"]["sites"][0] = "Fenland Hall"
    return data


def _spoil_number(data):
    data["tables"]["responses"][0]["max_contribution"] = "lots"
    return data


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (_spoil_list, "(top): expected an object with format, version, schema_revision and tables, found a list"),
        (_spoil_no_tables, "tables: expected an object of table name to list of rows, found nothing"),
        (_spoil_tables_list, "tables: expected an object of table name to list of rows, found a list"),
        (_spoil_date, "tables.users[0].created_at: 'last Tuesday' is not a date and time (ISO 8601"),
        (_spoil_duplicate, "tables.users[10]: duplicate id 1 (also row 0)"),
        (_spoil_string_row, "tables.sites[0]: expected a row object of column: value, found text"),
        (_spoil_number, "tables.responses[0].max_contribution: 'lots' is not a decimal number"),
    ],
)
def test_a_malformed_snapshot_is_reported_by_path_and_nothing_changes(app, tmp_path, monkeypatch, spoil, expected):
    data = _exported(app, tmp_path, monkeypatch)
    before = data["tables"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(spoil(json.loads(json.dumps(data)))))
    result = CliRunner().invoke(main, ["import", str(bad), "--replace"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert expected in result.output, result.output
    assert _exported(app, tmp_path, monkeypatch)["tables"] == before  # the database is as it was


def test_a_key_twice_in_one_object_is_refused(app, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    bad = tmp_path / "twice.json"
    bad.write_text('{"format": "cpsn-builder/snapshot", "format": "x", "tables": {}}')
    result = CliRunner().invoke(main, ["import", str(bad), "--replace"])
    assert result.exit_code == 1 and "the key 'format' appears twice in one object" in result.output
