"""The done-when journey: a partner completes and submits; the lead's dashboard shows it, equal to the CLI."""

from __future__ import annotations

import re
import subprocess
import sys

from web_helpers import csrf_of, form_post, sign_in

OFFICER = "officer@huntingdonshire.example"


def complete_huntingdonshire(client):
    base = "/partners/huntingdonshire"
    assert (
        form_post(client, f"{base}/organisation", {"contact_name": "Chris Hall", "contact_email": "chris@hunts.example"}).status_code == 302
    )
    assert form_post(client, f"{base}/lots", {"participation": "yes", "lots": ["cctv", "telephony"]}).status_code == 302
    assert (
        form_post(
            client, f"{base}/lots/cctv", {"cameras": "110", "control_rooms": "1", "transmission": "fibre", "current_spend": "118,000"}
        ).status_code
        == 302
    )
    response = form_post(
        client,
        f"{base}/lots/telephony",
        {
            "analogue_lines": "140",
            "needs_sip": "y",
            "sip_channels": "120",
            "uk_minutes": "1,400,000",
            "mobile_minutes": "400000",
            "international_minutes": "5000",
            "number_porting": "keep",
        },
    )
    assert response.status_code == 302
    assert (
        form_post(
            client,
            f"{base}/sites",
            {"name": "Pathfinder House", "postcode": "pe29 3tn", "service_line": "camera_circuit", "save": "Save site"},
        ).status_code
        == 302
    )
    assert form_post(client, f"{base}/contribution", {"max_contribution": "50000"}).status_code == 302


def test_partner_completes_and_submits_then_cannot_edit(client):
    assert sign_in(client, OFFICER).status_code == 302
    tasks = client.get("/partners/huntingdonshire/").get_data(as_text=True)
    assert "Not yet started" in tasks and "Cannot start yet" in tasks
    complete_huntingdonshire(client)
    check = client.get("/partners/huntingdonshire/check").get_data(as_text=True)
    assert "110 cameras" in check and "Internet and Public Services Network access" not in check
    submitted = form_post(client, "/partners/huntingdonshire/check", {})
    assert submitted.status_code == 302 and submitted.headers["Location"].endswith("/partners/huntingdonshire/submitted")
    confirmation = client.get(submitted.headers["Location"]).get_data(as_text=True)
    assert "govuk-panel" in confirmation and "Your reference" in confirmation and "What happens next" in confirmation
    tasks = client.get("/partners/huntingdonshire/").get_data(as_text=True)
    assert "Submitted" in tasks and "have been submitted" in tasks
    refused = form_post(client, "/partners/huntingdonshire/lots/cctv", {"cameras": "999", "control_rooms": "1", "transmission": "fibre"})
    assert refused.status_code == 302
    assert "have been submitted" in client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "999" not in client.get("/partners/huntingdonshire/check").get_data(as_text=True)


def test_dashboard_figures_equal_the_cli_estimate_on_the_same_data(app, client, tmp_path):
    sign_in(client, OFFICER)
    complete_huntingdonshire(client)
    form_post(client, "/partners/huntingdonshire/check", {})
    client.post("/sign-out", data={"csrf_token": csrf_of(client.get("/sign-out"))})
    sign_in(client, "lead@cpsn.example")
    page = client.get("/lead/").get_data(as_text=True)
    assert "Huntingdonshire District Council" in page
    shown = {key: re.search(rf'id="figure-{key}">([^<]+)<', page).group(1) for key in ("contract-value", "annual-saving", "utilisation")}

    out = tmp_path / "exported"
    env_app = app.config["SQLALCHEMY_DATABASE_URI"]
    import os

    env = {**os.environ, "DATABASE_URL": env_app}
    subprocess.run(
        [sys.executable, "-m", "cpsn_builder", "db", "export-responses", "--out", str(out)],
        check=True,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    table = subprocess.run(
        [sys.executable, "-m", "cpsn_builder", "estimate", "--responses", str(out)], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    assert f"Contract value {shown['contract-value']} of £40,000,000.00: {shown['utilisation']} used" in table
    assert shown["annual-saving"] in table
