"""What an officer notices on the questionnaire: GOV.UK messages, contradictions refused, check answers
built from the catalogue, confirmations before declining or removing, and the task list."""

from __future__ import annotations

import io
import re

from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import PartnerResponse
from web_helpers import csrf_of, deadline_fields, form_post, sign_in, version_of

OFFICER = "officer@huntingdonshire.example"
BASE = "/partners/huntingdonshire"
WAN = {"broadband_sites": "20", "sites_10m": "10", "sites_100m": "5", "sites_1g": "1", "core_links": "0"}


def start(client, lots=("cctv",)):
    sign_in(client, OFFICER)
    form_post(client, f"{BASE}/lots", {"participation": "yes", "lots": list(lots)})


def stored(app):
    with app.app_context():
        found = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="huntingdonshire")).scalar_one()
        list(found.sites)
        return found


def text(response) -> str:
    return response.get_data(as_text=True)


def test_number_messages_are_short_and_say_what_to_type(client):
    start(client)
    page = text(form_post(client, f"{BASE}/lots/cctv", {"cameras": "twelve", "control_rooms": "1E+3"}))
    assert "Enter the number of cameras as a whole number, like 12" in page
    assert "Enter the number of control room links as a whole number, like 12" in page  # not read as 1,000
    assert "twelve" not in page.split("govuk-error-summary")[1].split("</div>")[0]  # the message does not echo the input
    page = text(form_post(client, f"{BASE}/lots/cctv", {"cameras": "1,200", "control_rooms": "21"}))
    assert "Number of control room links must be 20 or fewer" in page
    assert "A whole number from 0 to 20." in page  # the limit is in the hint
    assert re.search(r'class="govuk-input__suffix"[^>]*>\s*links', page)  # the unit is a suffix, not "(links)" in the label
    refused = text(form_post(client, f"{BASE}/check", {}))
    assert "CCTV transmission: Enter the number of cameras" in refused
    assert "CCTV transmission: Select the preferred transmission" in refused


def test_a_follow_up_that_no_longer_applies_is_not_kept(app, client):
    start(client, ("wan",))
    assert form_post(client, f"{BASE}/lots/wan", {**WAN, "resilient_sites": "50"}).status_code == 302  # box not ticked
    assert "resilient_sites" not in stored(app).answers["wan"]
    check = text(client.get(f"{BASE}/check"))
    assert "How many sites need a resilient second circuit?" not in check  # a question that does not apply is not shown


def test_more_resilient_circuits_than_sites_is_refused_on_save_and_at_submit(app, client):
    start(client, ("wan",))
    page = text(form_post(client, f"{BASE}/lots/wan", {**WAN, "needs_resilience": "y", "resilient_sites": "500"}))
    assert "Number of resilient circuits must be 36 or fewer, the number of sites you gave" in page
    assert "resilient_sites" not in stored(app).answers.get("wan", {})
    assert form_post(client, f"{BASE}/lots/wan", {**WAN, "needs_resilience": "y", "resilient_sites": "30"}).status_code == 302
    # A draft answered in two goes: fewer sites later (allowed while the follow-up is left as it was) is caught at submit.
    with app.app_context():
        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="huntingdonshire")).scalar_one()
        record.answers = {"wan": {**record.answers["wan"], "broadband_sites": "2"}}
        db.session.commit()
    refused = text(form_post(client, f"{BASE}/check", {}))
    assert "Number of resilient circuits must be 18 or fewer, the number of sites you gave" in refused
    assert 'href="/partners/huntingdonshire/lots/wan#resilient_sites"' in refused
    assert stored(app).status == "draft"


def test_check_answers_formats_every_value_and_links_back(app, client):
    start(client, ("cctv", "telephony"))
    form_post(
        client,
        f"{BASE}/organisation",
        {"contact_name": "Chris Hall", "contact_email": "chris@hunts.example", "contact_phone": "01480388388"},
    )
    form_post(client, f"{BASE}/lots/cctv", {"cameras": "1", "control_rooms": "1", "transmission": "fibre", "current_spend": "85000"})
    form_post(
        client,
        f"{BASE}/lots/telephony",
        {
            "analogue_lines": "140",
            "sip_channels": "120",
            "uk_minutes": "1400000",
            "mobile_minutes": "1",
            "international_minutes": "0",
            "number_porting": "keep",
        },
    )
    form_post(client, f"{BASE}/contribution", {"max_contribution": "40000.50"})
    for name in ("Pathfinder House", "Eastfield House"):
        form_post(client, f"{BASE}/sites", {"name": name, "postcode": "PE29 3TN", "service_line": "camera_circuit"})
    page = text(client.get(f"{BASE}/check"))
    for shown in (
        "Fibre wherever possible",
        "Keep (port) all existing numbers",
        "1 camera",
        "1 link",
        "1,400,000 minutes",
        "£85,000",
        "£40,000.50",
        "01480 388388",
        "2 sites",
        "Pathfinder House, PE29 3TN (Camera transmission circuit)",
    ):
        assert shown in page, shown
    assert "How many SIP channels?" not in page  # the SIP box is unticked, so its count does not apply
    assert "£85000" not in page and "1 links" not in page
    assert f'href="{BASE}/lots/cctv?return=check#cameras"' in page
    back = form_post(client, f"{BASE}/lots/cctv?return=check", {"cameras": "3", "control_rooms": "1", "transmission": "fibre"})
    assert back.headers["Location"].endswith(f"{BASE}/check#summary-lot-cctv")


