"""Actions that cannot be undone ask first; a deadline in the past is refused; a vote with no choice is a GOV.UK error."""

from __future__ import annotations

from datetime import datetime, timedelta

from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import Motion, PartnerResponse, Setting, Vote
from web_helpers import csrf_of, deadline_fields, form_post, sign_in


def status_of(app, partner_id: str) -> str:
    with app.app_context():
        return db.session.execute(db.select(PartnerResponse.status).filter_by(partner_id=partner_id)).scalar()


def test_reopen_asks_first_and_the_dashboard_only_links_to_the_question(app, client):
    sign_in(client, "lead@cpsn.example")
    dashboard = client.get("/lead/").get_data(as_text=True)
    assert 'href="/lead/partners/fenland/reopen"' in dashboard and 'action="/lead/partners/fenland/reopen"' not in dashboard
    confirm = client.get("/lead/partners/fenland/reopen").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Reopen Fenland District Council\'s answers</h1>' in confirm and "Cancel" in confirm
    assert status_of(app, "fenland") == "submitted"  # looking at the question changes nothing
    assert form_post(client, "/lead/partners/fenland/reopen", {}).status_code == 302
    assert status_of(app, "fenland") == "draft"
    again = client.get("/lead/partners/fenland/reopen")
    assert again.status_code == 302 and "nothing to reopen" in client.get(again.headers["Location"]).get_data(as_text=True)


def test_deadline_in_the_past_is_refused_and_a_future_one_saved(app, client):
    sign_in(client, "lead@cpsn.example")
    page = client.get("/lead/deadline").get_data(as_text=True)
    assert 'id="deadline-day"' in page and 'id="deadline-time"' in page and "There is no deadline now" in page
    yesterday = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%d 17:00")
    refused = form_post(client, "/lead/deadline", deadline_fields(yesterday))
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "The deadline must be in the future" in html
    assert 'href="#deadline-day"' in html and "govuk-error-message" in html and html.count("govuk-input--error") == 4
    with app.app_context():
        assert db.session.get(Setting, "deadline") is None
    for fields, message, target in (
        (dict(deadline_fields("2031-02-30 17:00")), "The deadline must be a real date", "#deadline-day"),
        ({**deadline_fields("2031-01-31 17:00"), "deadline-year": ""}, "The deadline must include a year", "#deadline-year"),
        ({**deadline_fields("2031-01-31 17:00"), "deadline-time": "teatime"}, "Enter a real time for the deadline", "#deadline-time"),
        ({**deadline_fields("2031-01-31 17:00"), "deadline-time": ""}, "Enter the time for the deadline, like 17:00", "#deadline-time"),
    ):
        html = form_post(client, "/lead/deadline", fields).get_data(as_text=True)
        assert message in html and f'href="{target}"' in html, message
    saved = form_post(client, "/lead/deadline", {**deadline_fields("2031-01-31 17:00"), "deadline-time": "5pm"})
    assert saved.status_code == 302
    assert "Deadline saved: 31 January 2031 at 17:00 (UK time)" in client.get(saved.headers["Location"]).get_data(as_text=True)
    assert form_post(client, "/lead/deadline", {f"deadline-{p}": "" for p in ("day", "month", "year", "time")}).status_code == 302
    with app.app_context():
        assert db.session.get(Setting, "deadline").value is None


def open_motion(app, code="M-CONF"):
    with app.app_context():
        now = datetime.utcnow()
        db.session.add(
            Motion(
                code=code, project_id="cpsn", text="Award the contract.", opens=now - timedelta(hours=1), closes=now + timedelta(hours=48)
            )
        )
        db.session.commit()


def votes_on(app, code="M-CONF"):
    with app.app_context():
        return [(v.partner_id, v.choice) for v in db.session.execute(db.select(Vote).join(Motion).filter(Motion.code == code)).scalars()]


def test_a_vote_without_a_choice_is_an_error_on_the_page_and_a_choice_asks_to_confirm(app, client):
    open_motion(app)
    sign_in(client, "officer@fenland.example")
    page = client.get("/partners/fenland/votes")
    token = csrf_of(page)
    empty = client.post("/partners/fenland/votes/M-CONF", data={"csrf_token": token})
    html = empty.get_data(as_text=True)
    assert empty.status_code == 200 and "<title>Error: " in html
    assert "govuk-error-summary" in html and 'href="#choice-M-CONF-for"' in html and "Select for, against or abstain" in html
    assert 'class="govuk-error-message"' in html and "govuk-notification-banner" not in html
    confirm = client.post("/partners/fenland/votes/M-CONF", data={"csrf_token": token, "choice": "against"}).get_data(as_text=True)
    assert "Confirm your organisation's vote" in confirm and "Against" in confirm and "cannot be changed or withdrawn" in confirm
    assert votes_on(app) == []  # choosing is not yet voting
    cast = client.post("/partners/fenland/votes/M-CONF", data={"csrf_token": token, "choice": "against", "confirm": "yes"})
    assert cast.status_code == 302 and votes_on(app) == [("fenland", "against")]
    assert "Your organisation voted <strong>against</strong>" in client.get(cast.headers["Location"]).get_data(as_text=True)
