"""Dates are checked against the programme's range on entry, and pages still work with a bad date saved earlier."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from catalogue_builder import copy_shipped
from conftest import DEMO_RESPONSES
from cpsn_builder.cli import main
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import Setting
from web_helpers import day_fields, deadline_fields, form_post, motion_times, sign_in

RANGE = "use a date from 1992-04-01 to 2039-04-01"


def test_a_far_future_notice_date_is_refused_with_the_range_and_nothing_saved(client):
    sign_in(client, "lead@cpsn.example")
    response = form_post(
        client, "/lead/partners/south-cambs", {"status": "withdrawing", **day_fields(joined="2010-06-01", notice_given="9999-06-01")}
    )
    assert response.status_code == 200
    assert f"The date notice was given 9999-06-01 is outside the programme&#39;s dates: {RANGE}" in response.get_data(as_text=True)
    assert "30 September 2013" in client.get("/lead/partners/").get_data(as_text=True)  # the notice saved before, unchanged


def test_motion_deadline_and_participation_dates_are_range_checked(client):
    sign_in(client, "lead@cpsn.example")
    motion = form_post(
        client,
        "/lead/governance",
        {"code": "M-9", "project_id": "cpsn", "text": "Agree", **motion_times("2011-02-01 09:00", "9999-12-31 17:00")},
    ).get_data(as_text=True)
    assert f"When voting closes 9999-12-31 is outside the programme&#39;s dates: {RANGE}" in motion
    deadline = form_post(client, "/lead/deadline", deadline_fields("1900-01-31 17:00")).get_data(as_text=True)
    assert f"The deadline 1900-01-31 is outside the programme&#39;s dates: {RANGE}" in deadline
    declined = form_post(
        client,
        "/lead/governance/participation",
        {"partner_id": "fenland", "project_id": "tell-us-once", **day_fields(declined_on="9999-01-01")},
    ).get_data(as_text=True)
    assert f"The date it declined 9999-01-01 is outside the programme&#39;s dates: {RANGE}" in declined


def test_pages_that_compute_tolerate_a_bad_date_saved_before_dates_were_checked(app):
    with app.app_context():  # what the unchecked form used to save
        db.session.add(
            Setting(
                key="partner_changes",
                value=json.dumps({"south-cambs": {"status": "withdrawing", "joined": "2010-06-01", "notice_given": "9999-06-01"}}),
            )
        )
        db.session.commit()
    lead = app.test_client()
    sign_in(lead, "lead@cpsn.example")
    for path in (
        "/lead/",
        "/lead/scenarios",
        "/lead/governance",
        "/reports/",
        "/reports/download/statement-of-requirements",
        "/reports/download/pricing-schedule",
        "/reports/download/ocds",
    ):
        assert lead.get(path).status_code == 200, path
    partners = lead.get("/lead/partners/").get_data(as_text=True)
    assert "South Cambridgeshire District Council: notice given on 9999-06-01 is outside the programme&#39;s dates" in partners
    assert "The estimate ignores it until you correct it" in partners
    fixed = form_post(
        lead, "/lead/partners/south-cambs", {"status": "withdrawing", **day_fields(joined="2010-06-01", notice_given="2013-09-30")}
    )
    assert fixed.status_code == 302 and "outside the programme" not in lead.get("/lead/partners/").get_data(as_text=True)
    officer = app.test_client()
    sign_in(officer, "officer@fenland.example")
    assert officer.get("/partners/fenland/votes").status_code == 200


def test_catalogue_check_and_estimate_refuse_an_out_of_range_partner_date(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    path = root / "partners.yml"
    path.write_text(path.read_text().replace("notice_given: 2013-09-30", "notice_given: 9999-06-01"))
    for args in (["catalogue", "check", str(root)], ["estimate", "--catalogue", str(root), "--responses", str(DEMO_RESPONSES)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert re.search(
            rf"partners.yml:39: partner 'south-cambs': notice_given 9999-06-01 is outside the programme's dates: {RANGE}", result.output
        )


def test_scenario_and_withdrawal_dates_are_range_checked():
    result = CliRunner().invoke(main, ["estimate", "--responses", str(DEMO_RESPONSES), "--scenario", "notice:fenland@9999-06-01"])
    assert result.exit_code == 2 and "Traceback" not in result.output and RANGE in result.output
    result = CliRunner().invoke(
        main, ["governance", "withdrawal", "fenland", "--responses", str(DEMO_RESPONSES), "--notice-given", "9999-01-31"]
    )
    assert result.exit_code == 2 and RANGE in result.output


def test_governance_file_dates_are_range_checked(tmp_path):
    from conftest_paths import DEMO_GOVERNANCE

    text = DEMO_GOVERNANCE.read_text()
    opens = re.search(r"opens: (\S+)", text).group(1)
    bad = tmp_path / "governance.yml"
    bad.write_text(text.replace(f"opens: {opens}", "opens: 1066-10-14T09:00:00", 1))
    result = CliRunner().invoke(main, ["governance", "report", "--responses", str(DEMO_RESPONSES), "--governance", str(bad)])
    assert result.exit_code == 1 and "opens 1066-10-14 is outside the programme's dates" in result.output