def test_contact_details_are_checked(app, client):
    start(client)
    page = text(client.get(f"{BASE}/organisation"))
    assert re.search(r'<input[^>]+id="contact_email"[^>]+type="email"|<input[^>]+type="email"[^>]+id="contact_email"', page)
    assert re.search(r'type="tel"', page)
    refused = text(
        form_post(client, f"{BASE}/organisation", {"contact_name": "A", "contact_email": "not an email", "contact_phone": "call me maybe"})
    )
    assert "Enter an email address in the correct format, like name@council.gov.uk" in refused
    assert "Enter a telephone number, like 01480 388388" in refused
    assert stored(app).contact_phone is None
    form_post(client, f"{BASE}/organisation", {"contact_name": "A", "contact_email": "a@hunts.example", "contact_phone": "+441480388388"})
    assert stored(app).contact_phone == "01480 388388"


def test_the_contribution_is_bounded_and_for_the_whole_term(app, client):
    start(client)
    page = text(client.get(f"{BASE}/contribution"))
    assert "One amount for the whole 5-year contract term, not a year. Up to £210,000." in page
    refused = text(form_post(client, f"{BASE}/contribution", {"max_contribution": "999,999,999"}))
    assert "The maximum contribution must be £210,000 or less" in refused
    assert stored(app).max_contribution is None
    assert form_post(client, f"{BASE}/contribution", {"max_contribution": "£12,500.50"}).status_code == 302
    assert str(stored(app).max_contribution) == "12500.50"


def test_declining_with_lots_chosen_asks_first(app, client):
    start(client, ("cctv", "wan"))
    asked = form_post(client, f"{BASE}/lots", {"participation": "no", "lots": ["cctv", "wan"]})
    page = text(asked)
    assert asked.status_code == 200 and "Are you sure you want to decline the project?" in page
    assert "CCTV transmission" in page and "Data access and wide area network" in page
    assert stored(app).lots == ["wan", "cctv"] and not stored(app).declined  # nothing dropped yet
    confirmed = client.post(
        f"{BASE}/lots", data={"csrf_token": csrf_of(asked), "version": version_of(asked), "participation": "no", "confirm_decline": "yes"}
    )
    assert confirmed.status_code == 302
    assert stored(app).declined is True and stored(app).lots == []


def test_sites_every_error_at_once_duplicates_refused_and_ids_listed(app, client):
    start(client, ("wan", "cctv"))
    page = text(form_post(client, f"{BASE}/sites", {"name": "", "postcode": "XX", "service_line": ""}))
    assert "Enter the site name" in page and "Enter a real postcode, like CB3 0AP" in page and "Select the service the site needs" in page
    assert (
        form_post(client, f"{BASE}/sites", {"name": "Pathfinder House", "postcode": "pe29 3tn", "service_line": "eth_1g"}).status_code
        == 302
    )
    again = text(form_post(client, f"{BASE}/sites", {"name": "pathfinder  house", "postcode": "PE29 3TN", "service_line": "eth_100m"}))
    assert "pathfinder  house at PE29 3TN is already in your list of sites" in again
    assert len(stored(app).sites) == 1
    listing = text(client.get(f"{BASE}/sites"))
    assert "<code>eth_1g</code>" in listing and "1 Gbps Ethernet circuit" in listing and "<code>camera_circuit</code>" in listing
    assert "Your sites: 1 site" in listing

    page = client.get(f"{BASE}/sites")
    csv = "name,postcode,service_line\nDepot,PE27 5BW,camera_circuit\nDepot,pe275bw,eth_1g\n"
    uploaded = client.post(
        f"{BASE}/sites/upload",
        data={"csrf_token": csrf_of(page), "version": version_of(page), "file": (io.BytesIO(csv.encode()), "sites.csv")},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 400
    assert "Line 3, column name: Depot at PE27 5BW is already in your list of sites" in text(uploaded)
    assert "govuk-file-upload--error" in text(uploaded) or 'id="file-error"' in text(uploaded)


def test_task_list_follows_the_gov_uk_pattern(app, client):
    lead = app.test_client()
    sign_in(lead, "lead@cpsn.example")
    form_post(lead, "/lead/deadline", deadline_fields("2030-01-31 17:00"))
    sign_in(client, OFFICER)
    page = text(client.get(f"{BASE}/"))
    assert "Submit your answers by <strong>31 January 2030 at 17:00</strong>" in page
    cannot = re.findall(r'<li class="govuk-task-list__item[^"]*">(.*?)</li>', page, re.S)
    check_row = next(row for row in cannot if "Check answers and submit" in row)
    assert "Cannot start yet" in check_row and "<a " not in check_row and "govuk-task-list__status--cannot-start-yet" in check_row
    assert "Not yet started" in page
