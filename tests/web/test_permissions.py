"""Every route declares who may use it; partners see only their own answers."""

from __future__ import annotations

import pytest

from cpsn_builder.web.permissions import PUBLIC
from web_helpers import sign_in

USERS = {"lead": "lead@cpsn.example", "cabinet": "cabinet@cpsn.example", "fenland": "officer@fenland.example"}

# path -> the roles that may GET it (others: 404, or a redirect to sign in when signed out)
PAGES = {
    "/partners/fenland/": {"fenland", "lead"},
    "/partners/fenland/organisation": {"fenland"},
    "/partners/fenland/lots": {"fenland"},
    "/partners/fenland/lots/cctv": {"fenland"},
    "/partners/fenland/sites": {"fenland"},
    "/partners/fenland/sites/template.csv": {"fenland"},
    "/partners/fenland/contribution": {"fenland"},
    "/partners/fenland/check": {"fenland", "lead"},
    "/lead/": {"lead"},
    "/lead/partner-years": {"lead"},
    "/lead/scenarios": {"lead"},
    "/lead/audit": {"lead"},
    "/lead/deadline": {"lead"},
    "/lead/users": {"lead"},
    "/lead/outbox": {"lead"},
    "/lead/partners/": {"lead"},
    "/lead/partners/fenland": {"lead"},
    "/reports/": {"lead", "cabinet"},
    "/lead/governance": {"lead", "cabinet"},
    "/lead/governance/participation": {"lead"},
    "/partners/fenland/votes": {"fenland"},
    "/reports/download/cabinet-report": {"lead", "cabinet"},
    "/reports/download/cabinet-report/fenland": {"lead", "cabinet"},
    "/reports/download/statement-of-requirements": {"lead"},
    "/reports/download/pricing-schedule": {"lead"},
    "/reports/download/ocds": {"lead"},
    "/reports/download/demand": {"lead"},
}


def test_every_route_declares_who_may_use_it(app):
    undeclared = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and getattr(app.view_functions[rule.endpoint], "allowed_roles", None) is None
    ]
    assert undeclared == []


@pytest.mark.parametrize("who", [None, "lead", "cabinet", "fenland"])
def test_permission_matrix(client, who):
    if who:
        assert sign_in(client, USERS[who]).status_code == 302
    for path, allowed in PAGES.items():
        status = client.get(path).status_code
        if who is None:
            assert status == 302, path
        elif who in allowed:
            assert status == 200, (who, path, status)
        else:
            assert status == 404, (who, path, status)


def test_another_partners_answers_answer_404(client):
    sign_in(client, USERS["fenland"])
    for path in (
        "/partners/cambs-county/",
        "/partners/cambs-county/lots",
        "/partners/cambs-county/check",
        "/partners/cambs-county/sites",
        "/partners/no-such-partner/",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post("/partners/cambs-county/organisation", data={"contact_name": "x"}).status_code in (400, 404)


def test_public_pages(client):
    assert client.get("/sign-in").status_code == 200
    assert client.get("/accessibility").status_code == 200
    assert client.get("/").status_code == 302


def test_sign_in_does_not_say_whether_an_email_has_an_account(client):
    unknown = sign_in(client, "nobody@nowhere.example", "whatever-password")
    wrong = sign_in(client, "lead@cpsn.example", "wrong-password")
    assert unknown.status_code == wrong.status_code == 401
    message = "The email address or password is not right."
    assert message in unknown.get_data(as_text=True) and message in wrong.get_data(as_text=True)


def test_public_marker_is_explicit(app):
    public = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and PUBLIC in app.view_functions[rule.endpoint].allowed_roles
    }
    # the email links: asking for a password link, and setting a password with one (the link's secret proves who)
    assert public == {
        "/",
        "/sign-in",
        "/accessibility",
        "/privacy",
        "/cookies",
        "/assets/<path:filename>",
        "/healthz",
        "/forgot-password",
        "/set-password/<token>",
    }


def test_only_the_partners_own_officers_submit_its_questionnaire(app, client):
    from cpsn_builder.web.extensions import db
    from cpsn_builder.web.models import AuditEvent, PartnerResponse
    from web_helpers import csrf_of, form_post

    sign_in(client, USERS["lead"])
    client.post("/lead/partners/fenland/reopen", data={"csrf_token": csrf_of(client.get("/lead/")), "version": "1"})
    page = client.get("/partners/fenland/check")
    assert page.status_code == 200 and "Submit answers" not in page.get_data(as_text=True)
    with app.app_context():
        version = db.session.execute(db.select(PartnerResponse.version).filter_by(partner_id="fenland")).scalar()
    response = client.post("/partners/fenland/check", data={"csrf_token": csrf_of(client.get("/sign-out")), "version": str(version)})
    assert response.status_code == 404
    with app.app_context():
        assert db.session.execute(db.select(PartnerResponse.status).filter_by(partner_id="fenland")).scalar() == "draft"
        assert not db.session.execute(db.select(AuditEvent).filter_by(partner_id="fenland", new_value="submitted")).first()
    officer = app.test_client()
    sign_in(officer, USERS["fenland"])
    assert form_post(officer, "/partners/fenland/check", {}).status_code == 302
    with app.app_context():
        assert db.session.execute(db.select(PartnerResponse.status).filter_by(partner_id="fenland")).scalar() == "submitted"
