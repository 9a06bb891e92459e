"""A resident on a phone finds free activities for older people this week, opens one, puts it
in their calendar (.ics) and finds the subscribe links."""

import re
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations, wider_than_screen
from tests.home.factories import UserFactory


def test_find_free_activities_for_older_people_and_download_the_ics(live_server, phone):
    phone.goto(live_server.url + "/agenda/")
    assert phone.locator("h1").inner_text() == "Agenda"
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Komende 7 dagen").click()
    phone.wait_for_url(re.compile(r".*wanneer=7-dagen.*"))
    phone.get_by_text("Zoek uit").click()
    phone.get_by_label("Voor wie").select_option("ouderen")
    phone.get_by_label("Alleen gratis").check()
    phone.get_by_role("button", name="Toon activiteiten").click()
    phone.wait_for_url(re.compile(r".*voor=ouderen.*"))
    assert "wanneer=7-dagen" in phone.url and "gratis=on" in phone.url
    # The filters stay chosen after the page reloads (in the folded panel).
    phone.locator("details.agenda-filters > summary").click()
    assert phone.get_by_label("Voor wie").input_value() == "ouderen"
    assert phone.get_by_label("Alleen gratis").is_checked()
    items = phone.locator(".agenda-item")
    assert items.count() > 0
    assert all("Gratis" in text for text in items.all_inner_texts())
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Samen wandelen langs het Beweeglint").first.click()
    assert phone.locator("h1").inner_text() == "Samen wandelen langs het Beweeglint"
    assert "Elke donderdag" in phone.locator("main").inner_text()
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []
    google = phone.get_by_role("link", name="Google Agenda").get_attribute("href")
    assert google.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE")
    with phone.expect_download() as info:
        phone.get_by_role("link", name="Download voor uw agenda (.ics)").click()
    download = info.value
    assert download.suggested_filename == "wandelen-langs-het-beweeglint.ics"
    cal = Calendar.from_ical(Path(download.path()).read_bytes())
    event = cal.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Samen wandelen langs het Beweeglint"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event["RRULE"]["BYDAY"] == ["TH"]


def test_agenda_pages_have_no_csp_errors(live_server, phone):
    errors = []
    phone.on(
        "console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    for path in (
        "/agenda/",
        "/agenda/abonneren/",
        "/agenda/afgelopen/",
        "/agenda/aanmelden/",
        "/agenda/koffie-ochtend-huis-van-de-buurt/",
        "/agenda/plek/huis-van-de-buurt/",
        "/agenda/?wanneer=weekend&voor=ouderen",
    ):
        phone.goto(live_server.url + path)
        phone.wait_for_load_state("networkidle")
    assert errors == []


def test_subscribe_on_a_phone(live_server, phone):
    phone.goto(live_server.url + "/agenda/")
    phone.get_by_role("link", name="Abonneren").first.click()
    assert phone.locator("h1").inner_text() == "Abonneren op de agenda"
    host = live_server.url.split("://", 1)[1]
    webcal = phone.get_by_role("link", name=re.compile("^iPhone, iPad of Mac")).first.get_attribute("href")
    assert webcal == f"webcal://{host}/agenda/agenda.ics"
    google = phone.get_by_role("link", name=re.compile("^Android of Google Agenda")).first.get_attribute(
        "href"
    )
    assert google.startswith("https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F")
    url = phone.get_by_label("Of kopieer dit adres in uw agenda-app:").first.input_value()
    assert url == f"{live_server.url}/agenda/agenda.ics"
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []
    # A theme of its own.
    phone.get_by_role("link", name="Gezond eten").click()
    assert "Abonneren op ‘Gezond eten’" in phone.locator("main").inner_text()
    # The feed itself answers with a calendar.
    response = phone.request.get(url)
    assert response.status == 200 and response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert Calendar.from_ical(response.body()).walk("VEVENT")


