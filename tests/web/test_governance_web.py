"""The agreement in the web app: the demo's motions, votes cast by officers, caps, and the documents agreeing."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import datetime, timedelta

import docx

from conftest_paths import DEMO_GOVERNANCE
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import Motion, Vote
from web_helpers import csrf_of, day_fields, form_post, motion_times, sign_in


def test_demo_record_closed_motion_binding_cap_and_notice(client):
    sign_in(client, "lead@cpsn.example")
    page = client.get("/lead/governance").get_data(as_text=True)
    assert "Result: carried: 3 for, 1 against, 1 abstaining" in page
    assert "No: it declined the project on 1 February 2011" in page
    assert re.search(r"Fenland District Council\s*</th>\s*<td[^>]*>£20,000.00</td>\s*<td[^>]*>£20,000.00</td>\s*<td[^>]*>Yes", page)
    dashboard = client.get("/lead/").get_data(as_text=True)
    south = dashboard.split("South Cambridgeshire District Council</th>")[1]
    assert south.split("</td>")[0].endswith("Member that has given notice")  # the membership column
    figures = dashboard.split('id="partner-figures"')[1].split("South Cambridgeshire District Council</th>")[1]
    assert ">42<" in figures.split("</tr>")[0]  # billed until its notice expires in September 2015


def test_documents_and_cli_agree_with_the_dashboard(client):
    sign_in(client, "lead@cpsn.example")
    report = docx.Document(io.BytesIO(client.get("/reports/download/cabinet-report").data))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "Result: carried: 3 for, 1 against, 1 abstaining." in text
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "cpsn_builder",
            "governance",
            "report",
            "--responses",
            "demo/responses",
            "--governance",
            str(DEMO_GOVERNANCE),
        ],
        capture_output=True,
        text=True,
        cwd=DEMO_GOVERNANCE.parents[1],
        timeout=120,
    )
    assert "Result: carried: 3 for, 1 against, 1 abstaining" in cli.stdout


def open_motion(app, code="M-TEST", project="cpsn", hours=48):
    with app.app_context():
        now = datetime.utcnow()
        db.session.add(
            Motion(
                code=code,
                project_id=project,
                text="Award the contract.",
                opens=now - timedelta(hours=1),
                closes=now + timedelta(hours=hours),
            )
        )
        db.session.commit()


def test_an_officer_votes_once_for_its_partner(app, client):
    open_motion(app)
    sign_in(client, "officer@fenland.example")
    page = client.get("/partners/fenland/votes")
    assert "vote on M-TEST" in page.get_data(as_text=True)
    client.post("/partners/fenland/votes/M-TEST", data={"csrf_token": csrf_of(page), "choice": "for", "confirm": "yes"})
    again = client.post("/partners/fenland/votes/M-TEST", data={"csrf_token": csrf_of(page), "choice": "against", "confirm": "yes"})
    assert "already voted" in client.get(again.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert [
            (v.partner_id, v.choice) for v in db.session.execute(db.select(Vote).join(Motion).filter(Motion.code == "M-TEST")).scalars()
        ] == [("fenland", "for")]


def test_a_partner_that_declined_cannot_vote(app, client):
    open_motion(app, code="M-TUO", project="tell-us-once")
    sign_in(client, "officer@cambs-fire.example")
    page = client.get("/partners/cambs-fire/votes")
    assert "Your organisation cannot vote on this motion." in page.get_data(as_text=True)
    refused = client.post(
        "/partners/cambs-fire/votes/M-TUO", data={"csrf_token": csrf_of(client.get("/sign-out")), "choice": "for", "confirm": "yes"}
    )
    assert "declined the project on 1 February 2011" in client.get(refused.headers["Location"]).get_data(as_text=True)


def test_lead_opens_a_motion_with_checked_times(client):
    sign_in(client, "lead@cpsn.example")
    bad = form_post(
        client,
        "/lead/governance",
        {
            "code": "M-9",
            "project_id": "cpsn",
            "text": "Go ahead.",
            **motion_times("2029-01-01 09:00", "2011-01-01 10:00"),
            "opens-month": "13",
        },
    ).get_data(as_text=True)
    assert "When voting opens must be a real date" in bad and "When voting closes must be in the future" in bad
    assert 'href="#opens-day"' in bad and 'href="#closes-day"' in bad
    ok = form_post(
        client,
        "/lead/governance",
        {"code": "M-9", "project_id": "cpsn", "text": "Go ahead.", **motion_times("2029-01-01 09:00", "2029-01-10 17:00")},
    )
    assert ok.status_code == 302
    assert "M-9: Cambridgeshire Public Sector Network (CPSN) procurement (not yet open)" in client.get("/lead/governance").get_data(
        as_text=True
    )


def test_lead_records_a_prospective_partner_joining_and_a_notice(app, client):
    sign_in(client, "lead@cpsn.example")
    before = client.get("/lead/").get_data(as_text=True)
    assert "Cambridge City Council: prospective partner" in before
    bad = form_post(client, "/lead/partners/fenland", {"status": "withdrawing", **day_fields(joined="2010-06-01", notice_given="")})
    assert "Enter the date notice was given" in bad.get_data(as_text=True)
    assert (
        form_post(
            client, "/lead/partners/cambridge-city", {"status": "member", **day_fields(joined="2013-04-01", notice_given="")}
        ).status_code
        == 302
    )
    assert (
        form_post(
            client, "/lead/partners/fenland", {"status": "withdrawing", **day_fields(joined="2010-06-01", notice_given="2013-01-31")}
        ).status_code
        == 302
    )
    partners = client.get("/lead/partners/").get_data(as_text=True)
    assert "31 January 2015" in partners  # Fenland leaves two years after notice on the last day of a month
    after = client.get("/lead/").get_data(as_text=True)
    city = after.split('id="partner-figures"')[1].split("Cambridge City Council</th>")[1].split("</tr>")[0]
    assert ">48<" in city  # billed from April 2013
    fenland = after.split('id="partner-figures"')[1].split("Fenland District Council</th>")[1].split("</tr>")[0]
    assert ">34<" in fenland
    audit = client.get("/lead/audit?field=membership").get_data(as_text=True)
    assert "Fenland District Council" in audit and "notice given 31 January 2013" in audit


def test_only_a_board_representative_with_delegation_in_force_votes(app, client, monkeypatch):
    from click.testing import CliRunner

    from cpsn_builder.cli import main

    open_motion(app, code="M-REP")
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    assert (
        CliRunner()
        .invoke(
            main,
            [
                "users",
                "add",
                "--email",
                "deputy@fenland.example",
                "--name",
                "Deputy",
                "--role",
                "partner",
                "--partner",
                "fenland",
                "--password",
                "a-long-password",
            ],
        )
        .exit_code
        == 0
    )
    sign_in(client, "deputy@fenland.example", "a-long-password")
    page = client.get("/partners/fenland/votes").get_data(as_text=True)
    assert "M-REP" in page and "Only your organisation's board representative can cast its vote" in page
    assert "vote on M-REP" not in page
    refused = client.post(
        "/partners/fenland/votes/M-REP", data={"csrf_token": csrf_of(client.get("/sign-out")), "choice": "for", "confirm": "yes"}
    )
    assert "Only your organisation&#39;s board representative" in client.get(refused.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(Vote).join(Motion).filter(Motion.code == "M-REP")).first() is None

    lead = app.test_client()
    sign_in(lead, "lead@cpsn.example")
    form = lead.get("/lead/governance/representatives").get_data(as_text=True)
    deputy_id = re.search(r'<option value="(\d+)">Deputy &lt;deputy@fenland.example&gt;', form).group(1)
    recorded = form_post(
        lead,
        "/lead/governance/representatives",
        {
            "user_id": deputy_id,
            "granted_by": "Chief Executive, Fenland DC",
            **day_fields(valid_from="2011-01-01", valid_until="2011-06-30"),
        },
    )
    assert recorded.status_code == 302
    assert "Chief Executive, Fenland DC" in lead.get("/lead/governance/representatives").get_data(as_text=True)
    # the delegation has expired by today: still no vote
    assert "vote on M-REP" not in client.get("/partners/fenland/votes").get_data(as_text=True)
    form_post(
        lead,
        "/lead/governance/representatives",
        {"user_id": deputy_id, "granted_by": "Chief Executive, Fenland DC", **day_fields(valid_from="2011-07-01")},
    )
    page = client.get("/partners/fenland/votes")
    assert "vote on M-REP" in page.get_data(as_text=True)
    client.post("/partners/fenland/votes/M-REP", data={"csrf_token": csrf_of(page), "choice": "against", "confirm": "yes"})
    with app.app_context():
        [recorded_vote] = db.session.execute(db.select(Vote).join(Motion).filter(Motion.code == "M-REP")).scalars()
        assert (recorded_vote.choice, recorded_vote.officer) == ("against", "deputy@fenland.example")
    assert "deputy@fenland.example" in lead.get("/lead/governance").get_data(as_text=True)
