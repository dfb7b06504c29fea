"""Figures are cached per data version; every write a figure depends on moves the version, so no page
shows figures of data that has changed (and nothing else moves it, so the cache is worth having)."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from decimal import Decimal

from cpsn_builder.web import create_app, data_version, figures_cache
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import AuditEvent, Motion, Participation, PartnerResponse, Setting, SiteRow, utcnow
from cpsn_builder.web.snapshot import export_snapshot, import_snapshot
from web_helpers import CHEAP_HASH, csrf_of, page_text, sign_in


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


def test_the_savings_page_and_its_documents_show_a_changed_answer_at_once(app, client):
    """The Savings page reads the same per-worker estimate as the dashboard; a change made elsewhere
    shows on the page and in the next download, and both give the engine's figure."""

    def contract_value() -> str:
        return re.search(r"Estimated contract value (£[\d,.]+)", page_text(client.get("/reports/"))).group(1)

    sign_in(client, "lead@cpsn.example")
    before = contract_value()
    assert contract_value() == before  # served from the cache
    with app.app_context():
        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="fenland")).scalar_one()
        record.answers = {**record.answers, "cctv": {**record.answers["cctv"], "cameras": str(int(record.answers["cctv"]["cameras"]) + 17)}}
        db.session.commit()
        value = figures_cache.figures()[1].totals.contract_value
    after = contract_value()
    assert after != before and after == f"£{value:,.2f}"
    assert f'"amount": {int(value) if value == int(value) else float(value)}' in client.get("/reports/download/ocds").get_data(as_text=True)


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


# The governance report on the dashboard is cached per data version and day: each of these would
# leave it stale if the version or the key missed it.


def governance_of(app, now: datetime | None = None):
    with app.test_request_context():
        return figures_cache.governance(now=now)


def add_motion(app, code: str, opens: datetime, closes: datetime) -> None:
    with app.app_context():
        db.session.add(Motion(code=code, project_id="cpsn", text="Award the contract.", opens=opens, closes=closes))
        db.session.commit()


def motion(report, code: str):
    return next(m for m in report.motions if m.motion.id == code)


def test_a_vote_shows_in_the_governance_report_at_once(app, client):
    add_motion(app, "M-CACHE", utcnow() - timedelta(hours=1), utcnow() + timedelta(hours=48))
    assert motion(governance_of(app), "M-CACHE").votes_for == 0
    sign_in(client, "officer@fenland.example")
    page = client.get("/partners/fenland/votes")
    client.post("/partners/fenland/votes/M-CACHE", data={"csrf_token": csrf_of(page), "choice": "for", "confirm": "yes"})
    assert motion(governance_of(app), "M-CACHE").votes_for == 1


def test_a_new_motion_shows_in_the_governance_report_at_once(app):
    before = governance_of(app)
    add_motion(app, "M-NEW", utcnow() + timedelta(days=1), utcnow() + timedelta(days=3))
    assert "M-NEW" not in [m.motion.id for m in before.motions]
    assert motion(governance_of(app), "M-NEW").state == "not yet open"


def test_a_participation_change_moves_the_shared_costs_at_once(app):
    def fenland_cap(report):
        allocation = next(a for a in report.allocations if a.project_id == "tell-us-once")
        return next(p.cap for p in allocation.partners if p.partner_id == "fenland")

    assert fenland_cap(governance_of(app)) == Decimal(8000)
    with app.app_context():
        record = db.session.execute(db.select(Participation).filter_by(partner_id="fenland", project_id="tell-us-once")).scalar_one()
        record.max_contribution = Decimal(1234)
        db.session.commit()
    assert fenland_cap(governance_of(app)) == Decimal(1234)


def test_a_day_passing_and_a_motion_closing_move_the_report(app):
    # South Cambridgeshire's notice expires on 30 September 2015: a member that day, not the next.
    add_motion(app, "M-DAY", datetime(2015, 9, 28, 9), datetime(2015, 10, 9, 17))
    last_day = motion(governance_of(app, datetime(2015, 9, 30, 12)), "M-DAY")
    assert "south-cambs" in last_day.eligible and last_day.state == "open"
    next_day = motion(governance_of(app, datetime(2015, 10, 1, 12)), "M-DAY")
    assert "south-cambs" not in next_day.eligible
    assert motion(governance_of(app, datetime(2015, 10, 9, 16, 59)), "M-DAY").state == "open"
    closed = motion(governance_of(app, datetime(2015, 10, 9, 17, 1)), "M-DAY")  # the same day, once it closes
    assert closed.state == "closed" and closed.carried is False


def test_two_app_instances_on_one_database_see_each_others_writes(app, tmp_path):
    other = create_app(
        {"TESTING": True, **CHEAP_HASH, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]},
        instance_path=str(tmp_path / "other-instance"),
    )
    first, second = app.test_client(), other.test_client()
    sign_in(first, "lead@cpsn.example")
    sign_in(second, "lead@cpsn.example")
    for client in (first, second):  # both fill their caches
        assert "£12,345.00" not in client.get("/lead/").get_data(as_text=True)
    with other.app_context():
        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="fenland")).scalar_one()
        record.max_contribution = Decimal(12345)
        db.session.commit()
    fenland_row = first.get("/lead/").get_data(as_text=True).split("Fenland District Council</th>")[1].split("</tr>")[0]
    assert "£12,345.00" in fenland_row
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_governance_page_kept_as_html_moves_with_a_vote_and_with_the_clock(app, client):
    """The page's report is rendered once and kept; a vote shows at once, and a motion that opens
    a moment later reads as open without any write in between."""
    add_motion(app, "M-SOON", utcnow() + timedelta(seconds=1.5), utcnow() + timedelta(hours=48))
    sign_in(client, "lead@cpsn.example")
    assert "M-SOON: Cambridgeshire Public Sector Network (CPSN) procurement (not yet open)" in page_text(client.get("/lead/governance"))
    time.sleep(1.6)
    assert "M-SOON: Cambridgeshire Public Sector Network (CPSN) procurement (open)" in page_text(client.get("/lead/governance"))
    officer = app.test_client()
    sign_in(officer, "officer@fenland.example")
    page = officer.get("/partners/fenland/votes")
    officer.post("/partners/fenland/votes/M-SOON", data={"csrf_token": csrf_of(page), "choice": "for", "confirm": "yes"})
    votes = page_text(client.get("/lead/governance")).split("Votes on M-SOON")[1]
    assert votes.split("Fenland District Council")[1].split()[0] == "for"
