"""The home page, the header and its menu, and the welcome route, on a phone."""

import pytest

from tests.browser.conftest import open_menu, serious_violations, wider_than_screen

SMALL = {"width": 320, "height": 640}
PHONE_360 = {"width": 360, "height": 800}


def _on_first_screen(locator):
    """The element is shown whole within the first screen (the page is not scrolled)."""
    box = locator.bounding_box()
    height = locator.page.viewport_size["height"]
    return locator.is_visible() and box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_home_page_on_a_phone_is_accessible(live_server, phone):
    phone.goto(live_server.url + "/")
    assert phone.locator("h1").inner_text() == "Welkom in de Stevenshof"
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []
    open_menu(phone)
    assert serious_violations(phone) == []


@pytest.mark.parametrize("viewport", [PHONE_360, SMALL], ids=["360", "320"])
def test_first_screen_is_a_compact_header_and_the_three_blocks(live_server, browser, demo_site, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/")
    header = page.locator(".site-header")
    # The header is the name and one button: under a tenth of the first screen.
    assert header.bounding_box()["height"] <= 0.1 * viewport["height"]
    assert _on_first_screen(header.get_by_role("link", name="Stevenshof Vitaal"))
    assert _on_first_screen(header.get_by_role("button", name="Menu"))
    assert not page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    # Then what people come for.
    main = page.locator("main")
    assert _on_first_screen(main.get_by_role("heading", name="Vandaag en morgen in de wijk"))
    assert _on_first_screen(main.locator(".home-now .agenda-item__title a").first)
    assert _on_first_screen(main.get_by_role("heading", name="Hulp nodig?"))
    call = main.get_by_role("link", name="Bel 071 000 01 03")
    assert _on_first_screen(call)
    assert call.get_attribute("href") == "tel:0710000103"
    # The number stays on one line, also at 320 px.
    assert call.locator(".nowrap").evaluate("el => el.getClientRects().length") == 1
    assert call.bounding_box()["height"] < 60
    assert _on_first_screen(main.get_by_role("heading", name="Doe mee"))
    if viewport is PHONE_360:
        assert _on_first_screen(main.get_by_role("link", name="Kies een groep"))
    assert wider_than_screen(page) == []
    context.close()


def test_menu_button_opens_and_closes_the_menu(live_server, phone):
    phone.goto(live_server.url + "/")
    button = phone.locator(".site-header").get_by_role("button", name="Menu")
    menu = phone.get_by_role("navigation", name="Hoofdmenu")
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "menu"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Agenda").is_visible()
    assert phone.get_by_label("Zoek op de site").is_visible()
    # Tab goes from the button into the menu; Escape closes it and brings focus back.
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.getElementById('menu').contains(document.activeElement)")
    phone.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    assert button.evaluate("el => el === document.activeElement")
    # The keyboard opens and closes it too.
    phone.keyboard.press("Enter")
    assert menu.is_visible()
    phone.keyboard.press("Enter")
    assert not menu.is_visible()
    # From the open menu to a page.
    open_menu(phone).get_by_role("link", name="Nieuws").click()
    phone.wait_for_url("**/nieuws/")


def test_on_a_wide_screen_the_menu_is_always_there(live_server, browser, demo_site):
    context = browser.new_context(viewport={"width": 1200, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert not page.locator(".site-header").get_by_role("button", name="Menu").is_visible()
    assert page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Agenda").is_visible()
    assert page.get_by_label("Zoek op de site").is_visible()
    context.close()


def test_home_page_at_320px_and_skip_link(live_server, browser, demo_site):
    context = browser.new_context(viewport=SMALL, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert wider_than_screen(page) == []
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"
    context.close()


def test_search_from_the_menu(live_server, phone):
    phone.goto(live_server.url + "/")
    open_menu(phone)
    phone.get_by_label("Zoek op de site").fill("privacy")
    phone.get_by_role("button", name="Zoek").first.click()
    phone.wait_for_url("**/zoeken/?q=privacy")
    phone.get_by_role("link", name="Privacy").first.click()
    assert phone.locator("h1").inner_text() == "Privacy"
    assert serious_violations(phone) == []


def test_content_search_and_404_pages_are_accessible(live_server, phone):
    for path in ("/over-ons/", "/nieuw-in-de-wijk/", "/zoeken/?q=wijk", "/zoeken/?q=", "/bestaat-niet/"):
        phone.goto(live_server.url + path)
        assert wider_than_screen(phone) == [], path
        assert serious_violations(phone) == [], path


def test_reading_and_the_menu_work_without_javascript(live_server, browser, demo_site):
    context = browser.new_context(viewport=SMALL, java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert not menu.is_visible()
    # Without JavaScript "Menu" is a link that opens the menu below it.
    page.locator(".site-header").get_by_role("link", name="Menu").click()
    assert menu.is_visible()
    assert page.get_by_label("Zoek op de site").is_visible()
    page.get_by_role("link", name="Menu sluiten").click()
    assert not menu.is_visible()
    page.locator(".site-header").get_by_role("link", name="Menu").click()
    menu.get_by_role("link", name="Nieuw in de wijk").click()
    assert page.locator("h1").inner_text() == "Nieuw in de wijk"
    page.get_by_role("link", name="Privacy").click()
    assert page.locator("h1").inner_text() == "Privacy"
    context.close()


def test_a_new_resident_follows_the_welcome_route(live_server, browser, demo_site):
    context = browser.new_context(viewport=PHONE_360, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.locator("main").get_by_role("link", name="Zo vindt u de weg").click()
    page.wait_for_url("**/nieuw-in-de-wijk/")
    assert page.locator("h1").inner_text() == "Nieuw in de wijk"
    assert serious_violations(page) == []
    main = page.locator("main")
    # 1. The agenda.
    main.get_by_role("link", name="Naar de agenda").click()
    page.wait_for_url("**/agenda/")
    page.go_back()
    # 2. The Huis van de Buurt: where it is, when it is open, and the group that runs it.
    house = main.locator("section", has=page.get_by_role("heading", name="2. Kom naar het Huis van de Buurt"))
    assert "Adres: Huis van de Buurt" in house.inner_text()
    assert "9.00 tot 17.00 uur" in house.inner_text()
    house.get_by_role("link", name="Meer over het Huis van de Buurt").click()
    page.wait_for_url("**/initiatieven/ontmoetingsplek/")
    page.go_back()
    # 3. The welcome package: how to ask for it, with an address to mail and a number to call.
    assert main.get_by_role("heading", name="3. Vraag het welkomstpakket aan").is_visible()
    mail = main.get_by_role("link", name="wijkraad@stevenshof.test")
    assert mail.get_attribute("href") == "mailto:wijkraad@stevenshof.test"
    assert main.get_by_role("link", name="071 000 01 09").get_attribute("href") == "tel:0710000109"
    assert "uw naam en adres" in main.inner_text()
    context.close()


# The pages a resident uses most. Every link, button and form control on them, the open menu
# included, is at least 44 by 44 px. Not counted: links inside a sentence (an inline link whose
# block holds more text than the link, WCAG 2.5.8's exception), hidden elements, the honeypot
# fields of the forms (aria-hidden) and Wagtail's editor bar. A checkbox or radio button counts
# with its label, which is part of what can be tapped.
TAP_TARGET_PAGES = [
    "/",
    "/agenda/",
    "/initiatieven/",
    "/initiatieven/groen/",
    "/nieuws/",
    "/initiatieven/voeding/recept-van-de-week-linzensoep/",
    "/wat-kun-je-doen/",
    "/wat-kun-je-doen/thema/samen-en-sociaal/",
    "/wat-kun-je-doen/welkomstpakket/",
    "/nieuw-in-de-wijk/",
    "/over-ons/",
    "/doe-mee/",
    "/nieuwsbrief/",
    "/accounts/login/",
]
SMALL_TARGETS = """() => {
  const MIN = 44 - 0.5;
  const small = [];
  const blockOf = (el) => {
    let p = el.parentElement;
    while (p && getComputedStyle(p).display.startsWith("inline")) p = p.parentElement;
    return p;
  };
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  for (const el of document.querySelectorAll(controls)) {
    if (el.closest('wagtail-userbar, [data-wagtail-userbar], .skip-link, [aria-hidden=true]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    const r = el.getBoundingClientRect();
    let box = {width: r.width, height: r.height};
    if ((el.type === 'checkbox' || el.type === 'radio') && el.labels && el.labels.length) {
      const l = el.labels[0].getBoundingClientRect();
      box = {
        width: Math.max(r.right, l.right) - Math.min(r.left, l.left),
        height: Math.max(r.bottom, l.bottom) - Math.min(r.top, l.top),
      };
    }
    if (box.width >= MIN && box.height >= MIN) continue;
    if (el.tagName === 'A' && style.display === 'inline') {
      const block = blockOf(el);
      if (block && block.textContent.trim().length > el.textContent.trim().length) continue;
    }
    const name = (el.textContent || el.value || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""


def test_tap_targets_are_at_least_44px_on_the_main_pages(live_server, browser, demo_site):
    context = browser.new_context(viewport=PHONE_360, locale="nl-NL")
    page = context.new_page()
    found = {}
    for path in TAP_TARGET_PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        open_menu(page)
        small = page.evaluate(SMALL_TARGETS)
        if small:
            found[path] = small
    context.close()
    assert found == {}


def test_call_buttons_keep_the_number_on_one_line_at_320px(live_server, browser, demo_site):
    context = browser.new_context(viewport=SMALL, locale="nl-NL")
    page = context.new_page()
    for path in ("/", "/wat-kun-je-doen/thema/samen-en-sociaal/", "/wat-kun-je-doen/welkomstpakket/"):
        page.goto(live_server.url + path)
        buttons = page.locator("a.button--call")
        assert buttons.count() >= 1, path
        for i in range(buttons.count()):
            button = buttons.nth(i)
            assert button.locator(".nowrap").evaluate("el => el.getClientRects().length") == 1, path
            assert button.bounding_box()["height"] < 60, (path, button.inner_text())
        assert wider_than_screen(page) == [], path
    context.close()
