"""The lead's and cabinet's side in a real browser: figures while a partner is reopened, the dashboard
on a phone, confirmations and their error states; axe-core on every page, screenshots to look at."""

from __future__ import annotations

from datetime import datetime, timedelta

from playwright.sync_api import expect

from browser_helpers import check_accessibility, sign_in
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import Motion

FENLAND = "Fenland District Council"


def test_cabinet_figures_leave_out_a_reopened_partner_and_say_so(server, browser):
    base = server.url
    lead_context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    lead = lead_context.new_page()
    sign_in(lead, base, "lead@cpsn.example")
    check_accessibility(lead, "lead-dashboard-1280")
    assert lead.locator("nav[aria-label=Menu] li").count() == 10  # one row: nine pages and Sign out
    tops = lead.evaluate("[...document.querySelectorAll('.govuk-service-navigation__item')].map(e => e.getBoundingClientRect().top)")
    assert len(set(round(t) for t in tops)) == 1, tops
    assert lead.locator("#sign-out").evaluate("e => e.tagName") == "A"
    lead.click("a:has-text('Reopen Fenland District Council')")
    check_accessibility(lead, "lead-reopen-confirm")
    assert "leave Fenland District Council out" in lead.inner_text("main")
    lead.click("button:has-text('Reopen the answers')")
    assert "open for changes again" in lead.inner_text(".govuk-notification-banner")

    cabinet_context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    cabinet = cabinet_context.new_page()
    sign_in(cabinet, base, "cabinet@cpsn.example")
    basis = cabinet.inner_text("#figures-basis")
    assert f"draft answers from {FENLAND} are left out until submitted" in basis and "As at" in basis
    assert FENLAND not in cabinet.inner_text("#partner-figures")
    check_accessibility(cabinet, "cabinet-savings-partner-reopened")

    lead.goto(f"{base}/lead/")
    lead.click("text=Change what the figures include")
    lead.check("#basis-2")
    lead.click("button:has-text('Save what the figures include')")
    check_accessibility(lead, "lead-dashboard-drafts-included")
    cabinet.reload()
    assert f"drafts from {FENLAND}" in cabinet.inner_text("#figures-basis") and FENLAND in cabinet.inner_text("#partner-figures")
    cabinet.click("#sign-out")
    assert cabinet.url.endswith("/sign-in")
    lead_context.close()
    cabinet_context.close()


def test_dashboard_at_320_pixels_has_no_sideways_scrolling(server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 800}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, server.url, "lead@cpsn.example")
    for label, url in (("lead-dashboard-320", "/lead/"), ("reports-320", "/reports/"), ("lead-audit-320", "/lead/audit")):
        page.goto(server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{url} scrolls sideways to {width} px"
        check_accessibility(page, label)
    context.close()


def test_the_audit_trail_fits_a_1280_pixel_window(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, server.url, "lead@cpsn.example")
    page.goto(f"{server.url}/lead/audit")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    table = page.locator("#audit").bounding_box()
    assert table["x"] + table["width"] <= 1280
    context.close()


def test_a_vote_asks_to_confirm_and_no_choice_is_an_error(server, page):
    with server.app.app_context():
        now = datetime.utcnow()
        db.session.add(
            Motion(
                code="M-BROWSER",
                project_id="cpsn",
                text="Award the CPSN contract.",
                opens=now - timedelta(hours=1),
                closes=now + timedelta(days=2),
            )
        )
        db.session.commit()
    sign_in(page, server.url, "officer@cambs-county.example")
    page.goto(f"{server.url}/partners/cambs-county/votes")
    check_accessibility(page, "partner-vote")
    page.click("button:has-text('Continue')")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()  # waits for the page the click posted
    assert "Select for, against or abstain" in summary.inner_text()
    expect(page.locator(".govuk-error-message")).to_be_visible()
    check_accessibility(page, "partner-vote-error")
    page.click(".govuk-error-summary a")
    assert page.evaluate("document.activeElement.id") == "choice-M-BROWSER-for"
    page.check("#choice-M-BROWSER-abstain")
    page.click("button:has-text('Continue')")
    assert page.locator("h1").inner_text() == "Confirm your organisation's vote"
    check_accessibility(page, "partner-vote-confirm")
    page.click("button:has-text('Cast the vote')")
    assert "is recorded" in page.inner_text(".govuk-notification-banner")
    assert "Your organisation voted abstain" in page.inner_text("main")


def test_deadline_date_input_refuses_the_past(server, page):
    sign_in(page, server.url, "lead@cpsn.example")
    page.goto(f"{server.url}/lead/deadline")
    check_accessibility(page, "lead-deadline")
    page.fill("#deadline-day", "31")
    page.fill("#deadline-month", "1")
    page.fill("#deadline-year", "2011")
    page.fill("#deadline-time", "17:00")
    page.click("button:has-text('Save deadline')")
    assert "The deadline must be in the future" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "lead-deadline-error")
    page.fill("#deadline-year", str(datetime.now().year + 1))
    page.click("button:has-text('Save deadline')")
    assert "Deadline saved: 31 January" in page.inner_text(".govuk-notification-banner")


def test_lead_opens_a_motion_with_the_date_inputs(server, page):
    sign_in(page, server.url, "lead@cpsn.example")
    page.goto(f"{server.url}/lead/governance")
    page.fill("#code", "M-DATES")
    page.select_option("#project_id", "cpsn")
    page.fill("#text", "Adopt the evaluation criteria.")
    for name, (day, month, year, clock) in (("opens", ("1", "2", "2011", "09:00")), ("closes", ("14", "2", "2011", "17:00"))):
        page.fill(f"#{name}-day", day)
        page.fill(f"#{name}-month", month)
        page.fill(f"#{name}-year", year)
        page.fill(f"#{name}-time", clock)
    page.click("button:has-text('Open the motion')")
    assert "When voting closes must be in the future" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "lead-motion-error")
    page.fill("#closes-year", str(datetime.now().year + 1))
    page.click("button:has-text('Open the motion')")
    assert "Motion M-DATES is open for votes" in page.inner_text(".govuk-notification-banner")
    check_accessibility(page, "lead-governance")
