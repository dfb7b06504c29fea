"""Control characters are refused in one place, before anything reaches the database (NUL was a 500 on PostgreSQL)."""

from __future__ import annotations

import pytest

from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import PartnerResponse
from web_helpers import csrf_of, form_post, motion_times, sign_in


def test_a_nul_in_the_sign_in_email_is_refused_plainly(client):
    response = sign_in(client, "nul\x00@cpsn.example", "whatever-password")
    assert response.status_code == 400
    assert "The field 'email' contains the control character U+0000" in response.get_data(as_text=True)


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f"])
def test_the_contact_email_refuses_control_characters_and_saves_nothing(app, client, character):
    sign_in(client, "officer@huntingdonshire.example")
    response = form_post(
        client, "/partners/huntingdonshire/organisation", {"contact_name": "Ann", "contact_email": f"ann{character}@hunts.example"}
    )
    assert response.status_code == 400
    assert f"contains the control character U+{ord(character):04X}" in response.get_data(as_text=True)
    with app.app_context():
        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="huntingdonshire")).scalar_one_or_none()
        assert record is None or record.contact_email is None


def test_query_strings_and_url_parts_with_control_characters_are_refused(client):
    sign_in(client, "lead@cpsn.example")
    response = client.get("/lead/audit?partner=a%00b")
    assert response.status_code == 400 and "The query string contains the control character U+0000" in response.get_data(as_text=True)
    officer_page = client.get("/lead/audit?user=x%1by")
    assert officer_page.status_code == 400


def test_a_motion_code_with_nul_in_the_url_is_refused(client):
    sign_in(client, "officer@fenland.example")
    page = client.get("/partners/fenland/votes")
    response = client.post("/partners/fenland/votes/M%00X", data={"csrf_token": csrf_of(page), "choice": "for"})
    assert response.status_code == 400


def test_text_areas_keep_their_line_breaks(app, client):
    """A line break (CR LF from a browser) or a tab in a text area is text, not a control character."""
    sign_in(client, "lead@cpsn.example")
    response = form_post(
        client,
        "/lead/governance",
        {
            "code": "M-LB",
            "project_id": "cpsn",
            "text": "To approve:\r\n1.\tthe award.",
            **motion_times("2029-01-01 09:00", "2029-01-10 17:00"),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        from cpsn_builder.web.models import Motion

        stored = db.session.execute(db.select(Motion).filter_by(code="M-LB")).scalar_one().text
    assert stored.splitlines() == ["To approve:", "1.\tthe award."]
