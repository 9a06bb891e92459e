"""Browser journeys in Debian's headless Chromium, driven by Playwright.

Without /usr/bin/chromium these tests are skipped with a clear message, unless
REQUIRE_BROWSER=1 (set by .ci/run), which turns the skip into a failure."""

import os
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 800}

# Playwright's sync API runs an event loop; Django must still allow ORM calls from tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def live_server_idle(request):
    """After a journey, wait until the live server has answered what the browser still asked
    (a closed page's last requests): the database is emptied next, and SQLite cannot empty a
    table that a request is still writing ("database table is locked")."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("live_server")  # set up first, so this waits before it is torn down
    yield
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name and thread.is_alive() for thread in threading.enumerate()
    ):
        time.sleep(0.05)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = (
            f"Browsertests overgeslagen: geen Chromium op {CHROMIUM}. "
            "Installeer het met `apt-get install chromium` om ze te draaien."
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, demo_site):
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def open_menu(page):
    """On a phone the menu (search, login, pages) sits behind the "Menu" button in the header;
    open it when it is closed, and return the main menu."""
    button = page.locator(".site-header").get_by_role("button", name="Menu")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()
    return page.get_by_role("navigation", name="Hoofdmenu")


def serious_violations(page):
    """Run axe-core on the page and return the serious and critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


# The elements that stick out past the right edge of the screen, widest first, as "tag.class
# (right edge)". Empty when the page needs no sideways scrolling. Naming them makes a failure
# say what to fix.
_WIDER_THAN_SCREEN = """() => {
    const limit = window.innerWidth;
    if (document.documentElement.scrollWidth <= limit) return [];
    return [...document.body.querySelectorAll('*')]
        .map(el => [el, el.getBoundingClientRect().right])
        .filter(([el, right]) => right > limit + 0.5)
        .sort((a, b) => b[1] - a[1]).slice(0, 5)
        .map(([el, right]) => {
            const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
            const text = (el.textContent || '').trim().slice(0, 60);
            return `${name}.${el.getAttribute('class') || ''} (${Math.round(right)}px): ${text}`;
        });
}"""


def wider_than_screen(page):
    """What makes the page scroll sideways (an empty list when nothing does)."""
    return page.evaluate(_WIDER_THAN_SCREEN)
