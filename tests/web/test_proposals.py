"""A partner proposes its own requirement; the lead accepts, merges or declines; the partner sees why."""

from __future__ import annotations

import html
import io
import re

import docx
import pytest

from web_helpers import csrf_of, form_post, page_text, sign_in

OFFICER, LEAD = "officer@fenland.example", "lead@cpsn.example"
MINE = "/partners/fenland/requirements"


def propose(client, **overrides):
    data = {
        "lot": "cctv",
        "text": "Cameras at the March depot shall record at night.",
        "priority": "Should",
        "why": "Break-ins at the depot after dark.",
        **overrides,
    }
    return form_post(client, f"{MINE}/new", data)


def switch(client, email):
    client.post("/sign-out", data={"csrf_token": csrf_of(client.get("/sign-out"))})
    assert sign_in(client, email).status_code == 302


def test_accepted_proposal_becomes_a_clause_for_that_partner(client):
    sign_in(client, OFFICER)
    sent = propose(client)
    assert sent.status_code == 302
    assert "Waiting for a decision" in page_text(client.get(MINE))
    switch(client, LEAD)
    listed = client.get("/lead/requirements/proposals")
    link = re.search(r'href="(/lead/requirements/proposals/\d+)">Fenland District Council', listed.get_data(as_text=True))
    assert link, listed.get_data(as_text=True)
    decided = form_post(
        client,
        link.group(1),
        {"decision": "accept", "priority": "Must", "text": "The supplier shall provide night-time recording at the March depot."},
    )
    assert decided.status_code == 302
    sor = docx.Document(io.BytesIO(client.get("/reports/download/statement-of-requirements").data))
    rows = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for t in sor.tables for r in t.rows if len(r.cells) == 3}
    assert rows["CCTV-101"] == (
        "The supplier shall provide night-time recording at the March depot. (This requirement applies to Fenland District Council only.)",
        "Must",
    )
    switch(client, OFFICER)
    assert "Added to the statement of requirements as CCTV-101, for your organisation." in page_text(client.get(MINE))


def test_declined_and_merged_proposals_say_why(client):
    sign_in(client, OFFICER)
    propose(client)
    propose(client, text="All cameras shall be on the network.")
    switch(client, LEAD)
    links = re.findall(r'href="(/lead/requirements/proposals/\d+)"', client.get("/lead/requirements/proposals").get_data(as_text=True))
    refused = form_post(client, links[0], {"decision": "decline"})
    assert refused.status_code == 200 and "Enter the reason the partner will see" in page_text(refused)
    missing = form_post(client, links[1], {"decision": "merge", "reason": "Covered already."})
    assert "Choose the requirement that covers it" in page_text(missing)
    assert (
        form_post(client, links[0], {"decision": "decline", "reason": "The depot is outside the partnership's CCTV scope."}).status_code
        == 302
    )
    assert (
        form_post(
            client, links[1], {"decision": "merge", "clause": "CCTV-001", "reason": "CCTV-001 already connects every camera."}
        ).status_code
        == 302
    )
    switch(client, OFFICER)
    page = page_text(client.get(MINE))
    assert "Declined: The depot is outside the partnership's CCTV scope." in page
    assert "Covered by requirement CCTV-001: CCTV-001 already connects every camera." in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": ""}, "Enter your requirement"),
        ({"why": ""}, "Enter why you need it"),
        ({"lot": "wan_internal"}, "Not a valid choice"),  # Fenland did not choose this lot
        ({"text": "Connect {{ demand.nothing }} cameras."}, "Your requirement uses 'demand.nothing', which is not a figure it can quote"),
    ],
)
def test_a_bad_proposal_is_refused_on_its_field(client, overrides, message):
    sign_in(client, OFFICER)
    response = propose(client, **overrides)
    assert response.status_code == 200 and message in page_text(response), page_text(response)[-1500:]
    assert "Waiting for a decision" not in page_text(client.get(MINE))


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("officer@cambs-county.example", MINE),
        ("officer@cambs-county.example", f"{MINE}/new"),
        ("cabinet@cpsn.example", MINE),
        ("cabinet@cpsn.example", "/lead/requirements/proposals"),
        (OFFICER, "/lead/requirements/proposals"),
    ],
)
def test_proposals_are_seen_only_by_their_partner_and_the_lead(client, who, path):
    sign_in(client, who)
    assert client.get(path).status_code == 404


def test_a_lot_page_of_the_questionnaire_leads_to_a_proposal_for_that_lot(client):
    sign_in(client, OFFICER)
    page = client.get("/partners/fenland/lots/cctv").get_data(as_text=True)
    link = re.search(r'href="(/partners/fenland/requirements/new\?lot=cctv)"', page)
    assert link, page[-3000:]
    form = client.get(html.unescape(link.group(1))).get_data(as_text=True)
    assert re.search(r'value="cctv"\s+checked|checked\s+value="cctv"|value="cctv" checked', form) or re.search(
        r'<input[^>]*value="cctv"[^>]*checked', form
    ), form[-3000:]
