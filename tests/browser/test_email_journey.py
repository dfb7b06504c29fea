"""In a real browser: the lead invites an officer, the officer follows the emailed link, sets a
password and signs in; the reset pages and a used link; axe-core on every page, 1280 and 320 px wide."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_helpers import LiveServer, check_accessibility, sign_in, sign_out
from mail_helpers import SmtpServer, mail_config, plain

NEW = "sam.jones@huntingdonshire.example"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def mail_server():
    with SmtpServer() as smtp:
        yield smtp


@pytest.fixture(scope="module")
def live(tmp_path_factory, mail_server):
    with LiveServer(tmp_path_factory.mktemp("email-browser"), **mail_config(mail_server)) as server:
        server.app.config["CPSN_BASE_URL"] = server.url  # links in the emails open this server
        yield server


def _send(live):
    from cpsn_builder.mail.worker import send_due

    with live.app.app_context():
        return send_due()


def _narrow_too(page, label):
    """The same page at 320 px: nothing may need sideways scrolling, and axe runs again."""
    page.set_viewport_size({"width": 320, "height": 800})
    check_accessibility(page, f"{label}-320")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.cpsn-scroll'))
        .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className)""")
    assert wide == [], f"{label} is wider than 320 px: {wide[:5]}"
    width = page.evaluate("document.documentElement.scrollWidth")
    culprits = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map(e => e.tagName.toLowerCase() + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right))""")
    assert width <= 320, f"{label} scrolls sideways at 320 px ({width} px: {culprits[:8]})"
    page.set_viewport_size({"width": 1280, "height": 900})


def _link(message) -> str:
    return re.search(r"(http://127\.0\.0\.1:\d+/set-password/\S+)", plain(message)).group(1)


def test_invited_officer_sets_a_password_and_signs_in(live, page, mail_server):
    base = live.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "lead@cpsn.example")
    page.goto(f"{base}/lead/users")
    page.click("button:has-text('Send invitation')")
    check_accessibility(page, "email-invite-error")
    page.fill("#name", "Sam Jones")
    page.fill("#email", NEW)
    page.check("input[name=role][value=partner]")
    page.select_option("#partner_id", "huntingdonshire")
    page.click("button:has-text('Send invitation')")
    expect(page.locator("body")).to_contain_text("Sam Jones has been sent an invitation")
    check_accessibility(page, "email-invite-sent")
    page.goto(f"{base}/lead/outbox")
    assert NEW in page.content()
    check_accessibility(page, "email-outbox-queued")
    assert _send(live).sent == 1
    page.reload()
    check_accessibility(page, "email-outbox")
    _narrow_too(page, "email-outbox")
    sign_out(page)

    [message] = [m for m in mail_server.messages if m["To"] == NEW]
    link = _link(message)
    page.goto(link)
    check_accessibility(page, "email-set-password")
    _narrow_too(page, "email-set-password")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", "something else entirely")
    page.click("button:has-text('Set password')")
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # waits for the page the click posted
    check_accessibility(page, "email-set-password-error")
    page.click(".govuk-error-summary a")
    assert page.evaluate("document.activeElement.id") == "confirm"
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("button:has-text('Set password')")
    expect(page.locator("body")).to_contain_text("Your password is set")
    assert "/sign-in" in page.url
    check_accessibility(page, "email-password-set")
    page.fill("#email", NEW)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url("**/partners/huntingdonshire/")
    check_accessibility(page, "email-officer-tasks")
    sign_out(page)

    page.goto(link)  # the link again
    assert "This link has already been used" in page.content()
    check_accessibility(page, "email-link-used")
    _narrow_too(page, "email-link-used")


def test_forgotten_password_pages(live, page, mail_server):
    base = live.url
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/sign-in")
    page.click("text=Forgot your password?")
    check_accessibility(page, "email-forgot")
    _narrow_too(page, "email-forgot")
    page.fill("#email", "not an address")
    page.click("button:has-text('Send a link')")
    check_accessibility(page, "email-forgot-error")
    page.fill("#email", "officer@fenland.example")
    page.click("button:has-text('Send a link')")
    assert page.locator("#reset-sent").inner_text().startswith("If an account exists for officer@fenland.example, we have sent a link")
    check_accessibility(page, "email-forgot-sent")
    _narrow_too(page, "email-forgot-sent")
    _send(live)
    page.goto(_link([m for m in mail_server.messages if m["To"] == "officer@fenland.example"][-1]))
    assert "Set a new password" in page.content()
    check_accessibility(page, "email-reset-password")
    page.goto(f"{base}/set-password/not-a-link-we-sent")
    check_accessibility(page, "email-link-unknown")
