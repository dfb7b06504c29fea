"""Cabinet sees submitted answers only unless the lead includes drafts; every figure page says which, and as at when."""

from __future__ import annotations

import io
import re

from docx import Document

from cpsn_builder.web.clock import london
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import AuditEvent, PartnerResponse
from web_helpers import csrf_of, form_post, sign_in

FENLAND = "Fenland District Council"


def partner_rows(html: str) -> str:
    return html.split('id="partner-figures"')[1].split("</table>")[0]


def test_cabinet_figures_leave_out_a_reopened_partner_and_say_so(app):
    cabinet, lead, officer = app.test_client(), app.test_client(), app.test_client()
    sign_in(cabinet, "cabinet@cpsn.example")
    sign_in(lead, "lead@cpsn.example")
    before = cabinet.get("/reports/").get_data(as_text=True)
    assert FENLAND in partner_rows(before) and "Figures include submitted answers only" in before
    contract_before = re.search(r'id="figure-contract-value">([^<]+)<', before).group(1)

    confirm = lead.get("/lead/partners/fenland/reopen").get_data(as_text=True)
    assert "leave Fenland District Council out" in confirm
    assert form_post(lead, "/lead/partners/fenland/reopen", {}).status_code == 302
    sign_in(officer, "officer@fenland.example")
    assert (
        form_post(officer, "/partners/fenland/lots/cctv", {"cameras": "0", "control_rooms": "1", "transmission": "any"}).status_code == 302
    )

    during = cabinet.get("/reports/").get_data(as_text=True)
    assert FENLAND not in partner_rows(during)
    assert f"draft answers from {FENLAND} are left out until submitted" in during
    assert re.search(r'id="figure-contract-value">([^<]+)<', during).group(1) != contract_before
    with app.app_context():
        latest = db.session.execute(
            db.select(db.func.max(PartnerResponse.updated_at)).filter(PartnerResponse.status == "submitted")
        ).scalar()
    assert f"As at {london(latest, '%-d %B %Y %H:%M')} (UK time)" in during
    dashboard = lead.get("/lead/").get_data(as_text=True)
    assert f"draft answers from {FENLAND} are left out" in dashboard and FENLAND not in partner_rows(dashboard)
    assert "Fenland" not in lead.get("/reports/download/demand").get_data(as_text=True)  # the documents count the same answers
    # ...and say so: the cabinet report's figures paragraph names the draft left out.
    report = Document(io.BytesIO(cabinet.get("/reports/download/cabinet-report").data))
    assert any(f"draft answers from {FENLAND} are left out until submitted" in p.text for p in report.paragraphs)

    page = lead.get("/lead/")
    assert lead.post("/lead/figures-basis", data={"csrf_token": csrf_of(page), "basis": "drafts"}).status_code == 302
    included = cabinet.get("/reports/").get_data(as_text=True)
    assert FENLAND in partner_rows(included), re.search(r"Figures include[^<]*", included).group(0)
    assert f"Figures include drafts: 6 partners&#39; answers, submitted or not (drafts from {FENLAND})" in included
    assert "fenland" in lead.get("/reports/download/demand").get_data(as_text=True)
    with app.app_context():
        [choice] = db.session.execute(db.select(AuditEvent).filter_by(field="figures_basis")).scalars()
        assert (choice.old_value, choice.new_value) == ("Submitted answers only", "Submitted answers and drafts")


def test_only_the_lead_chooses_and_a_bad_choice_changes_nothing(app):
    cabinet = app.test_client()
    sign_in(cabinet, "cabinet@cpsn.example")
    token = csrf_of(cabinet.get("/sign-out"))
    assert cabinet.post("/lead/figures-basis", data={"csrf_token": token, "basis": "drafts"}).status_code == 404
    lead = app.test_client()
    sign_in(lead, "lead@cpsn.example")
    lead.post("/lead/figures-basis", data={"csrf_token": csrf_of(lead.get("/lead/")), "basis": "everything"})
    assert "Figures include submitted answers only" in lead.get("/lead/").get_data(as_text=True)
