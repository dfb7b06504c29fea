"""Sessions end on the server: a copied cookie stops working after sign-out, a new password, disabling or removal."""

from __future__ import annotations

from click.testing import CliRunner

from cpsn_builder.cli import main
from web_helpers import csrf_of, sign_in


def _signed_in(app, email):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def _cookie(client) -> str:
    return client.get_cookie("session").value


def _with_cookie(app, cookie):
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief


def test_a_cookie_saved_before_sign_out_no_longer_opens_the_dashboard(app):
    lead = _signed_in(app, "lead@cpsn.example")
    saved = _cookie(lead)
    other_device = _signed_in(app, "lead@cpsn.example")
    assert _with_cookie(app, saved).get("/lead/").status_code == 200
    lead.post("/sign-out", data={"csrf_token": csrf_of(lead.get("/sign-out"))})
    assert _with_cookie(app, saved).get("/lead/").status_code == 302  # to sign-in
    assert other_device.get("/lead/").status_code == 302  # sign-out ends every session of the account


def test_reset_password_disable_and_remove_from_the_command_line_end_sessions(app, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    runner = CliRunner()
    officer = _signed_in(app, "officer@fenland.example")
    saved = _cookie(officer)
    result = runner.invoke(main, ["users", "reset-password", "officer@fenland.example", "--password", "a-brand-new-password"])
    assert result.exit_code == 0, result.output
    assert _with_cookie(app, saved).get("/partners/fenland/").status_code == 302

    county = app.test_client()
    assert sign_in(county, "officer@cambs-county.example").status_code == 302
    assert runner.invoke(main, ["users", "disable", "officer@cambs-county.example"]).exit_code == 0
    assert county.get("/partners/cambs-county/").status_code == 302
    assert sign_in(app.test_client(), "officer@cambs-county.example").status_code == 401  # cannot sign in again
    assert "disabled" in runner.invoke(main, ["users", "list"]).output

    cabinet = _signed_in(app, "cabinet@cpsn.example")
    assert runner.invoke(main, ["users", "remove", "cabinet@cpsn.example"]).exit_code == 0
    assert cabinet.get("/reports/").status_code == 302
    assert "cabinet@cpsn.example" not in runner.invoke(main, ["users", "list"]).output
    assert "no user with the email nobody@x.example" in runner.invoke(main, ["users", "remove", "nobody@x.example"]).output


def test_the_lead_disables_and_removes_users_on_the_users_page(app):
    lead = _signed_in(app, "lead@cpsn.example")
    officer = _signed_in(app, "officer@fenland.example")
    page = lead.get("/lead/users").get_data(as_text=True)
    assert 'Disable<span class="govuk-visually-hidden"> officer@fenland.example' in page
    from cpsn_builder.web.extensions import db
    from cpsn_builder.web.models import User

    with app.app_context():
        ids = {u.email: u.id for u in db.session.execute(db.select(User)).scalars()}
    done = lead.post(f"/lead/users/{ids['officer@fenland.example']}/disable", data={"csrf_token": csrf_of(lead.get("/lead/users"))})
    assert done.status_code == 302
    assert "officer@fenland.example is disabled" in lead.get("/lead/users").get_data(as_text=True)
    assert officer.get("/partners/fenland/").status_code == 302
    lead.post(f"/lead/users/{ids['officer@fenland.example']}/remove", data={"csrf_token": csrf_of(lead.get("/lead/users"))})
    assert "officer@fenland.example" not in lead.get("/lead/users").get_data(as_text=True).split('id="users"')[1].split("</table>")[0]
    own = lead.post(f"/lead/users/{ids['lead@cpsn.example']}/remove", data={"csrf_token": csrf_of(lead.get("/lead/users"))})
    assert own.status_code == 302 and "You cannot disable or remove your own account" in lead.get("/lead/users").get_data(as_text=True)