def test_agenda_and_form_at_320px_without_javascript(live_server, browser, demo_site):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/agenda/?thema=gezond-eten")
    assert page.locator(".agenda-item").count() > 0
    assert wider_than_screen(page) == []
    page.goto(live_server.url + "/agenda/aanmelden/")
    assert wider_than_screen(page) == []
    log_in_on_the_way(page, "zonder-script@example.org")
    assert wider_than_screen(page) == []
    page.get_by_role("button", name="Verstuur").click()
    assert "Er gaat nog iets mis." in page.locator("main").inner_text()
    assert "Vul de naam van de activiteit in." in page.locator("main").inner_text()
    context.close()


def log_in_on_the_way(page, email):
    """From "Log dan eerst in" on the submission page, log in and come back to the form."""
    from allauth.account.models import EmailAddress

    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    assert "Heeft u een account?" in page.locator("main").inner_text()
    page.locator("main").get_by_role("link", name="Log dan eerst in").click()
    page.get_by_label("E-mail", exact=False).first.fill(email)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.locator("main").get_by_role("button", name="Inloggen").click()
    assert page.url.endswith("/agenda/aanmelden/")


def test_submission_form_is_accessible(live_server, phone):
    phone.goto(live_server.url + "/agenda/aanmelden/")
    assert serious_violations(phone) == []
    log_in_on_the_way(phone, "partner@example.org")
    assert serious_violations(phone) == []
    phone.get_by_role("button", name="Verstuur").click()
    assert serious_violations(phone) == []


def test_copy_button_on_the_subscribe_page(live_server, browser, demo_site):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(live_server.url + "/agenda/abonneren/")
    page.get_by_role("button", name="Kopieer het adres").first.click()
    expect(page.locator(".agenda-copy__status").first).to_contain_text("Gekopieerd.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}/agenda/agenda.ics"
    assert serious_violations(page) == []
    context.close()


NO_CLIPBOARD_API = "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});"


def test_without_the_clipboard_api_the_copy_button_selects_the_address(live_server, browser, demo_site):
    """The site-wide copy script (js/copy.js) on an old browser or a page not on https: the
    address is copied the old way, or left selected for the visitor to copy."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    context.add_init_script(NO_CLIPBOARD_API)
    page = context.new_page()
    page.goto(live_server.url + "/agenda/abonneren/")
    assert page.evaluate("navigator.clipboard") is None
    button = page.get_by_role("button", name="Kopieer het adres").first
    button.click()
    status = page.locator(".agenda-copy__status").first
    copied = r"Gekopieerd\. Plak het adres in uw agenda-app\."
    selected_only = r"Kopiëren lukte niet\. De tekst is nu geselecteerd\."
    expect(status).to_have_text(re.compile(rf"^({copied}|{selected_only})"))
    field = page.locator(".agenda-copy__input").first
    selected = field.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")
    assert selected == f"{live_server.url}/agenda/agenda.ics"
    assert wider_than_screen(page) == []
    context.close()


def test_a_link_with_several_themes_shows_them_all(live_server, browser, demo_site):
    """/agenda/ keeps one choice per filter in its panel, but a link with several (made on the
    partner page) is understood: every chosen theme named, ticked in the panel, kept on "Toon"."""
    from home.models import Theme

    themes = list(Theme.objects.all()[:2])
    query = "&".join(f"thema={t.slug}" for t in themes)
    for width in (360, 320):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
        page = context.new_page()
        page.goto(f"{live_server.url}/agenda/?{query}")
        summary = page.locator("details.agenda-filters > summary")
        for theme in themes:
            expect(summary).to_contain_text(theme.name)
        summary.click()
        group = page.get_by_role("group", name="Thema's")
        for theme in themes:
            expect(group.get_by_label(theme.name, exact=True)).to_be_checked()
        assert wider_than_screen(page) == []
        assert serious_violations(page) == []
        group.get_by_label(themes[1].name, exact=True).uncheck()
        page.get_by_role("button", name="Toon activiteiten").click()
        page.wait_for_url(re.compile(rf".*thema={themes[0].slug}.*"))
        assert f"thema={themes[1].slug}" not in page.url
        context.close()
