"""A partner officer's questionnaire in Chromium: Change links and a confirmation, conditional reveals
with JavaScript on and off, the error summary taking focus, and a locked questionnaire.

axe-core checks every page (error states included); each page is photographed at 1280 and 320
pixels wide into test-output/screenshots, and at 320 no page may scroll sideways.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_helpers import check_accessibility, screenshot, sign_in

OFFICER = "officer@huntingdonshire.example"
BASE = "/partners/huntingdonshire"


@pytest.fixture
def wide(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_script(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, java_script_enabled=False)
    yield context.new_page()
    context.close()


def look_without_javascript(browser, page, base: str, label: str) -> None:
    """axe-core needs JavaScript: check the page as the script-less browser drew it, in a second browser
    on the same origin (so the styles load) with the page's own script left out."""
    html = re.sub(r'<script type="module"[^>]*></script>', "", page.content())
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    checker = context.new_page()
    checker.goto(f"{base}/accessibility")
    checker.set_content(html)
    assert checker.evaluate("!document.body.classList.contains('govuk-frontend-supported')")
    try:
        look(checker, label)
    finally:
        context.close()


def look(page, label: str) -> None:
    """axe-core at 1280 px; then 320 px, where nothing may scroll sideways (screenshots of both under `make screenshots`)."""
    check_accessibility(page, f"q-{label}")
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, f"q-{label}-320", failed=overflow > 320)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 320, f"{label}: the page is {overflow} px wide at 320 px"


def focused_error_summary(page) -> bool:
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    active = page.evaluate(
        "document.activeElement.classList.contains('govuk-error-summary') || document.activeElement.outerHTML.slice(0, 200)"
    )
    assert active is True, active
    return True


def save(page):
    with page.expect_navigation():
        page.click("button:has-text('Save and continue')")


def test_officer_completes_checks_changes_and_submits(server, wide, tmp_path):
    page, base = wide, server.url
    sign_in(page, base, OFFICER)
    tasks = page.locator(".govuk-task-list")
    # Cannot-start rows are grey text, not links (the GOV.UK task list pattern); the deadline-free demo says nothing of one.
    assert page.locator(".govuk-task-list__status--cannot-start-yet").count() >= 1
    assert tasks.locator("a:has-text('Check answers and submit')").count() == 0
    look(page, "tasks-new")

    page.click("text=Organisation details and contact")
    assert page.get_attribute("#contact_email", "type") == "email" and page.get_attribute("#contact_phone", "type") == "tel"
    page.fill("#contact_name", "Chris Hall")
    page.fill("#contact_email", "chris@hunts.example")
    page.fill("#contact_phone", "call me maybe")
    save(page)
    assert focused_error_summary(page), "the error summary takes focus when the page loads"
    assert "Enter a telephone number, like 01480 388388" in page.inner_text(".govuk-error-summary")
    assert page.title().startswith("Error: ")
    look(page, "organisation-error")
    page.fill("#contact_phone", "01480 388388")
    save(page)

    page.click("text=Choose lots, or decline the project")
    page.check("input[name=participation][value=yes]")
    page.check("input[name=lots][value=wan]")
    page.check("input[name=lots][value=cctv]")
    look(page, "lots")
    save(page)

    page.click("a:has-text('Data access and wide area network')")
    page.wait_for_url("**/lots/wan")
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    follow_up = page.locator("#resilient_sites")
    assert not follow_up.is_visible(), "a follow-up stays hidden until its box is ticked"
    assert page.locator(".govuk-input__suffix:has-text('circuits')").count() >= 3  # units as suffixes, not in labels
    for field, value in (("broadband_sites", "20"), ("sites_10m", "10"), ("sites_100m", "5"), ("sites_1g", "1"), ("core_links", "1")):
        page.fill(f"#{field}", value)
    page.check("#needs_resilience")
    assert follow_up.is_visible()
    follow_up.fill("500")
    look(page, "wan-revealed")
    save(page)
    assert focused_error_summary(page)
    assert "Number of resilient circuits must be 36 or fewer, the number of sites you gave" in page.inner_text(".govuk-error-summary")
    look(page, "wan-error")
    page.click(".govuk-error-summary a")
    assert page.evaluate("document.activeElement.id") == "resilient_sites"
    page.fill("#resilient_sites", "12")
    save(page)

    page.click("a:has-text('CCTV transmission')")
    page.fill("#cameras", "1")
    page.fill("#control_rooms", "1")
    page.check("input[name=transmission][value=fibre]")
    page.fill("#current_spend", "85000")
    save(page)
    page.click("text=Maximum contribution")
    expect(page.locator("body")).to_contain_text("for the whole term")  # waits for the page the link opens
    page.fill("#max_contribution", "999999999")
    save(page)
    assert "must be £210,000 or less" in page.inner_text(".govuk-error-summary")
    page.fill("#max_contribution", "40000")
    save(page)

    page.click("a.govuk-task-list__link:has-text('Sites')")
    csv = tmp_path / "sites.csv"
    csv.write_text("name,postcode,service_line\nPathfinder House,PE29 3TN,eth_1g\nPathfinder House,pe293tn,camera_circuit\n,XX1,eth_2g\n")
    page.set_input_files("#file", str(csv))
    with page.expect_navigation():
        page.click("button:has-text('Upload and replace all sites')")
    assert focused_error_summary(page)
    assert "The file has 4 errors, listed at the top of the page" in page.inner_text("#file-error")
    assert "eth_1g" in page.inner_text("#service-lines") and "1 Gbps Ethernet circuit" in page.inner_text("#service-lines")
    look(page, "sites-upload-error")
    csv.write_text("name,postcode,service_line\nPathfinder House,PE29 3TN,eth_1g\nSt Ives Depot,PE27 5BW,camera_circuit\n")
    page.set_input_files("#file", str(csv))
    with page.expect_navigation():
        page.click("button:has-text('Upload and replace all sites')")
    assert "2 sites uploaded" in page.content()
    look(page, "sites")
    page.click("a:has-text('Remove St Ives Depot')")
    page.wait_for_url("**/remove")
    look(page, "site-remove")
    with page.expect_navigation():
        page.click("button:has-text('Yes, remove this site')")
    assert "Your sites: 1 site" in page.content()
    page.goto(f"{base}{BASE}/")

    page.click("a:has-text('Check answers and submit')")
    summary = page.inner_text("main")
    for shown in (
        "Fibre wherever possible",
        "1 camera",
        "1 link",
        "12 circuits",
        "£85,000",
        "£40,000",
        "01480 388388",
        "Pathfinder House, PE29 3TN (1 Gbps Ethernet circuit)",
    ):
        assert shown in summary, shown
    assert "£85000" not in summary and "Not answered" not in summary
    look(page, "check")
    page.click("#summary-lot-cctv a:has-text('Change')")  # cameras, the first row
    page.wait_for_url("**/lots/cctv?return=check#cameras")
    assert page.evaluate("location.hash") == "#cameras"
    page.fill("#cameras", "3")
    save(page)
    assert page.url.endswith("/check#summary-lot-cctv"), "a Change link returns to check your answers, at the lot changed"
    assert "3 cameras" in page.inner_text("#summary-lot-cctv")

    with page.expect_navigation():
        page.click("button:has-text('Submit answers')")
    panel = page.locator(".govuk-panel")
    assert panel.is_visible() and "Answers submitted" in panel.inner_text()
    assert re.fullmatch(r"CPSN-\d{3}-\d{8}-\d{6}", page.inner_text("#reference"))
    assert "What happens next" in page.content()
    look(page, "submitted")

    page.goto(f"{base}{BASE}/")
    assert "Submitted" in page.inner_text(".govuk-task-list")
    look(page, "tasks-submitted")


