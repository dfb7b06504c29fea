import re

import pytest

from browser_helpers import CHROMIUM_ARGS, LiveServer, chromium_path, screenshot


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with LiveServer(tmp_path_factory.mktemp("browser")) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp only so the test can inject axe-core; the app itself allows no inline script
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed journey leaves a screenshot of every page it had open, taken before its contexts close."""
    report = yield
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and browser is not None:
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", item.name)
        for c, context in enumerate(browser.contexts):
            for p, open_page in enumerate(context.pages):
                try:
                    screenshot(open_page, f"failed-{name}-{c}-{p}", failed=True)
                except Exception as exc:  # a crashed page must not hide the test's own failure
                    report.sections.append(("screenshot", f"no screenshot of page {p}: {exc}"))
    return report
