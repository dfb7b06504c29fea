import pytest

from browser_helpers import CHROMIUM_ARGS, LiveServer, chromium_path


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