def test_follow_ups_without_javascript(server, no_script, browser):
    """With JavaScript off every follow-up shows; one answered without ticking its box is not kept."""
    page, base = no_script, server.url
    sign_in(page, base, "officer@peterborough.example")
    page.goto(f"{base}/partners/peterborough/lots")
    page.check("input[name=participation][value=yes]")
    page.check("input[name=lots][value=lan_wifi]")
    save(page)
    page.goto(f"{base}/partners/peterborough/lots/lan_wifi")
    assert page.locator("#public_wifi_sites").is_visible()
    look_without_javascript(browser, page, base, "lan-wifi-no-javascript")
    page.fill("#access_points", "10")
    page.fill("#switch_ports", "100")
    page.fill("#public_wifi_sites", "4")  # but "We want public Wi-Fi" is not ticked
    save(page)
    page.goto(f"{base}/partners/peterborough/check")
    assert "How many sites need public Wi-Fi?" not in page.inner_text("main")
    page.goto(f"{base}/partners/peterborough/lots/lan_wifi")
    page.check("#needs_public_wifi")
    page.fill("#public_wifi_sites", "4")
    save(page)
    page.goto(f"{base}/partners/peterborough/check")
    assert "4 sites" in page.inner_text("main")


def test_a_submitted_questionnaire_is_a_summary_that_says_who_can_reopen_it(server, wide):
    page, base = wide, server.url
    sign_in(page, base, "officer@fenland.example")
    for url, label in (("/lots/wan", "locked-lot"), ("/sites", "locked-sites"), ("/contribution", "locked-contribution")):
        page.goto(f"{base}/partners/fenland{url}")
        notice = page.inner_text("#locked-notice")
        assert "These answers have been submitted" in notice and "ask the procurement lead" in notice
        assert page.locator("main input:not([type=hidden]), main textarea, main select, main button").count() == 0
        assert page.locator("main .govuk-summary-list").count() >= 1
        look(page, label)
    page.goto(f"{base}/partners/fenland/check")
    assert page.locator("button:has-text('Submit answers')").count() == 0
    assert page.locator("main a:has-text('Change')").count() == 0
    look(page, "locked-check")
