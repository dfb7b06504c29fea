"""The audit trail in words, the privacy and cookies pages, retention of personal data, download links."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner

from cpsn_builder.cli import main
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import AuditEvent, BoardRepresentative, SignInFailure, User, utcnow
from cpsn_builder.web.retention import RETENTION_MONTHS, months_before
from web_helpers import check_page, form_post, sign_in


def test_audit_trail_shows_labels_formatted_values_and_partner_names(app, client):
    sign_in(client, "officer@huntingdonshire.example")
    base = "/partners/huntingdonshire"
    form_post(client, f"{base}/lots", {"participation": "yes", "lots": ["cctv", "telephony"]})
    form_post(client, f"{base}/lots/cctv", {"cameras": "1200", "control_rooms": "1", "transmission": "fibre", "current_spend": "118,000"})
    form_post(client, f"{base}/lots/telephony", {"analogue_lines": "1", "needs_sip": "y", "sip_channels": "2"})
    lead = app.test_client()
    sign_in(lead, "lead@cpsn.example")
    html = lead.get("/lead/audit?partner=huntingdonshire").get_data(as_text=True)
    table = html.split('id="audit"')[1]
    for shown in (
        "Huntingdonshire District Council",
        "CCTV transmission: Cameras needing a transmission circuit",
        "1,200 cameras",
        "Fibre",
        "£118,000.00",
        "Lots chosen",
        ">Yes<",
    ):
        assert shown in table, shown
    assert re.search(
        r"Traditional telephony and call tariffs, CCTV transmission|CCTV transmission, Traditional telephony and call tariffs", table
    )
    for internal in ("answers.cctv", ">huntingdonshire<", ">True<", ">False<", '["cctv"', "[]"):
        assert internal not in table, internal


def test_privacy_and_cookies_are_linked_from_every_footer_and_state_the_retention(client):
    page = client.get("/sign-in").get_data(as_text=True)
    footer = page.split('class="govuk-footer"')[1]
    assert 'href="/accessibility"' in footer and 'href="/privacy"' in footer and 'href="/cookies"' in footer
    privacy = client.get("/privacy").get_data(as_text=True)
    assert f"removed {RETENTION_MONTHS} months after the change" in privacy and "Information Commissioner" in privacy
    cookies = client.get("/cookies").get_data(as_text=True)
    assert "strictly necessary" in cookies and ">session<" in cookies
    client.get("/cookies")
    assert [c.key for c in client._cookies.values()] == ["session"]  # the only cookie the service sets


def test_retention_anonymises_old_audit_entries_removes_long_disabled_accounts_and_keeps_the_rest(app, monkeypatch):
    now = utcnow()
    old, recent = now - timedelta(days=RETENTION_MONTHS * 31 + 5), now - timedelta(days=30)
    with app.app_context():
        fenland = db.session.execute(db.select(User).filter_by(email="officer@fenland.example")).scalar_one()
        gone = User(
            email="gone@fenland.example",
            name="Gone",
            role="partner",
            partner_id="fenland",
            password_hash="x",
            disabled=True,
            created_at=old,
        )
        kept = User(
            email="recent@fenland.example",
            name="Recent",
            role="partner",
            partner_id="fenland",
            password_hash="x",
            disabled=True,
            created_at=old,
        )
        db.session.add_all([gone, kept])
        db.session.flush()
        db.session.add(BoardRepresentative(partner_id="fenland", user_id=gone.id, granted_by="CEO", valid_from=old.date()))
        gone_id = gone.id
        db.session.add_all(
            [
                AuditEvent(
                    at=old,
                    user_id=fenland.id,
                    user_email=fenland.email,
                    partner_id="fenland",
                    field="answers.cctv.cameras",
                    old_value="5",
                    new_value="6",
                ),
                AuditEvent(
                    at=old,
                    user_id=fenland.id,
                    user_email=fenland.email,
                    partner_id="fenland",
                    field="contact_email",
                    old_value="a@x.example",
                    new_value="b@x.example",
                ),
                AuditEvent(
                    at=old,
                    user_email="lead@cpsn.example",
                    partner_id="fenland",
                    field="users",
                    old_value=None,
                    new_value="gone@fenland.example disabled",
                ),
                AuditEvent(
                    at=recent,
                    user_email="lead@cpsn.example",
                    partner_id="fenland",
                    field="users",
                    old_value=None,
                    new_value="recent@fenland.example disabled",
                ),
                AuditEvent(
                    at=recent,
                    user_id=fenland.id,
                    user_email=fenland.email,
                    partner_id="fenland",
                    field="contact_name",
                    old_value="A",
                    new_value="B",
                ),
                SignInFailure(key="email:x@y.example", at=now - timedelta(days=40)),
                SignInFailure(key="email:x@y.example", at=now),
            ]
        )
        db.session.commit()
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    dry = CliRunner().invoke(main, ["retention", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Audit trail entries to anonymise: 3" in dry.output and "Disabled accounts to remove: 1 (gone@fenland.example)" in dry.output
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(AuditEvent).filter_by(user_email="(removed)")).scalar() == 0
    done = CliRunner().invoke(main, ["retention"])
    assert done.exit_code == 0 and "Audit trail entries anonymised: 3" in done.output and "deleted: 1" in done.output
    with app.app_context():
        events = {(e.field, e.at < months_before(now, RETENTION_MONTHS)): e for e in db.session.execute(db.select(AuditEvent)).scalars()}
        cameras, contact = events[("answers.cctv.cameras", True)], events[("contact_email", True)]
        assert (cameras.user_email, cameras.user_id, cameras.old_value, cameras.new_value) == (
            "(removed)",
            None,
            "5",
            "6",
        )  # what changed stays
        assert (contact.user_email, contact.old_value, contact.new_value) == ("(removed)", "(removed)", "(removed)")
        assert events[("contact_name", False)].user_email == "officer@fenland.example" and events[("contact_name", False)].new_value == "B"
        emails = set(db.session.execute(db.select(User.email)).scalars())
        assert "gone@fenland.example" not in emails and "recent@fenland.example" in emails and "officer@fenland.example" in emails
        assert db.session.execute(db.select(BoardRepresentative).filter_by(user_id=gone_id)).first() is None
        assert db.session.execute(db.select(db.func.count()).select_from(SignInFailure)).scalar() == 1
    again = CliRunner().invoke(main, ["retention"])
    assert "Audit trail entries anonymised: 0" in again.output  # nothing left to do


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(datetime(2026, 12, 1, 9, 30), 24) == datetime(2024, 12, 1, 9, 30)
    assert months_before(datetime(2026, 3, 31), 1) == datetime(2026, 2, 28)
    assert months_before(datetime(2026, 1, 15), 13) == datetime(2024, 12, 15)


def test_download_links_say_file_type_and_size(client):
    sign_in(client, "lead@cpsn.example")
    html = client.get("/reports/").get_data(as_text=True)
    downloads = html.split('id="downloads"')[1].split("</ul>")[0]
    assert re.search(r"Demand by partner, lot and service line \(CSV file, \d+ KB\)", downloads)
    size = int(re.search(r"Demand by partner, lot and service line \(CSV file, (\d+) KB\)", downloads).group(1))
    assert abs(len(client.get("/reports/download/demand").data) / 1024 - size) < 1
    # Workbooks and Word documents are built only on download (seconds for a large programme): their size once known
    assert "Statement of requirements (Word document)" in downloads
    assert "Bidders&#39; pricing schedule (Excel spreadsheet)" in downloads
    schedule = client.get("/reports/download/pricing-schedule").data
    client.get("/reports/download/cabinet-report/fenland")
    again = client.get("/reports/").get_data(as_text=True)
    assert f"Bidders&#39; pricing schedule (Excel spreadsheet, {len(schedule) / 1024:.0f} KB)" in again
    assert re.search(r"what this means for Fenland District Council \(Word document, \d+ KB\)", again)


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<title>Dashboard - S</title><h1>Procurement dashboard</h1>", "does not start with the h1"),
        ("<title>Deadline</title><h1>Deadline</h1><form method='post' action='/lead/deadline'></form>", "no CSRF token"),
        ("<title>Audit</title><h1>Audit</h1><form method='post'><input name='csrf_token' value='x'></form>", "does not accept it"),
        ("<title>Audit</title><h1>Audit</h1><form method='get' action='/nowhere'></form>", "does not accept it"),
    ],
)
def test_the_page_checker_catches_what_it_claims_to(app, html, problem):
    with pytest.raises(AssertionError, match=problem):
        check_page(f"<!DOCTYPE html><html lang='en'>{html}</html>", "/lead/audit", app)
    check_page(
        "<!DOCTYPE html><html lang='en'><title>Error: Audit trail - S</title><h1>Audit trail</h1>"
        "<form method='get'></form><form method='post' action='/lead/deadline'><input name='csrf_token' value='x'></form></html>",
        "/lead/audit",
        app,
    )


def test_sign_out_is_a_link_that_another_site_cannot_follow_for_you(client):
    sign_in(client, "lead@cpsn.example")
    nav = client.get("/lead/").get_data(as_text=True).split('class="govuk-service-navigation__list"')[1].split("</ul>")[0]
    assert '<a class="govuk-service-navigation__link" href="/sign-out"' in nav and "<button" not in nav
    forged = client.get("/sign-out", headers={"Sec-Fetch-Site": "cross-site"})
    assert forged.status_code == 200 and "Signing out ends your sessions on every device" in forged.get_data(as_text=True)
    assert client.get("/lead/").status_code == 200  # still signed in
    assert client.get("/sign-out", headers={"Sec-Fetch-Site": "same-origin"}).status_code == 302
    assert client.get("/lead/").status_code == 302  # signed out


def test_retention_covers_the_outbox_the_links_and_proposals(app, monkeypatch):
    from cpsn_builder.mail.models import AccountToken, OutboxMessage
    from cpsn_builder.web.requirement_tables import RequirementProposal

    now = utcnow()
    old = now - timedelta(days=RETENTION_MONTHS * 31 + 5)
    with app.app_context():
        officer = db.session.execute(db.select(User).filter_by(email="officer@fenland.example")).scalar_one()

        def message(state, at):
            return OutboxMessage(
                created_at=at,
                to_address="officer@fenland.example",
                template="receipt",
                context={},
                subject="Answers received",
                state=state,
                message_id=f"<{state}{at:%Y}@cpsn>",
            )

        db.session.add_all(
            [
                message("sent", old),
                message("queued", old),
                message("sent", now),
                AccountToken(user_id=officer.id, purpose="reset", token_hash="a" * 64, created_at=old, expires_at=now - timedelta(days=40)),
                AccountToken(user_id=officer.id, purpose="reset", token_hash="b" * 64, created_at=now, expires_at=now + timedelta(hours=1)),
                RequirementProposal(
                    partner_id="fenland",
                    lot_id="cctv",
                    priority="Should",
                    text="Night recording.",
                    why="Break-ins.",
                    sites=[],
                    status="declined",
                    decision="Out of scope.",
                    proposed_by="officer@fenland.example",
                    proposed_at=old,
                    decided_by="lead@cpsn.example",
                    decided_at=old,
                ),
            ]
        )
        db.session.commit()
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    done = CliRunner().invoke(main, ["retention"])
    assert done.exit_code == 0, done.output
    assert "Emails in the outbox deleted: 1" in done.output and "Expired or used password links deleted: 1" in done.output
    assert "Proposed requirements anonymised: 1" in done.output
    with app.app_context():
        states = sorted((m.state, m.created_at < now - timedelta(days=1)) for m in db.session.execute(db.select(OutboxMessage)).scalars())
        assert states == [("queued", True), ("sent", False)]  # an old queued message still goes out
        assert [t.token_hash[0] for t in db.session.execute(db.select(AccountToken)).scalars()] == ["b"]
        proposal = db.session.execute(db.select(RequirementProposal)).scalar_one()
        assert (proposal.proposed_by, proposal.decided_by, proposal.text, proposal.decision) == (
            "(removed)",
            "(removed)",
            "Night recording.",
            "Out of scope.",
        )
