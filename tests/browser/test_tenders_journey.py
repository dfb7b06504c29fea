"""The tender round in a real browser, axe-core on every page (error states too), each page at 1280 and
390 pixels wide: closing time, upload, the sealed view, scoring, the ranking, publishing, then what the
cabinet and a partner's officer see."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from browser_helpers import check_accessibility, sign_in, sign_out
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import TenderRound, utcnow
from tender_helpers import CRITERIA, workbook

ACME, BEACON = "Acme Networks Ltd", "Beacon Telecom plc"


def look(page, label: str) -> None:
    """axe-core at 1280 pixels, then at a phone's 390, with no sideways scrolling there."""
    page.set_viewport_size({"width": 1280, "height": 900})
    check_accessibility(page, f"{label}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    check_accessibility(page, f"{label}-390")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{label} scrolls sideways to {width} px at 390 wide"
    page.set_viewport_size({"width": 1280, "height": 900})


def score_all(page, value: str, evaluator: str | None = None) -> None:
    if evaluator:
        page.fill("#evaluator", evaluator)
    for criterion in CRITERIA:
        page.check(f"input[name=score_{criterion.lower()}][value='{value}']")


def test_lead_runs_a_tender_round_and_cabinet_and_a_partner_see_the_award(server, browser, tmp_path):
    base = server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, accept_downloads=True)
    page = context.new_page()
    sign_in(page, base, "lead@cpsn.example")
    page.click("nav[aria-label=Menu] >> text=Tenders")
    assert "No version of the statement of requirements has been issued" in page.inner_text("main")
    look(page, "tenders-no-version")

    page.goto(f"{base}/lead/requirements/versions/")
    page.fill("#label", "1.0")
    page.check("input[name=status][value=Final]")
    page.fill("#summary", "Issued to bidders")
    page.click("button:has-text('Issue version')")
    page.goto(f"{base}/tenders/")
    look(page, "tenders-open")
    page.click("button:has-text('Open the tender round')")  # no closing time: the error summary
    assert "Enter the closing time for bids" in page.inner_text(".govuk-error-summary")
    look(page, "tenders-open-error")
    page.fill("#closing-day", "31")
    page.fill("#closing-month", "1")
    page.fill("#closing-year", "2031")
    page.fill("#closing-time", "17:00")
    page.click("button:has-text('Open the tender round')")
    assert "Bids close on 31 January 2031 at 17:00" in page.inner_text(".govuk-notification-banner")

    page.click("#change-closing")
    page.fill("#closing-day", "14")
    page.fill("#closing-month", "2")
    page.click("button:has-text('Save closing time')")
    assert "14 February 2031 at 17:00" in page.inner_text("#closing-time")

    with page.expect_download() as download:  # the schedule the lead sends bidders, from the round's page
        page.click("#issued-schedule")
    assert download.value.suggested_filename == "cpsn-pricing-schedule-v1.0.xlsx"
    issued = Path(download.value.path()).read_bytes()
    files = {
        "acme.xlsx": workbook(issued, ACME, {"cctv": "0.95"}),
        "beacon.xlsx": workbook(issued, BEACON, {"cctv": "0.9"}),
        "notes.xlsx": b"not a workbook at all",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    page.set_input_files("#files", [str(tmp_path / n) for n in files])
    page.click("button:has-text('Upload')")
    summary = page.inner_text(".govuk-error-summary")
    assert "1 of the 3 files was refused, so nothing was saved" in summary and "notes.xlsx:" in summary
    look(page, "tenders-upload-refused")
    page.set_input_files("#files", [str(tmp_path / "acme.xlsx"), str(tmp_path / "beacon.xlsx")])
    page.click("button:has-text('Upload')")
    assert "2 bids received" in page.inner_text(".govuk-notification-banner")
    main = page.inner_text("main")
    assert "A valid pricing schedule of version 1.0" in main and ACME not in main and BEACON not in main and "£" not in main
    look(page, "tenders-sealed")

    with server.app.app_context():  # the closing time passes
        round_ = db.session.execute(db.select(TenderRound)).scalars().first()
        round_.closing_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    page.reload()
    assert ACME in page.inner_text("#opened-bids") and "Change the closing time" not in page.inner_text("main")
    look(page, "tenders-opened")

    page.click("#evaluation-link")
    look(page, "tenders-evaluation-unscored")
    for bidder in (ACME, BEACON):
        page.click(f"#ranking-cctv a:has-text('{bidder}')")
        look(page, f"tenders-marks-{bidder.split()[0].lower()}")
        page.click("#add-evaluator")
        page.click("button:has-text('Save the evaluator')")  # nothing chosen: every field in error
        assert "Enter the evaluator's name" in page.inner_text(".govuk-error-summary")
        look(page, "tenders-marks-evaluator-error")
        score_all(page, "3", evaluator="Sam Patel")
        page.click("button:has-text('Save the evaluator')")
        page.click("#moderate")
        look(page, "tenders-marks-moderated")
        score_all(page, "3")
        page.click("button:has-text('Save the moderated scores')")
        assert "The moderated scores" in page.inner_text(".govuk-notification-banner")
        page.goto(f"{base}/tenders/evaluation")
    assert "Leading: Beacon Telecom plc" in page.inner_text("#about-cctv")
    look(page, "tenders-evaluation")

    page.goto(f"{base}/tenders/award")
    assert page.is_checked(f"input[name=bidder_cctv][value='{BEACON}']")  # the leader, proposed
    look(page, "tenders-award")
    page.fill("#reason_cctv", "")
    page.click("button:has-text('Publish the award recommendation')")
    assert "Enter why this bidder is recommended" in page.inner_text(".govuk-error-summary")
    look(page, "tenders-award-error")
    page.fill("#reason_cctv", "The highest total score and the lowest compliant price.")
    page.click("button:has-text('Publish the award recommendation')")
    assert "The award recommendation is published" in page.inner_text(".govuk-notification-banner")
    look(page, "tenders-recommendation-lead")
    page.goto(f"{base}/tenders/award")
    look(page, "tenders-award-published")
    sign_out(page)

    sign_in(page, base, "cabinet@cpsn.example")
    page.click("nav[aria-label=Menu] >> text=Tenders")
    assert BEACON in page.inner_text("#awarded") and "Tendered contract value" in page.inner_text("#headline")
    look(page, "tenders-cabinet")
    with page.expect_download() as download:
        page.click("#award-report")
    assert download.value.suggested_filename == "cpsn-award-report.docx"
    sign_out(page)

    sign_in(page, base, "officer@fenland.example")
    page.click("nav[aria-label=Menu] >> text=Tenders")
    assert "Tendered costs and savings: Fenland District Council" in page.inner_text("h1")
    look(page, "tenders-partner")
    context.close()
