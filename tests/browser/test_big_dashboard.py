"""The lead's dashboard for a programme of 45 partners in a real browser: a page of progress at a
time, pages to move between, each partner's figures closed until asked for; axe-core on each."""

from __future__ import annotations

import sys
import threading

import pytest
from werkzeug.serving import make_server

from browser_helpers import check_accessibility
from conftest import REPO
from cpsn_builder.web import create_app

sys.path.insert(0, str(REPO / "bench"))
from synthetic_programme import LEAD_EMAIL, LEAD_PASSWORD, fill_database, write_catalogue  # noqa: E402  (the benchmarks' programme)

PARTNERS = 45


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("big-dashboard")
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'big.sqlite3'}",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
            "CPSN_CATALOGUE": str(write_catalogue(tmp / "catalogue", PARTNERS)),
        },
        instance_path=str(tmp / "instance"),
    )
    fill_database(app, PARTNERS)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_the_lead_pages_through_progress_and_opens_each_partners_figures(big, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{big}/sign-in")
    page.fill("#email", LEAD_EMAIL)
    page.fill("#password", LEAD_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.goto(f"{big}/lead/")
    check_accessibility(page, "lead-dashboard-45-partners")
    assert page.locator("#progress tbody tr").count() == 20
    assert not page.locator("#partner-figures").is_visible()  # closed: 45 rows would be most of the page
    page.click("nav.govuk-pagination >> text=Next")
    assert "partners 21 to 40 of 45" in page.inner_text("main")
    assert page.locator("#progress tbody tr").first.inner_text().startswith("Synthetic Council 20")
    page.click("text=Costs and savings of each of the 45 partners")
    assert page.locator("#partner-figures tbody tr").count() == PARTNERS + 1  # and the total
    check_accessibility(page, "lead-dashboard-45-partners-page-2-open")
    page.click("#partner-years-link")
    assert page.locator("#partner-year-saving tbody tr").count() == PARTNERS + 1
    check_accessibility(page, "lead-partner-years-45-partners")
    context.close()
