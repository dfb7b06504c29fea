"""Figures are cached per data version; every write a figure depends on moves the version, so no page
shows figures of data that has changed (and nothing else moves it, so the cache is worth having)."""
from __future__ import annotations

import re

from cpsn_builder.web import data_version
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import AuditEvent, PartnerResponse, Setting, SiteRow
from cpsn_builder.web.snapshot import export_snapshot, import_snapshot
from web_helpers import sign_in


def cameras_on_the_editor(client) -> int:
    html = client.get("/lead/requirements/cctv").get_data(as_text=True)
    return int(re.search(r"carry video from ([\d,]+) cameras", html).group(1).replace(",", ""))


def test_an_answer_changed_elsewhere_shows_at_once(app, client):
    sign_in(client, "lead@cpsn.example")
    before = cameras_on_the_editor(client)
    assert cameras_on_the_editor(client) == before  # served from the cache
    with app.app_context():
        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="fenland")).scalar_one()
        cameras = int(record.answers["cctv"]["cameras"])
        record.answers = {**record.answers, "cctv": {**record.answers["cctv"], "cameras": str(cameras + 17)}}
        db.session.commit()
    assert cameras_on_the_editor(client) == before + 17


def test_every_write_the_figures_read_moves_the_version_and_nothing_else_does(app):
    with app.app_context():
        def moved(change) -> bool:
            start = data_version.current()
            change()
            db.session.commit()
            return data_version.current() > start

        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="fenland")).scalar_one()
        site = SiteRow(name="March depot", postcode="PE15 8NQ", service_line_id="eth_10m")
        assert moved(lambda: setattr(record, "max_contribution", 12345))
        assert moved(lambda: record.sites.append(site))
        assert moved(lambda: setattr(site, "service_line_id", "eth_100m"))
        assert moved(lambda: db.session.delete(site))
        assert moved(lambda: db.session.add(Setting(key="partner_changes", value='{"fenland": {}}')))
        assert not moved(lambda: db.session.add(AuditEvent(user_email="x@example.org", partner_id="fenland", field="f")))
        assert not moved(lambda: db.session.add(Setting(key="deadline", value=None)))


def test_a_restored_snapshot_moves_the_version(app):
    with app.app_context():
        data = export_snapshot()
        start = data_version.current()
        import_snapshot(data, replace=True)
        assert data_version.current() > start
        assert "data_version" not in data["tables"]
