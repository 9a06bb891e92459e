from tests.browser.conftest import serious_violations


def test_home_page_on_a_phone_is_accessible(live_server, phone):
    phone.goto(live_server.url + "/")
    assert phone.locator("h1").inner_text() == "Welkom in de Stevenshof"
    # No horizontal scrolling at phone width.
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert serious_violations(phone) == []


def test_home_page_at_320px_and_skip_link(live_server, browser, demo_site):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"
    context.close()


def test_search_from_the_header(live_server, phone):
    phone.goto(live_server.url + "/")
    phone.get_by_label("Zoek op de site").fill("privacy")
    phone.get_by_role("button", name="Zoek").first.click()
    phone.wait_for_url("**/zoeken/?q=privacy")
    phone.get_by_role("link", name="Privacy").first.click()
    assert phone.locator("h1").inner_text() == "Privacy"
    assert serious_violations(phone) == []


def test_content_search_and_404_pages_are_accessible(live_server, phone):
    for path in ("/over-ons/", "/zoeken/?q=wijk", "/zoeken/?q=", "/bestaat-niet/"):
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        assert serious_violations(phone) == [], path


def test_reading_works_without_javascript(live_server, browser, demo_site):
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.get_by_label("Zoek op de site").is_visible()
    page.get_by_role("link", name="Privacy").click()
    assert page.locator("h1").inner_text() == "Privacy"
    context.close()
