"""Requirements authoring in a real browser, axe-core on every page: the lead edits a clause and
issues a version; an officer proposes a requirement and sees the lead's decision."""

from __future__ import annotations

from playwright.sync_api import expect

from browser_helpers import check_accessibility, sign_in, sign_out


def test_lead_edits_a_clause_issues_a_version_and_officer_sees_a_decision(server, page):
    base = server.url
    sign_in(page, base, "officer@fenland.example")
    page.goto(f"{base}/partners/fenland/requirements")
    check_accessibility(page, "requirements-partner-empty")
    page.click("text=Propose a requirement")
    page.click("button:has-text('Send to the procurement lead')")  # nothing filled in: the error summary
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # waits for the page the click posted
    check_accessibility(page, "requirements-propose-errors")
    page.check("input[name=lot][value=cctv]")
    page.fill("#text", "Cameras at the March depot shall record at night.")
    page.check("input[name=priority][value=Should]")
    page.fill("#why", "Break-ins at the depot after dark.")
    page.click("button:has-text('Send to the procurement lead')")
    assert "Waiting for a decision" in page.inner_text("main")
    check_accessibility(page, "requirements-partner-waiting")
    sign_out(page)

    sign_in(page, base, "lead@cpsn.example")
    page.goto(f"{base}/lead/requirements/")
    check_accessibility(page, "requirements-index")
    page.click("text=Lot 6: CCTV transmission")
    check_accessibility(page, "requirements-lot")
    page.click("a:has-text('Change CCTV-002')")
    page.fill("#text", "Recordings shall be kept for {{ no_such_figure }} days.")
    page.click("button:has-text('Save requirement')")
    assert "which is not a figure it can quote" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "requirements-clause-error")
    page.fill("#text", "The supplier shall keep recordings for 31 days.")
    page.click("button:has-text('Save requirement')")
    assert "The supplier shall keep recordings for 31 days." in page.inner_text("#CCTV-002")

    page.goto(f"{base}/lead/requirements/proposals")
    check_accessibility(page, "requirements-proposals")
    page.click("a:has-text('Fenland District Council')")
    check_accessibility(page, "requirements-decide")
    page.check("input[name=decision][value=decline]")
    page.fill("#reason", "The depot is outside the partnership's CCTV scope.")
    page.click("button:has-text('Save decision')")

    page.goto(f"{base}/lead/requirements/versions/")
    page.fill("#label", "0.1")
    page.fill("#summary", "First draft for the board")
    page.click("button:has-text('Issue version')")
    assert "Version 0.1 issued" in page.inner_text("main")
    check_accessibility(page, "requirements-versions")
    sign_out(page)

    sign_in(page, base, "officer@fenland.example")
    page.goto(f"{base}/partners/fenland/requirements")
    assert "Declined: The depot is outside the partnership's CCTV scope." in page.inner_text("main")
    check_accessibility(page, "requirements-partner-decided")
