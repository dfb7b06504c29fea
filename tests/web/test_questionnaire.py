"""The questionnaire's rules: messages for bad input, drafts, version checks, sites, deadline, audit."""

from __future__ import annotations

import io

from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import AuditEvent, PartnerResponse, Setting
from web_helpers import csrf_of, deadline_fields, form_post, sign_in, version_of

OFFICER = "officer@huntingdonshire.example"
BASE = "/partners/huntingdonshire"


def start(client, lots=("cctv",)):
    sign_in(client, OFFICER)
    form_post(client, f"{BASE}/lots", {"participation": "yes", "lots": list(lots)})


def record(app, partner="huntingdonshire"):
    with app.app_context():
        found = db.session.execute(db.select(PartnerResponse).filter_by(partner_id=partner)).scalar_one()
        list(found.sites)  # load before the session closes
        return found


def test_bad_answers_get_an_error_summary_linking_to_the_field_and_save_nothing(app, client):
    start(client)
    cases = {
        "cameras": ("-4", "Number of cameras must be 0 or more"),
        "control_rooms": ("two", "Enter the number of control room links as a whole number, like 12"),
    }
    page = form_post(client, f"{BASE}/lots/cctv", {"cameras": "-4", "control_rooms": "two", "transmission": "fibre", "current_spend": "-5"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "There is a problem" in html
    for field, (_, message) in cases.items():
        assert message in html
        assert f'href="#{field}"' in html
    assert "Current annual spend must be £0 or more" in html
    assert record(app).answers == {}


def test_over_a_limit_and_too_long(client):
    start(client, ("wan", "cctv"))
    html = form_post(client, f"{BASE}/lots/cctv", {"cameras": "5000001", "control_rooms": "1"}).get_data(as_text=True)
    assert "Number of cameras must be 5,000 or fewer" in html
    assert "A whole number from 0 to 5,000." in html  # the limit is in the hint before anyone trips over it
    html = form_post(client, f"{BASE}/lots/wan", {"access_notes": "x" * 2001}).get_data(as_text=True)
    assert "The access or wayleave constraints must be 2,000 characters or fewer" in html
    html = form_post(client, f"{BASE}/organisation", {"contact_name": "x" * 201}).get_data(as_text=True)
    assert "Contact name must be 200 characters or fewer" in html


def test_a_draft_may_be_partial_but_submit_needs_everything(app, client):
    start(client)
    assert form_post(client, f"{BASE}/lots/cctv", {"cameras": "12"}).status_code == 302
    assert record(app).answers == {"cctv": {"cameras": "12"}}
    tasks = client.get(f"{BASE}/").get_data(as_text=True)
    assert "In progress" in tasks
    refused = form_post(client, f"{BASE}/check", {})
    html = refused.get_data(as_text=True)
    assert "You cannot submit yet" in html and "CCTV transmission: Enter the number of control room links" in html
    assert 'href="/partners/huntingdonshire/lots/cctv#control_rooms"' in html
    assert record(app).status == "draft"


def test_two_officers_editing_at_once_the_stale_save_is_refused(app, client):
    start(client)
    other = app.test_client()
    sign_in(other, OFFICER)
    mine = client.get(f"{BASE}/lots/cctv")
    theirs = other.get(f"{BASE}/lots/cctv")
    data = {"control_rooms": "1", "transmission": "fibre"}
    assert (
        other.post(
            f"{BASE}/lots/cctv", data={**data, "cameras": "20", "csrf_token": csrf_of(theirs), "version": version_of(theirs)}
        ).status_code
        == 302
    )
    stale = client.post(f"{BASE}/lots/cctv", data={**data, "cameras": "99", "csrf_token": csrf_of(mine), "version": version_of(mine)})
    assert stale.status_code == 302
    page = client.get(stale.headers["Location"]).get_data(as_text=True)
    assert "Someone else in your organisation saved these answers" in page
    assert 'value="20"' in page  # the current answers, to check before changing again
    assert record(app).answers["cctv"]["cameras"] == "20"


def test_sites_one_by_one(app, client):
    start(client)
    assert (
        form_post(
            client, f"{BASE}/sites", {"name": "Pathfinder House", "postcode": "pe293tn", "service_line": "camera_circuit", "save": "1"}
        ).status_code
        == 302
    )
    saved = record(app).sites
    assert [(s.name, s.postcode) for s in saved] == [("Pathfinder House", "PE29 3TN")]
    site_id = saved[0].id
    assert (
        form_post(
            client,
            f"{BASE}/sites/{site_id}/edit",
            {"name": "Pathfinder House (annexe)", "postcode": "PE29 3TN", "service_line": "camera_circuit"},
        ).status_code
        == 302
    )
    assert record(app).sites[0].name == "Pathfinder House (annexe)"
    bad = form_post(client, f"{BASE}/sites", {"name": "Nowhere", "postcode": "ZZ", "service_line": "camera_circuit", "save": "1"})
    assert "Enter a real postcode, like CB3 0AP" in bad.get_data(as_text=True)
    confirm = client.get(f"{BASE}/sites/{site_id}/remove")  # removing asks first
    assert "Are you sure you want to remove Pathfinder House (annexe)?" in confirm.get_data(as_text=True)
    assert len(record(app).sites) == 1
    client.post(f"{BASE}/sites/{site_id}/remove", data={"csrf_token": csrf_of(confirm), "version": version_of(confirm)})
    assert record(app).sites == []


def upload(client, text: str | bytes, name="sites.csv"):
    page = client.get(f"{BASE}/sites")
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        f"{BASE}/sites/upload",
        data={"csrf_token": csrf_of(page), "version": version_of(page), "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_csv_upload_good_bad_mixed_and_huge(app, client):
    start(client, ("wan", "cctv"))
    good = "name,postcode,service_line,notes\nPathfinder House,PE29 3TN,camera_circuit,\nEastfield House,pe29 1bh,eth_100m,ground floor\n"
    assert upload(client, good).status_code == 302
    assert len(record(app).sites) == 2
    template = client.get(f"{BASE}/sites/template.csv").get_data(as_text=True)
    assert "Eastfield House,PE29 1BH,eth_100m,ground floor" in template

    mixed = "name,postcode,service_line\nGood Site,PE29 3TN,camera_circuit\n,PE29 3TN,camera_circuit\nBad Postcode,XX,camera_circuit\nWrong Line,PE29 3TN,uc_seat\n"
    response = upload(client, mixed)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "nothing was saved" in html
    assert "Line 3, column name: Enter the site name" in html
    assert "Line 4, column postcode: Enter a real postcode, like CB3 0AP" in html
    assert "Line 5, column service_line: &#39;uc_seat&#39; is a service line of IP telephony" in html
    assert "The file has 3 errors, listed at the top of the page" in html  # on the file field itself
    assert "govuk-file-upload--error" in html or "govuk-form-group--error" in html
    assert len(record(app).sites) == 2  # the good line was not saved either

    assert "the header row must name the columns" in upload(client, "site,where\nA,B\n").get_data(as_text=True)
    assert "not UTF-8" in upload(client, "name,postcode,service_line\nCaf\xe9,PE29 3TN,camera_circuit\n".encode("latin-1")).get_data(
        as_text=True
    )
    assert "must be a CSV file" in upload(client, good, name="sites.xlsx").get_data(as_text=True)
    huge = upload(client, "name,postcode,service_line\n" + "A site,PE29 3TN,camera_circuit\n" * 120_000)
    assert huge.status_code == 413 and "The file is too large" in huge.get_data(as_text=True)
    assert len(record(app).sites) == 2


def test_submitted_answers_are_read_only_until_reopened(app, client):
    start(client)
    form_post(client, f"{BASE}/organisation", {"contact_name": "A", "contact_email": "a@hunts.example"})
    form_post(client, f"{BASE}/lots/cctv", {"cameras": "5", "control_rooms": "1", "transmission": "any"})
    form_post(client, f"{BASE}/contribution", {"max_contribution": "1000"})
    assert form_post(client, f"{BASE}/check", {}).status_code == 302
    assert record(app).status == "submitted"
    lead = app.test_client()
    sign_in(lead, "lead@cpsn.example")
    page = lead.get("/lead/")
    lead.post("/lead/partners/huntingdonshire/reopen", data={"csrf_token": csrf_of(page), "version": "0"})
    assert record(app).status == "draft"
    assert form_post(client, f"{BASE}/lots/cctv", {"cameras": "6", "control_rooms": "1", "transmission": "any"}).status_code == 302
    assert record(app).answers["cctv"]["cameras"] == "6"


def test_after_the_deadline_nothing_changes(app, client):
    lead = app.test_client()
    sign_in(lead, "lead@cpsn.example")
    refused = form_post(lead, "/lead/deadline", deadline_fields("2011-01-31 17:00")).get_data(as_text=True)
    assert "The deadline must be in the future" in refused  # it would lock every partner at once
    with app.app_context():  # a deadline that has since passed
        db.session.add(Setting(key="deadline", value="2011-01-31T17:00:00"))
        db.session.commit()
    start(client)
    with app.app_context():  # the choice of lots was refused: nothing was saved
        saved = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="huntingdonshire")).scalar_one_or_none()
        assert saved is None or saved.declined is None
    html = client.get(f"{BASE}/").get_data(as_text=True)
    assert "The deadline for answers passed on 31 January 2011 at 17:00" in html
    locked = client.get(f"{BASE}/lots").get_data(as_text=True)
    assert "Only the procurement lead (Procurement Lead, lead@cpsn.example) can extend the deadline" in locked
    assert "<input" not in locked.split('id="main-content"')[1].split("</main>")[0]  # a summary, no live inputs
    bad = form_post(lead, "/lead/deadline", {**deadline_fields("2031-01-31 17:00"), "deadline-month": ""})
    assert "The deadline must include a month" in bad.get_data(as_text=True)


def test_every_change_is_in_the_audit_trail_and_can_be_filtered(app, client):
    start(client)
    form_post(client, f"{BASE}/lots/cctv", {"cameras": "7"})
    form_post(client, f"{BASE}/lots/cctv", {"cameras": "8"})
    with app.app_context():
        events = (
            db.session.execute(
                db.select(AuditEvent).filter_by(partner_id="huntingdonshire", field="answers.cctv.cameras").order_by(AuditEvent.id)
            )
            .scalars()
            .all()
        )
        assert [(e.old_value, e.new_value, e.user_email) for e in events] == [(None, "7", OFFICER), ("7", "8", OFFICER)]
    lead = app.test_client()
    sign_in(lead, "lead@cpsn.example")
    html = lead.get("/lead/audit?partner=huntingdonshire&field=cameras").get_data(as_text=True)
    assert "CCTV transmission: Cameras needing a transmission circuit" in html and "8 cameras" in html
    assert "Lots chosen" not in html.split('id="audit"')[1]  # filtered to the cameras answer


def test_every_lot_page_renders_its_questions_without_stray_text(client):
    lots = ("wan", "internet_psn", "telephony", "cctv", "lan_wifi", "ip_telephony", "wan_internal")
    start(client, lots)
    for lot_id in lots:
        html = client.get(f"{BASE}/lots/{lot_id}").get_data(as_text=True)
        assert ">None<" not in html and "\nNone\n" not in html and "None</div>" not in html
        if lot_id not in ("cctv", "wan_internal"):  # each follow-up is revealed by the answer it follows
            assert "govuk-checkboxes__conditional" in html and 'data-aria-controls="conditional-' in html
            assert "Only if you" not in html


def test_a_submitted_partners_pages_show_a_summary_not_inputs(client):
    sign_in(client, "officer@fenland.example")
    for url in ("/lots/wan", "/organisation", "/lots", "/contribution", "/sites"):
        html = client.get(f"/partners/fenland{url}").get_data(as_text=True)
        assert "These answers have been submitted on 7 January 2011 at 12:00, so they cannot be changed" in html
        assert "ask the procurement lead (Procurement Lead, lead@cpsn.example) to reopen them" in html
        assert "govuk-summary-list" in html
        assert "<input" not in html.split('id="main-content"')[1].split("</main>")[0]  # no live inputs


def test_blank_lines_in_a_site_csv_are_not_sites(app, client):
    start(client, ("cctv",))
    blanks = "name,postcode,service_line\n" + "\n" * 500_000 + "Pathfinder House,PE29 3TN,camera_circuit\n" + " , , \n" * 1000
    response = upload(client, blanks)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert [s.name for s in record(app).sites] == ["Pathfinder House"]
    only_blanks = upload(client, "name,postcode,service_line\n" + "\n" * 100_000).get_data(as_text=True)
    assert "the file has a header row but no sites" in only_blanks


def test_too_many_sites_or_bytes_are_refused_before_the_file_is_read_through(catalogue):
    from cpsn_builder.web import sites_csv

    line = "A site,PE29 3TN,camera_circuit\n"
    _, [error] = sites_csv.parse(("name,postcode,service_line\n" + line * 20_001).encode(), catalogue, ["cctv"])
    assert str(error) == "Line 20002: the file has more than 20,000 sites; at most 20,000 can be uploaded at once"
    _, [error] = sites_csv.parse(b"name,postcode,service_line\n" + b"\n" * (sites_csv.MAX_BYTES + 1), catalogue, ["cctv"])
    assert "the file is larger than 2 MB, the most that can be uploaded at once" in str(error)
