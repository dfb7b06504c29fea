"""Browser tests: the real app on a loopback port, Debian's Chromium driven by Playwright, axe-core for WCAG."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from conftest import REPO
from cpsn_builder.web.demo import DEMO_PASSWORD
from web_helpers import make_app

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "test-output" / "screenshots"
# A full-page screenshot costs a browser test about a sixth of its time, so every page is saved only
# when someone will look (`make screenshots`); a failing check or test saves its page regardless.
EVERY_SCREENSHOT = os.environ.get("CPSN_SCREENSHOTS") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): browser journeys need a real browser")
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm install` (make assets does) for the accessibility checks")
    return path


class LiveServer:
    def __init__(self, tmp: Path, **config):
        # An app as the web tests make theirs: a copy of the migrated demo database, and the
        # session's compiled templates and catalogue (compiling its pages took a module about a second).
        self.app, _ = make_app("sqlite", tmp, **config)
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()


def screenshot(page, label: str, failed: bool = False) -> None:
    """The whole page as `label`.png, under `make screenshots` or when something failed on it."""
    if EVERY_SCREENSHOT or failed:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{label}.png"), full_page=True)


def check_accessibility(page, label: str) -> None:
    """axe-core on the current page at WCAG 2.0/2.1/2.2 A and AA: no violations (a screenshot under `make screenshots`)."""
    screenshot(page, label)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    # resultTypes: only violations carry every node; passes are counted, not described (a third faster on big pages)
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']})""")
    violations = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
    if violations:
        screenshot(page, label, failed=True)
    assert violations == [], f"{label}: {json.dumps(violations, indent=1)}"


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/sign-in")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    # A goto before the POST's answer arrives would cancel it, and the session cookie with it.
    page.wait_for_url(lambda url: "/sign-in" not in url)


def sign_out(page) -> None:
    """Sign out as a person does, with the navigation's link (from the service itself it needs no button)."""
    page.click("#sign-out")
    page.wait_for_url("**/sign-in")
