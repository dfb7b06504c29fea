"""Real-browser journeys with an accessibility check on every page they visit."""

from __future__ import annotations

import re
import subprocess
import sys

import docx
import openpyxl
from playwright.sync_api import expect

from browser_helpers import check_accessibility, sign_in


OFFICER = "officer@huntingdonshire.example"


def test_partner_officer_completes_and_submits(server, page, tmp_path):
    base = server.url
    check_accessibility_at = lambda label: check_accessibility(page, label)  # noqa: E731
    page.goto(f"{base}/sign-in")
    check_accessibility_at("sign-in")
    page.fill("#email", OFFICER)
    page.fill("#password", "wrong password")
    page.click("button:has-text('Sign in')")
    check_accessibility_at("sign-in-error")
    sign_in(page, base, OFFICER)
    check_accessibility_at("partner-tasks")

    page.click("text=Organisation details and contact")
    page.fill("#contact_name", "Chris Hall")
    page.fill("#contact_email", "chris@hunts.example")
    check_accessibility_at("partner-organisation")
    page.click("button:has-text('Save and continue')")

    page.click("text=Choose lots, or decline the project")
    page.click("button:has-text('Save and continue')")
    check_accessibility_at("partner-lots-error")
    page.check("input[name=participation][value=yes]")
    page.check("input[name=lots][value=cctv]")
    page.click("button:has-text('Save and continue')")

    page.click("text=CCTV transmission")
    page.fill("#cameras", "-3")
    page.click("button:has-text('Save and continue')")
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # waits for the page the click posted
    check_accessibility_at("partner-lot-error")
    page.click(".govuk-error-summary a")  # the summary links to the field
    assert page.evaluate("document.activeElement.id") == "cameras"
    page.fill("#cameras", "110")
    page.fill("#control_rooms", "1")
    page.check("input[name=transmission][value=fibre]")
    page.click("button:has-text('Save and continue')")

    page.click("a.govuk-task-list__link:has-text('Sites')")
    check_accessibility_at("partner-sites")
    bad = tmp_path / "sites.csv"
    bad.write_text("name,postcode,service_line\nPathfinder House,PE29 3TN,camera_circuit\nNowhere,XX1,camera_circuit\n")
    page.set_input_files("#file", str(bad))
    page.click("button:has-text('Upload and replace all sites')")
    expect(page.locator("body")).to_contain_text("Line 3, column postcode")
    check_accessibility_at("partner-sites-upload-error")
    bad.write_text("name,postcode,service_line\nPathfinder House,PE29 3TN,camera_circuit\nSt Ives Depot,PE27 5BW,camera_circuit\n")
    page.set_input_files("#file", str(bad))
    page.click("button:has-text('Upload and replace all sites')")
    expect(page.locator("body")).to_contain_text("2 sites uploaded")

    page.goto(f"{base}/partners/huntingdonshire/contribution")
    page.fill("#max_contribution", "30000")
    check_accessibility_at("partner-contribution")
    page.click("button:has-text('Save and continue')")
    page.click("text=Check answers and submit")
    check_accessibility_at("partner-check")
    page.click("button:has-text('Submit answers')")
    expect(page.locator("body")).to_contain_text("Answers submitted")
    page.goto(f"{base}/partners/huntingdonshire/lots/cctv")
    assert "have been submitted" in page.content()
    assert page.locator("button:has-text('Save and continue')").count() == 0  # read only now
    check_accessibility_at("partner-read-only")
    page.goto(f"{base}/partners/huntingdonshire/votes")
    check_accessibility_at("partner-votes")


def figure(page, key: str) -> str:
    return page.inner_text(f"#figure-{key}")


def test_lead_follows_progress_runs_a_scenario_and_downloads(server, page, tmp_path):
    base = server.url
    sign_in(page, base, "lead@cpsn.example")
    check_accessibility(page, "lead-dashboard")
    shown = figure(page, "contract-value")

    out = tmp_path / "answers"
    import os

    env = {**os.environ, "DATABASE_URL": server.app.config["SQLALCHEMY_DATABASE_URI"]}
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
    assert f"Contract value {shown} of £40,000,000.00" in table

    page.click("nav >> text=Scenarios")
    page.check("#without-fenland")
    page.click("button:has-text('Compare with the base case')")
    expect(page.locator("#partner-changes")).to_be_visible()
    check_accessibility(page, "lead-scenario")
    for name, url in (
        ("lead-audit", "/lead/audit"),
        ("lead-users", "/lead/users"),
        ("lead-partners", "/lead/partners/"),
        ("lead-governance", "/lead/governance"),
        ("lead-deadline", "/lead/deadline"),
        ("reports", "/reports/"),
    ):
        page.goto(base + url)
        check_accessibility(page, name)

    with page.expect_download() as download:
        page.click("text=Statement of requirements (Word document")
    sor = docx.Document(download.value.path())
    assert any(p.text.startswith("1. Introduction") for p in sor.paragraphs)
    with page.expect_download() as download:
        page.click("text=Bidders' pricing schedule (Excel spreadsheet")
    download.value.save_as(tmp_path / download.value.suggested_filename)
    assert download.value.suggested_filename.endswith(".xlsx")
    assert openpyxl.load_workbook(tmp_path / download.value.suggested_filename).sheetnames[0] == "Instructions"


def test_cabinet_viewer_sees_savings_and_the_cabinet_report_only(server, page):
    base = server.url
    sign_in(page, base, "cabinet@cpsn.example")
    assert re.search(r"/reports/$", page.url)
    check_accessibility(page, "cabinet-savings")
    assert page.locator("text=Statement of requirements").count() == 0
    with page.expect_download() as download:
        page.click("text=Cabinet savings report for the partnership (Word document")
    first = docx.Document(download.value.path()).paragraphs[0].text
    assert first == "CAMBRIDGESHIRE COUNTY COUNCIL"  # the lead authority's cabinet paper
    assert page.goto(f"{base}/lead/").status == 404
    check_accessibility(page, "not-found")


def test_keyboard_only_completes_a_lots_questions(server, page):
    base = server.url
    sign_in(page, base, "officer@peterborough.example")
    page.goto(f"{base}/partners/peterborough/lots")
    page.focus("input[name=participation][value=yes]")
    page.keyboard.press("Space")
    page.focus("input[name=lots][value=cctv]")
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the form, as Enter in a form does
    page.goto(f"{base}/partners/peterborough/lots/cctv")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className").startswith("govuk-skip-link")
    page.focus("#cameras")
    page.keyboard.type("40")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first radio: fibre
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(f"{base}/partners/peterborough/check")
    content = page.content()
    assert "40 cameras" in content and "2 links" in content and "Fibre wherever possible" in content
